"""The password check of a sign-in, with its throttling: shared by `POST /auth/login`
and the console's sign-in form, so both count attempts against the same budgets and
spend the same bcrypt time on an unknown email as on a wrong password."""
from __future__ import annotations

from db import ratelimit, users
from db.models import User
from domain import errors
from domain.passwords import check_password
from web import context

RATE_WINDOW_S = 60


def check(email: str, password: str) -> User:
    """The active user with this email and password; InvalidCredentials, AccountDisabled
    or RateLimited otherwise. Only failed attempts use up the budgets."""
    settings = context.settings()
    counted = _count_attempt(email)
    with context.uow() as session:
        user = users.by_email(session, email)
    # Checked outside any transaction so a burst of logins cannot drain the pool;
    # an unknown email spends the same bcrypt time as a wrong password.
    known_hash = user.password_hash if user else None
    if not check_password(password, known_hash, settings.bcrypt_rounds):
        raise errors.InvalidCredentials()
    if not user.is_active:
        raise errors.AccountDisabled()
    for action, subject in counted:
        ratelimit.give_back(context.redis(), action, subject)
    return user


def _count_attempt(email: str) -> list[tuple[str, str]]:
    """Count the attempt against both budgets before the password is checked (so that
    parallel guesses are counted one by one); returns what to give back on success."""
    settings, r = context.settings(), context.redis()
    budgets = [("login_ip", context.client_ip(), settings.login_rate_per_ip),
               ("login_email", ratelimit.pseudonym(settings.secret_key, email),
                settings.login_rate_per_email)]
    counted = []
    try:
        for action, subject, limit in budgets:
            ratelimit.hit(r, action, subject, limit, RATE_WINDOW_S)
            counted.append((action, subject))
    except errors.RateLimited:
        # Refused before any check: this attempt must not use up the other budget.
        for action, subject in counted:
            ratelimit.give_back(r, action, subject)
        raise
    return counted
