"""The real stack for the tests: a throwaway PostgreSQL database migrated once, the
local Redis, and a real Celery worker (with beat) in its own process, on a queue of
its own so that parallel runs never steal each other's jobs.

On a machine with no PostgreSQL or Redis (nothing in TEST_ADMIN_DATABASE_URL /
TEST_REDIS_URL / TEST_CELERY_BROKER_URL and nothing answering on the standard ports),
or with EMBEDDED=1, the run starts the embedded servers (embedded/) on free ports
with throwaway data, and stops them at the end."""
from __future__ import annotations

import atexit
import os
import shutil
import socket
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import embedded  # noqa: E402


def _start_embedded_if_needed() -> None:
    """Point the TEST_* variables at embedded servers when the plan asks for them."""
    wanted = embedded.plan(dict(os.environ), configured_pg=("TEST_ADMIN_DATABASE_URL",),
                           configured_redis=("TEST_REDIS_URL", "TEST_CELERY_BROKER_URL"))
    if not wanted:
        return
    data = Path(tempfile.mkdtemp(prefix="vp-test-embedded-"))
    servers = embedded.EmbeddedServers(data, wanted, persist=False)
    atexit.register(shutil.rmtree, data, ignore_errors=True)
    atexit.register(servers.stop)  # runs first (last registered)
    servers.start()
    if servers.postgres:
        os.environ["TEST_ADMIN_DATABASE_URL"] = servers.postgres.admin_url
    if servers.valkey:
        os.environ["TEST_REDIS_URL"] = servers.valkey.url(2)
        os.environ["TEST_CELERY_BROKER_URL"] = servers.valkey.url(3)
    print(f"\nembedded servers for this run:\n{servers.banner()}", file=sys.stderr)


_start_embedded_if_needed()
RUN_ID = uuid.uuid4().hex[:10]
TEST_DB = f"vp_test_{RUN_ID}"
ADMIN_URL = os.environ.get("TEST_ADMIN_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _redis_of_this_process(url: str) -> str:
    """`make test` runs the test files on several processes (pytest-xdist; gw0, gw1,
    ...): each gets Redis databases of its own, as it has its own PostgreSQL database
    and Celery queue. In one database, the throttling tests' per-IP counters (every
    request comes from 127.0.0.1) would also count the other processes' sign-ins."""
    process = os.environ.get("PYTEST_XDIST_WORKER")
    if not process or not url.startswith(("redis://", "rediss://")):
        return url
    parts = urlsplit(url)
    database = int(parts.path.lstrip("/") or 0) + 2 * int(process.removeprefix("gw"))
    if database > 15:
        raise RuntimeError(f"{process}: no Redis database {database} (16 by default); run fewer processes")
    return urlunsplit(parts._replace(path=f"/{database}"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The broker: the local Redis, or any other Celery broker URL. A RabbitMQ broker
# (TEST_CELERY_BROKER_URL=amqp://...; `make test-rabbitmq`) gets a virtual host made
# for this run and deleted at its end, so parallel runs share nothing on it.
BROKER_URL = _redis_of_this_process(os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/3"))
RABBITMQ_VHOST = f"vp-test-{RUN_ID}" if BROKER_URL.startswith(("amqp", "pyamqp")) else None
if RABBITMQ_VHOST:
    from embedded import rabbitmq

    BROKER_URL = rabbitmq.create_vhost(BROKER_URL, RABBITMQ_VHOST)


# TEST_PGBOUNCER=1 (`make test-pgbouncer`): the app, the worker, beat and the
# migrations reach the database through a private PgBouncer in transaction pooling
# mode; the tests' own assertions (the `db` fixture) still read it directly.
DIRECT_DATABASE_URL = (ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
                       + f"/{TEST_DB}")
POOLER = None
if os.environ.get("TEST_PGBOUNCER") == "1":
    from embedded.pgbouncer import PgBouncer

    POOLER = PgBouncer()
    POOLER.start()


def pytest_unconfigure(config):
    if RABBITMQ_VHOST:
        rabbitmq.delete_vhost(RABBITMQ_VHOST)
    if POOLER:
        POOLER.stop()


# The in-process SMTP server (the `mailbox` fixture) listens here; the worker mails it.
SMTP_PORT = _free_port()

# Everything below reads settings at import time, so the environment is set first.
TEST_ENV = {
    "VAULTPAY_ENV": "test",
    "DATABASE_URL": POOLER.url(TEST_DB, driver="postgresql+psycopg") if POOLER else DIRECT_DATABASE_URL,
    "DATABASE_TRANSACTION_POOLING": "1" if POOLER else "0",
    # Redis databases of their own, so that a test run's counters (login attempts per
    # IP, say) never throttle a development server on the same machine.
    "REDIS_URL": _redis_of_this_process(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")),
    "CELERY_BROKER_URL": BROKER_URL,
    "CELERY_QUEUE": f"vp-test-{RUN_ID}",
    "BCRYPT_ROUNDS": "4",
    "PIN_BCRYPT_ROUNDS": "4",
    "LOGIN_RATE_PER_IP": "100000",
    "LOGIN_RATE_PER_EMAIL": "100000",
    "REGISTER_RATE_PER_IP": "100000",
    # The money tests send many requests per user; tests/test_limits.py checks the
    # real request-rate limits with an app of its own.
    "SEND_RATE_PER_MINUTE": "100000",
    "TOPUP_RATE_PER_MINUTE": "100000",
    "WITHDRAW_RATE_PER_MINUTE": "100000",
    "PAYOUT_RATE_PER_MINUTE": "100000",
    # Short clocks so that recovery paths run within a test's patience.
    "VISIBILITY_TIMEOUT": "15",
    "TASK_SOFT_TIME_LIMIT": "5",
    "TASK_TIME_LIMIT": "7",
    "SWEEP_INTERVAL_S": "1",
    "HOLD_EXPIRY_INTERVAL_S": "1",
    "OUTBOX_GRACE_S": "1",
    "STUCK_OPERATION_S": "6",
    "MAX_POSTING_DELIVERIES": "5",
    # A killed worker's wallet locks free up after this, not after the production 30 s;
    # still longer than TASK_TIME_LIMIT, as a lock must outlive the job holding it.
    "WALLET_LOCK_TTL_MS": "10000",
    # Webhooks: the test receiver listens on 127.0.0.1 over http; retries come
    # quickly and give up after four attempts.
    "WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
    "WEBHOOK_TIMEOUT_S": "1.5",
    "WEBHOOK_RETRY_BASE_S": "0.2",
    "WEBHOOK_RETRY_CAP_S": "1",
    "WEBHOOK_MAX_ATTEMPTS": "4",
    # Email: a real SMTP server in this process (tests/support/smtp.py); failed sends
    # are retried quickly.
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": str(SMTP_PORT),
    "SMTP_STARTTLS": "0",
    "SMTP_USERNAME": "",
    "SMTP_PASSWORD": "",
    "EMAIL_RETRY_BASE_S": "0.3",
    "EMAIL_MAX_RETRIES": "8",
}
os.environ.update(TEST_ENV)

import psycopg  # noqa: E402
import pytest  # noqa: E402

from tests.support.worker import CeleryWorker  # noqa: E402


def _admin(sql: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "db/migrations"))
    config.cmd_opts = type("Opts", (), {"x": [f"url={url}"]})()
    command.upgrade(config, "head")


@pytest.fixture(scope="session")
def database_url():
    _admin(f'CREATE DATABASE "{TEST_DB}"')
    migrate(TEST_ENV["DATABASE_URL"])
    yield TEST_ENV["DATABASE_URL"]
    from db.session import engine_for

    engine_for(TEST_ENV["DATABASE_URL"]).dispose()
    _admin(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)')


@pytest.fixture(scope="session")
def app(database_url):
    from web.app import create_app

    return create_app()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def mailbox():
    """A real SMTP server in this process, started before the worker, which mails it."""
    from tests.support.smtp import Mailbox

    box = Mailbox(TEST_ENV["SMTP_HOST"], int(TEST_ENV["SMTP_PORT"]))
    box.start()
    yield box
    box.stop()


@pytest.fixture(scope="session")
def worker(database_url, mailbox, tmp_path_factory):
    """A real Celery worker with embedded beat, started once for the session."""
    log_dir = tmp_path_factory.mktemp("worker")
    celery_worker = CeleryWorker(ROOT, log_dir, dict(os.environ))
    celery_worker.start()
    yield celery_worker
    celery_worker.stop()


@pytest.fixture()
def db(database_url):
    """A plain psycopg connection (autocommit) for assertions and test set-up."""
    with psycopg.connect(DIRECT_DATABASE_URL.replace("+psycopg", ""), autocommit=True) as conn:
        yield conn


@pytest.fixture()
def api(client, db):
    from tests.support.api import Api

    return Api(client, db)


@pytest.fixture(autouse=True)
def email_jobs_carry_ids_only():
    """Every send_email message any test publishes is (template, uuid, uuid or None)."""
    from celery.signals import before_task_publish

    from tests.support.jobs import EMAIL_TASK, assert_ids_only

    seen: list = []

    def capture(sender=None, body=None, **_):
        if sender == EMAIL_TASK:
            seen.append(body[0])

    before_task_publish.connect(capture, weak=False)
    yield seen
    before_task_publish.disconnect(capture)
    for args in seen:
        assert_ids_only(args)
