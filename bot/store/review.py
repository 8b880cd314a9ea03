"""The store's side of the review page: the queue, a case with its history, agents' actions.

Every action an agent takes is written with a case event (who, when, what) in the same
transaction, and edits and reclassifications also as corrections for the classifier.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from bot.store.repository import NewReply, Store, outbox_row, utcnow
from bot.store.tables import (
    AgentRow,
    CaseEvent,
    CaseRow,
    CorrectionRow,
    MessageRow,
    OutboxRow,
)

PAGE_SIZE = 50


class ReviewConflict(Exception):
    """The draft is no longer waiting (another agent acted first); the page says so."""


@dataclass(frozen=True, slots=True)
class QueueFilters:
    case_type: str = ""
    action: str = ""
    language: str = ""
    # "" any, "me" the agent asking, "none" unassigned, or an agent's email.
    assignee: str = ""


@dataclass(frozen=True, slots=True)
class QueueItem:
    case_id: int
    case_type: str
    language: str
    customer: str
    assignee: str | None
    waiting_since: datetime
    reason: str | None
    draft_id: int | None
    draft_action: str | None
    subject: str


@dataclass(frozen=True, slots=True)
class QueuePage:
    items: tuple[QueueItem, ...]
    total: int
    # The cursor of the next page (oldest first), or None on the last page.
    next_cursor: str | None


def _waiting(filters: QueueFilters, agent: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(CaseRow.waiting_since).is_not(None)]
    if filters.case_type:
        conditions.append(col(CaseRow.case_type) == filters.case_type)
    if filters.language:
        conditions.append(col(CaseRow.language) == filters.language)
    if filters.assignee == "me":
        conditions.append(col(CaseRow.assignee) == agent)
    elif filters.assignee == "none":
        conditions.append(col(CaseRow.assignee).is_(None))
    elif filters.assignee:
        conditions.append(col(CaseRow.assignee) == filters.assignee)
    if filters.action:
        drafted = (
            select(OutboxRow.case_id)
            .where(col(OutboxRow.status) == "awaiting_review")
            .where(col(OutboxRow.action) == filters.action)
        )
        conditions.append(col(CaseRow.id).in_(drafted))
    return conditions


def queue(store: Store, filters: QueueFilters, agent: str, cursor: str | None = None) -> QueuePage:
    """Waiting cases, oldest first, a page at a time (keyset pagination: fast at any depth)."""
    conditions = _waiting(filters, agent)
    with store.session(readonly=True) as session:
        total = int(
            session.exec(select(func.count()).select_from(CaseRow).where(*conditions)).one()
        )
        query = select(CaseRow).where(*conditions)
        if cursor:
            since, case_id = _parse_cursor(cursor)
            query = query.where(
                or_(
                    col(CaseRow.waiting_since) > since,
                    and_(col(CaseRow.waiting_since) == since, col(CaseRow.id) > case_id),
                )
            )
        cases = session.exec(
            query.order_by(col(CaseRow.waiting_since), col(CaseRow.id)).limit(PAGE_SIZE + 1)
        ).all()
        page = cases[:PAGE_SIZE]
        ids = [c.id for c in page if c.id is not None]
        drafts = _awaiting_drafts(session, ids)
        subjects = _last_subjects(session, ids)
        items = tuple(
            _item(case, drafts.get(case.id or 0), subjects.get(case.id or 0, "")) for case in page
        )
    next_cursor = None
    if len(cases) > PAGE_SIZE and page:
        last = page[-1]
        assert last.waiting_since is not None
        next_cursor = f"{last.waiting_since.isoformat()}|{last.id}"
    return QueuePage(items, total, next_cursor)


def _parse_cursor(cursor: str) -> tuple[datetime, int]:
    since, _, case_id = cursor.partition("|")
    try:
        return datetime.fromisoformat(since), int(case_id)
    except ValueError as exc:
        raise ValueError(f"not a queue cursor: {cursor!r}") from exc


def _awaiting_drafts(session: Session, case_ids: list[int]) -> dict[int, OutboxRow]:
    if not case_ids:
        return {}
    rows = session.exec(
        select(OutboxRow)
        .where(col(OutboxRow.case_id).in_(case_ids))
        .where(OutboxRow.status == "awaiting_review")
        .where(OutboxRow.kind == "reply")
        .order_by(col(OutboxRow.id))
    ).all()
    # The newest draft of a case is the one to review.
    return {row.case_id: row for row in rows}


def _last_subjects(session: Session, case_ids: list[int]) -> dict[int, str]:
    if not case_ids:
        return {}
    newest = (
        select(MessageRow.case_id, func.max(MessageRow.id).label("newest"))
        .where(col(MessageRow.case_id).in_(case_ids))
        .group_by(col(MessageRow.case_id))
        .subquery()
    )
    rows = session.exec(
        select(MessageRow.case_id, MessageRow.subject).join(
            newest, col(MessageRow.id) == newest.c.newest
        )
    ).all()
    return {case_id: subject or "" for case_id, subject in rows if case_id is not None}


def _item(case: CaseRow, draft: OutboxRow | None, subject: str) -> QueueItem:
    assert case.id is not None and case.waiting_since is not None
    return QueueItem(
        case_id=case.id,
        case_type=case.case_type,
        language=case.language,
        customer=case.customer_email,
        assignee=case.assignee,
        waiting_since=case.waiting_since,
        reason=case.agent_reason,
        draft_id=draft.id if draft else None,
        draft_action=draft.action if draft else None,
        subject=subject,
    )


def next_waiting(store: Store, after_case: int, agent: str) -> int | None:
    """The case after `after_case` in queue order (for the 'next' shortcut)."""
    with store.session(readonly=True) as session:
        current = session.get(CaseRow, after_case)
        query = select(CaseRow.id).where(col(CaseRow.waiting_since).is_not(None))
        if current is not None and current.waiting_since is not None:
            query = query.where(
                or_(
                    col(CaseRow.waiting_since) > current.waiting_since,
                    and_(
                        col(CaseRow.waiting_since) == current.waiting_since,
                        col(CaseRow.id) > after_case,
                    ),
                )
            )
        found = session.exec(
            query.order_by(col(CaseRow.waiting_since), col(CaseRow.id)).limit(1)
        ).first()
        return found


# A case and its history --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRecord:
    case: CaseRow
    messages: tuple[MessageRow, ...]
    replies: tuple[OutboxRow, ...]
    events: tuple[CaseEvent, ...]


def case_record(store: Store, case_id: int) -> CaseRecord | None:
    with store.session(readonly=True) as session:
        case = session.get(CaseRow, case_id)
        if case is None:
            return None
        messages = session.exec(
            select(MessageRow).where(MessageRow.case_id == case_id).order_by(col(MessageRow.id))
        ).all()
        replies = session.exec(
            select(OutboxRow).where(OutboxRow.case_id == case_id).order_by(col(OutboxRow.id))
        ).all()
        events = session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id))
        ).all()
        return CaseRecord(case, tuple(messages), tuple(replies), tuple(events))


# Actions -----------------------------------------------------------------------------------


def _event(session: Session, case_id: int, actor: str, kind: str, detail: str = "") -> None:
    session.add(CaseEvent(case_id=case_id, at=utcnow(), actor=actor, kind=kind, detail=detail))


def _waiting_draft(session: Session, draft_id: int) -> OutboxRow:
    row = session.exec(select(OutboxRow).where(OutboxRow.id == draft_id).with_for_update()).first()
    if row is None or row.status != "awaiting_review":
        raise ReviewConflict("this draft is no longer waiting for review")
    return row


def _settle(session: Session, case_id: int) -> None:
    """The case leaves the queue once none of its drafts waits for review."""
    case = session.get(CaseRow, case_id)
    if case is None:
        return
    still = session.exec(
        select(OutboxRow.id)
        .where(OutboxRow.case_id == case_id)
        .where(OutboxRow.status == "awaiting_review")
    ).first()
    if still is None:
        case.waiting_since, case.needs_agent = None, False
        case.updated_at = utcnow()
        session.add(case)


@dataclass(frozen=True, slots=True)
class Edit:
    """An agent's change to a draft, with the customer's message it answers (for training)."""

    raw: bytes
    before: str
    after: str
    case_type: str
    subject: str
    text: str
    language: str


def approve(store: Store, draft_id: int, agent: str, edit: Edit | None = None) -> int:
    """Queue the draft for sending (with the agent's edit, if any); returns its case id."""
    with store.session() as session:
        row = _waiting_draft(session, draft_id)
        now = utcnow()
        row.status, row.reviewed_by, row.reviewed_at = "queued", agent, now
        row.review_outcome = "edited" if edit is not None else "approved"
        row.next_attempt_at = None
        if edit is not None:
            row.raw = edit.raw
            session.add(
                CorrectionRow(
                    case_id=row.case_id,
                    message_pk=row.reply_to_message,
                    at=now,
                    agent=agent,
                    kind="edited",
                    before=edit.before,
                    after=edit.after,
                    case_type=edit.case_type,
                    subject=edit.subject,
                    text=edit.text,
                    language=edit.language,
                )
            )
        session.add(row)
        kind = "edited" if edit is not None else "approved"
        _event(session, row.case_id, agent, kind, f"{row.action} reply to {row.recipient}")
        _settle(session, row.case_id)
        return row.case_id


def reject(store: Store, draft_id: int, agent: str, reason: str) -> int:
    with store.session() as session:
        row = _waiting_draft(session, draft_id)
        row.status, row.reviewed_by, row.reviewed_at = "rejected", agent, utcnow()
        row.review_outcome = "rejected"
        row.review_note = reason[:1000]
        session.add(row)
        _event(session, row.case_id, agent, "rejected", reason[:1000])
        _settle(session, row.case_id)
        return row.case_id


def assign(store: Store, case_id: int, agent: str) -> None:
    with store.session() as session:
        case = session.get(CaseRow, case_id)
        if case is None:
            raise KeyError(f"no case {case_id}")
        case.assignee = agent
        session.add(case)
        _event(session, case_id, agent, "assigned", f"assigned to {agent}")


def add_note(store: Store, case_id: int, agent: str, text: str) -> None:
    with store.session() as session:
        if session.get(CaseRow, case_id) is None:
            raise KeyError(f"no case {case_id}")
        _event(session, case_id, agent, "note", text[:4000])


@dataclass(frozen=True, slots=True)
class Redraft:
    """A reclassified message's new outcome, to replace the waiting draft."""

    case_type: str
    language: str
    action: str
    result_json: str
    case_facts_json: str
    reply: NewReply | None
    subject: str
    text: str
    # Notices the new case type calls for (a CSR or PIN request); those already queued for
    # this message and recipient are not added again.
    notices: tuple[NewReply, ...] = ()


def replace_draft(store: Store, draft_id: int, agent: str, before: str, redraft: Redraft) -> int:
    """Reclassification: the waiting draft gives way to one drafted for the agent's case type,
    and the contacts of record get the notices the new type calls for."""
    with store.session() as session:
        old = _waiting_draft(session, draft_id)
        now = utcnow()
        # Never sent, so nothing outside knows it: the new draft takes its place, and the
        # event and the correction keep what happened.
        session.delete(old)
        session.flush()
        case = session.get(CaseRow, old.case_id)
        message = session.get(MessageRow, old.reply_to_message)
        assert case is not None and message is not None
        case.case_type, case.language, case.facts_json = (
            redraft.case_type,
            redraft.language,
            redraft.case_facts_json,
        )
        case.updated_at = now
        session.add(case)
        message.case_type, message.action = redraft.case_type, redraft.action
        message.result_json = redraft.result_json
        session.add(message)
        if redraft.reply is not None:
            # The draft is always the agent's to review (draft_reply was told not to send).
            session.add(outbox_row(redraft.reply, old.case_id, old.reply_to_message, now))
        notified = set(
            session.exec(
                select(OutboxRow.recipient).where(
                    col(OutboxRow.reply_to_message) == old.reply_to_message,
                    col(OutboxRow.kind) == "notice",
                )
            )
        )
        for notice in redraft.notices:
            if notice.recipient not in notified:
                notified.add(notice.recipient)
                session.add(outbox_row(notice, old.case_id, old.reply_to_message, now))
        session.add(
            CorrectionRow(
                case_id=old.case_id,
                message_pk=message.id,
                at=now,
                agent=agent,
                kind="reclassified",
                before=before,
                after=redraft.case_type,
                case_type=redraft.case_type,
                subject=redraft.subject,
                text=redraft.text,
                language=redraft.language,
            )
        )
        _event(session, old.case_id, agent, "reclassified", f"{before} \u2192 {redraft.case_type}")
        _settle(session, old.case_id)
        return old.case_id


def corrections(store: Store) -> list[CorrectionRow]:
    with store.session(readonly=True) as session:
        return list(session.exec(select(CorrectionRow).order_by(col(CorrectionRow.id))))


# Agents ------------------------------------------------------------------------------------


def add_agent(store: Store, email: str, name: str, role: str, password_hash: str) -> AgentRow:
    with store.session() as session:
        agent = AgentRow(
            email=email.lower(),
            name=name,
            role=role,
            password_hash=password_hash,
            created_at=utcnow(),
        )
        session.add(agent)
        session.flush()
        return agent


def agents(store: Store) -> list[AgentRow]:
    with store.session(readonly=True) as session:
        return list(session.exec(select(AgentRow).order_by(col(AgentRow.email))))


def agent_by_email(store: Store, email: str) -> AgentRow | None:
    with store.session(readonly=True) as session:
        return session.exec(select(AgentRow).where(AgentRow.email == email.lower())).first()


def set_active(store: Store, email: str, active: bool) -> bool:
    with store.session() as session:
        agent = session.exec(select(AgentRow).where(AgentRow.email == email.lower())).first()
        if agent is None:
            return False
        agent.active = active
        session.add(agent)
        return True


def record_login(
    store: Store, email: str, *, success: bool, lock_after: int, lock_until: datetime
) -> None:
    """Count failed logins; `lock_after` failures in a row lock the account until `lock_until`."""
    with store.session() as session:
        agent = session.exec(select(AgentRow).where(AgentRow.email == email.lower())).first()
        if agent is None:
            return
        if success:
            agent.failed_logins, agent.locked_until = 0, None
        else:
            agent.failed_logins += 1
            if agent.failed_logins >= lock_after:
                agent.locked_until, agent.failed_logins = lock_until, 0
        session.add(agent)


def result_of(message: MessageRow) -> dict[str, Any]:
    """The stored outcome summary of a message (empty for one not yet processed)."""
    return json.loads(message.result_json) if message.result_json else {}
