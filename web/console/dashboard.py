"""The dashboard: what waits for a moderator (the KYC queue and open disputes), the
ledger's last check for admins, and for super admins the statistics of
`GET /admin/stats` with a chart of each day's completed volume."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import g

from db import admin_queries as queries
from db import disputes, reconciliation
from db import kyc as kyc_rows
from domain.roles import has_role
from web import context
from web.console import access, bp, chart
from web.console.pages import render

CHART_DAYS = 30


@bp.get("/")
@access.page("moderator")
def dashboard():
    settings, role = context.settings(), g.user.role
    today = datetime.now(ZoneInfo(settings.business_timezone)).date()
    days = [today - timedelta(days=back) for back in range(CHART_DAYS - 1, -1, -1)]
    stats = volume = latest_run = None
    with context.lagging_reads() as session:  # counts may trail the primary by a moment
        _, pending_kyc = kyc_rows.page(session, status="pending", user_id=None, page=1, per_page=1)
        _, open_disputes = disputes.page(session, status="open", page=1, per_page=1)
        if has_role(role, "admin"):
            latest_run = reconciliation.latest_run(session)
        if has_role(role, "super_admin"):
            stats = queries.stats(session)
            volume = queries.daily_volume(session, days[0], settings.business_timezone)
    return render("console/dashboard.html", pending_kyc=pending_kyc, open_disputes=open_disputes,
                  latest_run=latest_run, stats=stats,
                  charts=chart.daily_volume(volume, days) if volume is not None else None,
                  chart_days=CHART_DAYS, first_day=days[0], last_day=days[-1])
