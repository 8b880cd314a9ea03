"""IDLE latency: from just before an IMAP APPEND to the message's row in the store.

A Watcher (bot/daemon.py: the daemon's mailbox thread) runs a Runner against a throwaway Dovecot
with IDLE; another connection APPENDs one message at a time, spaced out, and the store is polled
every 5 ms through a separate plain sqlite3 connection (a read in WAL mode never blocks the
watcher's writes; Store.counts() would take the write lock with BEGIN IMMEDIATE).

Baseline in the same run: a bare imapclient connection in IDLE on another mailbox of the same
server, timed from just before the APPEND to the moment idle_check() returns the EXISTS.

Run from the repository root:  python -m bench.idle_latency [--appends N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._common import quiet_logging, settings_for
from bench._stats import Stats, elapsed_note, heading, ratio, verdict
from bot.daemon import Watcher
from bot.runner import Runner
from bot.sources import make_source
from bot.store import Store
from tests.factories import porting_mail
from tests.servers.dovecot import DovecotServer, Mailbox

TARGET_SECONDS = 1.0
STORE_POLL_S = 0.005
WAIT_LIMIT_S = 15.0
WARMUP = 2


def customer_mail(tag: str, n: int) -> bytes:
    return porting_mail(
        sender=f"Customer {n} <customer{n}@acme-dental.example>",
        subject=f"Port request {n}",
        body=f"Hello, please port +1 415 555 01{n % 100:02d} to you. Thanks\n",
        message_id=f"<{tag}.{n}@acme-dental.example>",
    )


def spacing(rng: random.Random) -> None:
    time.sleep(rng.uniform(0.2, 0.4))


# Baseline: bare IDLE --------------------------------------------------------------------------


class BareIdler(threading.Thread):
    """Holds one connection in IDLE; records when each EXISTS arrives."""

    def __init__(self, mailbox: Mailbox) -> None:
        super().__init__(name="bare-idler", daemon=True)
        self.client: Any = mailbox.connect()
        self.client.select_folder("INBOX")
        self.ready = threading.Event()
        self.seen = threading.Event()
        self.seen_at = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        client = self.client
        while not self.stop.is_set():
            client.idle()
            self.ready.set()
            try:
                while not self.stop.is_set():
                    responses = client.idle_check(timeout=0.5)
                    if any(len(r) > 1 and r[1] == b"EXISTS" for r in responses):
                        self.seen_at = time.perf_counter()
                        self.seen.set()
                        break
            finally:
                self.ready.clear()
                client.idle_done()

    def close(self) -> None:
        self.stop.set()
        self.join(timeout=5)
        self.client.logout()


def measure_bare(mailbox: Mailbox, count: int, rng: random.Random) -> list[float]:
    idler = BareIdler(mailbox)
    idler.start()
    appender = mailbox.connect()
    latencies: list[float] = []
    try:
        for n in range(WARMUP + count):
            if not idler.ready.wait(WAIT_LIMIT_S):
                raise RuntimeError("bare idler did not enter IDLE")
            idler.seen.clear()
            raw = customer_mail("bare", n)
            started = time.perf_counter()
            appender.append("INBOX", raw)
            if not idler.seen.wait(WAIT_LIMIT_S):
                raise RuntimeError("bare IDLE saw no EXISTS")
            if n >= WARMUP:
                latencies.append(idler.seen_at - started)
            spacing(rng)
    finally:
        appender.logout()
        idler.close()
    return latencies


# portdesk: Watcher + Runner + store ------------------------------------------------------------


def wait_for(condition: Callable[[], bool], what: str) -> float:
    """perf_counter() at the first poll that finds `condition` true."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while True:
        if condition():
            return time.perf_counter()
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(STORE_POLL_S)


def measure_portdesk(
    mailbox: Mailbox, workdir: Path, count: int, rng: random.Random
) -> tuple[list[float], list[float]]:
    settings = settings_for(workdir / "watcher", imap=mailbox)
    store = Store(settings.store.url)
    runner = Runner(settings, store, make_source(settings))
    stop = threading.Event()
    watcher = Watcher(runner, stop, backoff_max=2.0)
    db_path = settings.store.url.removeprefix("sqlite:///")
    reader = sqlite3.connect(db_path, isolation_level=None)

    def rows(status: str | None = None) -> int:
        if status is None:
            return int(reader.execute("SELECT count(*) FROM message").fetchone()[0])
        query = "SELECT count(*) FROM message WHERE status = ?"
        return int(reader.execute(query, (status,)).fetchone()[0])

    def reached(count: int, status: str | None = None) -> Callable[[], bool]:
        return lambda: rows(status) >= count

    stored_lat: list[float] = []
    processed_lat: list[float] = []
    appender = mailbox.connect()
    watcher.start()
    try:
        for n in range(WARMUP + count):
            raw = customer_mail("portdesk", n)
            started = time.perf_counter()
            appender.append("INBOX", raw)
            stored_at = wait_for(reached(n + 1), f"message {n} stored")
            done_at = wait_for(reached(n + 1, "processed"), f"message {n} processed")
            if n >= WARMUP:
                stored_lat.append(stored_at - started)
                processed_lat.append(done_at - started)
            spacing(rng)
        if rows() != WARMUP + count or not watcher.is_alive():
            raise RuntimeError("the watcher lost or duplicated mail, or died")
    finally:
        stop.set()
        watcher.join(timeout=10)
        appender.logout()
        reader.close()
        store.close()
    return stored_lat, processed_lat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=20, help="timed APPENDs per measure")
    args = parser.parse_args()
    wall = time.perf_counter()
    quiet_logging()
    rng = random.Random(3)
    print("idle_latency: APPEND -> row in the store, vs bare IDLE seeing the EXISTS")
    with tempfile.TemporaryDirectory(prefix="portdesk-bench-") as tmp, DovecotServer() as server:
        bare = measure_bare(server.new_mailbox("idle-bare"), args.appends, rng)
        stored, processed = measure_portdesk(
            server.new_mailbox("idle-portdesk"), Path(tmp), args.appends, rng
        )
    b, s, p = Stats.of(bare), Stats.of(stored), Stats.of(processed)
    heading(f"{args.appends} APPENDs each (after {WARMUP} untimed), spaced 0.2-0.4 s; ms")
    print(f"{'':44}{'ratio med':>10}{'ratio p90':>10}{'median':>9}{'p90':>9}{'max':>9}")
    for name, stats in (
        ("bare IDLE sees EXISTS [baseline]", b),
        ("portdesk: row stored", s),
        ("portdesk: row processed (reply queued)", p),
    ):
        print(
            f"{name:44}{ratio(stats.median, b.median):>10}{ratio(stats.p90, b.p90):>10}"
            f"{stats.median * 1000:>9.1f}{stats.p90 * 1000:>9.1f}{stats.worst * 1000:>9.1f}"
        )
    print(f"  store polled every {STORE_POLL_S * 1000:g} ms (adds up to that much to portdesk)")
    print(
        f"  portdesk adds {(s.median - b.median) * 1000:+.1f} ms (median) to what IDLE itself "
        f"takes to report the message; {(p.median - b.median) * 1000:+.1f} ms to processed"
    )
    heading(f"target: APPEND to stored under {TARGET_SECONDS:g} s median")
    print(f"  median {s.median * 1000:.1f} ms  {verdict(s.median < TARGET_SECONDS)}")
    elapsed_note(time.perf_counter() - wall)


if __name__ == "__main__":
    main()
