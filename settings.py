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
    bcrypt_rounds: int = field(default_factory=lambda: _int("BCRYPT_ROUNDS", 12))
    currencies: tuple[str, ...] = field(
        default_factory=lambda: tuple(_env("CURRENCIES", "INR").split(","))
    )
    # Calendar days (history filters, daily limits) are days in this timezone.
    business_timezone: str = field(default_factory=lambda: _env("BUSINESS_TIMEZONE", "Asia/Kolkata"))
    # Login throttling: attempts per minute.
    login_rate_per_ip: int = field(default_factory=lambda: _int("LOGIN_RATE_PER_IP", 30))
    login_rate_per_email: int = field(default_factory=lambda: _int("LOGIN_RATE_PER_EMAIL", 10))
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
    # The sweeper re-sends outbox rows older than this, and operations not finished
    # this long after their last delivery.
    sweep_interval_s: float = field(default_factory=lambda: _float("SWEEP_INTERVAL_S", 5))
    outbox_grace_s: float = field(default_factory=lambda: _float("OUTBOX_GRACE_S", 5))
    stuck_operation_s: float = field(default_factory=lambda: _float("STUCK_OPERATION_S", 60))
    max_prefer_wait_s: int = 10

    def validate_for_production(self) -> None:
        if self.env != "production":
            return
        for name in ("secret_key", "jwt_secret_key"):
            value = getattr(self, name)
            if not value or value == DEV_SECRET or len(value) < 32:
                raise RuntimeError(f"{name.upper()} must be set to a strong secret in production")
        if self.bcrypt_rounds < 12:
            raise RuntimeError("BCRYPT_ROUNDS below 12 is refused in production")

    def with_overrides(self, **overrides) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise KeyError(f"unknown settings: {sorted(unknown)}")
        return replace(self, **overrides)


def load() -> Settings:
    settings = Settings()
    settings.validate_for_production()
    return settings
