"""Operations and ledger rows across every wallet, with the filters of
`/admin/operations` and `/admin/transactions`, read by the same queries."""
from __future__ import annotations

from db import admin_queries as queries
from web import context
from web.admin.console_schemas import AdminOperationListArgs, AdminTransactionListArgs
from web.console import access, bp
from web.console.pages import choices, pages, query, render


@bp.get("/operations")
@access.page("moderator")
def operation_list():
    args = query(AdminOperationListArgs)
    with context.lagging_reads() as session:  # may trail the primary, as the API's list
        rows, total = queries.operation_page(
            session, status=args.get("status"), type_=args.get("type"),
            user_id=args.get("user_id"), wallet_id=args.get("wallet_id"),
            page=args["page"], per_page=args["per_page"])
    return render("console/operations.html", items=rows, total=total, page=args["page"],
                  pages=pages(total, args["per_page"]), args=args,
                  statuses=choices(AdminOperationListArgs, "status"),
                  types=choices(AdminOperationListArgs, "type"))


@bp.get("/transactions")
@access.page("moderator")
def transaction_list():
    args = query(AdminTransactionListArgs)
    page, per_page = args.pop("page"), args.pop("per_page")
    with context.lagging_reads() as session:
        rows, total = queries.transaction_page(
            session, queries.TransactionFilter(**args), context.settings().business_timezone,
            page, per_page)
    return render("console/transactions.html", items=rows, total=total, page=page,
                  pages=pages(total, per_page), args=args,
                  types=choices(AdminTransactionListArgs, "type"),
                  categories=choices(AdminTransactionListArgs, "category"))
