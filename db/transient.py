"""Which failures are an outage worth retrying, not a fault of the work being done:
PostgreSQL or Redis unreachable, restarting or failing over, or a pooled connection
that the server closed."""
from __future__ import annotations

import redis as redis_lib
from sqlalchemy.exc import OperationalError, SQLAlchemyError

# Any failure of the database layer (a query, a connection, a constraint), for a caller
# that degrades instead of failing (the live process).
DatabaseError = SQLAlchemyError

TRANSIENT = (OperationalError, redis_lib.ConnectionError, redis_lib.TimeoutError)


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TRANSIENT) or bool(getattr(exc, "connection_invalidated", False))
