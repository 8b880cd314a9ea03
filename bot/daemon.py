"""`portdesk run`: the mailbox watcher thread plus APScheduler for sending and retries."""

from __future__ import annotations

import logging
import random
import signal
import threading
from datetime import UTC, datetime
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler

from bot.config import Settings
from bot.digest.schedule import send_due_digest
from bot.errors import SourceError
from bot.outbox.dispatch import send_due
from bot.outbox.senders import Sender
from bot.outbox.sent_copies import file_sent_copies
from bot.runner import Runner

log = logging.getLogger(__name__)


class Watcher(threading.Thread):
    """Holds the mailbox while this worker owns its lease; otherwise helps with processing.

    Owner: drain, process a batch, mark, then IDLE (or sleep) until new mail, renewing the lease
    on every turn. Other workers: process what the owner stored. A dead owner's lease expires
    and another worker's watcher takes the mailbox over.
    """

    # Messages processed per turn by the owner, so the lease is renewed in time.
    OWNER_BATCH = 100

    def __init__(self, runner: Runner, stop: threading.Event, backoff_max: float) -> None:
        super().__init__(name="mailbox-watcher", daemon=True)
        self.runner = runner
        self.stop = stop
        self.backoff_max = backoff_max

    def run(self) -> None:
        workers = self.runner.settings.workers
        backoff = 1.0
        while not self.stop.is_set():
            if not self.runner.own_mailbox():
                self.runner.process_pending(self.stop)
                self.stop.wait(workers.idle_poll_seconds)
                continue
            failed = False
            try:
                self.runner.connect()
                backoff = 1.0
                self._watch(workers.lease_seconds / 3)
            except SourceError as exc:
                log.warning("mailbox unavailable: %s; reconnecting in %.0fs", exc, backoff)
                failed = True
            except Exception:
                log.exception("watcher error; reconnecting in %.0fs", backoff)
                failed = True
            self.runner.disconnect()
            if failed:
                # Jitter keeps several workers from reconnecting in lockstep after an outage.
                self.stop.wait(backoff * random.uniform(0.8, 1.2))
                backoff = min(backoff * 2, self.backoff_max)
        self.runner.release_mailbox()

    def _watch(self, turn_seconds: float) -> None:
        while not self.stop.is_set():
            if not self.runner.own_mailbox():
                log.warning(
                    "mailbox lease lost mailbox=%s; another worker holds it", self.runner.mailbox
                )
                return
            self.runner.ingest()
            self.runner.process_pending(self.stop, limit=self.OWNER_BATCH)
            self.runner.mark_on_server()
            if self.runner.store.pending(limit=1):
                continue
            self.runner.source.wait_for_mail(turn_seconds, self.stop)


class Shutdown:
    """Installed first thing at start-up, so a SIGTERM during start-up also stops cleanly.

    The handler only sets an event: the scheduler and the watcher notice it themselves, which
    keeps the signal handler free of locks and of races with a scheduler not yet started.
    """

    def __init__(self) -> None:
        self.stop = threading.Event()
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: finishing the message in hand, then stopping", signum)
        self.stop.set()


def run_daemon(settings: Settings, runner: Runner, sender: Sender, shutdown: Shutdown) -> None:
    """Run until SIGTERM or SIGINT; the message in hand is finished, nothing is cut half-way."""
    stop = shutdown.stop
    imap = settings.source.imap
    watcher = Watcher(runner, stop, imap.backoff_max_seconds if imap else 60.0)
    scheduler = BlockingScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=2)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        timezone="UTC",
    )

    send_lock = threading.Lock()

    def send_job() -> None:
        # One sender at a time: the final send at shutdown must not race a scheduled one.
        with send_lock:
            send_due(
                runner.store,
                sender,
                settings.outbox,
                settings.identity.address,
                worker=settings.worker_id,
                claim_seconds=settings.workers.claim_seconds,
                keep_copies=settings.sent_folder is not None,
            )
            file_sent_copies(runner.store, settings)

    def stop_job() -> None:
        if stop.is_set():
            scheduler.shutdown(wait=False)

    def retry_job() -> None:
        # Messages stored but not processed (a crash between the two) are picked up here too.
        runner.process_pending(stop)

    scheduler.add_job(
        send_job,
        "interval",
        seconds=settings.outbox.send_interval_seconds,
        id="send",
        replace_existing=True,
    )
    scheduler.add_job(
        retry_job, "interval", seconds=60, id="process-pending", replace_existing=True
    )
    if settings.digest.enabled:
        hour, minute = (int(part) for part in settings.digest.time.split(":"))

        def digest_job() -> None:
            send_due_digest(runner.store, settings, sender)

        scheduler.add_job(
            digest_job,
            "cron",
            hour=hour,
            minute=minute,
            timezone=settings.digest.timezone,
            id="digest",
            replace_existing=True,
        )
        # A run missed while the daemon was down is made up once, now; the ledger makes sure a
        # day is never sent twice, whichever worker gets there first.
        scheduler.add_job(digest_job, "date", run_date=datetime.now(UTC), id="digest-make-up")

    scheduler.add_job(
        stop_job,
        "interval",
        seconds=0.5,
        id="stop",
        replace_existing=True,
        next_run_time=datetime.now(UTC),
    )
    log.info(
        "portdesk running mailbox=%s store=%s", runner.mailbox, settings.store.url.split("@")[-1]
    )
    watcher.start()
    scheduler.start()
    # The watcher finishes the message in hand; the last send also waits for a running one.
    watcher.join(timeout=60)
    send_job()
    log.info("portdesk stopped")
