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


class AccountConflict(VaultPayError):
    """Raised when an administrator's change to an account would lock themselves out."""

    status = 409


class CannotDemoteSelf(AccountConflict):
    error_code, message = "CANNOT_DEMOTE_SELF", "A super admin cannot lower their own role"


class CannotDeactivateSelf(AccountConflict):
    error_code, message = "CANNOT_DEACTIVATE_SELF", "You cannot deactivate your own account"


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


class KycRequired(Forbidden):
    error_code, message = "KYC_REQUIRED", "Complete KYC verification before moving money"


class UnsupportedCurrency(ValidationFailed):
    def __init__(self, currency: str, allowed: tuple[str, ...]):
        super().__init__(
            "Unsupported currency",
            {"currency": [f"Must be one of: {', '.join(allowed)}"]},
        )


class SelfTransfer(ValidationFailed):
    def __init__(self):
        super().__init__(
            "You cannot send money to your own wallet",
            {"recipient_wallet_id": ["Cannot be your own wallet"]},
        )


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


class PostingFailed(VaultPayError):
    """Raised when a posting job keeps dying and is dead-lettered."""

    error_code, message = "POSTING_FAILED", "The operation could not be processed"


# --- infrastructure ------------------------------------------------------------------
class ServiceUnavailable(VaultPayError):
    error_code, status = "SERVICE_UNAVAILABLE", 503
    message = "A backing service is unavailable, try again shortly"
