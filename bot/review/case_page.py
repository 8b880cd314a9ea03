"""What the case page shows, built from the store: the thread, what the bot understood, the draft.

Mail is shown as text only (HTML mail through its text rendering), so nothing a customer sends
is ever rendered live; account numbers appear masked, as everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from bot.model import Mail
from bot.parse import ParseError, parse_mail
from bot.store import Store, utcnow
from bot.store.review import CaseRecord, result_of
from bot.store.tables import MessageRow, OutboxRow

# Fields of a document worth an agent's glance, in the order they read.
_DOCUMENT_FIELDS = (
    ("business_name", "business name"),
    ("authorized_name", "authorised name"),
    ("service_address", "service address"),
    ("account_number", "account number"),
    ("btn", "billing number"),
    ("carrier", "carrier"),
    ("document_date", "date"),
    ("signed", "signed"),
    ("signer", "signer"),
    ("rejection_codes", "rejection reasons"),
    ("flagged", "flagged"),
    ("error", "could not be read"),
)


@dataclass(frozen=True, slots=True)
class AttachmentView:
    index: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class MessageView:
    pk: int
    received_at: datetime
    sender: str
    subject: str
    status: str
    new_text: str
    quoted_text: str
    forwarded: tuple[str, ...]
    attachments: tuple[AttachmentView, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class DraftView:
    id: int
    recipient: str
    subject: str
    action: str
    text: str
    discloses: str


@dataclass(frozen=True, slots=True)
class ReplyView:
    id: int
    kind: str
    recipient: str
    action: str
    status: str
    at: datetime
    reviewed_by: str | None
    note: str | None


@dataclass
class CasePage:
    id: int
    token: str
    case_type: str
    language: str
    status: str
    customer: str
    assignee: str | None
    waiting_since: datetime | None
    overdue: bool
    agent_reason: str | None
    messages: list[MessageView] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    draft: DraftView | None = None
    replies: list[ReplyView] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def case_page(store: Store, record: CaseRecord, token: str, target_hours: float) -> CasePage:
    case = record.case
    assert case.id is not None
    waiting = case.waiting_since
    page = CasePage(
        id=case.id,
        token=token,
        case_type=case.case_type,
        language=case.language,
        status=case.status,
        customer=case.customer_email,
        assignee=case.assignee,
        waiting_since=waiting,
        overdue=waiting is not None and (utcnow() - waiting).total_seconds() > target_hours * 3600,
        agent_reason=case.agent_reason,
    )
    page.messages = [_message(store, row) for row in record.messages]
    processed = [r for r in record.messages if r.result_json]
    if processed:
        page.result = result_of(processed[-1])
        documents = page.result.get("facts", {}).get("documents", [])
        page.documents = [_document(d) for d in documents]
    waiting_drafts = [
        r for r in record.replies if r.status == "awaiting_review" and r.kind == "reply"
    ]
    if waiting_drafts:
        page.draft = _draft(waiting_drafts[-1])
    page.replies = [_reply(r) for r in record.replies]
    page.events = [
        {"at": e.at, "actor": e.actor, "kind": e.kind, "detail": e.detail} for e in record.events
    ]
    return page


def _message(store: Store, row: MessageRow) -> MessageView:
    assert row.id is not None
    new_text = quoted = note = ""
    forwarded: tuple[str, ...] = ()
    attachments: tuple[AttachmentView, ...] = ()
    if row.oversize:
        note = f"Too large to download ({row.size / 1e6:.1f} MB): read it on the mail server."
    else:
        try:
            mail = parse_mail(store.load(row.id).raw)
        except ParseError as exc:
            note = str(exc)
        else:
            new_text = mail.new_text
            quoted = "\n".join(p for p in (mail.quoted_text, mail.signature) if p)
            forwarded = tuple(f"{f.subject}\n{f.text}" for f in mail.forwarded)
            attachments = _attachments(mail)
            if row.status == "screened":
                note = f"Screened: {row.screen_reason}"
    return MessageView(
        pk=row.id,
        received_at=row.received_at,
        sender=row.sender or "",
        subject=row.subject or "",
        status=row.status,
        new_text=new_text,
        quoted_text=quoted,
        forwarded=forwarded,
        attachments=attachments,
        note=note,
    )


def _attachments(mail: Mail) -> tuple[AttachmentView, ...]:
    return tuple(
        AttachmentView(index, a.filename, a.content_type, len(a.payload))
        for index, a in enumerate(mail.attachments)
    )


def attachment(store: Store, message_pk: int, index: int) -> tuple[str, bytes] | None:
    """One attachment's safe file name and bytes, for download."""
    mail = parse_mail(store.load(message_pk).raw)
    if not 0 <= index < len(mail.attachments):
        return None
    found = mail.attachments[index]
    return found.filename, found.payload


def _document(document: dict[str, Any]) -> dict[str, Any]:
    fields = []
    for key, label in _DOCUMENT_FIELDS:
        value = document.get(key)
        if value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            value = ", ".join(str(v) for v in value.values() if v)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        fields.append((label, str(value)))
    return {
        "filename": document.get("filename", ""),
        "kind": document.get("kind", ""),
        "method": document.get("method", ""),
        "numbers": document.get("numbers", []),
        "fields": fields,
    }


def draft_text(raw: bytes) -> str:
    """The plain-text body of a composed reply."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    if body is None or not isinstance(body, EmailMessage):
        return ""
    content = body.get_content()
    return content.replace("\r\n", "\n") if isinstance(content, str) else ""


def same_text(a: str, b: str) -> bool:
    """Whether an agent left the draft as it was (line endings and trailing spaces aside)."""

    def normal(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))

    return normal(a) == normal(b)


def _draft(row: OutboxRow) -> DraftView:
    assert row.id is not None
    discloses = ""
    if row.disclosure_json:
        data = json.loads(row.disclosure_json)
        discloses = (
            f"{', '.join(data.get('fields', []))} of {', '.join(data.get('numbers', []))} "
            f"to {data.get('recipient', '')} ({data.get('verification', '')})"
        )
    return DraftView(row.id, row.recipient, row.subject, row.action, draft_text(row.raw), discloses)


def _reply(row: OutboxRow) -> ReplyView:
    assert row.id is not None
    return ReplyView(
        row.id,
        row.kind,
        row.recipient,
        row.action,
        row.status,
        row.sent_at or row.reviewed_at or row.created_at,
        row.reviewed_by,
        row.review_note,
    )
