"""Create the database named by DATABASE_URL if it does not exist yet.

Reads DATABASE_URL the way the application does (environment, then `.env`, then the
default in settings.py), connects to the `postgres` maintenance database on the same
server with the same credentials, and issues CREATE DATABASE when needed. Running it
again is harmless. Exit status: 0 when the database exists afterwards, 1 otherwise.

    .venv/bin/python scripts/ensure_database.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from psycopg import errors, sql  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

import settings  # noqa: E402

MAINTENANCE_DB = "postgres"


def target(database_url: str) -> tuple[str, dict]:
    """The database name, and psycopg.connect() keywords for the maintenance database."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise SystemExit(f"DATABASE_URL is not a PostgreSQL URL: {url.render_as_string()}")
    if not url.database:
        raise SystemExit("DATABASE_URL names no database")
    params: dict = {key: value for key, value in url.query.items() if isinstance(value, str)}
    for key, value in (("host", url.host), ("port", url.port), ("user", url.username),
                       ("password", url.password)):
        if value is not None:
            params[key] = value
    params["dbname"] = MAINTENANCE_DB
    return url.database, params


def ensure(database_url: str) -> bool:
    """Create the database if missing. True when it was created, False when it existed."""
    name, params = target(database_url)
    with psycopg.connect(**params, autocommit=True, connect_timeout=10) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return False
        try:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except errors.DuplicateDatabase:  # created by someone else in the meantime
            return False
        return True


def main() -> int:
    database_url = settings.load().database_url
    name, params = target(database_url)
    where = f"{params.get('host', 'local socket')}:{params.get('port', 5432)}"
    try:
        created = ensure(database_url)
    except psycopg.OperationalError as exc:
        print(f"ensure_database: cannot reach PostgreSQL at {where} "
              f"(maintenance database '{MAINTENANCE_DB}'): {exc}".rstrip(), file=sys.stderr)
        print("ensure_database: is the server running? Check DATABASE_URL in the "
              "environment or .env.", file=sys.stderr)
        return 1
    print(f"ensure_database: {'created' if created else 'found'} database '{name}' on {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
