"""`portdesk run` as a process: IDLE pickup, clean SIGTERM, SIGKILL crashes and server outages."""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

from bot.store import Store
from tests.drive import Daemon, processed_count, wait_until
from tests.factories import porting_mail, write_config
from tests.servers.dovecot import DovecotServer, Mailbox
from tests.servers.smtp_sink import ReceivedMessage, SmtpSink


def customer_mail(n: int) -> bytes:
    # One sender per message keeps the per-address rate limit out of the way.
    return porting_mail(
        sender=f"Customer {n} <c{n}@acme-dental.example>",
        subject=f"Port request {n}",
        message_id=f"<req.{n}@mail.acme-dental.example>",
        body=(
            f"Hello, we would like to port our number +1 415 555 01{n % 100:02d} from AT&T to you."
        ),
    )


def replies_by_request(messages: list[ReceivedMessage]) -> dict[str, set[str]]:
    answered: dict[str, set[str]] = defaultdict(set)
    for received in messages:
        answered[str(received.message["In-Reply-To"])].add(str(received.message["Message-ID"]))
    return answered


@pytest.fixture
def daemon_config(
    tmp_path: Path, store_url: str, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> Path:
    config = write_config(tmp_path, store_url, imap=imap_mailbox, smtp=smtp_sink)
    # A stable worker id, as in production: a restarted daemon frees its own claims at once.
    config.write_text(config.read_text() + '[workers]\nid = "test-worker"\n')
    return config


def test_idle_picks_up_new_mail_and_sigterm_stops_cleanly(
    daemon_config: Path, imap_mailbox: Mailbox, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    daemon = Daemon(daemon_config, tmp_path / "daemon.log")
    daemon.start()
    try:
        wait_until(lambda: imap_mailbox.connection_count() > 0, 20, "the daemon to connect")
        imap_mailbox.append("INBOX", customer_mail(1))
        [reply] = smtp_sink.wait_for(1, timeout=30)
        assert reply.message["In-Reply-To"] == "<req.1@mail.acme-dental.example>"
        assert daemon.terminate() == 0
    finally:
        daemon.kill()
    log = (tmp_path / "daemon.log").read_text()
    assert "portdesk stopped" in log
    # Logs carry ids, never message bodies.
    assert "Please port" not in log


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_repeats_nothing(
    daemon_config: Path,
    imap_mailbox: Mailbox,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    *,
    store_url: str,
) -> None:
    total = 200
    daemon = Daemon(daemon_config, tmp_path / "daemon.log")
    url = store_url
    rng = random.Random(20261124)

    def deliver() -> None:
        for n in range(total):
            imap_mailbox.append("INBOX", customer_mail(n))
            time.sleep(rng.uniform(0.01, 0.06))

    sender = threading.Thread(target=deliver)
    sender.start()
    kills = 0
    try:
        while sender.is_alive() or kills < 8:
            daemon.start()
            time.sleep(rng.uniform(0.3, 1.5))
            daemon.kill()
            kills += 1
        sender.join()
        daemon.start()
        wait_until(daemon.running, 30, "the daemon to start")
        smtp_sink.wait_for(total, timeout=120)
        wait_until(lambda: processed_count(url) == total, 60, "every message processed")
        assert daemon.terminate() == 0
    finally:
        daemon.kill()
        sender.join()

    store = Store(url)
    assert store.counts() == {"processed": total}
    replies = store.replies()
    assert len(replies) == total and {r.status for r in replies} == {"sent"}
    answered = replies_by_request(smtp_sink.messages)
    # Every request was answered, and never by two different replies.
    assert len(answered) == total
    assert all(len(ids) == 1 for ids in answered.values())
    # A kill between the server's "250 OK" and our commit re-sends the identical message (same
    # Message-ID, which mail clients collapse); each kill can cause at most one such repeat.
    repeats = len(smtp_sink.messages) - total
    assert 0 <= repeats <= kills


@pytest.mark.slow
def test_imap_and_smtp_outages_lose_nothing(
    daemon_config: Path,
    dovecot: DovecotServer,
    imap_mailbox: Mailbox,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    *,
    store_url: str,
) -> None:
    url = store_url
    daemon = Daemon(daemon_config, tmp_path / "daemon.log")
    daemon.start()
    try:
        for n in range(5):
            imap_mailbox.append("INBOX", customer_mail(n))
        smtp_sink.wait_for(5, timeout=30)

        smtp_sink.refuse(451, "4.3.0 try again later")
        dovecot.stop()
        time.sleep(2)  # the daemon notices the dead connection and backs off
        dovecot.start()
        for n in range(5, 10):
            imap_mailbox.append("INBOX", customer_mail(n))
        wait_until(lambda: processed_count(url) == 10, 60, "mail after the IMAP outage")
        wait_until(lambda: smtp_sink.refused_count > 0, 30, "a refused delivery")
        assert len(smtp_sink.messages) == 5

        smtp_sink.accept()
        smtp_sink.wait_for(10, timeout=60)
        assert daemon.terminate() == 0
    finally:
        daemon.kill()
    answered = replies_by_request(smtp_sink.messages)
    assert len(smtp_sink.messages) == 10
    assert len(answered) == 10 and all(len(ids) == 1 for ids in answered.values())
    assert "mailbox unavailable" in (tmp_path / "daemon.log").read_text()
