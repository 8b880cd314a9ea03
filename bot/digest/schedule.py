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
    """Build and send `day`'s digest to each recipient who has not had it; True if any got it.

    The digest is built before anything is claimed, so a failure to build leaves the day to
    the next run. Each recipient is claimed in the ledger before the send and released if the
    send fails, so a retry reaches only those still without it. (A crash between a claim and
    its send loses that one copy rather than risk sending it twice.)
    """
    digest = settings.digest
    figures = build_digest(store, day, digest.timezone, settings.review.response_target_hours)
    raw, message_id = digest_email(figures, settings.identity, digest.recipients)
    sent: list[str] = []
    for recipient in digest.recipients:
        if not _claim(store, day, recipient):
            continue
        try:
            sender.send(raw, settings.identity.address, recipient)
        except SendError as exc:
            _release(store, day, recipient)
            log.warning("digest day=%s to=%s not sent: %s", day, recipient, exc)
            continue
        except Exception:
            _release(store, day, recipient)
            raise
        sent.append(recipient)
    if sent:
        log.info("digest day=%s sent to %s message=%s", day, len(sent), message_id)
    return bool(sent)


def _claim(store: Store, day: date, recipient: str) -> bool:
    try:
        with store.session() as session:
            session.add(DigestRun(day=day, recipient=recipient, sent_at=utcnow()))
    except IntegrityError:
        return False
    return True


def _release(store: Store, day: date, recipient: str) -> None:
    with store.session() as session:
        row = session.get(DigestRun, (day, recipient))
        if row is not None:
            session.delete(row)


def send_due_digest(store: Store, settings: Settings, sender: Sender) -> bool:
    """The daily job, and the make-up at start-up: the due day's digest, if not sent yet."""
    if not settings.digest.enabled:
        return False
    day = due_day(utcnow(), settings.digest.time, settings.digest.timezone)
    return send_digest(store, settings, sender, day)
