"""Several `portdesk run` workers on one mailbox and one database: each message once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bot.store import Store
from tests.drive import Daemon, processed_count, wait_until
from tests.factories import porting_mail, write_config
from tests.servers.dovecot import Mailbox
from tests.servers.smtp_sink import SmtpSink
from tests.test_daemon import replies_by_request

TOTAL = 1000


def request(n: int) -> bytes:
    return porting_mail(
        sender=f"Customer {n} <w{n}@acme-dental.example>",
        subject=f"Port request {n}",
        message_id=f"<w.{n}@mail.acme-dental.example>",
        body=(
            f"Hello, we would like to port our number +1 415 555 01{n % 100:02d} from AT&T to you."
        ),
    )


@pytest.mark.slow
def test_three_workers_one_killed_halfway_each_message_once(
    tmp_path: Path, store_url: str, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    config = write_config(tmp_path, store_url, imap=imap_mailbox, smtp=smtp_sink)
    # Short leases and claims so the killed worker's share moves on within the test.
    text = config.read_text() + "[workers]\nlease_seconds = 4.0\nclaim_seconds = 6.0\n"
    text += "idle_poll_seconds = 0.3\n"
    config.write_text(text)
    Store(store_url).close()  # migrate once, before the workers race to do it
    workers = [Daemon(config, tmp_path / f"worker{i}.log") for i in range(3)]

    def deliver() -> None:
        for n in range(TOTAL):
            imap_mailbox.append("INBOX", request(n))

    sender = threading.Thread(target=deliver)
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            wait_until(worker.running, 30, "the workers to start")
        sender.start()
        wait_until(lambda: processed_count(store_url) >= TOTAL // 2, 120, "half the messages")
        owner = Store(store_url).lease_owner("support/INBOX")
        victim = next(
            (w for w in workers if w.process and owner and owner.endswith(f":{w.process.pid}")),
            workers[0],
        )
        victim.kill()
        sender.join()
        wait_until(lambda: processed_count(store_url) == TOTAL, 240, "every message processed")
        smtp_sink.wait_for(TOTAL, timeout=240)
        time.sleep(1)
        for worker in workers:
            if worker.alive:
                assert worker.terminate() == 0
    finally:
        for worker in workers:
            worker.kill()
        if sender.is_alive():
            sender.join()

    store = Store(store_url)
    assert store.counts() == {"processed": TOTAL}
    replies = store.replies()
    assert len(replies) == TOTAL and {r.status for r in replies} == {"sent"}
    answered = replies_by_request(smtp_sink.messages)
    assert len(answered) == TOTAL
    assert all(len(ids) == 1 for ids in answered.values())
    # One worker was killed: at most the reply it was sending can arrive twice (same Message-ID).
    assert len(smtp_sink.messages) - TOTAL <= 1
    logs = [(tmp_path / f"worker{i}.log").read_text() for i in range(3)]
    # The survivors did the work after the kill, and more than one worker processed mail.
    assert sum(1 for log in logs if "processed message=" in log) >= 2
