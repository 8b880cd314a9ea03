"""Throughput of 1, 2 and 3 `portdesk run` workers on one mailbox and one PostgreSQL database.

The same corpus (generated porting requests, each answered) is put in a fresh Dovecot mailbox
before the workers start; the figure is messages per second from the first worker's start to
the last reply at the SMTP sink. Ratios are against one worker, measured in the same run.

Run: python -m bench.workers_throughput [--messages N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bot.store import Store
from tests.databases import DATABASE_ENV, database_url
from tests.drive import Daemon, wait_until
from tests.factories import porting_mail, write_config
from tests.servers.dovecot import DovecotServer
from tests.servers.smtp_sink import SmtpSink

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def request(n: int) -> bytes:
    return porting_mail(
        sender=f"Customer {n} <b{n}@acme-dental.example>",
        subject=f"Port request {n}",
        message_id=f"<bench.{n}@mail.acme-dental.example>",
        body=f"Hello, please port +1 415 555 01{n % 100:02d} to you. SMS needed: yes.",
    )


def run(workers: int, messages: int, dovecot: DovecotServer, directory: Path) -> float:
    """Seconds for `workers` workers to process and answer `messages` messages."""
    mailbox = dovecot.new_mailbox(f"bench-{workers}")
    for n in range(messages):
        mailbox.append("INBOX", request(n))
    sink = SmtpSink()
    sink.start()
    try:
        with database_url(directory) as url:
            config = write_config(directory, url, imap=mailbox, smtp=sink)
            config.write_text(config.read_text() + "[workers]\nidle_poll_seconds = 0.2\n")
            Store(url).close()
            daemons = [Daemon(config, directory / f"worker{i}.log") for i in range(workers)]
            started = time.perf_counter()
            for daemon in daemons:
                daemon.start()
            try:
                sink.wait_for(messages, timeout=600)
                elapsed = time.perf_counter() - started
            finally:
                for daemon in daemons:
                    if daemon.alive:
                        daemon.terminate()
            wait_until(lambda: not any(d.alive for d in daemons), 60, "workers to stop")
    finally:
        sink.stop()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault(DATABASE_ENV, DEFAULT_DATABASE)
    print(
        f"workers_throughput: {args.messages} messages, {os.cpu_count()} cores, "
        f"database {os.environ[DATABASE_ENV].split('@')[-1]}"
    )
    results: dict[int, float] = {}
    with DovecotServer() as dovecot:
        for workers in (1, 2, 3):
            with tempfile.TemporaryDirectory() as directory:
                results[workers] = run(workers, args.messages, dovecot, Path(directory))
    base = args.messages / results[1]
    print(f"{'workers':>7}  {'seconds':>8}  {'msg/s':>7}  {'vs 1 worker':>11}")
    for workers, seconds in results.items():
        rate = args.messages / seconds
        print(f"{workers:>7}  {seconds:>8.2f}  {rate:>7.1f}  {rate / base:>10.2f}x")


if __name__ == "__main__":
    main()
