"""Operations: the asynchronous result of every money call."""
from __future__ import annotations

from flask import g
from flask.views import MethodView

from db import operations
from db.models import Operation
from domain import errors
from domain.ids import uuid_or_none
from domain.roles import has_role
from web import context
from web.auth.guard import requires
from web.blueprint import Blueprint
from web.envelope import ok
from web.fields import envelope, page_of
from web.operations.present import operation_view
from web.operations.schemas import OperationListArgs, OperationSchema

blp = Blueprint("operations", __name__, url_prefix="/operations",
                description="Poll the outcome of money operations")


@blp.route("")
class OperationList(MethodView):
    @requires("user")
    @blp.arguments(OperationListArgs, location="query", as_kwargs=True)
    @blp.response(200, envelope(OperationSchema, many_page=True))
    def get(self, page: int, per_page: int, status: str | None = None, type: str | None = None):
        """List your operations, newest first"""
        with context.uow() as session:
            rows, total = operations.page_for_user(session, g.user.id, status=status, type_=type,
                                                   page=page, per_page=per_page)
            items = [operation_view(session, row) for row in rows]
        return ok(page_of(items, page, per_page, total), "Operations")


@blp.route("/<operation_id>")
class OperationDetail(MethodView):
    @requires("user")
    @blp.response(200, envelope(OperationSchema))
    @blp.alt_response(404, description="OPERATION_NOT_FOUND (also for another user's operation)")
    def get(self, operation_id: str):
        """Get one operation (owner, or moderator and above)"""
        # Autocommit reads: a completed operation's ledger rows were committed with it.
        with context.reads() as session:
            operation = visible_operation(session, operation_id)
            return ok(operation_view(session, operation), "Operation")


def visible_operation(session, operation_id: str) -> Operation:
    parsed = uuid_or_none(operation_id)
    operation = None if parsed is None else operations.by_id(session, parsed)
    # Another user's operation is reported as missing so that ids cannot be probed.
    if operation is None or (operation.user_id != g.user.id and not has_role(g.user.role, "moderator")):
        raise errors.OperationNotFound()
    return operation
