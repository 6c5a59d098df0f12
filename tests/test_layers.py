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
    "web/auth/sessions.py", "web/transactions/submission.py",
}
# The transactional outbox's relay, which hooks the publishing of jobs onto the commit
# of the session that recorded them.
WORKER_DATABASE_EDGES = {"workers/outbox.py"}


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


def test_the_allowed_edges_still_exist_and_still_need_it():
    """An edge that no longer imports sqlalchemy leaves the list, so the list only
    ever shrinks."""
    for name in WEB_DATABASE_EDGES | WORKER_DATABASE_EDGES:
        assert "sqlalchemy" in {m.split(".")[0] for m in _imports(ROOT / name)}, name
