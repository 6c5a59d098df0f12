"""The layers' import rules (README's layout): each floor imports only the ones below it.

Read from the source with `ast`, so a rule broken anywhere fails here at once, without
running the code that breaks it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The edges of web/ that talk to the database as infrastructure, not as a use case:
# the request's unit of work, the health and doctor probes, the metrics gauge, and the
# translation of database errors into the envelope. Everything else reaches the
# database through db/ (and services/ for anything that changes state).
WEB_DATABASE_EDGES = {
    "web/context.py", "web/envelope.py", "web/health.py", "web/doctor.py", "web/metrics.py",
    "web/auth/sessions.py",
}
WORKER_DATABASE_EDGES: set[str] = set()
# web/ and services/ enqueue jobs by name (workers/names.py) through the outbox
# (db/outbox.py) and import nothing else from workers/, except: the app factory, which
# installs the outbox's publisher (the composition root), and the health, readiness,
# doctor and metrics probes, which ask the broker how it is (workers/broker.py).
WEB_WORKER_EDGES = {
    "web/app.py": {"workers.outbox", "workers.broker"},
    "web/health.py": {"workers.broker"}, "web/doctor.py": {"workers.broker", "workers.app"},
    "web/metrics.py": {"workers.broker"},
}


def _modules(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(ROOT).as_posix(), path


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def _offenders(folder: str, forbidden: tuple[str, ...], allowed: set[str] = frozenset()) -> dict:
    offenders = {}
    for name, path in _modules(folder):
        bad = sorted(m for m in _imports(path)
                     if m.split(".")[0] in forbidden or m in forbidden)
        if bad and name not in allowed:
            offenders[name] = bad
    return offenders


@pytest.mark.parametrize("folder", ["chaos", "bench"])
def test_chaos_and_bench_import_no_test_code(folder):
    assert _offenders(folder, ("tests",)) == {}


def test_the_domain_imports_no_framework_and_nothing_above_it():
    assert _offenders("domain", ("flask", "celery", "sqlalchemy", "redis", "psycopg",
                                 "db", "web", "workers", "services")) == {}


def test_services_never_reach_into_the_request():
    assert _offenders("services", ("flask", "web")) == {}


def test_db_imports_nothing_above_it():
    assert _offenders("db", ("flask", "web", "workers", "services")) == {}


def test_web_reaches_the_database_only_through_db_and_services():
    assert _offenders("web", ("sqlalchemy",), WEB_DATABASE_EDGES) == {}


def test_workers_reach_the_database_only_through_db_and_services():
    assert _offenders("workers", ("sqlalchemy",), WORKER_DATABASE_EDGES) == {}


@pytest.mark.parametrize("folder", ["web", "services"])
def test_web_and_services_take_only_task_names_from_workers(folder):
    offenders = {}
    for name, path in _modules(folder):
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):  # function-level imports too
            if isinstance(node, ast.ImportFrom) and node.module == "workers":
                found |= {f"workers.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workers."):
                found.add(node.module)
        bad = found - {"workers.names"} - WEB_WORKER_EDGES.get(name, set())
        if bad:
            offenders[name] = sorted(bad)
    assert offenders == {}


def test_the_allowed_edges_still_exist_and_still_need_it():
    """An edge that no longer imports sqlalchemy leaves the list, so the list only
    ever shrinks."""
    for name in WEB_DATABASE_EDGES | WORKER_DATABASE_EDGES:
        assert "sqlalchemy" in {m.split(".")[0] for m in _imports(ROOT / name)}, name
