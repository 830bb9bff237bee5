"""Slowing down guessing: failures counted per scope and key, each wait growing.

A scope names what is guessed and who guesses ("login-account" with the e-mail
address as key, "login-client" with the client's network); any form that checks
a secret (logging in, resetting a password) keeps its own scopes and asks, before
it checks, how long the key must still wait. After ``free_failures`` failures each
one doubles the wait, up to ``lock_seconds``; a key that has not failed for
``forget_seconds`` starts afresh. Counting is done in the database (an UPDATE adds
one), so parallel failures on several app servers are each counted.
"""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from models import FailedAttempt, utcnow

# An IPv6 client usually holds a whole /64: counting each address would let it
# change address for every guess.
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Throttle:
    """How failures are slowed down."""

    free_failures: int = 3
    delay_seconds: float = 2.0
    lock_seconds: int = 300
    forget_seconds: int = 3600


def client_key(address: str | None) -> str:
    """The key of a client: its IPv4 address, or its IPv6 /64 network."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


def _recent(session: Session, scope: str, key: str, throttle: Throttle) -> FailedAttempt | None:
    record = session.get(FailedAttempt, (scope, key))
    if record is None:
        return None
    if utcnow() - record.last_at > timedelta(seconds=throttle.forget_seconds):
        return None
    return record


def failures(session: Session, *, scope: str, key: str, throttle: Throttle) -> int:
    """How many times this key failed lately (0 once it is forgotten)."""
    record = _recent(session, scope, key, throttle)
    return record.count if record is not None else 0


def seconds_to_wait(session: Session, *, scope: str, key: str, throttle: Throttle) -> int:
    """How long this key must wait before its next attempt (0: none)."""
    record = _recent(session, scope, key, throttle)
    if record is None or record.count < throttle.free_failures:
        return 0
    extra = min(record.count - throttle.free_failures, 30)
    wait = min(throttle.delay_seconds * (2**extra), throttle.lock_seconds)
    remaining = record.last_at + timedelta(seconds=wait) - utcnow()
    return max(0, int(remaining.total_seconds() + 0.999))


def record_failure(session: Session, *, scope: str, key: str, throttle: Throttle) -> None:
    """Count one more failure for the key and commit.

    The first failure inserts the row; if a parallel request inserted it first,
    the insert fails and the UPDATE is made instead. A forgotten count restarts at one.
    """
    if _count(session, scope, key, throttle):
        return
    session.add(FailedAttempt(scope=scope, key=key, count=1, last_at=utcnow()))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        _count(session, scope, key, throttle)


def _count(session: Session, scope: str, key: str, throttle: Throttle) -> bool:
    """Add one to an existing row and commit; False when there is no row yet."""
    now = utcnow()
    stale = now - timedelta(seconds=throttle.forget_seconds)
    row = (col(FailedAttempt.scope) == scope) & (col(FailedAttempt.key) == key)
    session.execute(update(FailedAttempt).where(row, col(FailedAttempt.last_at) < stale)
                    .values(count=0))
    counted = session.execute(
        update(FailedAttempt).where(row).values(count=FailedAttempt.count + 1, last_at=now)
    )
    session.commit()
    return bool(counted.rowcount)  # type: ignore[attr-defined]


def forget(session: Session, *, scope: str, key: str) -> None:
    """The key's failures are forgotten (after it proved itself) and committed."""
    session.execute(delete(FailedAttempt).where(
        col(FailedAttempt.scope) == scope, col(FailedAttempt.key) == key))
    session.commit()
