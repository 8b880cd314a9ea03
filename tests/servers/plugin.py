"""Pytest plugin with the real-server fixtures: ``dovecot``, ``imap_mailbox`` and ``smtp_sink``.

Enable it for the whole suite with ``pytest_plugins = ["tests.servers.plugin"]``
in tests/conftest.py (or ``-p tests.servers.plugin`` on the command line).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from tests.servers.dovecot import DOVECOT_BINARY, DovecotServer, Mailbox
from tests.servers.smtp_sink import SmtpSink


def _require_dovecot() -> None:
    if DOVECOT_BINARY.exists():
        return
    message = f"{DOVECOT_BINARY} not found (apt-get install dovecot-imapd)"
    # CI must install Dovecot; a silent skip there would hide every IMAP test.
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI is set, so this fails instead of skipping", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """One Dovecot for the whole session, with bot@example.test and oauth@example.test.

    Tests may stop/restart/kick it (outage tests); restart keeps the port and the
    mail. A test that leaves it stopped gets it started again by ``imap_mailbox``.
    """
    _require_dovecot()
    server = DovecotServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def imap_mailbox(dovecot: DovecotServer, request: pytest.FixtureRequest) -> Mailbox:
    """A fresh, empty mailbox: a new passwd-file user per test (password ``s3cret``).

    A new user instead of wiping bot@example.test: nothing can leak between
    tests (folders, flags, UIDVALIDITY, lingering connections of a previous
    test's daemon), and Dovecot picks up the appended passwd-file line at once.
    """
    if not dovecot.running:
        # An earlier outage test may have left the shared server stopped.
        dovecot.start()
    # The test name in the address makes Dovecot's log easy to follow.
    prefix = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40] or "test"
    return dovecot.new_mailbox(prefix)


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A started ``SmtpSink`` on a free loopback port, stopped after the test."""
    sink = SmtpSink()
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()
