"""All configuration, read in one place.

Precedence: the process environment, then `.env` in the project root, then the
development defaults below. Production (`VAULTPAY_ENV=production`) refuses to start
with a missing or development-default secret.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent
# override=False: a variable already in the environment wins over `.env`.
load_dotenv(ROOT / ".env", override=False)

DEV_SECRET = "dev-only-not-a-secret-change-me-0123456789"
# base64 of b"dev-only-kyc-key-not-a-secret-01" (32 bytes); production refuses it.
DEV_KYC_KEYS = "dev1:ZGV2LW9ubHkta3ljLWtleS1ub3QtYS1zZWNyZXQtMDE="
# base64 of b"dev-only-pin-pepper-not-secret-1" (32 bytes); production refuses it.
DEV_PIN_PEPPER_KEYS = "dev1:ZGV2LW9ubHktcGluLXBlcHBlci1ub3Qtc2VjcmV0LTE="


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


@dataclass(frozen=True)
class Settings:
    env: str = field(default_factory=lambda: _env("VAULTPAY_ENV", "development"))
    database_url: str = field(
        default_factory=lambda: _env(
            "DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/vaultpay"
        )
    )
    # A streaming replica for the reads that may lag (history, statements, admin
    # lists); empty: the primary (DATABASE_URL). Money checks and postings never use it.
    database_read_url: str = field(default_factory=lambda: _env("DATABASE_READ_URL", ""))
    # DATABASE_URL goes through PgBouncer (or another pooler) in transaction pooling:
    # no server-side prepared statements and no startup options (db/session.py).
    database_transaction_pooling: bool = field(
        default_factory=lambda: _env("DATABASE_TRANSACTION_POOLING", "0") in ("1", "true", "yes"))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL", "redis://127.0.0.1:6379/0"))
    celery_broker_url: str = field(
        default_factory=lambda: _env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/1")
    )
    celery_queue: str = field(default_factory=lambda: _env("CELERY_QUEUE", "vaultpay"))
    secret_key: str = field(default_factory=lambda: _env("SECRET_KEY", DEV_SECRET))
    jwt_secret_key: str = field(default_factory=lambda: _env("JWT_SECRET_KEY", DEV_SECRET))
    jwt_algorithm: str = "HS256"
    jwt_issuer: str = field(default_factory=lambda: _env("JWT_ISSUER", "vaultpay"))
    jwt_audience: str = field(default_factory=lambda: _env("JWT_AUDIENCE", "vaultpay-api"))
    access_token_minutes: int = field(default_factory=lambda: _int("ACCESS_TOKEN_MINUTES", 15))
    refresh_token_days: int = field(default_factory=lambda: _int("REFRESH_TOKEN_DAYS", 14))
    api_port: int = field(default_factory=lambda: _int("API_PORT", 8000))
    flower_port: int = field(default_factory=lambda: _int("FLOWER_PORT", 5555))
    # Passwords' bcrypt cost.
    bcrypt_rounds: int = field(default_factory=lambda: _int("BCRYPT_ROUNDS", 12))
    # Transaction PINs: bcrypt over HMAC-SHA-256 under a pepper (domain/pin.py). The
    # pepper keeps a stolen database from answering PIN guesses and the lockout stops
    # them online, so the cost is bcrypt's lowest: at 4 one verification takes about
    # 1 ms of CPU on the 2-core reference machine, at 5 about 2 ms. Against a 10^4-PIN
    # search by someone who has the pepper too, either cost holds for seconds, so 5
    # would buy nothing and cost every send a millisecond of the API's CPU.
    pin_bcrypt_rounds: int = field(default_factory=lambda: _int("PIN_BCRYPT_ROUNDS", 4))
    # Peppers as "<id>:<base64 of 32 bytes>", comma-separated, like the KYC keys. New
    # PINs use the current id; a PIN under another configured id is rewritten under the
    # current one by its next correct entry, after which a retired pepper can go.
    pin_pepper_keys: str = field(
        default_factory=lambda: _env("PIN_PEPPER_KEYS", DEV_PIN_PEPPER_KEYS))
    pin_pepper_current_key_id: str = field(
        default_factory=lambda: _env("PIN_PEPPER_CURRENT_KEY_ID", "dev1"))
    # The currencies a wallet may be opened in (ISO 4217 codes, comma-separated; each
    # must be one domain/money.py knows the minor unit of).
    currencies: tuple[str, ...] = field(default_factory=lambda: tuple(
        c.strip() for c in _env("CURRENCIES", "INR,USD,EUR,GBP,AED,SGD").split(",") if c.strip()))
    # Calendar days (history filters, daily limits) are days in this timezone.
    business_timezone: str = field(default_factory=lambda: _env("BUSINESS_TIMEZONE", "Asia/Kolkata"))
    # Login throttling: failed attempts per minute (a successful login gives its
    # attempt back, so a whole office behind one NAT can sign in at nine).
    login_rate_per_ip: int = field(default_factory=lambda: _int("LOGIN_RATE_PER_IP", 30))
    login_rate_per_email: int = field(default_factory=lambda: _int("LOGIN_RATE_PER_EMAIL", 10))
    # Registrations per minute per client IP: each one costs a bcrypt hash.
    register_rate_per_ip: int = field(default_factory=lambda: _int("REGISTER_RATE_PER_IP", 10))
    # Origins (scheme://host[:port]) whose pages may call the API from a browser; empty:
    # none. "*" allows any origin, never with credentials (web/cors.py).
    cors_origins: tuple[str, ...] = field(default_factory=lambda: tuple(
        o.strip().rstrip("/") for o in _env("CORS_ORIGINS", "").split(",") if o.strip()))
    # How many reverse proxies sit in front of the API; X-Forwarded-For is believed
    # only for that many hops.
    trusted_proxies: int = field(default_factory=lambda: _int("TRUSTED_PROXIES", 0))
    pin_max_attempts: int = 3
    # Celery timing. The visibility timeout must exceed the longest job, or Redis
    # hands a still-running job to a second worker.
    task_soft_time_limit: float = field(default_factory=lambda: _float("TASK_SOFT_TIME_LIMIT", 20))
    task_time_limit: float = field(default_factory=lambda: _float("TASK_TIME_LIMIT", 30))
    visibility_timeout: float = field(default_factory=lambda: _float("VISIBILITY_TIMEOUT", 120))
    wallet_lock_ttl_ms: int = field(default_factory=lambda: _int("WALLET_LOCK_TTL_MS", 30_000))
    wallet_locks_enabled: bool = field(
        default_factory=lambda: _env("WALLET_LOCKS_ENABLED", "1") not in ("0", "false")
    )
    # A posting job delivered this many times without finishing is dead-lettered.
    max_posting_deliveries: int = field(default_factory=lambda: _int("MAX_POSTING_DELIVERIES", 5))
    # The posting worker claims up to this many queued operations at once and posts
    # them in one database transaction (docs/performance.md).
    posting_batch_size: int = field(default_factory=lambda: _int("POSTING_BATCH_SIZE", 100))
    # One posting job drains the queue for at most this long, then hands over to a new
    # message, so that no job comes near its time limit and other jobs get a turn.
    posting_drain_s: float = field(default_factory=lambda: _float("POSTING_DRAIN_S", 3))
    # The sweeper re-sends outbox rows older than OUTBOX_GRACE_S, and rings for a
    # posting job when an accepted operation has waited STUCK_OPERATION_S.
    sweep_interval_s: float = field(default_factory=lambda: _float("SWEEP_INTERVAL_S", 5))
    outbox_grace_s: float = field(default_factory=lambda: _float("OUTBOX_GRACE_S", 5))
    stuck_operation_s: float = field(default_factory=lambda: _float("STUCK_OPERATION_S", 10))
    max_prefer_wait_s: int = 10
    # KYC documents are sealed with AES-256-GCM. Keys as "<id>:<base64 of 32 bytes>",
    # comma-separated; new documents use the current id, and `flask rotate-kyc-key`
    # re-seals older ones, after which a retired key can be removed.
    kyc_encryption_keys: str = field(
        default_factory=lambda: _env("KYC_ENCRYPTION_KEYS", DEV_KYC_KEYS))
    kyc_current_key_id: str = field(default_factory=lambda: _env("KYC_CURRENT_KEY_ID", "dev1"))
    # HMAC key of document fingerprints (duplicate detection). Not rotated with the
    # encryption keys: changing it would hide every earlier duplicate.
    kyc_fingerprint_key: str = field(
        default_factory=lambda: _env("KYC_FINGERPRINT_KEY", DEV_SECRET))
    # Money calls each user may submit per minute, by kind (transaction limits by
    # amount live in system_settings and transaction_limits, not here).
    send_rate_per_minute: int = field(default_factory=lambda: _int("SEND_RATE_PER_MINUTE", 20))
    topup_rate_per_minute: int = field(default_factory=lambda: _int("TOPUP_RATE_PER_MINUTE", 10))
    withdraw_rate_per_minute: int = field(
        default_factory=lambda: _int("WITHDRAW_RATE_PER_MINUTE", 10))
    # Bulk payouts (API.md section 15): items per request, and requests per user and
    # minute (each may carry that many postings).
    payout_max_items: int = field(default_factory=lambda: _int("PAYOUT_MAX_ITEMS", 1000))
    payout_rate_per_minute: int = field(default_factory=lambda: _int("PAYOUT_RATE_PER_MINUTE", 10))
    # A debit can be disputed for this many days after it was posted.
    dispute_window_days: int = field(default_factory=lambda: _int("DISPUTE_WINDOW_DAYS", 120))

    # Webhooks. Hosts listed here may be called over http and at any address (tests,
    # an internal relay); every other URL must be https and resolve to public addresses.
    webhook_allowed_hosts: tuple[str, ...] = field(default_factory=lambda: tuple(
        h.strip().lower() for h in _env("WEBHOOK_ALLOWED_HOSTS", "").split(",") if h.strip()))
    # Key sealing the signing secrets at rest (any string; empty: derived from SECRET_KEY).
    webhook_secret_key: str = field(default_factory=lambda: _env("WEBHOOK_SECRET_KEY", ""))
    webhook_timeout_s: float = field(default_factory=lambda: _float("WEBHOOK_TIMEOUT_S", 5))
    # Retries after a failed attempt wait base, 2x base, 4x ... up to cap, until
    # max attempts or until the window (from the event) is over, whichever is first.
    webhook_retry_base_s: float = field(default_factory=lambda: _float("WEBHOOK_RETRY_BASE_S", 30))
    webhook_retry_cap_s: float = field(default_factory=lambda: _float("WEBHOOK_RETRY_CAP_S", 3600))
    webhook_retry_window_s: float = field(
        default_factory=lambda: _float("WEBHOOK_RETRY_WINDOW_S", 86400))
    webhook_max_attempts: int = field(default_factory=lambda: _int("WEBHOOK_MAX_ATTEMPTS", 30))

    # Fault injection for `make chaos` only: after a request's transaction commits and
    # before its jobs are published, the process SIGKILLs itself with this probability
    # (the crash the outbox exists for). 0 everywhere else; production refuses it.
    chaos_kill_after_commit_probability: float = field(
        default_factory=lambda: _float("CHAOS_KILL_AFTER_COMMIT_PROBABILITY", 0))

    # Seconds between scheduled ledger reconciliations (the four ledger invariants).
    reconcile_interval_s: float = field(default_factory=lambda: _float("RECONCILE_INTERVAL_S", 300))
    # Rows read per round trip while streaming a CSV statement.
    statement_batch_size: int = field(default_factory=lambda: _int("STATEMENT_BATCH_SIZE", 500))

    # IP trust. Client IPs are stored only as HMAC-SHA-256 under this key; changing it
    # makes every trusted IP unknown again (each user confirms by email once more).
    ip_hash_key: str = field(default_factory=lambda: _env("IP_HASH_KEY", DEV_SECRET))
    ip_trust_days: int = field(default_factory=lambda: _int("IP_TRUST_DAYS", 30))
    ip_confirm_token_minutes: int = field(
        default_factory=lambda: _int("IP_CONFIRM_TOKEN_MINUTES", 30))
    # At most one confirmation email (and "new IP blocked" notification) per user and
    # IP in this many seconds, however often a client retries.
    ip_confirm_email_interval_s: int = field(
        default_factory=lambda: _int("IP_CONFIRM_EMAIL_INTERVAL_S", 300))
    # PIN recovery by email, and the automatic end of a PIN lockout.
    pin_reset_token_minutes: int = field(default_factory=lambda: _int("PIN_RESET_TOKEN_MINUTES", 15))
    pin_reset_email_interval_s: int = field(
        default_factory=lambda: _int("PIN_RESET_EMAIL_INTERVAL_S", 60))
    lockout_hours: float = field(default_factory=lambda: _float("LOCKOUT_HOURS", 24))
    unfreeze_interval_s: float = field(default_factory=lambda: _float("UNFREEZE_INTERVAL_S", 60))
    # Seconds between beat runs of expire_holds: no hold stays reserved longer than
    # this past its expiry (plus the moment its posting takes).
    hold_expiry_interval_s: float = field(
        default_factory=lambda: _float("HOLD_EXPIRY_INTERVAL_S", 5))
    # Email. An empty SMTP_HOST writes each message as an .eml file under MAIL_DIR
    # (relative to the project root) instead: local running needs no mail server.
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST", ""))
    smtp_port: int = field(default_factory=lambda: _int("SMTP_PORT", 587))
    smtp_username: str = field(default_factory=lambda: _env("SMTP_USERNAME", ""))
    smtp_password: str = field(default_factory=lambda: _env("SMTP_PASSWORD", ""))
    smtp_starttls: bool = field(
        default_factory=lambda: _env("SMTP_STARTTLS", "0").lower() in ("1", "true", "yes"))
    smtp_timeout_s: float = field(default_factory=lambda: _float("SMTP_TIMEOUT_S", 10))
    mail_from: str = field(
        default_factory=lambda: _env("MAIL_FROM", "VaultPay <no-reply@vaultpay.local>"))
    mail_dir: str = field(default_factory=lambda: _env("MAIL_DIR", "var/mail"))
    # A failed send is retried after base, 2x base, 4x ... seconds (at most half the
    # visibility timeout apart), this many times.
    email_retry_base_s: float = field(default_factory=lambda: _float("EMAIL_RETRY_BASE_S", 5))
    email_max_retries: int = field(default_factory=lambda: _int("EMAIL_MAX_RETRIES", 12))
    # Flower (the Celery monitor) asks for HTTP basic auth with these credentials. An
    # empty password makes `make up` generate one (kept in var/flower-password); the
    # API itself never reads them.
    flower_user: str = field(default_factory=lambda: _env("FLOWER_USER", "vaultpay"))
    flower_password: str = field(default_factory=lambda: _env("FLOWER_PASSWORD", ""))

    # The Celery worker's main process serves its pool's metrics on this port (0: not
    # served). Each worker on one host needs its own port and PROMETHEUS_MULTIPROC_DIR.
    worker_metrics_port: int = field(default_factory=lambda: _int("WORKER_METRICS_PORT", 9808))

    # External identity (API.md section 19): which tokens are believed. "builtin": our
    # own only; "external": the external issuer's only; "both": either, told apart by
    # their `iss` claim.
    auth_mode: str = field(default_factory=lambda: _env("AUTH_MODE", "builtin").lower())
    # The external issuer's keys: a shared HS256 secret, or a JWKS URL (RS256/ES256);
    # exactly one of the two.
    external_jwt_secret: str = field(default_factory=lambda: _env("EXTERNAL_JWT_SECRET", ""))
    external_jwks_url: str = field(default_factory=lambda: _env("EXTERNAL_JWKS_URL", ""))
    external_issuer: str = field(default_factory=lambda: _env("EXTERNAL_ISSUER", ""))
    # Empty: the `aud` claim is not checked (refused in production).
    external_audience: str = field(default_factory=lambda: _env("EXTERNAL_AUDIENCE", ""))
    # Claim names; the defaults are those of the seed's AuthShield tokens.
    external_claim_user_id: str = field(
        default_factory=lambda: _env("EXTERNAL_CLAIM_USER_ID", "user_id"))
    external_claim_email: str = field(default_factory=lambda: _env("EXTERNAL_CLAIM_EMAIL", "email"))
    external_claim_roles: str = field(default_factory=lambda: _env("EXTERNAL_CLAIM_ROLES", "roles"))
    external_claim_active: str = field(
        default_factory=lambda: _env("EXTERNAL_CLAIM_ACTIVE", "is_active"))
    # The highest role an external token can give; higher roles in it are cut to this.
    external_max_role: str = field(default_factory=lambda: _env("EXTERNAL_MAX_ROLE", "user"))
    # Strict mode: money-moving and admin calls confirm the token with the issuer's
    # user-info endpoint (answers cached this many seconds).
    external_strict: bool = field(
        default_factory=lambda: _env("EXTERNAL_STRICT", "0").lower() in ("1", "true", "yes"))
    external_userinfo_url: str = field(default_factory=lambda: _env("EXTERNAL_USERINFO_URL", ""))
    external_userinfo_cache_s: int = field(
        default_factory=lambda: _int("EXTERNAL_USERINFO_CACHE_S", 5))
    external_http_timeout_s: float = field(
        default_factory=lambda: _float("EXTERNAL_HTTP_TIMEOUT_S", 3))
    # Keys fetched from the JWKS URL are kept this long; an unknown `kid` fetches them
    # again, but not more often than the minimum interval (a flood of made-up key ids
    # must not become a flood of requests to the issuer).
    external_jwks_cache_s: float = field(default_factory=lambda: _float("EXTERNAL_JWKS_CACHE_S", 300))
    external_jwks_min_refresh_s: float = field(
        default_factory=lambda: _float("EXTERNAL_JWKS_MIN_REFRESH_S", 10))

    # Live notifications (API.md section 18): their own process, on this port.
    live_port: int = field(default_factory=lambda: _int("LIVE_PORT", 8001))
    # Each connection's token is checked again (revoked? user deactivated?) at once
    # when the API announces a change of its user's access (db/live_feed.py), before
    # each event, at its expiry, and this often as a safety net for changes made
    # outside the API (an external issuer's, a database edit). A thousand idle
    # connections checked every 15 s cost a quarter of the API's throughput on 2 cores.
    live_auth_check_s: float = field(default_factory=lambda: _float("LIVE_AUTH_CHECK_S", 300))
    # SSE keep-alive comments and WebSocket pings, so that proxies keep idle connections.
    live_heartbeat_s: float = field(default_factory=lambda: _float("LIVE_HEARTBEAT_S", 20))
    # A reconnect replays from this far before its Last-Event-ID (db/notifications.py
    # `replay` says why), at most this many events; older ones are read with GET
    # /notifications.
    live_replay_overlap_s: float = field(default_factory=lambda: _float("LIVE_REPLAY_OVERLAP_S", 30))
    live_replay_limit: int = field(default_factory=lambda: _int("LIVE_REPLAY_LIMIT", 500))

    # Multi-currency and FX (API.md section 17): how long a quote holds, and how many
    # quotes each user may ask for per minute (each one is a row).
    fx_quote_ttl_s: float = field(default_factory=lambda: _float("FX_QUOTE_TTL_S", 60))
    fx_quote_rate_per_minute: int = field(
        default_factory=lambda: _int("FX_QUOTE_RATE_PER_MINUTE", 60))
    # Unused quotes are deleted this long after they expired (they can no longer pay
    # anything), every FX_QUOTE_PURGE_INTERVAL_S.
    fx_quote_retention_h: float = field(default_factory=lambda: _float("FX_QUOTE_RETENTION_H", 24))
    fx_quote_purge_interval_s: float = field(
        default_factory=lambda: _float("FX_QUOTE_PURGE_INTERVAL_S", 3600))

    # The operator console (/console): a sign-in ends after this many seconds without a
    # request, and in any case this long after it began.
    console_idle_timeout_s: int = field(default_factory=lambda: _int("CONSOLE_IDLE_TIMEOUT_S", 900))
    console_max_session_s: int = field(
        default_factory=lambda: _int("CONSOLE_MAX_SESSION_S", 12 * 3600))

    @property
    def read_url(self) -> str:
        return self.database_read_url or self.database_url

    def validate_timing(self) -> None:
        """Refuse Celery timings that lose or double jobs, in every environment.

        A visibility timeout a job could outlive makes Redis hand a still-running job
        to a second worker; twice the hard limit leaves room for a redelivery too."""
        if self.visibility_timeout < 2 * self.task_time_limit:
            raise RuntimeError("VISIBILITY_TIMEOUT must be at least twice TASK_TIME_LIMIT "
                               f"({self.visibility_timeout:g} < 2 x {self.task_time_limit:g})")
        if self.task_soft_time_limit > self.task_time_limit:
            # Celery itself refuses to send any task then ("soft_time_limit must be less
            # than or equal to time_limit"): every job, beat's included, would be lost.
            raise RuntimeError("TASK_SOFT_TIME_LIMIT must not exceed TASK_TIME_LIMIT")

    def validate_currencies(self) -> None:
        """Refuse a currency list a wallet could not be opened or converted in."""
        import math

        from domain.money import MINOR_UNIT_DIGITS

        if not self.currencies:
            raise RuntimeError("CURRENCIES must list at least one currency")
        unknown = [c for c in self.currencies if c not in MINOR_UNIT_DIGITS]
        if unknown:
            raise RuntimeError(f"CURRENCIES: unsupported {', '.join(unknown)} (known: "
                               f"{', '.join(sorted(MINOR_UNIT_DIGITS))})")
        if not (math.isfinite(self.fx_quote_ttl_s) and 1 <= self.fx_quote_ttl_s <= 3600):
            raise RuntimeError("FX_QUOTE_TTL_S must be between 1 and 3600 seconds")
        if not (math.isfinite(self.fx_quote_retention_h) and 1 <= self.fx_quote_retention_h <= 8760):
            raise RuntimeError("FX_QUOTE_RETENTION_H must be between 1 and 8760 hours")
        if not (math.isfinite(self.fx_quote_purge_interval_s) and self.fx_quote_purge_interval_s >= 1):
            raise RuntimeError("FX_QUOTE_PURGE_INTERVAL_S must be at least 1 second")

    def validate_console(self) -> None:
        if self.console_idle_timeout_s < 1 or self.console_max_session_s < self.console_idle_timeout_s:
            raise RuntimeError("CONSOLE_IDLE_TIMEOUT_S must be at least 1 and at most "
                               "CONSOLE_MAX_SESSION_S")

    @property
    def builtin_tokens_accepted(self) -> bool:
        return self.auth_mode in ("builtin", "both")

    @property
    def external_tokens_accepted(self) -> bool:
        return self.auth_mode in ("external", "both")

    def validate_identity(self) -> None:
        """Refuse an identity configuration that cannot work, in every environment."""
        from domain.roles import ROLES

        if self.auth_mode not in ("builtin", "external", "both"):
            raise RuntimeError("AUTH_MODE must be builtin, external or both")
        if self.external_max_role not in ROLES:
            raise RuntimeError(f"EXTERNAL_MAX_ROLE must be one of {', '.join(ROLES)}")
        if not self.external_tokens_accepted:
            return
        if bool(self.external_jwt_secret) == bool(self.external_jwks_url):
            # Both at once would let a token choose between a shared secret and public
            # keys: the door to algorithm confusion.
            raise RuntimeError("Set exactly one of EXTERNAL_JWT_SECRET and EXTERNAL_JWKS_URL")
        if not self.external_issuer:
            raise RuntimeError("EXTERNAL_ISSUER must be set when external tokens are accepted")
        if self.external_issuer == self.jwt_issuer:
            raise RuntimeError("EXTERNAL_ISSUER must differ from JWT_ISSUER (tokens are told apart by it)")
        if self.external_strict and not self.external_userinfo_url:
            raise RuntimeError("EXTERNAL_STRICT needs EXTERNAL_USERINFO_URL")

    def _validate_identity_for_production(self) -> None:
        if not self.external_tokens_accepted:
            return
        secret = self.external_jwt_secret
        if secret and (secret in (DEV_SECRET, self.jwt_secret_key) or len(secret) < 32):
            raise RuntimeError("EXTERNAL_JWT_SECRET must be a strong secret of its own in production")
        if not self.external_audience:
            raise RuntimeError("EXTERNAL_AUDIENCE must be set in production")
        for name in ("external_jwks_url", "external_userinfo_url"):
            url = getattr(self, name)
            if url and not url.lower().startswith("https://"):
                raise RuntimeError(f"{name.upper()} must be an https URL in production")
        if self.external_max_role == "super_admin":
            raise RuntimeError("EXTERNAL_MAX_ROLE=super_admin is refused in production "
                               "(super admins are made from the command line)")

    def validate_for_production(self) -> None:
        if self.env != "production":
            return
        for name in ("secret_key", "jwt_secret_key"):
            value = getattr(self, name)
            if not value or value == DEV_SECRET or len(value) < 32:
                raise RuntimeError(f"{name.upper()} must be set to a strong secret in production")
        if self.bcrypt_rounds < 12:
            raise RuntimeError("BCRYPT_ROUNDS below 12 is refused in production")
        if self.chaos_kill_after_commit_probability:
            raise RuntimeError("CHAOS_KILL_AFTER_COMMIT_PROBABILITY is refused in production")
        self._validate_kyc_keys()
        self._validate_pin_peppers()
        self._validate_ip_and_mail()
        self._validate_cors()
        self._validate_identity_for_production()

    def _validate_cors(self) -> None:
        if "*" in self.cors_origins:
            raise RuntimeError('CORS_ORIGINS must list origins, not "*", in production')

    def _validate_ip_and_mail(self) -> None:
        if self.ip_hash_key == DEV_SECRET or len(self.ip_hash_key) < 32:
            raise RuntimeError("IP_HASH_KEY must be set to a strong secret in production")
        if not self.smtp_host:
            raise RuntimeError("SMTP_HOST must be set in production (mail would only be written to files)")

    def _validate_kyc_keys(self) -> None:
        from domain.kyc_crypto import parse_keys

        try:
            keys = parse_keys(self.kyc_encryption_keys)
        except ValueError as exc:
            raise RuntimeError(f"KYC_ENCRYPTION_KEYS: {exc}") from None
        if parse_keys(DEV_KYC_KEYS)["dev1"] in keys.values():
            raise RuntimeError("KYC_ENCRYPTION_KEYS must not contain the development key in production")
        if self.kyc_current_key_id not in keys:
            raise RuntimeError("KYC_CURRENT_KEY_ID must name one of KYC_ENCRYPTION_KEYS")
        fingerprint_key = self.kyc_fingerprint_key
        if fingerprint_key == DEV_SECRET or len(fingerprint_key) < 32:
            raise RuntimeError("KYC_FINGERPRINT_KEY must be set to a strong secret in production")

    def validate_pin_hashing(self) -> None:
        """Refuse a PIN configuration that would fail at the first PIN, in every
        environment: unreadable peppers, an unknown current id, a cost bcrypt refuses."""
        from domain.pin import hasher_for

        if not 4 <= self.pin_bcrypt_rounds <= 31:
            raise RuntimeError("PIN_BCRYPT_ROUNDS must be between 4 and 31")
        try:
            hasher_for(self.pin_pepper_keys, self.pin_pepper_current_key_id, self.pin_bcrypt_rounds)
        except ValueError as exc:
            raise RuntimeError(f"PIN_PEPPER_KEYS / PIN_PEPPER_CURRENT_KEY_ID: {exc}") from None

    def _validate_pin_peppers(self) -> None:
        from domain.pin import hasher_for

        self.validate_pin_hashing()
        development_pepper = hasher_for(DEV_PIN_PEPPER_KEYS, "dev1", 4).peppers["dev1"]
        peppers = hasher_for(self.pin_pepper_keys, self.pin_pepper_current_key_id,
                             self.pin_bcrypt_rounds).peppers
        if development_pepper in peppers.values():
            raise RuntimeError("PIN_PEPPER_KEYS must not contain the development pepper in production")

    def with_overrides(self, **overrides) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise KeyError(f"unknown settings: {sorted(unknown)}")
        return replace(self, **overrides)


def load() -> Settings:
    settings = Settings()
    settings.validate_timing()
    settings.validate_currencies()
    settings.validate_pin_hashing()
    settings.validate_identity()
    settings.validate_console()
    settings.validate_for_production()
    return settings
