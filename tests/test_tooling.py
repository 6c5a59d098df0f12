"""The running tooling: scripts/ensure_database.py, .env.example and the Procfile."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("TEST_ADMIN_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _load_ensure_database():
    spec = importlib.util.spec_from_file_location(
        "ensure_database", ROOT / "scripts" / "ensure_database.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _database_exists(name: str) -> bool:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def _drop(name: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_env_example_documents_every_setting():
    source = (ROOT / "settings.py").read_text()
    in_settings = set(re.findall(r'_(?:env|int|float)\(\s*"([A-Z0-9_]+)"', source))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert in_settings, "found no variables in settings.py"
    missing = sorted(in_settings - documented)
    assert not missing, f"add these settings.py variables to .env.example: {missing}"


def test_target_translates_a_sqlalchemy_url_for_psycopg():
    ensure_database = _load_ensure_database()
    name, params = ensure_database.target(
        "postgresql+psycopg://us%40r:p%3Ass@db.example:6543/vault-pay?sslmode=require")
    assert name == "vault-pay"
    assert params == {"host": "db.example", "port": 6543, "user": "us@r", "password": "p:ss",
                      "dbname": "postgres", "sslmode": "require"}


def test_ensure_database_creates_a_missing_database_once():
    server = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    name = f"vp_tooling_{uuid.uuid4().hex[:10]}-x"  # a dash needs quoting: checks the identifier
    env = {**os.environ, "DATABASE_URL": f"{server}/{name}"}
    run = [sys.executable, str(ROOT / "scripts" / "ensure_database.py")]
    try:
        first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60)
        assert first.returncode == 0, first.stderr
        assert "created database" in first.stdout
        assert _database_exists(name)
        second = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "found database" in second.stdout
    finally:
        _drop(name)


def test_ensure_database_reports_an_unreachable_server():
    env = {**os.environ, "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "cannot reach PostgreSQL at 127.0.0.1:1" in result.stderr


@pytest.mark.parametrize("process", ["api", "worker", "beat", "flower", "live"])
def test_procfile_runs_each_process_once(process):
    names = [line.split(":", 1)[0] for line in (ROOT / "Procfile").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert names.count(process) == 1
