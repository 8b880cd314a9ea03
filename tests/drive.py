"""Drives portdesk the way its commands do, for tests: one pass, or a daemon subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.config import Settings
from bot.outbox.dispatch import Delivery
from bot.runner import Processed, one_pass
from bot.sources import make_source
from bot.store import Store
from bot.store.opening import open_store

REPO = Path(__file__).resolve().parents[1]


def run_pass(settings: Settings) -> tuple[list[Processed], list[Delivery]]:
    """What `portdesk once` does: fetch, process, mark, send."""
    store = open_store(settings)
    try:
        result = one_pass(settings, store, make_source(settings))
    finally:
        store.close()
    return result.processed, result.deliveries


def processed_count(url: str) -> int:
    """Messages that reached an end state, read from another process's store."""
    store = Store(url, run_migrations=False)
    try:
        return sum(n for status, n in store.counts().items() if status != "stored")
    finally:
        store.close()


class Daemon:
    """`portdesk run` as a subprocess, as an operator runs it."""

    def __init__(self, config: Path, log: Path) -> None:
        self.config = config
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self._starts = 0

    def start(self) -> None:
        self._starts = self.log.read_text().count("portdesk running") if self.log.exists() else 0
        env = {**os.environ, "PORTDESK_CONFIG": str(self.config)}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=REPO, env=env, stdout=log, stderr=log
            )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def running(self) -> bool:
        """True once the daemon has said it runs (its signal handling is in place by then)."""
        return self.log.exists() and self.log.read_text().count("portdesk running") > self._starts

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `condition` until true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
