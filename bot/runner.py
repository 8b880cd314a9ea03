"""The runner: the only code that touches the mailbox, the store and the pipeline together.

Each message is stored before it is processed, processed in one transaction with its reply,
and marked on the server only after that commit. A failure quarantines that message alone.
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
from dataclasses import asdict, dataclass, replace

from bot.config import Settings
from bot.errors import SourceError
from bot.facts_json import facts_to_json
from bot.model import CaseContext, Mail, Outcome, RecordLookup
from bot.outbox.compose import compose_reply, new_message_id
from bot.outbox.dispatch import Delivery, send_due
from bot.outbox.notices import notices_for
from bot.outbox.senders import make_sender
from bot.outbox.sent_copies import file_sent_copies
from bot.parse import ParseError
from bot.parse.headers import message_id_of
from bot.parse.redact import redact_raw
from bot.pipeline import outcome_json, read, refer, respond, screen_context
from bot.policy import route_reply
from bot.security.at_rest import protector
from bot.sources import Fetched, MailSource
from bot.store import (
    AlreadyProcessed,
    Answer,
    NewReply,
    Store,
    StoredMessage,
    rate_window_start,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Processed:
    """One line of the table `portdesk once` prints."""

    pk: int
    subject: str
    case: str
    case_type: str
    action: str
    reply_status: str
    reply_id: str


class Runner:
    """One mailbox folder, one store. Thread-safe: processing is serialised by a lock."""

    def __init__(self, settings: Settings, store: Store, source: MailSource) -> None:
        self.settings = settings
        self.store = store
        self.source = source
        self.mailbox = f"{settings.source.name}/{_folder(settings)}"
        self._screen = screen_context(settings)
        self._lock = threading.Lock()
        self._uidvalidity: int | None = None
        self._resyncing = False

    # Ingest ---------------------------------------------------------------------------------

    def connect(self) -> None:
        """Open the source and reconcile the stored cursor with the folder's UIDVALIDITY."""
        state = self.source.open()
        cursor = self.store.cursor(self.mailbox)
        if cursor is not None and cursor.uidvalidity != state.uidvalidity:
            # The server renumbered the folder: read it all again; Message-IDs already stored
            # are recognised and skipped, so nothing is stored or answered twice.
            log.warning(
                "uidvalidity changed mailbox=%s old=%s new=%s: resyncing by Message-ID",
                self.mailbox,
                cursor.uidvalidity,
                state.uidvalidity,
            )
            self.store.set_cursor(self.mailbox, state.uidvalidity, 0)
            self._resyncing = True
        self._uidvalidity = state.uidvalidity

    def ingest(self) -> int:
        """Store every new message; returns how many were stored."""
        if self._uidvalidity is None:
            self.connect()
        assert self._uidvalidity is not None
        uidvalidity = self._uidvalidity
        cursor = self.store.cursor(self.mailbox)
        last_uid = cursor.last_uid if cursor is not None else 0
        stored = 0
        for item in self.source.fetch_after(last_uid, self._is_known):
            if self._store_fetched(item, uidvalidity):
                stored += 1
        self._resyncing = False
        return stored

    def _is_known(self, message_id: str) -> bool:
        # Only a resync skips by Message-ID before download; new mail is always fetched and
        # then deduplicated by Message-ID and body, so a reused Message-ID loses nothing.
        return self._resyncing and self.store.is_known(self.mailbox, message_id)

    def _store_fetched(self, item: Fetched, uidvalidity: int) -> bool:
        if item.known:
            if item.uid is not None:
                self.store.set_cursor_at_least(self.mailbox, uidvalidity, item.uid)
            return False
        # A secret pasted into mail is removed before the bytes are ever stored.
        raw, redacted = redact_raw(item.raw) if not item.oversize else (item.raw, ())
        message_id = message_id_of(raw)
        pk = self.store.ingest(
            mailbox=self.mailbox,
            uidvalidity=uidvalidity,
            uid=item.uid,
            raw=raw,
            size=item.size,
            received_at=item.received_at,
            message_id=message_id,
            oversize=item.oversize,
            locator=item.locator or None,
        )
        if pk is not None:
            log.info(
                "stored message=%s uid=%s size=%s oversize=%s redacted=%s",
                pk,
                item.uid,
                item.size,
                item.oversize,
                ",".join(redacted) or "-",
            )
        return pk is not None

    # Processing -----------------------------------------------------------------------------

    def own_mailbox(self) -> bool:
        """Take or renew this worker's lease on the mailbox; False if another worker has it."""
        return self.store.acquire_lease(
            self.mailbox, self.settings.worker_id, self.settings.workers.lease_seconds
        )

    def release_mailbox(self) -> None:
        self.store.release_lease(self.mailbox, self.settings.worker_id)

    def process_pending(
        self, stop: threading.Event | None = None, limit: int | None = None
    ) -> list[Processed]:
        """Process stored, unprocessed messages in arrival order (all, or up to `limit`)."""
        done: list[Processed] = []
        workers = self.settings.workers
        with self._lock:
            while not (stop and stop.is_set()):
                # Claimed, so several workers on one database never process the same message.
                if limit is not None and len(done) >= limit:
                    break
                batch = self.store.claim_messages(
                    self.settings.worker_id, workers.claim_seconds, limit=20
                )
                if not batch:
                    break
                for pk in batch:
                    if stop and stop.is_set():
                        break
                    done.append(self.process_one(pk))
        return done

    def process_one(self, pk: int) -> Processed:
        """Run one stored message through the pipeline; any failure quarantines it alone."""
        stored = self.store.load(pk)
        try:
            screened = read(stored.raw, self._screen)
            # From here on the pipeline reads the parsed mail; the bytes (up to 30 MB) go now.
            stored = replace(stored, raw=b"")
            mail = screened.mail
            sender = mail.sender.email if mail.sender else ""
            if screened.verdict is not None:
                case_id = self.store.record_screened(
                    pk,
                    screen=screened.verdict.screen,
                    reason=screened.verdict.reason,
                    sender=sender or None,
                    subject=mail.subject,
                    bounced_ids=screened.bounced_ids,
                )
                log.info(
                    "screened message=%s screen=%s case=%s", pk, screened.verdict.screen, case_id
                )
                return Processed(
                    pk, mail.subject, "", "", "no_reply", f"screened: {screened.verdict.reason}", ""
                )
            regions = self.store.account_regions(sender) if sender else ()
            thread = self.store.find_case(
                (mail.in_reply_to, *mail.references),
                mail.subject,
                self.settings.identity.case_token_prefix,
            )
            context, answer = self.store.record_answer(
                pk,
                sender=sender,
                subject=mail.subject,
                thread=thread,
                prefix=self.settings.identity.case_token_prefix,
                rate_since=rate_window_start(self.settings.screen.rate_window_hours),
                build=lambda case, recent, lookup: self._answer(
                    mail, case, recent, lookup, stored, account_regions=regions
                ),
            )
        except AlreadyProcessed:
            log.info("skipped message=%s: another worker processed it", pk)
            return Processed(pk, "", "", "", "skipped", "processed by another worker", "")
        except ParseError as exc:
            return self._quarantine(pk, f"unparseable: {exc}", "")
        except Exception as exc:
            # Whatever went wrong, this message alone is set aside with its traceback.
            return self._quarantine(pk, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        reply = answer.reply
        log.info(
            "processed message=%s case=%s type=%s action=%s reply=%s",
            pk,
            context.token,
            answer.case_type,
            answer.action,
            reply.status if reply else "none",
        )
        return Processed(
            pk,
            mail.subject,
            context.token,
            answer.case_type,
            answer.action,
            reply.status if reply else "none",
            reply.message_id if reply else "",
        )

    def _answer(
        self,
        mail: Mail,
        case: CaseContext,
        recent_auto_replies: int,
        lookup: RecordLookup,
        stored: StoredMessage,
        *,
        account_regions: tuple[str, ...] = (),
    ) -> Answer:
        if stored.oversize:
            megabytes = stored.size / 1_000_000
            reason = f"message too large to download ({megabytes:.1f} MB): read it on the server"
            outcome: Outcome = refer(mail, case, self.settings, reason)
        else:
            outcome = respond(mail, case, self.settings, lookup, account_regions=account_regions)
        classification = outcome.classification
        assert classification is not None
        route = route_reply(
            outcome.decision,
            classification,
            recent_auto_replies,
            self.settings.review,
            self.settings.screen,
        )
        reply = draft_reply(self.settings, outcome, mail, send=route.send)
        summary = outcome_summary(outcome, route.reason)
        return Answer(
            case_type=classification.case_type.value,
            language=classification.language,
            confidence=classification.confidence,
            action=outcome.decision.action.value,
            result_json=summary,
            case_facts_json=case_facts_json(outcome, self.store),
            case_status=_case_status(outcome.decision.action.value, route.send),
            agent_reason=_agent_reason(outcome, route.send, route.reason),
            reply=reply,
            notices=notices_for(outcome, case.token, self.settings),
            findings=findings_of(outcome),
        )

    def _quarantine(self, pk: int, reason: str, detail: str) -> Processed:
        log.error("quarantined message=%s reason=%s", pk, reason.splitlines()[0][:200])
        try:
            self.store.quarantine(pk, reason, detail)
        except AlreadyProcessed:
            return Processed(pk, "", "", "", "skipped", "processed by another worker", "")
        return Processed(pk, "", "", "", "quarantined", reason[:80], "")

    # Marking --------------------------------------------------------------------------------

    def mark_on_server(self) -> int:
        """Flag (or move) on the server what the store has committed; returns how many."""
        if self._uidvalidity is None:
            return 0
        rows = self.store.unmarked(self.mailbox, self._uidvalidity)
        if not rows:
            return 0
        uids = [r.uid for r in rows if r.uid is not None]
        locators = [r.locator for r in rows if r.locator]
        try:
            self.source.mark_processed(uids, locators)
        except SourceError as exc:
            log.warning("marking failed mailbox=%s: %s (will retry)", self.mailbox, exc)
            return 0
        self.store.set_marked([r.id for r in rows if r.id is not None])
        return len(rows)

    def disconnect(self) -> None:
        self._uidvalidity = None
        self.source.close()


def draft_reply(settings: Settings, outcome: Outcome, mail: Mail, *, send: bool) -> NewReply | None:
    """The outcome's draft composed as the reply to record (None when there is nothing to say)."""
    if outcome.draft is None or mail.sender is None:
        return None
    disclosure = outcome.security.disclosure
    # Account data goes to the verified contact of record, never to a Reply-To.
    recipient = disclosure.recipient if disclosure else mail.sender.email
    message_id = new_message_id(settings.identity.message_id_domain)
    return NewReply(
        message_id=message_id,
        recipient=recipient,
        subject=outcome.draft.subject,
        raw=compose_reply(
            outcome.draft,
            mail,
            recipient=recipient,
            identity=settings.identity,
            message_id=message_id,
            automatic=send,
        ),
        action=outcome.decision.action.value,
        template=outcome.draft.template,
        status="queued" if send else "awaiting_review",
        automatic=send,
        disclosure_json=json.dumps(asdict(disclosure)) if disclosure else None,
    )


def outcome_summary(outcome: Outcome, route_reason: str) -> str:
    """What the store keeps of an outcome (the draft itself is in the outbox)."""
    summary = outcome_json(outcome)
    summary["route"] = route_reason
    summary.pop("draft", None)
    return json.dumps(summary, ensure_ascii=False)


def case_facts_json(outcome: Outcome, store: Store) -> str:
    """The case's facts as stored: account numbers sealed (or masked without a key)."""
    return json.dumps(facts_to_json(outcome.case_facts, protector(store.box)), ensure_ascii=False)


def findings_of(outcome: Outcome) -> tuple[tuple[str, str], ...]:
    """What the digest counts of one message: missing items, warnings, rejection reasons and
    security signs (an account request from an unverified sender, a possible takeover)."""
    found = [(f.severity, f.key) for f in outcome.findings]
    found += [("rejection", code) for d in outcome.facts.documents for code in d.rejection_codes]
    security = outcome.security
    if security.suspicious:
        found.append(("security", "suspicious"))
    classification = outcome.classification
    if security.verification is not None and not security.verification.verified_accounts:
        request = classification.case_type.value if classification else "other"
        found.append(("security", f"unverified_{request}"))
    return tuple(dict.fromkeys(found))


def _agent_reason(outcome: Outcome, sent: bool, route_reason: str) -> str | None:
    if outcome.decision.action.value == "refer_to_agent":
        return "; ".join(outcome.decision.reasons)
    return None if sent else route_reason


def _case_status(action: str, sent: bool) -> str:
    if action == "refer_to_agent":
        return "referred"
    if action == "acknowledge":
        # Complete and handed to the porting team, whether or not an agent reviews the note.
        return "complete"
    if not sent:
        return "awaiting_review"
    return "waiting_customer" if action == "ask_missing" else "answered"


def _folder(settings: Settings) -> str:
    if settings.source.kind == "imap" and settings.source.imap is not None:
        return settings.source.imap.folder
    return "maildir"


@dataclass(frozen=True, slots=True)
class Pass:
    """What one pass over the mailbox did."""

    mailbox: str
    stored: int
    processed: list[Processed]
    deliveries: list[Delivery]


def one_pass(settings: Settings, store: Store, source: MailSource) -> Pass:
    """Fetch, process, mark and send once: `portdesk once`, and the tests' way to drive it."""
    runner = Runner(settings, store, source)
    try:
        runner.connect()
        stored = runner.ingest()
        processed = runner.process_pending()
        runner.mark_on_server()
    finally:
        runner.disconnect()
    deliveries = send_due(
        store,
        make_sender(settings.outbox),
        settings.outbox,
        settings.identity.address,
        worker=settings.worker_id,
        claim_seconds=settings.workers.claim_seconds,
        keep_copies=settings.sent_folder is not None,
    )
    file_sent_copies(store, settings)
    return Pass(runner.mailbox, stored, processed, deliveries)
