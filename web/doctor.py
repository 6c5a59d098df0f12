"""`flask --app wsgi doctor`: what is reachable, the migration state, unsafe settings.

Every check returns findings instead of raising, so one broken service never hides
the rest of the report. The command exits 1 when something required is unreachable
or the database is not at the latest migration; warnings alone exit 0.
"""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import redis as redis_lib
from alembic.config import Config
from alembic.script import ScriptDirectory

import settings as settings_module
from db import probes
from settings import DEV_KYC_KEYS, DEV_PIN_PEPPER_KEYS, DEV_SECRET, Settings
from workers import broker

ROOT = Path(__file__).resolve().parent.parent
OK, INFO, WARN, FAIL = "ok", "info", "warn", "FAIL"


@dataclass(frozen=True)
class Finding:
    level: str  # OK, INFO, WARN or FAIL; only FAIL makes the command exit non-zero
    subject: str
    detail: str


def run(settings: Settings) -> list[tuple[str, list[Finding]]]:
    return [
        ("Reachable", reachability(settings)),
        ("Migrations", [migration_state(settings.database_url)]),
        ("Settings", unsafe_settings(settings)),
    ]


# --- reachability ------------------------------------------------------------------
def reachability(s: Settings) -> list[Finding]:
    findings = [_postgres(s.database_url), _redis("Redis", s.redis_url),
                _broker(s.celery_broker_url, s.celery_queue)]
    findings.append(_smtp(s) if s.smtp_host else Finding(
        INFO, "SMTP", f"not configured: mail is written to files under {s.mail_dir}/"))
    findings.append(_workers())
    return findings


def _postgres(url: str) -> Finding:
    shown = probes.shown_url(url)
    try:
        info = probes.server_info(url)
    except Exception as exc:  # any failure is the finding
        return Finding(FAIL, "PostgreSQL", f"{shown}: {_reason(exc)}")
    backlog = "" if info.outbox_backlog is None else \
        f", outbox: {info.outbox_backlog} job(s) not yet published"
    return Finding(OK, "PostgreSQL", f"{shown} (server {info.version}){backlog}")


def _redis(name: str, url: str, queue: str | None = None) -> Finding:
    client = redis_lib.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3,
                                      decode_responses=True)
    try:
        version = client.info("server").get("redis_version", "?")
        extra = f", queue {queue!r}: {client.llen(queue)} job(s) waiting" if queue else ""
        return Finding(OK, name, f"{_without_password(url)} (Redis {version}){extra}")
    except redis_lib.RedisError as exc:
        return Finding(FAIL, name, f"{_without_password(url)}: {_reason(exc)}")
    finally:
        client.close()


def _broker(url: str, queue: str) -> Finding:
    if not broker.is_rabbitmq(url):
        return _redis("broker", url, queue=queue)
    try:
        waiting = broker.queue_depth(url, queue)
        return Finding(OK, "broker", f"{_without_password(url)} (RabbitMQ), queue {queue!r}:"
                       f" {waiting} job(s) waiting")
    except Exception as exc:  # any failure is the finding
        return Finding(FAIL, "broker", f"{_without_password(url)}: {_reason(exc)}")


def _smtp(s: Settings) -> Finding:
    where = f"{s.smtp_host}:{s.smtp_port}"
    try:
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=min(s.smtp_timeout_s, 5)) as server:
            server.ehlo()
            tls = server.has_extn("starttls")
            server.noop()
        note = "" if tls or not s.smtp_starttls else " (but it does not offer STARTTLS)"
        return Finding(WARN if note else OK, "SMTP", f"{where} answers{note}")
    except (OSError, smtplib.SMTPException) as exc:
        return Finding(FAIL, "SMTP", f"{where}: {_reason(exc)}")


def _workers() -> Finding:
    try:
        from workers.app import celery

        replies = celery.control.ping(timeout=1.0)
    except Exception as exc:  # the broker check already failed loudly
        return Finding(WARN, "workers", f"could not ask: {_reason(exc)}")
    if not replies:
        return Finding(WARN, "workers", "no Celery worker answered a ping within 1 s: "
                       "money operations will stay queued")
    names = sorted(name for reply in replies for name in reply)
    return Finding(OK, "workers", f"{len(names)} answering: {', '.join(names)}")


# --- migrations --------------------------------------------------------------------
def migration_state(url: str) -> Finding:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "db/migrations"))
    script = ScriptDirectory.from_config(config)
    heads = set(script.get_heads())
    try:
        current = probes.applied_revisions(url)
    except Exception as exc:
        return Finding(FAIL, "revision", f"cannot read the database's revision: {_reason(exc)}")
    return _compare(script, current, heads)


def _compare(script: ScriptDirectory, current: set[str], heads: set[str]) -> Finding:
    head_text = ", ".join(sorted(heads))
    if not current:
        return Finding(FAIL, "revision", f"database not migrated (head is {head_text}); "
                       "run `make migrate` (alembic upgrade head)")
    unknown = {rev for rev in current if _lookup(script, rev) is None}
    if unknown:
        return Finding(FAIL, "revision", f"database at {', '.join(sorted(unknown))}, which this "
                       f"code does not know (head is {head_text}): newer code ran a migration?")
    if current == heads:
        return Finding(OK, "revision", f"database at head ({head_text})")
    behind = sum(1 for _ in script.iterate_revisions(heads, current))
    return Finding(FAIL, "revision", f"database at {', '.join(sorted(current))}, head is "
                   f"{head_text} ({behind} migration(s) behind); run `make migrate`")


def _lookup(script: ScriptDirectory, revision: str):
    try:
        return script.get_revision(revision)
    except Exception:  # alembic raises its own error for an unknown revision
        return None


# --- settings ----------------------------------------------------------------------
_SECRETS = ("SECRET_KEY", "JWT_SECRET_KEY", "IP_HASH_KEY", "KYC_FINGERPRINT_KEY")


def unsafe_settings(s: Settings) -> list[Finding]:
    findings = [Finding(INFO, "VAULTPAY_ENV", s.env + (
        "" if s.env == "production" else ": development defaults are accepted"))]
    findings += _secrets(s)
    if s.bcrypt_rounds < 12:
        findings.append(Finding(WARN, "BCRYPT_ROUNDS", f"{s.bcrypt_rounds} (< 12): passwords "
                                "are cheap to brute-force; production refuses it"))
    findings += _redis_policies(s)
    findings += _network(s)
    findings += _external_identity(s)
    findings += _mail_and_workers(s)
    return findings


def _secrets(s: Settings) -> list[Finding]:
    findings = []
    for name in _SECRETS:
        value = getattr(s, name.lower())
        if value == DEV_SECRET or len(value) < 32:
            findings.append(Finding(WARN, name, "the development default (or shorter than "
                                    "32 characters); production refuses it"))
    if DEV_KYC_KEYS.split(":", 1)[1] in s.kyc_encryption_keys:
        findings.append(Finding(WARN, "KYC_ENCRYPTION_KEYS", "contains the development key; "
                                "production refuses it"))
    if DEV_PIN_PEPPER_KEYS.split(":", 1)[1] in s.pin_pepper_keys:
        findings.append(Finding(WARN, "PIN_PEPPER_KEYS", "contains the development pepper: a "
                                "stolen database reveals every PIN; production refuses it"))
    if not s.webhook_secret_key:
        findings.append(Finding(INFO, "WEBHOOK_SECRET_KEY", "empty: derived from SECRET_KEY, "
                                "so changing SECRET_KEY means re-registering webhooks"))
    if not s.flower_password:
        findings.append(Finding(WARN, "FLOWER_PASSWORD", "empty: `make up` generates one "
                                "(var/flower-password); the docker compose flower service refuses to start"))
    return findings


def _redis_policies(s: Settings) -> list[Finding]:
    findings = []
    for name, url in dict.fromkeys([("REDIS_URL", s.redis_url),
                                    ("CELERY_BROKER_URL", s.celery_broker_url)]):
        if broker.is_rabbitmq(url):  # RabbitMQ keeps its queues on disk, with no eviction
            continue
        client = redis_lib.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3,
                                          decode_responses=True)
        try:
            config = client.config_get("maxmemory-policy")
            config.update(client.config_get("appendonly"))
        except redis_lib.RedisError as exc:
            findings.append(Finding(INFO, name, f"cannot read its CONFIG ({_reason(exc)})"))
            continue
        finally:
            client.close()
        policy = config.get("maxmemory-policy")
        if policy != "noeviction":
            findings.append(Finding(WARN, name, f"maxmemory-policy is {policy!r}, not "
                                    "'noeviction': a full Redis may drop queued jobs and locks"))
        else:
            findings.append(Finding(OK, name, "maxmemory-policy noeviction"))
        if name == "CELERY_BROKER_URL" and config.get("appendonly") != "yes":
            findings.append(Finding(INFO, name, "appendonly no: a Redis restart loses queued "
                                    "jobs (the outbox sweeper re-sends operations, not mail)"))
    return findings


def _network(s: Settings) -> list[Finding]:
    findings = []
    if s.webhook_allowed_hosts:
        findings.append(Finding(WARN, "WEBHOOK_ALLOWED_HOSTS", f"{', '.join(s.webhook_allowed_hosts)}"
                                ": these hosts may be called over plain http and at private "
                                "addresses (for tests and internal relays only)"))
    if s.trusted_proxies:
        findings.append(Finding(INFO, "TRUSTED_PROXIES", f"{s.trusted_proxies}: X-Forwarded-For is "
                                "believed for that many hops; more proxies than that, or "
                                "clients reaching the API directly, let callers pick their IP"))
    else:
        findings.append(Finding(INFO, "TRUSTED_PROXIES", "0: X-Forwarded-For is ignored; behind a "
                                "reverse proxy every client would share the proxy's IP"))
    return findings


def _external_identity(s: Settings) -> list[Finding]:
    if not s.external_tokens_accepted:
        return [Finding(INFO, "AUTH_MODE", f"{s.auth_mode}: only VaultPay's own tokens are believed")]
    keys = "a shared HS256 secret" if s.external_jwt_secret else f"keys from {s.external_jwks_url}"
    findings = [Finding(INFO, "AUTH_MODE", f"{s.auth_mode}: tokens of {s.external_issuer} ({keys}) "
                        f"are believed, roles up to {s.external_max_role}")]
    if not s.external_audience:
        findings.append(Finding(WARN, "EXTERNAL_AUDIENCE", "empty: tokens the issuer made for "
                                "other services are accepted; production refuses it"))
    for name in ("EXTERNAL_JWKS_URL", "EXTERNAL_USERINFO_URL"):
        url = getattr(s, name.lower())
        if url and not url.lower().startswith("https://"):
            findings.append(Finding(WARN, name, "not https: keys or answers can be forged on "
                                    "the way; production refuses it"))
    return findings


def _mail_and_workers(s: Settings) -> list[Finding]:
    findings = []
    if s.smtp_host and s.smtp_username and not s.smtp_starttls:
        findings.append(Finding(WARN, "SMTP_STARTTLS", "off while SMTP_USERNAME is set: the "
                                "SMTP password travels in clear text"))
    if not s.wallet_locks_enabled:
        findings.append(Finding(WARN, "WALLET_LOCKS_ENABLED", "off: postings rely on database "
                                "row locks alone"))
    chaos = getattr(s, "chaos_kill_after_commit_probability", 0)
    if chaos:
        findings.append(Finding(WARN, "CHAOS_KILL_AFTER_COMMIT_PROBABILITY",
                                f"{chaos}: processes kill themselves on purpose (make chaos only)"))
    return findings


# --- helpers -----------------------------------------------------------------------
def _reason(exc: BaseException) -> str:
    text_ = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text_}" if text_ else type(exc).__name__


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def render(sections: list[tuple[str, list[Finding]]]) -> tuple[str, int]:
    lines, failures, warnings = [], 0, 0
    for title, findings in sections:
        lines.append(title)
        width = max(len(f.subject) for f in findings)
        for finding in findings:
            lines.append(f"  {finding.level:<4}  {finding.subject:<{width}}  {finding.detail}")
            failures += finding.level == FAIL
            warnings += finding.level == WARN
        lines.append("")
    verdict = ("not ready: " + f"{failures} problem(s)") if failures else "ready"
    lines.append(f"Result: {verdict}, {warnings} warning(s)")
    return "\n".join(lines), 1 if failures else 0


def main() -> int:
    """For running without Flask: python -m web.doctor."""
    report, status = render(run(settings_module.load()))
    print(report)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
