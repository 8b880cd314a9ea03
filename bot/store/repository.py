"""The store's operations: every SQLModel session in portdesk is opened here."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine, func, inspect
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, col, select

from bot.errors import ConfigError
from bot.facts_json import facts_from_json
from bot.model import CaseContext, CaseType, Facts, NumberRecord, RecordLookup
from bot.security.at_rest import revealer
from bot.security.secrets import SecretBox, is_sealed_bytes
from bot.store.engine import READONLY, make_engine
from bot.store.migrate import migrate
from bot.store.records import countries_of, records_for
from bot.store.tables import (
    CaseRow,
    DisclosureRow,
    FindingRow,
    MailboxCursor,
    MailboxLease,
    MessageRow,
    OutboxRow,
    RawMessage,
)

TOKEN_OFFSET = 1000


def utcnow() -> datetime:
    return datetime.now(UTC)


def dedupe_key(mailbox: str, message_id: str, raw: bytes) -> str:
    """One key per message per mailbox: its Message-ID with a hash of its body.

    The same message delivered twice, or listed again after a UIDVALIDITY change, has the same
    Message-ID and body (only trace headers differ), so it is stored once. Two different messages
    that a broken sender gave the same Message-ID differ in body, so neither is lost.
    """
    if not message_id:
        return f"{mailbox}:sha256:{hashlib.sha256(raw).hexdigest()}"
    body = _body_of(raw)
    return f"{mailbox}:{message_id.strip().lower()}:{hashlib.sha256(body).hexdigest()[:24]}"


def _body_of(raw: bytes) -> bytes:
    for separator in (b"\r\n\r\n", b"\n\n"):
        _head, found, body = raw.partition(separator)
        if found:
            return body
    return raw


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message waiting for (or back from) processing, with its raw bytes."""

    pk: int
    raw: bytes
    status: str
    attempts: int
    size: int
    oversize: bool


@dataclass(frozen=True, slots=True)
class NewReply:
    """A drafted reply (or notice) to record with the outcome of the message it answers."""

    message_id: str
    recipient: str
    subject: str
    raw: bytes
    action: str
    template: str
    status: str
    automatic: bool
    kind: str = "reply"
    # The account data it carries (bot.model.Disclosure as JSON), audited when it is sent.
    disclosure_json: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """What processing concluded, as the store records it."""

    case_type: str
    language: str
    confidence: float | None
    action: str
    result_json: str
    case_facts_json: str
    case_status: str
    agent_reason: str | None
    reply: NewReply | None
    # Notices to contacts of record; one already sent for the same request in the case is skipped.
    notices: tuple[NewReply, ...] = ()
    # (kind, key) of what the bot found: missing items, warnings, rejection reasons, security.
    findings: tuple[tuple[str, str], ...] = ()


# Builds the answer for a message once its case is known:
# (case, automatic replies to the sender lately, inventory lookup) -> Answer.
AnswerBuilder = Callable[[CaseContext, int, RecordLookup], Answer]


class Store:
    """The database behind one portdesk installation."""

    def __init__(
        self, url: str, *, run_migrations: bool = True, box: SecretBox | None = None
    ) -> None:
        self.url = url
        # Opens the inventory's sealed codes for lookups; None where no key is configured.
        self.box = box
        self.engine: Engine = make_engine(url)
        if run_migrations:
            migrate(self.engine)

    @classmethod
    def open_existing(cls, url: str, box: SecretBox | None = None) -> Store | None:
        """The store at `url` if its tables exist, without creating or migrating anything."""
        try:
            store = cls(url, run_migrations=False, box=box)
            if not inspect(store.engine).has_table(MessageRow.__tablename__):
                store.close()
                return None
        except SQLAlchemyError:
            return None
        return store

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error.

        `readonly` sessions do not take SQLite's write lock (see bot/store/engine.py).
        """
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            if readonly:
                session.connection(execution_options={READONLY: True})
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def account_regions(self, address: str) -> tuple[str, ...]:
        """The countries of the accounts `address` is registered for, most numbers first."""
        with self.session(readonly=True) as session:
            return countries_of(session, address)

    def records(self, numbers: tuple[str, ...]) -> tuple[NumberRecord, ...]:
        """The inventory's records of these numbers, read outside any other transaction."""
        with self.session(readonly=True) as session:
            return records_for(session, numbers, self.box)

    # Cursor ---------------------------------------------------------------------------------

    def cursor(self, mailbox: str) -> MailboxCursor | None:
        with self.session(readonly=True) as session:
            return session.get(MailboxCursor, mailbox)

    def set_cursor(self, mailbox: str, uidvalidity: int, last_uid: int) -> None:
        with self.session() as session:
            self._advance(session, mailbox, uidvalidity, last_uid, force=True)

    @staticmethod
    def _advance(
        session: Session, mailbox: str, uidvalidity: int, uid: int, *, force: bool = False
    ) -> None:
        row = session.get(MailboxCursor, mailbox)
        if row is None:
            session.add(
                MailboxCursor(
                    mailbox=mailbox, uidvalidity=uidvalidity, last_uid=uid, updated_at=utcnow()
                )
            )
        elif force or row.uidvalidity != uidvalidity or uid > row.last_uid:
            row.uidvalidity, row.last_uid, row.updated_at = uidvalidity, uid, utcnow()
            session.add(row)

    # Workers --------------------------------------------------------------------------------

    def acquire_lease(self, mailbox: str, owner: str, seconds: float) -> bool:
        """Take or renew the lease on a mailbox; False while another live worker holds it."""
        now = utcnow()
        try:
            with self.session() as session:
                lease = session.exec(
                    select(MailboxLease).where(MailboxLease.mailbox == mailbox).with_for_update()
                ).first()
                if lease is None:
                    lease = MailboxLease(mailbox=mailbox, owner=owner, expires_at=now)
                elif lease.owner != owner and lease.expires_at > now:
                    return False
                lease.owner, lease.expires_at = owner, now + timedelta(seconds=seconds)
                session.add(lease)
                return True
        except IntegrityError:
            # Another worker created the lease row at the same moment: it holds it.
            return False

    def lease_owner(self, mailbox: str) -> str | None:
        """The worker that holds the mailbox now, if its lease is live."""
        with self.session(readonly=True) as session:
            lease = session.get(MailboxLease, mailbox)
            if lease is None or lease.expires_at <= utcnow():
                return None
            return lease.owner

    def release_lease(self, mailbox: str, owner: str) -> None:
        with self.session() as session:
            lease = session.get(MailboxLease, mailbox)
            if lease is not None and lease.owner == owner:
                session.delete(lease)

    def claim_messages(self, owner: str, seconds: float, limit: int = 20) -> list[int]:
        """Stored messages no live worker has claimed, now claimed by `owner`, oldest first."""
        now = utcnow()
        with self.session() as session:
            rows = _claim(
                session,
                MessageRow,
                [MessageRow.status == "stored"],
                owner=owner,
                seconds=seconds,
                limit=limit,
                now=now,
            )
            return [row.id for row in rows if row.id is not None]

    def release_claims(self, owner: str) -> int:
        """Free every claim `owner` holds: a restarted worker's earlier self died with them."""
        with self.session() as session:
            count = 0
            for table in (MessageRow, OutboxRow):
                rows = session.exec(select(table).where(table.claimed_by == owner)).all()
                for row in rows:
                    row.claimed_by, row.claimed_until = None, None
                    session.add(row)
                    count += 1
            return count

    def claim_replies(self, owner: str, seconds: float, limit: int = 50) -> list[OutboxRow]:
        """Queued replies that are due and unclaimed, now claimed by `owner` for sending."""
        now = utcnow()
        due = col(OutboxRow.next_attempt_at).is_(None) | (col(OutboxRow.next_attempt_at) <= now)
        with self.session() as session:
            return _claim(
                session,
                OutboxRow,
                [OutboxRow.status == "queued", due],
                owner=owner,
                seconds=seconds,
                limit=limit,
                now=now,
            )

    def renew_reply_claim(self, reply_id: int, owner: str, seconds: float) -> bool:
        """Extend `owner`'s claim on a queued reply; False when the claim is no longer theirs."""
        now = utcnow()
        with self.session() as session:
            row = session.exec(
                select(OutboxRow).where(OutboxRow.id == reply_id).with_for_update()
            ).first()
            # Lapsed but untaken is still ours: another worker's claim would carry its name.
            if row is None or row.status != "queued" or row.claimed_by != owner:
                return False
            row.claimed_until = now + timedelta(seconds=seconds)
            session.add(row)
            return True

    # Ingest ---------------------------------------------------------------------------------

    def is_known(self, mailbox: str, message_id: str) -> bool:
        """Whether a message with this Message-ID is stored (the resync pre-check)."""
        with self.session(readonly=True) as session:
            found = session.exec(
                select(MessageRow.id)
                .where(MessageRow.mailbox == mailbox)
                .where(MessageRow.message_id == message_id.strip())
            ).first()
            return found is not None

    def ingest(
        self,
        *,
        mailbox: str,
        uidvalidity: int,
        uid: int | None,
        raw: bytes,
        size: int,
        received_at: datetime,
        message_id: str,
        oversize: bool = False,
        locator: str | None = None,
    ) -> int | None:
        """Store the raw bytes and move the cursor in one transaction; None if already stored."""
        key = dedupe_key(mailbox, message_id, raw)
        try:
            with self.session() as session:
                if uid is not None:
                    self._advance(session, mailbox, uidvalidity, uid)
                exists = session.exec(select(MessageRow.id).where(MessageRow.dedupe_key == key))
                if exists.first() is not None:
                    return None
                row = MessageRow(
                    mailbox=mailbox,
                    dedupe_key=key,
                    uidvalidity=uidvalidity if uid is not None else None,
                    uid=uid,
                    locator=locator,
                    message_id=message_id,
                    sha256=hashlib.sha256(raw).hexdigest(),
                    size=size,
                    received_at=received_at,
                    status="stored",
                    oversize=oversize,
                )
                session.add(row)
                session.flush()
                assert row.id is not None
                # The customer's own PINs and account numbers are in the mail: sealed at rest.
                stored = self.box.seal_bytes(raw) if self.box is not None else raw
                session.add(RawMessage(message_pk=row.id, raw=stored))
                return row.id
        except IntegrityError:
            # Another worker stored it between our check and our insert.
            if uid is not None:
                self.set_cursor_at_least(mailbox, uidvalidity, uid)
            return None

    def set_cursor_at_least(self, mailbox: str, uidvalidity: int, uid: int) -> None:
        with self.session() as session:
            self._advance(session, mailbox, uidvalidity, uid)

    def pending(self, limit: int = 100, statuses: tuple[str, ...] = ("stored",)) -> list[int]:
        with self.session(readonly=True) as session:
            rows = session.exec(
                select(MessageRow.id)
                .where(col(MessageRow.status).in_(statuses))
                .order_by(col(MessageRow.id))
                .limit(limit)
            )
            return [r for r in rows if r is not None]

    def load(self, pk: int) -> StoredMessage:
        with self.session(readonly=True) as session:
            row = session.get(MessageRow, pk)
            raw = session.get(RawMessage, pk)
            if row is None or raw is None:
                raise KeyError(f"no stored message {pk}")
            return StoredMessage(
                pk, self._open_raw(raw.raw), row.status, row.attempts, row.size, row.oversize
            )

    def _open_raw(self, stored: bytes) -> bytes:
        if not is_sealed_bytes(stored):
            return stored
        if self.box is None:
            raise ConfigError(
                "stored mail is sealed; configure the key that sealed it ([security] key_env or "
                "key_file)"
            )
        return self.box.open_bytes(stored)

    def message(self, pk: int) -> MessageRow | None:
        with self.session(readonly=True) as session:
            return session.get(MessageRow, pk)

    # Threading ------------------------------------------------------------------------------

    def find_case(
        self, message_ids: tuple[str, ...], subject: str, prefix: str
    ) -> CaseContext | None:
        """The case a message belongs to: by our case token in the subject, or by its references."""
        with self.session(readonly=True) as session:
            token_id = _token_case_id(subject, prefix)
            if token_id is not None:
                case = session.get(CaseRow, token_id)
                if case is not None:
                    return _context(case, prefix, self.box)
            # A message without In-Reply-To gives "": it must not match every ID-less message.
            ids = [message_id for message_id in message_ids if message_id.strip()]
            if not ids:
                return None
            case_id = session.exec(
                select(OutboxRow.case_id).where(col(OutboxRow.message_id).in_(ids))
            ).first()
            if case_id is None:
                case_id = session.exec(
                    select(MessageRow.case_id)
                    .where(col(MessageRow.message_id).in_(ids))
                    .where(col(MessageRow.case_id).is_not(None))
                ).first()
            case = session.get(CaseRow, case_id) if case_id is not None else None
            return _context(case, prefix, self.box) if case is not None else None

    def case_context(self, case_id: int, prefix: str) -> CaseContext | None:
        """What the pipeline knows of a stored case (for an agent's reclassification)."""
        with self.session(readonly=True) as session:
            case = session.get(CaseRow, case_id)
            return _context(case, prefix, self.box) if case is not None else None

    # Outcomes -------------------------------------------------------------------------------

    def open_case(self, session: Session, case_type: str, customer: str, language: str) -> CaseRow:
        now = utcnow()
        case = CaseRow(
            case_type=case_type,
            status="new",
            customer_email=customer,
            language=language,
            opened_at=now,
            updated_at=now,
        )
        session.add(case)
        session.flush()
        return case

    def record_answer(
        self,
        pk: int,
        *,
        sender: str,
        subject: str,
        thread: CaseContext | None,
        prefix: str,
        rate_since: datetime,
        build: AnswerBuilder,
    ) -> tuple[CaseContext, Answer]:
        """Open or join the case, build the answer and record it with its reply, atomically.

        The builder runs inside the transaction so that the case token in the reply and the
        reply's row commit together: a crash leaves the message unprocessed, never half-answered.
        """
        with self.session() as session:
            row = _pending_message(session, pk)
            case = session.get(CaseRow, _case_id(thread, prefix)) if thread else None
            if case is None:
                case = self.open_case(session, CaseType.OTHER.value, sender, "en")
                assert case.id is not None
                context = CaseContext(token=case_token(prefix, case.id))
            else:
                assert thread is not None
                context = thread
            answer = build(
                context,
                self.auto_replies_since(session, sender, rate_since),
                lambda numbers: records_for(session, numbers, self.box),
            )
            now = utcnow()
            case.case_type, case.language, case.updated_at = answer.case_type, answer.language, now
            case.facts_json = answer.case_facts_json
            case.status = answer.case_status
            if answer.agent_reason:
                case.needs_agent, case.agent_reason = True, answer.agent_reason
                # Into the agents' queue, keeping its place if it was there already; the
                # customer has waited since the message arrived, not since it was processed.
                case.waiting_since = case.waiting_since or min(row.received_at, now)
            session.add(case)
            row.case_id, row.sender, row.subject = case.id, sender, subject[:200]
            row.status, row.case_type, row.language = "processed", answer.case_type, answer.language
            row.confidence, row.action, row.result_json = (
                answer.confidence,
                answer.action,
                answer.result_json,
            )
            row.processed_at, row.error, row.error_detail = now, None, None
            session.add(row)
            assert case.id is not None
            for kind, key in dict.fromkeys(answer.findings):
                session.add(
                    FindingRow(
                        message_pk=pk, at=now, case_type=answer.case_type, kind=kind, key=key
                    )
                )
            if answer.reply is not None:
                session.add(outbox_row(answer.reply, case.id, pk, now))
            for notice in answer.notices:
                if not _notified(session, case.id, notice):
                    session.add(outbox_row(notice, case.id, pk, now))
            return context, answer

    def auto_replies_since(self, session: Session, recipient: str, since: datetime) -> int:
        count = session.exec(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.recipient == recipient)
            .where(OutboxRow.automatic == True)  # noqa: E712  (SQL expression, not a Python test)
            .where(col(OutboxRow.created_at) >= since)
        ).one()
        return int(count)

    def record_screened(
        self,
        pk: int,
        *,
        screen: str,
        reason: str,
        sender: str | None,
        subject: str,
        bounced_ids: tuple[str, ...],
    ) -> int | None:
        """Mark a message as automated; a bounce of one of our replies flags that reply's case."""
        with self.session() as session:
            row = _pending_message(session, pk)
            row.status, row.screen_name, row.screen_reason = "screened", screen, reason
            row.sender, row.subject, row.action = sender, subject[:200], "no_reply"
            row.processed_at = utcnow()
            case_id = None
            if bounced_ids:
                case_id = session.exec(
                    select(OutboxRow.case_id).where(
                        col(OutboxRow.message_id).in_(list(bounced_ids))
                    )
                ).first()
            if case_id is not None:
                case = session.get(CaseRow, case_id)
                if case is not None:
                    case.needs_agent, case.agent_reason = True, "a reply to this case bounced"
                    case.updated_at = utcnow()
                    session.add(case)
                row.case_id = case_id
            session.add(row)
            return case_id

    def quarantine(self, pk: int, reason: str, detail: str) -> None:
        with self.session() as session:
            row = _pending_message(session, pk)
            row.status, row.error, row.error_detail = "quarantined", reason[:500], detail[-8000:]
            row.attempts += 1
            row.processed_at = utcnow()
            session.add(row)

    def quarantined(self) -> list[MessageRow]:
        with self.session(readonly=True) as session:
            return list(
                session.exec(
                    select(MessageRow)
                    .where(
                        (MessageRow.status == "quarantined") | (MessageRow.oversize == True)  # noqa: E712
                    )
                    .order_by(col(MessageRow.id))
                )
            )

    def requeue(self, pks: list[int]) -> int:
        """Put quarantined messages back in the queue; returns how many were requeued."""
        with self.session() as session:
            count = 0
            for pk in pks:
                row = session.get(MessageRow, pk)
                if row is not None and row.status == "quarantined":
                    row.status, row.error, row.error_detail = "stored", None, None
                    row.claimed_by, row.claimed_until = None, None
                    session.add(row)
                    count += 1
            return count

    # Marking on the server ------------------------------------------------------------------

    def unmarked(self, mailbox: str, uidvalidity: int, limit: int = 500) -> list[MessageRow]:
        """Processed (or screened, quarantined) mail not yet flagged on the server."""
        with self.session(readonly=True) as session:
            return list(
                session.exec(
                    select(MessageRow)
                    .where(MessageRow.mailbox == mailbox)
                    .where(MessageRow.server_marked == False)  # noqa: E712
                    .where(col(MessageRow.status).in_(["processed", "screened", "quarantined"]))
                    .where(col(MessageRow.uid).is_(None) | (MessageRow.uidvalidity == uidvalidity))
                    .order_by(col(MessageRow.id))
                    .limit(limit)
                )
            )

    def set_marked(self, pks: list[int]) -> None:
        with self.session() as session:
            for pk in pks:
                row = session.get(MessageRow, pk)
                if row is not None:
                    row.server_marked = True
                    session.add(row)

    # Outbox ---------------------------------------------------------------------------------

    def release_replies(self, reply_ids: list[int]) -> None:
        """Give claimed replies back without an attempt (e.g. the SMTP server is down)."""
        with self.session() as session:
            for reply_id in reply_ids:
                row = session.get(OutboxRow, reply_id)
                if row is not None and row.status == "queued":
                    row.claimed_by, row.claimed_until = None, None
                    session.add(row)

    def reply_sent(
        self, reply_id: int, actor: str | None = None, *, keep_copy: bool = False
    ) -> None:
        """Mark a reply sent; account data it carried is audited in the same transaction.

        `keep_copy`: a copy is due in the mailbox's Sent folder (`pending_copies`).
        """
        with self.session() as session:
            row = session.get(OutboxRow, reply_id)
            if row is not None:
                row.status, row.sent_at, row.last_error = "sent", utcnow(), None
                row.copy_pending = keep_copy
                row.claimed_by, row.claimed_until = None, None
                row.attempts += 1
                session.add(row)
                if row.disclosure_json:
                    # The agent who approved it is the one who disclosed.
                    who = actor or row.reviewed_by or ("bot" if row.automatic else "agent")
                    session.add(_disclosure_row(row, who))

    def pending_copies(self, limit: int = 100) -> list[tuple[int, str, bytes]]:
        """Sent replies and notices whose copy is not yet in the Sent folder: (id, Message-ID,
        raw), oldest first."""
        with self.session(readonly=True) as session:
            rows = session.exec(
                select(OutboxRow.id, OutboxRow.message_id, OutboxRow.raw)
                .where(OutboxRow.copy_pending == True)  # noqa: E712 (SQL, not Python)
                .order_by(col(OutboxRow.id))
                .limit(limit)
            ).all()
        return [(int(pk), message_id, bytes(raw)) for pk, message_id, raw in rows if pk]

    def copy_filed(self, reply_id: int) -> None:
        with self.session() as session:
            row = session.get(OutboxRow, reply_id)
            if row is not None:
                row.copy_pending = False
                session.add(row)

    def disclosures(self, limit: int = 200) -> list[DisclosureRow]:
        """The newest disclosures of account data first (`portdesk audit`)."""
        with self.session(readonly=True) as session:
            return list(
                session.exec(
                    select(DisclosureRow).order_by(col(DisclosureRow.id).desc()).limit(limit)
                )
            )

    def reply_failed(self, reply_id: int, error: str, retry_at: datetime | None) -> None:
        """Record a failed attempt; with no `retry_at` the reply is given up, for an agent."""
        with self.session() as session:
            row = session.get(OutboxRow, reply_id)
            if row is None:
                return
            row.attempts += 1
            row.last_error = error[:500]
            row.next_attempt_at = retry_at
            row.claimed_by, row.claimed_until = None, None
            if retry_at is None:
                row.status = "failed"
            session.add(row)

    def replies(self, status: str | None = None) -> list[OutboxRow]:
        with self.session(readonly=True) as session:
            query = select(OutboxRow).order_by(col(OutboxRow.id))
            if status is not None:
                query = query.where(OutboxRow.status == status)
            return list(session.exec(query))

    def counts(self) -> dict[str, int]:
        """Messages by status, for operations."""
        with self.session(readonly=True) as session:
            rows = session.exec(
                select(MessageRow.status, func.count()).group_by(col(MessageRow.status))
            )
            return {status: int(n) for status, n in rows}


def outbox_row(reply: NewReply, case_id: int, message_pk: int, now: datetime) -> OutboxRow:
    """The outbox row of a drafted reply or notice."""
    return OutboxRow(
        case_id=case_id,
        reply_to_message=message_pk,
        kind=reply.kind,
        message_id=reply.message_id,
        recipient=reply.recipient,
        subject=reply.subject,
        raw=reply.raw,
        action=reply.action,
        template=reply.template,
        status=reply.status,
        automatic=reply.automatic,
        created_at=now,
        disclosure_json=reply.disclosure_json,
    )


def _notified(session: Session, case_id: int, notice: NewReply) -> bool:
    """Whether this contact was told of this kind of request in this case already."""
    found = session.exec(
        select(OutboxRow.id)
        .where(OutboxRow.case_id == case_id)
        .where(OutboxRow.kind == "notice")
        .where(OutboxRow.recipient == notice.recipient)
        .where(OutboxRow.action == notice.action)
    ).first()
    return found is not None


def _disclosure_row(row: OutboxRow, actor: str) -> DisclosureRow:
    disclosure = json.loads(row.disclosure_json or "{}")
    return DisclosureRow(
        at=utcnow(),
        actor=actor,
        case_id=row.case_id,
        outbox_id=row.id,
        recipient=row.recipient,
        numbers=",".join(disclosure.get("numbers", [])),
        fields=",".join(disclosure.get("fields", [])),
        verification=str(disclosure.get("verification", "")),
    )


def case_token(prefix: str, case_id: int) -> str:
    return f"{prefix}-{case_id + TOKEN_OFFSET}"


def _case_id(thread: CaseContext, prefix: str) -> int | None:
    return _token_case_id(f"[#{thread.token}]", prefix)


def _token_case_id(subject: str, prefix: str) -> int | None:
    match = re.search(r"\[#" + re.escape(prefix) + r"-(\d{1,12})\]", subject)
    if match is None:
        return None
    number = int(match.group(1)) - TOKEN_OFFSET
    return number if number > 0 else None


def _context(case: CaseRow, prefix: str, box: SecretBox | None) -> CaseContext:
    assert case.id is not None
    facts = (
        facts_from_json(json.loads(case.facts_json), revealer(box)) if case.facts_json else Facts()
    )
    return CaseContext(
        token=case_token(prefix, case.id),
        case_type=CaseType(case.case_type),
        is_new=False,
        facts=facts,
        complete=case.status == "complete",
    )


Claimable = TypeVar("Claimable", MessageRow, OutboxRow)


def _claim(
    session: Session,
    table: type[Claimable],
    conditions: list[Any],
    *,
    owner: str,
    seconds: float,
    limit: int,
    now: datetime,
) -> list[Claimable]:
    """Rows meeting `conditions` that no live claim holds, claimed by `owner`, oldest first.

    FOR UPDATE SKIP LOCKED lets workers claim side by side without waiting on each other;
    SQLite ignores it and serialises the claim with BEGIN IMMEDIATE instead.
    """
    free = col(table.claimed_until).is_(None) | (col(table.claimed_until) < now)
    rows = session.exec(
        select(table)
        .where(*conditions, free)
        .order_by(col(table.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        row.claimed_by, row.claimed_until = owner, now + timedelta(seconds=seconds)
        session.add(row)
    return list(rows)


class AlreadyProcessed(Exception):
    """Another worker finished this message first (its claim had expired); nothing to do."""


def _pending_message(session: Session, pk: int) -> MessageRow:
    """The message row, locked until commit, if it still waits to be processed.

    The caller gives it its end state; the claim ends with it.
    """
    row = session.exec(select(MessageRow).where(MessageRow.id == pk).with_for_update()).first()
    if row is None:
        raise KeyError(f"no stored message {pk}")
    if row.status != "stored":
        raise AlreadyProcessed(f"message {pk} is already {row.status}")
    row.claimed_by, row.claimed_until = None, None
    return row


def rate_window_start(hours: float) -> datetime:
    return utcnow() - timedelta(hours=hours)
