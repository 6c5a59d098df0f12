"""The layers' import rules (README's layout): each floor imports only the ones below it.

Read from the source with `ast`, so a rule broken anywhere fails here at once, without
running the code that breaks it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

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


@pytest.mark.parametrize("folder", ["web", "workers", "services", "live"])
def test_sql_lives_only_in_db(folder):
    """web/, workers/ and live/ reach the database through db/ (and services/ for
    anything that changes state); the request's connection and units of work come from
    db/session.py. services/ may hold a session its caller opened, never a statement."""
    allowed_in_services = {"sqlalchemy.orm"}  # the Session type of the caller's unit of work
    offenders = {}
    for name, path in _modules(folder):
        bad = sorted(m for m in _imports(path) if m.split(".")[0] == "sqlalchemy"
                     and not (folder == "services" and m in allowed_in_services))
        if bad:
            offenders[name] = bad
    assert offenders == {}


def test_views_record_no_jobs():
    """A job belongs to the use case that needs it (services/), recorded in its unit of
    work: a view that enqueued one would be a use case written in a view."""
    assert _offenders("web", ("db.outbox",)) == {}
    assert {name for name, path in _modules("web")
            if any(isinstance(node, ast.ImportFrom) and node.module == "db"
                   and "outbox" in {alias.name for alias in node.names}
                   for node in ast.walk(ast.parse(path.read_text())))} == set()


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


def test_the_allowed_worker_edges_still_need_it():
    """An edge that no longer imports from workers/ leaves the list, so it only shrinks."""
    for name, allowed in WEB_WORKER_EDGES.items():
        imported = {m for m in _imports(ROOT / name) if m.startswith("workers")}
        for node in ast.walk(ast.parse((ROOT / name).read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "workers":
                imported |= {f"workers.{alias.name}" for alias in node.names}
        assert allowed <= imported, (name, allowed - imported)
