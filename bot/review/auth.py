"""Agents' passwords (argon2id), login throttling, sessions and CSRF tokens."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.config import ReviewSettings
from bot.store import Store, utcnow
from bot.store.review import agent_by_email, record_login
from bot.store.tables import AgentRow

ROLES = ("agent", "manager")
_HASHER = PasswordHasher()
# Verifying against this when the address is unknown keeps the answer time the same, so the
# login page does not tell which addresses are agents.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise ValueError("a password needs at least 12 characters")
    return _HASHER.hash(password)


@dataclass(frozen=True, slots=True)
class Login:
    agent: AgentRow | None
    problem: str = ""


class AddressThrottle:
    """At most `limit` failed logins per client address in `window` seconds (in memory)."""

    def __init__(self, limit: int = 20, window: float = 900.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, address: str) -> bool:
        with self._lock:
            recent = self._recent(address)
            return len(recent) >= self.limit

    def failed(self, address: str) -> None:
        with self._lock:
            self._recent(address).append(time.monotonic())

    def _recent(self, address: str) -> deque[float]:
        queue = self._failures.setdefault(address, deque())
        while queue and queue[0] < time.monotonic() - self.window:
            queue.popleft()
        return queue


def check_login(
    store: Store,
    *,
    settings: ReviewSettings,
    throttle: AddressThrottle,
    client: str,
    email: str,
    password: str,
) -> Login:
    """The agent for these credentials, or why not; failures count towards the locks."""
    refused = Login(None, "Wrong email or password.")
    if throttle.blocked(client):
        return Login(None, "Too many failed logins from your address. Try again later.")
    agent = agent_by_email(store, email.strip())
    if agent is None or not agent.active:
        _verify(_DUMMY_HASH, password)
        throttle.failed(client)
        return refused
    if agent.locked_until is not None and agent.locked_until > utcnow():
        throttle.failed(client)
        return Login(None, "This account is locked after failed logins. Try again later.")
    if not _verify(agent.password_hash, password):
        throttle.failed(client)
        record_login(
            store,
            agent.email,
            success=False,
            lock_after=settings.lock_after_failures,
            lock_until=utcnow() + timedelta(minutes=settings.lock_minutes),
        )
        return refused
    record_login(store, agent.email, success=True, lock_after=0, lock_until=utcnow())
    return Login(agent)


def _verify(encoded: str, password: str) -> bool:
    try:
        return _HASHER.verify(encoded, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: object, given: object) -> bool:
    return (
        isinstance(expected, str)
        and isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(expected, given)
    )
