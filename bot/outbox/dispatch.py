"""Sends queued replies with retries and exponential backoff; each reply once, same Message-ID."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.config import OutboxSettings
from bot.errors import SendError
from bot.outbox.senders import Sender
from bot.store import Store, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Delivery:
    reply_id: int
    message_id: str
    where: str


def send_due(
    store: Store,
    sender: Sender,
    settings: OutboxSettings,
    envelope_from: str,
    *,
    worker: str = "portdesk",
    claim_seconds: float = 300.0,
    keep_copies: bool = False,
) -> list[Delivery]:
    """Send every queued reply that is due; failures are rescheduled, never dropped.

    Replies are claimed first, so workers sharing a database never send the same one at once.
    `keep_copies`: each one sent owes a copy to the Sent folder (bot.outbox.sent_copies).
    """
    delivered: list[Delivery] = []
    claimed = store.claim_replies(worker, claim_seconds)
    for index, reply in enumerate(claimed):
        assert reply.id is not None
        # A batch can outlast its claim on a loaded machine; renewing it just before each send
        # leaves a reply whose claim lapsed (and another worker took) to that worker alone.
        if not store.renew_reply_claim(reply.id, worker, claim_seconds):
            log.info("skipped reply=%s: its claim passed to another worker", reply.id)
            continue
        try:
            where = sender.send(reply.raw, envelope_from, reply.recipient)
        except SendError as exc:
            attempts = reply.attempts + 1
            give_up = exc.permanent or attempts >= settings.max_attempts
            delay = min(
                settings.retry_base_seconds * 2 ** (attempts - 1), settings.retry_max_seconds
            )
            retry_at = None if give_up else utcnow() + timedelta(seconds=delay)
            store.reply_failed(reply.id, str(exc), retry_at)
            log.warning(
                "send failed reply=%s case=%s attempt=%s retry_in=%s: %s",
                reply.id,
                reply.case_id,
                attempts,
                None if give_up else f"{delay:g}s",
                exc,
            )
            if not exc.permanent:
                # The server is likely down for every reply; the rest wait for the next run,
                # free for any worker rather than claimed by this one.
                store.release_replies([r.id for r in claimed[index + 1 :] if r.id is not None])
                break
            continue
        store.reply_sent(reply.id, keep_copy=keep_copies)
        log.info("sent reply=%s case=%s message_id=%s", reply.id, reply.case_id, reply.message_id)
        delivered.append(Delivery(reply.id, reply.message_id, where))
    return delivered
