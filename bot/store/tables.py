"""The store's tables (SQLModel). Datetimes are tz-aware UTC; raw bytes are kept for replay."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


class MailboxCursor(SQLModel, table=True):
    """How far a mailbox folder has been read: IMAP (UIDVALIDITY, last UID), or Maildir names."""

    __tablename__ = "mailbox_cursor"

    mailbox: str = Field(primary_key=True)
    # IMAP UIDVALIDITY and UIDs are unsigned 32-bit: past a signed INTEGER on PostgreSQL.
    uidvalidity: int = Field(sa_column=Column(BigInteger, nullable=False))
    last_uid: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime


class MailboxLease(SQLModel, table=True):
    """Which worker owns a mailbox's IMAP connection and cursor, until when."""

    __tablename__ = "mailbox_lease"

    mailbox: str = Field(primary_key=True)
    owner: str
    expires_at: datetime


class CaseRow(SQLModel, table=True):
    """A porting case: the thread of messages about one request."""

    __tablename__ = "porting_case"
    # The digest's cases waiting on the customer, by how long they have waited.
    __table_args__ = (Index("ix_porting_case_status_updated", "status", "updated_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_type: str
    status: str = Field(index=True)
    customer_email: str = Field(index=True)
    language: str = "en"
    needs_agent: bool = False
    agent_reason: str | None = None
    # Since when the case waits for an agent (a draft to review, or referred); None: not waiting.
    waiting_since: datetime | None = Field(default=None, index=True)
    # The agent who took the case ("assign to me").
    assignee: str | None = Field(default=None, index=True)
    # The thread's merged facts (bot.case_facts), so each message adds to what came before.
    facts_json: str | None = None
    opened_at: datetime = Field(index=True)
    updated_at: datetime


class MessageRow(SQLModel, table=True):
    """One received message and what became of it; `status` is its single end state."""

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("mailbox", "uidvalidity", "uid", name="uq_message_uid"),
        # By status (the pipeline's pending and quarantined mail), and the digest's volumes of
        # one status over a window, answered from the index alone.
        Index("ix_message_status_received", "status", "received_at", "case_type", "language"),
    )

    id: int | None = Field(default=None, primary_key=True)
    mailbox: str
    # Message-ID, or the SHA-256 of the bytes when there is none: one row per message per mailbox.
    dedupe_key: str = Field(unique=True)
    uidvalidity: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    uid: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    # Where the source keeps it when a UID does not say (a Maildir file), for marking.
    locator: str | None = None
    message_id: str = Field(index=True)
    sha256: str
    size: int
    # Too large to download: only the headers are stored, and an agent reads it on the server.
    oversize: bool = False
    received_at: datetime = Field(index=True)
    status: str
    sender: str | None = Field(default=None, index=True)
    subject: str | None = None
    case_id: int | None = Field(default=None, foreign_key="porting_case.id", index=True)
    screen_name: str | None = None
    screen_reason: str | None = None
    case_type: str | None = None
    confidence: float | None = None
    language: str | None = None
    action: str | None = None
    result_json: str | None = None
    error: str | None = None
    error_detail: str | None = None
    attempts: int = 0
    processed_at: datetime | None = None
    server_marked: bool = Field(default=False, index=True)
    # A worker's claim on the message while it processes it; an expired claim is free again.
    claimed_by: str | None = None
    claimed_until: datetime | None = None


class RawMessage(SQLModel, table=True):
    """The exact bytes received, stored before any processing."""

    __tablename__ = "raw_message"

    message_pk: int = Field(foreign_key="message.id", primary_key=True)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class OutboxRow(SQLModel, table=True):
    """A reply or a notice: composed once with its Message-ID, then sent (or reviewed) from here."""

    __tablename__ = "outbox"
    # One reply per incoming message, and one notice per contact, enforced by the database:
    # a re-run cannot draft twice.
    __table_args__ = (
        UniqueConstraint(
            "reply_to_message", "kind", "recipient", name="uq_outbox_message_kind_recipient"
        ),
        # The review queue's filter by draft action: the waiting drafts of one action, by case.
        Index("ix_outbox_status_action_case", "status", "action", "case_id"),
        # The digest's windows: what was sent, and what agents reviewed, on a given day; and
        # the drafts waiting at a moment (never reviewed, or reviewed later), from the index.
        Index("ix_outbox_sent_at", "sent_at"),
        Index(
            "ix_outbox_waiting",
            "reviewed_at",
            "automatic",
            "kind",
            "created_at",
            "reply_to_message",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="porting_case.id", index=True)
    reply_to_message: int = Field(foreign_key="message.id", index=True)
    # "reply" to the sender, or "notice" to an account's contact of record.
    kind: str = "reply"
    message_id: str = Field(unique=True)
    recipient: str = Field(index=True)
    subject: str
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    action: str
    template: str
    status: str = Field(index=True)
    automatic: bool
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    created_at: datetime
    sent_at: datetime | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    # The account data this reply carries (bot.model.Disclosure as JSON), audited when sent.
    disclosure_json: str | None = None
    # The agent who approved, edited or rejected the draft, when, and why it was rejected.
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None
    # approved (unchanged) | edited | rejected, once an agent has reviewed it.
    review_outcome: str | None = None
    # Sent, and its copy not yet in the mailbox's Sent folder ([source.imap] sent_folder).
    copy_pending: bool = Field(default=False, index=True)


class InventoryNumber(SQLModel, table=True):
    """One of our numbers and its account, as `portdesk inventory import` loaded it.

    PINs, account ids and porting codes are Fernet-sealed (bot.security.secrets); the account is
    found by a keyed digest of its id, so the id itself is never stored in the clear.
    """

    __tablename__ = "inventory_number"

    number_e164: str = Field(primary_key=True)
    account_key: str = Field(index=True)
    account_id_sealed: str
    company_name: str
    address_line: str
    city: str
    postcode: str
    country: str
    carrier: str
    # Lower-case, ";"-joined; the first is the contact of record.
    authorized_emails: str
    migration_code_sealed: str | None = None
    cvp_code_sealed: str | None = None
    port_out_pin_sealed: str | None = None
    twilio_subaccount_sid: str | None = None
    # A keyed digest of the row as imported: importing the same row again writes nothing.
    fingerprint: str
    updated_at: datetime


class DisclosureRow(SQLModel, table=True):
    """One disclosure of account data: what, about which numbers, to whom, when, on what basis."""

    __tablename__ = "disclosure"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    # "bot" for an automatic reply, otherwise the agent who approved or sent it.
    actor: str
    case_id: int | None = Field(default=None, foreign_key="porting_case.id", index=True)
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    recipient: str
    numbers: str
    fields: str
    verification: str


class AgentRow(SQLModel, table=True):
    """A person who uses the review page: an agent, or a manager who also sees the audit."""

    __tablename__ = "agent"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    name: str
    role: str  # agent | manager
    # argon2id, with its parameters and salt (argon2-cffi's encoded form).
    password_hash: str
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime


class CaseEvent(SQLModel, table=True):
    """One thing that happened to a case, by whom: an agent's action, a note, the bot's work."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="porting_case.id", index=True)
    at: datetime
    actor: str
    # approved | edited | rejected | reclassified | assigned | note
    kind: str
    detail: str = ""


class CorrectionRow(SQLModel, table=True):
    """What an agent corrected, kept as training data for the classifier and the wording."""

    __tablename__ = "correction"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="porting_case.id", index=True)
    message_pk: int | None = Field(default=None, foreign_key="message.id")
    at: datetime
    agent: str
    # reclassified (before/after are case types) | edited (before/after are the draft's text)
    kind: str
    before: str
    after: str
    # The case type the agent confirmed (edited) or chose (reclassified): the training label.
    case_type: str = ""
    subject: str = ""
    text: str = ""
    language: str = "en"


class FindingRow(SQLModel, table=True):
    """One thing the bot found in a message, for the digest's counts by SQL.

    kind: missing (an item the customer did not give), warning (a rule's warning), rejection
    (a carrier's rejection reason), security (an unverified or suspicious request).
    """

    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    message_pk: int = Field(foreign_key="message.id", index=True)
    at: datetime = Field(index=True)
    case_type: str
    kind: str
    key: str


class DigestRun(SQLModel, table=True):
    """A day's digest sent to one recipient: the primary key makes a second send impossible."""

    __tablename__ = "digest_run"

    day: date = Field(primary_key=True)
    recipient: str = Field(primary_key=True)
    sent_at: datetime
