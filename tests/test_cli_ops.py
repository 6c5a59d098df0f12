"""Operator commands: `flask doctor` and `flask seed-demo`, against the real stack."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
import requests
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from checks import ledger
from tests.conftest import ADMIN_URL, ROOT, _free_port
from tests.support.waiting import eventually
from web import demo, doctor


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture()
def scratch_database():
    """An empty database of its own (the doctor must see it unmigrated, then behind)."""
    name = f"vp_doctor_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    yield url
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _alembic(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "db/migrations"))
    config.cmd_opts = type("Opts", (), {"x": [f"url={url}"]})()
    return config


# --- doctor ------------------------------------------------------------------------
def test_doctor_reports_a_healthy_stack_and_the_unsafe_test_settings(app, worker):
    result = _run(app, "doctor")
    assert result.exit_code == 0, result.output
    out = result.output
    for line in ("ok    PostgreSQL", "ok    Redis", "ok    broker", "ok    SMTP", "ok    workers"):
        assert line in out
    assert "database at head" in out
    # The test settings are deliberately unsafe; the doctor names each of them.
    assert "BCRYPT_ROUNDS" in out and "4 (< 12)" in out
    assert "WEBHOOK_ALLOWED_HOSTS" in out and "127.0.0.1" in out
    assert "JWT_SECRET_KEY" in out and "TRUSTED_PROXIES" in out
    assert "PIN_PEPPER_KEYS" in out and "development pepper" in out
    assert "maxmemory-policy" in out
    assert out.strip().endswith("warning(s)") and "Result: ready" in out


def test_doctor_fails_when_redis_cannot_be_reached(database_url):
    from web.app import create_app

    app = create_app({"redis_url": "redis://127.0.0.1:1/0", "smtp_host": ""})
    result = _run(app, "doctor")
    assert result.exit_code == 1
    assert "FAIL  Redis" in result.output and "127.0.0.1:1" in result.output
    assert "ok    PostgreSQL" in result.output  # one failure does not hide the rest
    assert "not ready: 1 problem(s)" in result.output


def test_doctor_fails_on_an_unmigrated_then_a_lagging_database(scratch_database):
    found = doctor.migration_state(scratch_database)
    assert found.level == doctor.FAIL and "not migrated" in found.detail

    config = _alembic(scratch_database)
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    command.upgrade(config, previous)
    found = doctor.migration_state(scratch_database)
    assert found.level == doctor.FAIL
    assert f"database at {previous}, head is {head} (1 migration(s) behind)" in found.detail

    command.upgrade(config, "head")
    assert doctor.migration_state(scratch_database).level == doctor.OK


def test_doctor_hides_passwords_in_urls():
    shown = doctor._without_password("redis://:s3cret@cache.internal:6380/1")
    assert "s3cret" not in shown and "cache.internal:6380" in shown


# --- seed-demo ---------------------------------------------------------------------
def test_seed_demo_is_refused_in_production(database_url, db):
    from web.app import create_app

    app = create_app({"env": "production"})
    result = _run(app, "seed-demo")
    assert result.exit_code != 0
    assert "refused when VAULTPAY_ENV=production" in result.output
    emails = [p.email for p in demo.STAFF + demo.CUSTOMERS]
    assert db.execute("SELECT count(*) FROM users WHERE email = ANY(%s)",
                      (emails,)).fetchone()[0] == 0


def test_seed_demo_creates_staff_and_funded_verified_users_once(app, worker, db):
    first = _run(app, "seed-demo")
    assert first.exit_code == 0, first.output
    assert "Demo data created." in first.output
    for person in demo.STAFF + demo.CUSTOMERS:
        assert person.email in first.output and person.password in first.output

    roles = dict(db.execute("SELECT email, role FROM users WHERE email = ANY(%s)",
                            ([p.email for p in demo.STAFF + demo.CUSTOMERS],)).fetchall())
    assert roles == {p.email: p.role for p in demo.STAFF + demo.CUSTOMERS}
    for person in demo.CUSTOMERS:
        balance, verified, tier = db.execute(
            "SELECT w.balance, w.kyc_verified, w.kyc_tier FROM wallets w JOIN users u"
            " ON u.id = w.user_id WHERE u.email = %s", (person.email,)).fetchone()
        assert (balance, verified, tier) == (Decimal(person.funds), True, 1)
        assert f"balance {person.funds}" in first.output
    # The money came in through posted top-ups, each with its balanced journal.
    topups = db.execute(
        "SELECT count(*) FROM operations o JOIN journals j ON j.operation_id = o.id"
        " JOIN users u ON u.id = o.user_id WHERE o.type = 'topup' AND o.status = 'completed'"
        " AND u.email = ANY(%s)", ([p.email for p in demo.CUSTOMERS],)).fetchone()[0]
    assert topups == len(demo.CUSTOMERS)
    assert ledger.violations(db) == []
    # The moderator approved the KYC through the API: audited like any approval.
    approvals = db.execute("SELECT count(*) FROM audit_logs a JOIN users u ON u.id = a.actor_id"
                           " WHERE a.action = 'APPROVED_KYC' AND u.email = %s",
                           (demo.STAFF[1].email,)).fetchone()[0]
    assert approvals == len(demo.CUSTOMERS)

    second = _run(app, "seed-demo")
    assert second.exit_code == 0, second.output
    assert "Demo data already exists; nothing changed." in second.output
    again = db.execute("SELECT count(*) FROM operations o JOIN users u ON u.id = o.user_id"
                       " WHERE u.email = ANY(%s)", ([p.email for p in demo.CUSTOMERS],)).fetchone()[0]
    assert again == len(demo.CUSTOMERS)


def test_the_demo_users_can_log_in_and_pay_each_other(app, worker, api):
    if _run(app, "seed-demo").exit_code != 0:
        pytest.fail("seed-demo failed")
    sender, recipient = demo.CUSTOMERS[0], demo.CUSTOMERS[1]
    token = api.post("/auth/login", json={"email": sender.email, "password": sender.password}
                     ).json["data"]["access_token"]
    other = api.post("/auth/login", json={"email": recipient.email,
                                          "password": recipient.password}).json["data"]
    wallet = api.get("/wallets/me", headers={"Authorization": f"Bearer {other['access_token']}"}
                     ).json["data"]["wallet_id"]
    response = api.post("/transactions/send", headers={
        "Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex,
        "Prefer": "wait=10"}, json={"recipient_wallet_id": wallet, "amount": "1.00",
                                    "pin": demo.PIN})
    assert response.status_code == 201, response.json
    assert response.json["data"]["status"] == "completed"


def test_make_up_mentions_seed_demo_and_the_flower_login():
    up = (ROOT / "scripts" / "up.sh").read_text()
    assert "flask --app wsgi seed-demo" in up
    assert "FLOWER_BASIC_AUTH" in up and "var/flower-password" in up
    procfile = (ROOT / "Procfile").read_text()
    flower = next(line for line in procfile.splitlines() if line.startswith("flower:"))
    assert "scripts/flower.sh" in flower
    assert "refusing to start without a password" in (ROOT / "scripts" / "flower.sh").read_text()


def test_configuration_reference_documents_every_setting():
    source = (ROOT / "settings.py").read_text()
    in_settings = set(re.findall(r'_(?:env|int|float)\(\s*"([A-Z0-9_]+)"', source))
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|",
                                (ROOT / "docs" / "configuration.md").read_text(), re.M))
    assert len(in_settings) > 40
    missing = sorted(in_settings - documented)
    assert not missing, f"add these settings.py variables to docs/configuration.md: {missing}"


# --- Flower ------------------------------------------------------------------------
def _flower_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FLOWER_BASIC_AUTH", "FLOWER_USER", "FLOWER_PASSWORD", "FLOWER_PORT")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return {**env, **extra}


def test_flower_refuses_to_start_without_a_password():
    result = subprocess.run(["sh", "scripts/flower.sh"], cwd=ROOT, env=_flower_env(),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "refusing to start without a password" in result.stderr


@pytest.fixture()
def flower(worker, tmp_path):
    port = _free_port()
    log = tmp_path / "flower.log"
    process = subprocess.Popen(
        ["sh", "scripts/flower.sh"], cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
        env=_flower_env(FLOWER_USER="ops", FLOWER_PASSWORD="flower-test-pw", FLOWER_PORT=str(port)),
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/healthcheck", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"flower did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def test_flower_asks_for_a_login_and_shows_the_worker_and_tasks_with_ids_only(flower, api):
    assert requests.get(flower, timeout=5).status_code == 401
    assert requests.get(flower, auth=("ops", "wrong"), timeout=5).status_code == 401
    auth = ("ops", "flower-test-pw")
    assert requests.get(flower, auth=auth, timeout=5).status_code == 200

    workers = requests.get(f"{flower}/api/workers", params={"refresh": "1"}, auth=auth,
                           timeout=15).json()
    queue = os.environ["CELERY_QUEUE"]
    assert any(name.startswith(f"test-{queue}") for name in workers), workers

    time.sleep(1)  # Flower's event receiver connects just after it answers
    owner = api.wallet()
    operation_id = api.topup(owner, "12.00", wait=10)["operation_id"]
    seen = []

    def succeeded() -> list:
        seen.append(requests.get(f"{flower}/api/tasks", params={"taskname": "workers.post_topup"},
                                 auth=auth, timeout=5).json())
        found = [t for t in seen[-1].values() if operation_id in (t.get("args") or "")]
        # The operation completes inside the job: Flower may hear of the job's success
        # a moment after the API answered, so a sighting in STARTED is polled again.
        return found if found and found[0]["state"] == "SUCCESS" else []

    mine = eventually(succeeded, 20, interval_s=0.5)
    assert mine, seen[-1]
    # Task arguments carry the operation id and nothing else (no amount, PIN or token).
    assert mine[0]["args"] == f"['{operation_id}']"
    assert mine[0]["state"] == "SUCCESS"
