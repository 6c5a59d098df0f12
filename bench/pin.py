"""The PIN check every send pays: which scheme and cost the API wrote, and what one
verification costs on one core.

Both read a hash the API itself stored while setting the clients' PINs, so they
describe the settings in force in the measured loop, whatever they are."""
from __future__ import annotations

import time

import psycopg

from bench.e2e import PIN


def stored_hash(conn: psycopg.Connection, wallet_id: str) -> str:
    return conn.execute("SELECT pin_hash FROM wallet_pins WHERE wallet_id = %s",
                        (wallet_id,)).fetchone()[0]


def scheme(pin_hash: str) -> dict:
    """`$2b$12$...`: bcrypt at cost 12 over the PIN itself."""
    _, variant, cost, _ = pin_hash.split("$", 3)
    return {"scheme": f"bcrypt-{variant}", "cost": int(cost)}


def verify_once(pin: str, pin_hash: str) -> bool:
    """One verification exactly as the API makes it."""
    from domain.pin import check_pin

    return check_pin(pin, pin_hash)


def verify_ms(pin_hash: str, seconds: float = 2.0) -> dict:
    """CPU milliseconds of one verification (the mean over `seconds`, one thread)."""
    began_cpu, began, checks = time.process_time(), time.perf_counter(), 0
    while time.perf_counter() - began < seconds or checks < 3:
        if not verify_once(PIN, pin_hash):
            raise AssertionError("the bench's PIN did not verify against its stored hash")
        checks += 1
    cpu = time.process_time() - began_cpu
    return {"checks": checks, "ms": round(1000 * cpu / checks, 3)}
