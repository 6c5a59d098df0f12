"""The operator console: server-rendered pages under /console for moderators, admins
and super admins (the KYC queue, disputes, wallets, the ledger, its health).

Pages are HTML, not part of the JSON API nor of its OpenAPI document. They sign in with
the API's identity (a password, or a bearer token of the external issuer), and every
page calls the same db/ queries and services/ use cases as the API's admin routes,
under the same roles and segregation of duties, writing the same audit rows.
"""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static", static_url_path="/static")


def init_app(app: Flask) -> None:
    # Imported for their routes and handlers, which they add to `bp`.
    from web.console import (  # noqa: F401
        dashboard,
        disputes,
        failures,
        health,
        kyc,
        ledger,
        signin,
        wallets,
    )

    app.register_blueprint(bp)
