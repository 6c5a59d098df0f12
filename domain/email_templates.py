"""The emails VaultPay sends, as plain text: a subject and a body per template.

The email job names a template and passes the params it read from the subject its
message names (the message itself carries ids only). Templates that carry a
single-use token get it from the email job, which mints it at send time, so a token
exists only in the store (as a digest) and in the message itself.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

KYC_DECIDED, PIN_RESET, IP_CONFIRMATION = "kyc_decided", "pin_reset", "ip_confirmation"
# Templates whose message carries a token, and the token's purpose (its store prefix).
TOKEN_PURPOSES = {PIN_RESET: "pinreset", IP_CONFIRMATION: "ipconfirm"}

_SIGNATURE = "\n\n-- \nVaultPay. We never ask for your PIN or password by email or phone.\n"


class TemplateError(ValueError):
    """Raised for an unknown template or params it cannot be rendered with."""


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


@dataclass(frozen=True)
class Context:
    """What a template may use besides its params."""

    full_name: str
    token: str | None = None
    valid_minutes: int | None = None
    trust_days: int | None = None


def render(template: str, params: dict, context: Context) -> Email:
    renderer = _TEMPLATES.get(template)
    if renderer is None:
        raise TemplateError(f"unknown email template {template!r}")
    if template in TOKEN_PURPOSES and not context.token:
        raise TemplateError(f"template {template!r} needs a token")
    try:
        email = renderer(params, context)
    except (KeyError, TypeError) as exc:
        raise TemplateError(f"template {template!r} is missing a param: {exc}") from None
    return Email(email.subject, f"Hello {context.full_name},\n\n{email.body}{_SIGNATURE}")


def _kyc_decided(params: dict, context: Context) -> Email:
    if params["status"] == "verified":
        return Email("Your identity is verified",
                     "Your identity document was verified. You can now add and move money.")
    reason = params.get("reason") or "no reason was given"
    return Email("Your identity document was not accepted",
                 f"Your identity document was rejected: {reason}.\n"
                 "You can submit a document again from the app.")


def _pin_reset(params: dict, context: Context) -> Email:
    return Email("Reset your VaultPay PIN", (
        "Someone (hopefully you) asked to reset the transaction PIN of your wallet.\n\n"
        f"Your reset code: {context.token}\n\n"
        "Send it, signed in, with your new PIN to POST /api/v1/pin/reset. "
        f"It works once and expires in {context.valid_minutes} minutes. "
        "Resetting also lifts a lock caused by wrong PIN attempts.\n\n"
        "If you did not ask for this, ignore this email: your PIN stays as it is. "
        "Someone who can ask for it is signed in to your account, so change your password."
    ))


def _ip_confirmation(params: dict, context: Context) -> Email:
    return Email("Confirm a new network for your VaultPay wallet", (
        f"A payment from a network your account has not used before ({params['ip_masked']}) "
        "was stopped.\n\n"
        f"Your confirmation code: {context.token}\n\n"
        f"To trust this network for {context.trust_days} days, send the code to "
        "POST /api/v1/ip-trust/confirm, then try the payment again. "
        f"The code works once and expires in {context.valid_minutes} minutes.\n\n"
        "If this was not you, do not confirm, and change your password now: "
        "no money leaves from that network without this code."
    ))


_TEMPLATES: dict[str, Callable[[dict, Context], Email]] = {
    KYC_DECIDED: _kyc_decided,
    PIN_RESET: _pin_reset,
    IP_CONFIRMATION: _ip_confirmation,
}
