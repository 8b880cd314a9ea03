"""When a digest is due, and sending it once: the ledger (digest_run) makes a second send of
the same day impossible, across restarts and across workers."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from bot.config import Settings
from bot.digest.queries import build_digest
from bot.digest.render import digest_email
from bot.errors import SendError
from bot.outbox.senders import Sender
from bot.store import Store, utcnow
from bot.store.tables import DigestRun

log = logging.getLogger(__name__)


def due_day(now: datetime, send_at: str, timezone: str) -> date:
    """The latest day whose digest should have gone out by `now` (it goes the morning after)."""
    local = now.astimezone(ZoneInfo(timezone))
    hour, minute = (int(part) for part in send_at.split(":"))
    today = local.date()
    if local.time() >= time(hour, minute):
        return today - timedelta(days=1)
    return today - timedelta(days=2)


def send_digest(store: Store, settings: Settings, sender: Sender, day: date) -> bool:
    """Build and send `day`'s digest unless it went already; True when this call sent it."""
    digest = settings.digest
    try:
        with store.session() as session:
            session.add(
                DigestRun(day=day, sent_at=utcnow(), recipients=",".join(digest.recipients))
            )
    except IntegrityError:
        return False
    figures = build_digest(store, day, digest.timezone, settings.review.response_target_hours)
    raw, message_id = digest_email(figures, settings.identity, digest.recipients)
    try:
        for recipient in digest.recipients:
            sender.send(raw, settings.identity.address, recipient)
    except SendError as exc:
        # Not sent: the ledger entry goes, so the next run (or the next start) tries again.
        with store.session() as session:
            row = session.get(DigestRun, day)
            if row is not None:
                session.delete(row)
        log.warning("digest day=%s not sent: %s", day, exc)
        return False
    log.info("digest day=%s sent to %s message=%s", day, len(digest.recipients), message_id)
    return True


def send_due_digest(store: Store, settings: Settings, sender: Sender) -> bool:
    """The daily job, and the make-up at start-up: the due day's digest, if not sent yet."""
    if not settings.digest.enabled:
        return False
    day = due_day(utcnow(), settings.digest.time, settings.digest.timezone)
    return send_digest(store, settings, sender, day)
