"""Use cases, one function per command (cosmicpython's handlers).

A view parses, calls one service, presents; a task takes ids and calls one service.
A service takes what it needs explicitly (the caller as an audit actor, the settings,
the unit of work or the session its caller opened): nothing below web/ reads Flask's
request globals. It loads through db/, decides through domain/, writes through db/, and
never commits a transaction it did not open.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Callable

from sqlalchemy.orm import Session

# What a service that must commit before it raises (a wrong PIN stays counted) is given:
# a factory of units of work, `with uow() as session:`.
UnitOfWork = Callable[[], AbstractContextManager[Session]]
