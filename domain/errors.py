"""Every error a client can see, with its stable `error_code` and HTTP status.

One root (`VaultPayError`), abstract middle classes by kind, and a concrete class per
code. Views never build error bodies by hand: the web layer turns any of these into
the envelope, and workers store `error_code`/`message` on a failed operation.
"""
from __future__ import annotations

from typing import Any


class VaultPayError(Exception):
    """Root of every error a client can see."""

    error_code = "INTERNAL_ERROR"
    status = 500
    message = "Something went wrong"

    def __init__(self, message: str | None = None, details: dict[str, Any] | None = None):
        self.message = message or self.message
        self.details = details or {}
        super().__init__(self.message)


# --- request shape -------------------------------------------------------------------
class RequestError(VaultPayError):
    """Raised when the request itself is malformed or incomplete."""

    status = 400


class ValidationFailed(VaultPayError):
    """Raised when a field fails validation; `details` maps field -> messages."""

    error_code, status, message = "VALIDATION_ERROR", 422, "Validation failed"


class MalformedJson(RequestError):
    """Raised when the body is not valid JSON."""

    error_code, message = "MALFORMED_JSON", "Request body is not valid JSON"


class IdempotencyKeyRequired(RequestError):
    """Raised when a money call arrives without a usable Idempotency-Key header."""

    error_code, message = "IDEMPOTENCY_KEY_REQUIRED", "Idempotency-Key header is required"


class IdempotencyKeyReused(VaultPayError):
    """Raised when an Idempotency-Key is presented again with a different body."""

    error_code, status = "IDEMPOTENCY_KEY_REUSED", 422
    message = "This Idempotency-Key was already used with a different request"


class RequestLineTooLong(VaultPayError):
    """Raised (by the HTTP server, before the app) when the request line is too long."""

    error_code, status = "URI_TOO_LONG", 414
    message = "The request line (method, path and query string) is too long"


class RequestHeadersTooLarge(VaultPayError):
    """Raised (by the HTTP server, before the app) when a header or all of them are too large."""

    error_code, status = "HEADERS_TOO_LARGE", 431
    message = "A request header, or the number of them, is too large"


class UnreadableRequest(RequestError):
    """Raised (by the HTTP server, before the app) when the request is not valid HTTP."""

    error_code, message = "BAD_REQUEST", "The request is not valid HTTP"


# --- identity ------------------------------------------------------------------------
class AuthError(VaultPayError):
    """Raised when the caller cannot be authenticated."""

    status = 401


class TokenMissing(AuthError):
    error_code, message = "TOKEN_MISSING", "Authorization bearer token is required"


class TokenExpired(AuthError):
    error_code, message = "TOKEN_EXPIRED", "Token has expired"


class TokenInvalid(AuthError):
    error_code, message = "TOKEN_INVALID", "Token is invalid"


class TokenRevoked(AuthError):
    error_code, message = "TOKEN_REVOKED", "Token has been revoked"


class InvalidCredentials(AuthError):
    """Raised on a failed login; the same message whether the email exists or not."""

    error_code, message = "INVALID_CREDENTIALS", "Invalid email or password"


class Forbidden(VaultPayError):
    """Raised when the caller is known but may not do this."""

    status = 403


class AccountDisabled(Forbidden):
    error_code, message = "ACCOUNT_DISABLED", "This account has been deactivated"


class InsufficientPermissions(Forbidden):
    error_code, message = "INSUFFICIENT_PERMISSIONS", "Your role does not allow this action"


class EmailAlreadyRegistered(VaultPayError):
    error_code, status, message = "EMAIL_ALREADY_REGISTERED", 409, "Email is already registered"


class SelfActionNotAllowed(Forbidden):
    """Raised when a privileged action touches something the actor is a party to: their
    own account, wallet, limits, KYC submission, or a dispute they are in (segregation
    of duties: another moderator or admin must act)."""

    error_code = "SELF_ACTION_NOT_ALLOWED"
    message = "You cannot act on your own account, wallet or case: another administrator must"


class RateLimited(VaultPayError):
    """Raised when a caller exceeds a request-rate limit; carries `retry_after` seconds."""

    error_code, status, message = "RATE_LIMITED", 429, "Too many requests, slow down"

    def __init__(self, retry_after: int, message: str | None = None):
        super().__init__(message, {"retry_after": retry_after})
        self.retry_after = retry_after


# --- not found -----------------------------------------------------------------------
class NotFound(VaultPayError):
    """Raised when a resource does not exist or belongs to someone else."""

    status = 404


class RouteNotFound(NotFound):
    error_code, message = "NOT_FOUND", "No such endpoint"


class UserNotFound(NotFound):
    error_code, message = "USER_NOT_FOUND", "User not found"


class WalletNotFound(NotFound):
    error_code, message = "WALLET_NOT_FOUND", "Wallet not found"


class RecipientWalletNotFound(NotFound):
    error_code, message = "RECIPIENT_WALLET_NOT_FOUND", "Recipient wallet not found"


class OperationNotFound(NotFound):
    error_code, message = "OPERATION_NOT_FOUND", "Operation not found"


class TransactionNotFound(NotFound):
    error_code, message = "TRANSACTION_NOT_FOUND", "Transaction not found"


# --- wallet state --------------------------------------------------------------------
class WalletConflict(VaultPayError):
    """Raised when a wallet is not in a state that allows the request."""

    status = 409


class WalletAlreadyExists(WalletConflict):
    error_code, message = "WALLET_ALREADY_EXISTS", "You already have a wallet"


class WalletAlreadyFrozen(WalletConflict):
    error_code, message = "WALLET_ALREADY_FROZEN", "Wallet is already frozen"


class WalletAlreadyClosed(WalletConflict):
    error_code, message = "WALLET_ALREADY_CLOSED", "Wallet is closed"


class WalletNotFrozen(WalletConflict):
    error_code, message = "WALLET_NOT_FROZEN", "Wallet is not frozen"


class WalletHasBalance(WalletConflict):
    error_code, message = "WALLET_HAS_BALANCE", "Withdraw the balance before closing the wallet"


class WalletFrozenByAdmin(Forbidden):
    error_code, message = "WALLET_FROZEN_BY_ADMIN", "Wallet was frozen by an administrator"


class WalletFrozen(Forbidden):
    error_code, message = "WALLET_FROZEN", "Wallet is frozen"


class WalletClosed(Forbidden):
    error_code, message = "WALLET_CLOSED", "Wallet is closed"


class RecipientWalletInactive(Forbidden):
    error_code, message = "RECIPIENT_WALLET_INACTIVE", "Recipient wallet cannot receive money"


class KycNotVerified(Forbidden):
    error_code, message = "KYC_NOT_VERIFIED", "Complete KYC verification before moving money"


class UnsupportedCurrency(ValidationFailed):
    def __init__(self, currency: str, allowed: tuple[str, ...]):
        super().__init__(
            "Unsupported currency",
            {"currency": [f"Must be one of: {', '.join(allowed)}"]},
        )


class InstantInFuture(ValidationFailed):
    """Raised when a balance is asked for at an instant the ledger has not reached yet."""

    def __init__(self):
        super().__init__("The instant is in the future", {"at": ["Must not be in the future."]})


class SelfTransferNotAllowed(VaultPayError):
    error_code, status = "SELF_TRANSFER_NOT_ALLOWED", 422
    message = "You cannot send money to your own wallet"

    def __init__(self):
        super().__init__(details={"recipient_wallet_id": ["Cannot be your own wallet"]})


# --- PIN -----------------------------------------------------------------------------
class PinNotSet(RequestError):
    error_code, message = "PIN_NOT_SET", "Set a transaction PIN first"


class PinAlreadySet(VaultPayError):
    error_code, status, message = "PIN_ALREADY_SET", 409, "A PIN is already set; use change"


class PinTooWeak(VaultPayError):
    error_code, status, message = "PIN_TOO_WEAK", 422, "This PIN is too easy to guess"


class InvalidPin(AuthError):
    """Raised on a wrong PIN; `details.attempts_remaining` says how many are left."""

    error_code, message = "INVALID_PIN", "Incorrect PIN"

    def __init__(self, attempts_remaining: int):
        super().__init__(details={"attempts_remaining": attempts_remaining})


class PinLocked(VaultPayError):
    error_code, status = "PIN_LOCKED", 423
    message = "Too many wrong PINs: the wallet is locked for 24 hours"


# --- IP trust and emailed tokens ----------------------------------------------------
class UntrustedIp(Forbidden):
    """Raised when a send or withdrawal comes from an IP the user has not confirmed; a
    confirmation email is on its way."""

    error_code = "UNTRUSTED_IP"
    message = "This network is not confirmed for your account yet: we emailed you a confirmation code"


class InvalidToken(RequestError):
    """Raised for an emailed token that is unknown, already used, expired, or not yours."""

    error_code, message = "INVALID_TOKEN", "This token is invalid, already used or expired"


class TrustedIpNotFound(NotFound):
    """Raised for an unknown trusted-IP id, a revoked one, or another user's."""

    error_code, message = "TRUSTED_IP_NOT_FOUND", "Trusted IP not found"


# --- KYC -----------------------------------------------------------------------------
class KycSubmissionNotFound(NotFound):
    error_code, message = "KYC_SUBMISSION_NOT_FOUND", "KYC submission not found"


class KycConflict(VaultPayError):
    """Raised when a KYC submission or decision clashes with the current state."""

    status = 409


class KycAlreadySubmitted(KycConflict):
    error_code, message = "KYC_ALREADY_SUBMITTED", "A KYC submission is already pending review"


class KycAlreadyVerified(KycConflict):
    error_code, message = "KYC_ALREADY_VERIFIED", "Your KYC is already verified"


class KycDuplicateDocument(KycConflict):
    """Raised when the document is already verified for another user."""

    error_code = "KYC_DUPLICATE_DOCUMENT"
    message = "This document is already verified for another account"


class KycAlreadyDecided(KycConflict):
    """Raised when a moderator decides a submission that is no longer pending."""

    error_code, message = "KYC_ALREADY_DECIDED", "This KYC submission has already been decided"


class KycDocumentUnreadable(VaultPayError):
    """Raised when a stored document cannot be decrypted: its key is not configured, or
    the ciphertext fails authentication (tampered, or moved to another row)."""

    error_code = "KYC_DOCUMENT_UNREADABLE"
    message = "The stored document cannot be decrypted"


# --- money ---------------------------------------------------------------------------
class InsufficientBalance(VaultPayError):
    error_code, status, message = "INSUFFICIENT_BALANCE", 402, "Insufficient balance"


class PerTransactionLimitExceeded(VaultPayError):
    error_code, status = "PER_TRANSACTION_LIMIT_EXCEEDED", 429
    message = "Amount exceeds the per-transaction limit"


class DailyLimitExceeded(VaultPayError):
    error_code, status, message = "DAILY_LIMIT_EXCEEDED", 429, "Daily limit exceeded"


class MonthlyLimitExceeded(VaultPayError):
    error_code, status, message = "MONTHLY_LIMIT_EXCEEDED", 429, "Monthly limit exceeded"


# --- limits --------------------------------------------------------------------------
class LimitAboveMaximum(VaultPayError):
    """Raised when a user tries to set a limit above their KYC tier's maximum;
    `details` maps each field to the maximum it may not exceed."""

    error_code, status = "LIMIT_ABOVE_MAXIMUM", 422
    message = "You can lower your limits, not raise them above your tier's maximum"


class IncoherentLimits(ValidationFailed):
    """Raised when limits would break per_transaction <= daily <= monthly."""

    def __init__(self, details: dict):
        super().__init__("Limits must satisfy per_transaction <= daily <= monthly", details)


class LimitAlreadyExists(VaultPayError):
    error_code, status = "LIMIT_ALREADY_EXISTS", 409
    message = "You already have a custom limit for this action; change it with PATCH"


class LimitNotFound(NotFound):
    error_code, message = "LIMIT_NOT_FOUND", "You have no custom limit for this action"


class LimitSetByAdmin(Forbidden):
    """Raised when a user tries to change or remove a limit an administrator set."""

    error_code = "LIMIT_SET_BY_ADMIN"
    message = "This limit was set by VaultPay and cannot be changed by you; contact support"


class PostingFailed(VaultPayError):
    """Raised when a posting job keeps dying and is dead-lettered."""

    error_code, message = "POSTING_FAILED", "The operation could not be processed"


# --- disputes ------------------------------------------------------------------------
class DisputeNotFound(NotFound):
    error_code, message = "DISPUTE_NOT_FOUND", "Dispute not found"


class DisputeConflict(VaultPayError):
    """Raised when a dispute is not in a state that allows the request."""

    status = 409


class DisputeAlreadyExists(DisputeConflict):
    error_code, message = "DISPUTE_ALREADY_EXISTS", "This transaction already has an open dispute"


class DisputeNotOpen(DisputeConflict):
    error_code, message = "DISPUTE_NOT_OPEN", "Only an open dispute can be resolved"


class TransactionNotDisputable(VaultPayError):
    """Raised when a row is not a debit of a send or withdrawal, is too old, or was
    already refunded in full."""

    error_code, status = "TRANSACTION_NOT_DISPUTABLE", 422
    message = "Only your own debits of sends and withdrawals can be disputed"


class RefundExceedsRefundable(VaultPayError):
    """Raised when a refund would take a transaction's refunds above its amount;
    `details.refundable` says how much is left."""

    error_code, status = "REFUND_EXCEEDS_REFUNDABLE", 422
    message = "Refunds cannot exceed the original amount"

    def __init__(self, refundable: str):
        super().__init__(details={"refundable": refundable})


# --- multi-currency and FX (API.md section 17) -----------------------------------------
class FxQuoteInvalid(VaultPayError):
    """Raised when a send across currencies has no quote, or its quote is unknown, another
    user's, expired at acceptance, already used, or for other currencies or another
    amount; `details.quote_id` says which."""

    error_code, status = "FX_QUOTE_INVALID", 422
    message = "The FX quote is missing, expired, already used or does not match this send"

    def __init__(self, reason: str):
        super().__init__(details={"quote_id": [reason]})


class FxRateUnavailable(VaultPayError):
    """Raised when a quote is asked for a currency pair no administrator has set a rate
    for (in either direction)."""

    error_code, status = "FX_RATE_UNAVAILABLE", 422
    message = "No exchange rate is set for this currency pair"


class CurrencyMismatch(VaultPayError):
    """Raised when an operation that stays within one currency (a hold, a payout item)
    names wallets of two currencies."""

    error_code, status = "CURRENCY_MISMATCH", 422
    message = "Both wallets must hold the same currency"


# --- holds (API.md section 14) ---------------------------------------------------------
class HoldNotFound(NotFound):
    """Raised for an unknown hold, and for a hold the caller is not a party to."""

    error_code, message = "HOLD_NOT_FOUND", "Hold not found"


class HoldNotActive(VaultPayError):
    """Raised when a hold was already captured, voided or expired (or is past its
    expiry): exactly one of them decides a hold."""

    error_code, status = "HOLD_NOT_ACTIVE", 409
    message = "This hold was already captured, voided or expired"


class CaptureExceedsHold(VaultPayError):
    """Raised when a capture asks for more than the hold reserved; `details.held` says
    how much that is."""

    error_code, status = "CAPTURE_EXCEEDS_HOLD", 422
    message = "A capture cannot exceed the amount held"

    def __init__(self, held: str):
        super().__init__(details={"held": held})


# --- infrastructure ------------------------------------------------------------------
class ServiceUnavailable(VaultPayError):
    error_code, status = "SERVICE_UNAVAILABLE", 503
    message = "A backing service is unavailable, try again shortly"


class IdentityUnavailable(ServiceUnavailable):
    """The external identity service could not be asked (keys or user-info endpoint)."""

    error_code = "IDENTITY_UNAVAILABLE"
    message = "The identity service is unavailable, try again shortly"


# --- oversight -----------------------------------------------------------------------
class NotificationNotFound(NotFound):
    """Raised for an unknown notification or one addressed to someone else."""

    error_code, message = "NOTIFICATION_NOT_FOUND", "Notification not found"


class ReconciliationRunNotFound(NotFound):
    """Raised for an unknown run id, or when no reconciliation has been requested yet."""

    error_code, message = "RECONCILIATION_RUN_NOT_FOUND", "No such reconciliation run"


# --- webhooks ------------------------------------------------------------------------
class WebhookUrlRejected(ValidationFailed):
    """Raised when a webhook URL is not https or could reach a non-public address."""

    def __init__(self, reason: str):
        super().__init__("Webhook URL is not allowed", {"url": [reason]})


class WebhookNotFound(NotFound):
    error_code, message = "WEBHOOK_NOT_FOUND", "Webhook not found"


class WebhookLimitReached(VaultPayError):
    """Raised when a user already has as many active webhooks as allowed."""

    error_code, status, message = "WEBHOOK_LIMIT_REACHED", 409, "Too many webhooks registered"


# --- system settings -----------------------------------------------------------------
class SettingNotFound(NotFound):
    """Raised for a key that is not in the settings catalogue."""

    error_code, message = "SETTING_NOT_FOUND", "No such setting"


class InvalidSettingValue(ValidationFailed):
    """Raised when a value does not fit its setting's type; `details.value` says why."""

    def __init__(self, messages: list[str] | dict):
        super().__init__("Invalid value for this setting", {"value": messages})


# --- the operator console ------------------------------------------------------------
class CrossSiteRequestRefused(Forbidden):
    """Raised when a console form arrives from another site, or without the form's
    token of the signed-in session (cross-site request forgery)."""

    error_code = "CROSS_SITE_REQUEST_REFUSED"
    message = "This form was not sent from a page of the console; reload the page and try again"


class ConsolePageNotFound(NotFound):
    """Raised for a path under /console that names no page."""

    error_code, message = "PAGE_NOT_FOUND", "There is no such page in the console"


# --- bulk payouts (API.md section 15) ------------------------------------------------
class PayoutNotFound(NotFound):
    """Raised for an unknown payout id, or another user's payout (ids cannot be probed)."""

    error_code, message = "PAYOUT_NOT_FOUND", "Payout not found"


class PayoutItemsInvalid(ValidationFailed):
    """Raised when any item of a payout cannot be accepted; `details.items` maps each
    such item's index to its fields' messages. Nothing of the payout is accepted."""

    message = "Some payout items are invalid; nothing was accepted"

    def __init__(self, by_index: dict[int, dict[str, list[str]]]):
        super().__init__(details={"items": {str(index): fields
                                            for index, fields in sorted(by_index.items())}})
