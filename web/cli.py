"""`flask --app wsgi ...` commands."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from marshmallow import ValidationError

from db import users
from domain.passwords import check_password, hash_password
from web import context, demo, doctor
from web.auth.schemas import RegisterSchema
from web.kyc.rotation import rotate_kyc_key


def register(app: Flask) -> None:
    app.cli.add_command(create_superadmin)
    app.cli.add_command(rotate_kyc_key)
    app.cli.add_command(doctor_command)
    app.cli.add_command(seed_demo)


@click.command("doctor")
@with_appcontext
def doctor_command() -> None:
    """Show what is reachable, the migration state and unsafe settings.

    Exits 1 when PostgreSQL, Redis, the broker or a configured SMTP server cannot be
    reached, or when the database is not at the latest migration.
    """
    report, status = doctor.render(doctor.run(context.settings()))
    click.echo(report)
    raise SystemExit(status)


@click.command("seed-demo")
@click.option("--wait", "wait_s", default=20.0, show_default=True,
              help="Seconds to wait for the worker to post the demo top-ups.")
@with_appcontext
def seed_demo(wait_s: float) -> None:
    """Create demo accounts: a super admin, a moderator and three verified, funded users.

    Their passwords are printed and public; refused when VAULTPAY_ENV=production. Runs
    through the API's own routes; a second run changes nothing.
    """
    try:
        seeded = demo.seed(current_app, wait_s=wait_s)
    except demo.DemoError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(demo.report(seeded))


@click.command("create-superadmin")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for when omitted, which keeps it out of the shell history.")
@click.option("--full-name", default="Super Admin", show_default=True)
@with_appcontext
def create_superadmin(email: str, password: str, full_name: str) -> None:
    """Create the first super admin, or promote the existing account with this email.

    Promoting needs that account's own password and refuses a deactivated account.
    """
    try:
        account = RegisterSchema().load(
            {"email": email, "password": password, "full_name": full_name})
    except ValidationError as exc:
        raise click.ClickException(_describe(exc.messages)) from exc
    settings = context.settings()
    with context.uow() as session:
        user = users.by_email(session, account["email"], for_update=True)
        if user is None:
            user = _create(session, account, settings.bcrypt_rounds)
            outcome = "created"
        else:
            _check_promotable(user, account["password"], settings.bcrypt_rounds)
            outcome = "unchanged" if user.role == "super_admin" else "promoted"
            user.role = "super_admin"
    click.echo(f"Super admin {user.id} {outcome}")


def _create(session, account: dict, rounds: int):
    user = users.insert_unless_registered(
        session, email=account["email"], password_hash=hash_password(account["password"], rounds),
        full_name=account["full_name"], role="super_admin")
    if user is None:
        raise click.ClickException("That email was registered meanwhile; run the command again")
    return user


def _check_promotable(user, password: str, rounds: int) -> None:
    # Knowing the account's password proves the operator means this account, and a
    # promotion never hands power to an account whose owner is unknown.
    if not check_password(password, user.password_hash, rounds):
        raise click.ClickException("An account with this email exists and the password "
                                   "does not match it; nothing changed")
    if not user.is_active:
        raise click.ClickException("An account with this email exists but is deactivated; "
                                   "nothing changed")


def _describe(messages: dict) -> str:
    return "; ".join(f"{name}: {' '.join(texts)}" for name, texts in messages.items())
