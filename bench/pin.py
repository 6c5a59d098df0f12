"""The PIN check every send pays: which scheme and cost the API wrote, and what one
verification costs on one core.

Both read a hash the API itself stored while setting the clients' PINs, so they
describe the settings in force in the measured loop, whatever they are."""
from __future__ import annotations

import time
from dataclasses import dataclass

import psycopg

from bench.e2e import PIN


@dataclass(frozen=True)
class StoredPin:
    wallet_id: str
    pin_hash: str
    key_id: str | None  # None: plain bcrypt of the PIN (the scheme before peppers)


def stored_hash(conn: psycopg.Connection, wallet_id: str) -> StoredPin:
    pin_hash, key_id = conn.execute(
        "SELECT pin_hash, pin_key_id FROM wallet_pins WHERE wallet_id = %s", (wallet_id,)).fetchone()
    return StoredPin(wallet_id, pin_hash, key_id)


def scheme(stored: StoredPin) -> dict:
    """`$2b$05$...` under key `k1`: bcrypt at cost 5 over HMAC-SHA-256(pepper k1, ...)."""
    _, variant, cost, _ = stored.pin_hash.split("$", 3)
    keyed = f"hmac-sha256(pepper {stored.key_id})+" if stored.key_id else ""
    return {"scheme": f"{keyed}bcrypt-{variant}", "cost": int(cost), "key_id": stored.key_id}


def _pepper(stored: StoredPin) -> bytes | None:
    """The pepper the API uses for this hash (the stack's settings are in os.environ
    while the bench runs)."""
    import settings
    from services.pin_counter import hasher

    return hasher(settings.load()).pepper_for(stored.key_id)


def verify_once(pin: str, stored: StoredPin, pepper: bytes | None) -> bool:
    """One verification exactly as the API makes it."""
    from domain.pin import check_pin

    return check_pin(pin, stored.wallet_id, stored.pin_hash, pepper)


def verify_ms(stored: StoredPin, seconds: float = 2.0) -> dict:
    """CPU milliseconds of one verification (the mean over `seconds`, one thread)."""
    pepper = _pepper(stored)
    began_cpu, began, checks = time.process_time(), time.perf_counter(), 0
    while time.perf_counter() - began < seconds or checks < 3:
        if not verify_once(PIN, stored, pepper):
            raise AssertionError("the bench's PIN did not verify against its stored hash")
        checks += 1
    cpu = time.process_time() - began_cpu
    return {"checks": checks, "ms": round(1000 * cpu / checks, 3)}
