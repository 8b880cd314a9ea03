"""The digest's figures, by SQL over the store: GROUP BY and COUNT in the database, so a year of
history costs what a day does. A day is the calendar day in the digest's time zone; "week" is
the daily average over the 7 days before it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, func
from sqlmodel import Session, col, select

from bot.digest.figures import (
    Acceptance,
    Backlog,
    DayPoint,
    Digest,
    ResponseTimes,
    Tally,
    Volume,
)
from bot.store import Store, utcnow
from bot.store.tables import CaseRow, CorrectionRow, FindingRow, MessageRow, OutboxRow

WEEK = 7
_CONFIDENCE = (
    ("below 0.45", 0.0, 0.45),
    ("0.45-0.60", 0.45, 0.60),
    ("0.60-0.80", 0.60, 0.80),
    ("0.80 and above", 0.80, 1.01),
)
_HANDLING = ("sent by the bot", "approved unchanged", "approved after edit", "rejected")


def day_window(day: date, timezone: str) -> tuple[datetime, datetime]:
    """The UTC instants that start and end `day` in `timezone`."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def build_digest(store: Store, day: date, timezone: str, target_hours: float) -> Digest:
    start, end = day_window(day, timezone)
    week_start = day_window(day - timedelta(days=WEEK), timezone)[0]
    built = utcnow()
    # The backlog is as it stood at the end of the day, or now for a day not over yet.
    as_of = min(end, built)
    with store.session(readonly=True) as session:
        q = _Queries(session, (start, end), (week_start, start))
        return Digest(
            day=day,
            timezone=timezone,
            built_at=built,
            target_hours=target_hours,
            messages=q.tally("messages", q.messages_received),
            cases=q.tally("cases", q.cases_opened),
            by_case_type=q.volumes(CaseRow.case_type, MessageRow.case_type),
            by_language=q.volumes(CaseRow.language, MessageRow.language),
            screened=q.grouped(
                MessageRow,
                col(MessageRow.screen_name),
                col(MessageRow.received_at),
                col(MessageRow.status) == "screened",
            ),
            handling=q.handling(),
            acceptance=q.acceptance(),
            first_response=q.first_response((start, end), bot_only=False),
            first_response_bot=q.first_response((start, end), bot_only=True),
            first_response_week=q.first_response((week_start, start), bot_only=False),
            backlog=q.backlog(as_of, target_hours),
            forgotten=q.forgotten(),
            rejections=q.findings("rejection"),
            warnings=q.findings("warning"),
            confidence=q.confidence(),
            referred=q.tally(
                "referred to an agent",
                lambda window: q.count(
                    MessageRow,
                    col(MessageRow.received_at),
                    window,
                    col(MessageRow.action) == "refer_to_agent",
                ),
            ),
            reclassified=q.reclassified(),
            security=q.findings("security"),
            chart=q.chart(day, timezone, as_of),
        )


Window = tuple[datetime, datetime]


class _Queries:
    """The queries of one digest: the day's window and the week's before it."""

    def __init__(self, session: Session, day: Window, week: Window) -> None:
        self.session, self.day, self.week = session, day, week

    # Shapes ----------------------------------------------------------------------------------

    def count(self, table: Any, at: Any, window: Window, *conditions: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(table).where(at >= window[0], at < window[1])
        return int(self.session.exec(query.where(*conditions)).one())

    def tally(self, key: str, counter: Any) -> Tally:
        return Tally(key, counter(self.day), counter(self.week) / WEEK)

    def messages_received(self, window: Window) -> int:
        return self.count(MessageRow, col(MessageRow.received_at), window)

    def cases_opened(self, window: Window) -> int:
        return self.count(CaseRow, col(CaseRow.opened_at), window)

    def _grouped_counts(
        self, table: Any, key: Any, at: Any, window: Window, *conditions: ColumnElement[bool]
    ) -> dict[str, int]:
        query = (
            select(key, func.count())
            .select_from(table)
            .where(at >= window[0], at < window[1], *conditions)
            .group_by(key)
        )
        return {str(k): int(n) for k, n in self.session.exec(query) if k is not None}

    def grouped(
        self, table: Any, key: Any, at: Any, *conditions: ColumnElement[bool]
    ) -> tuple[Tally, ...]:
        today = self._grouped_counts(table, key, at, self.day, *conditions)
        week = self._grouped_counts(table, key, at, self.week, *conditions)
        return _tallies(today, week)

    # Volumes ---------------------------------------------------------------------------------

    def volumes(self, case_key: Any, message_key: Any) -> tuple[Volume, ...]:
        person = col(MessageRow.status) == "processed"
        cases = self._grouped_counts(CaseRow, case_key, col(CaseRow.opened_at), self.day)
        cases_week = self._grouped_counts(CaseRow, case_key, col(CaseRow.opened_at), self.week)
        messages = self._grouped_counts(
            MessageRow, message_key, col(MessageRow.received_at), self.day, person
        )
        messages_week = self._grouped_counts(
            MessageRow, message_key, col(MessageRow.received_at), self.week, person
        )
        keys = sorted(
            {*cases, *messages, *cases_week, *messages_week},
            key=lambda k: (-messages.get(k, 0), -cases.get(k, 0), k),
        )
        return tuple(
            Volume(
                k,
                cases.get(k, 0),
                messages.get(k, 0),
                cases_week.get(k, 0) / WEEK,
                messages_week.get(k, 0) / WEEK,
            )
            for k in keys
        )

    # What the bot did ------------------------------------------------------------------------

    def _handling_counts(self, window: Window) -> dict[str, int]:
        reply = col(OutboxRow.kind) == "reply"
        counts = {
            _HANDLING[0]: self.count(
                OutboxRow,
                col(OutboxRow.sent_at),
                window,
                reply,
                col(OutboxRow.automatic).is_(True),
            )
        }
        outcomes = self._grouped_counts(
            OutboxRow, col(OutboxRow.review_outcome), col(OutboxRow.reviewed_at), window, reply
        )
        counts[_HANDLING[1]] = outcomes.get("approved", 0)
        counts[_HANDLING[2]] = outcomes.get("edited", 0)
        counts[_HANDLING[3]] = outcomes.get("rejected", 0)
        return counts

    def handling(self) -> tuple[Tally, ...]:
        today, week = self._handling_counts(self.day), self._handling_counts(self.week)
        return tuple(Tally(k, today[k], week[k] / WEEK) for k in _HANDLING)

    def acceptance(self) -> tuple[Acceptance, ...]:
        reviewed = and_(
            col(OutboxRow.reviewed_at) >= self.day[0],
            col(OutboxRow.reviewed_at) < self.day[1],
            col(OutboxRow.kind) == "reply",
            col(OutboxRow.review_outcome).is_not(None),
        )
        query = (
            select(
                MessageRow.case_type,
                func.count(),
                func.sum(case((col(OutboxRow.review_outcome) == "approved", 1), else_=0)),
            )
            .select_from(OutboxRow)
            .join(MessageRow, col(MessageRow.id) == col(OutboxRow.reply_to_message))
            .where(reviewed)
            .group_by(col(MessageRow.case_type))
        )
        rows = [
            Acceptance(str(case_type), int(n), int(unchanged or 0))
            for case_type, n, unchanged in self.session.exec(query)
        ]
        return tuple(sorted(rows, key=lambda a: (-a.reviewed, a.case_type)))

    # Response times --------------------------------------------------------------------------

    def first_response(self, window: Window, *, bot_only: bool) -> ResponseTimes:
        # Per case opened in the window (a day's worth), by the case_id indexes: never an
        # aggregate over the whole history.
        case_id = col(CaseRow.id)
        first_in = (
            select(func.min(MessageRow.received_at))
            .where(col(MessageRow.case_id) == case_id)
            .scalar_subquery()
        )
        sent = and_(
            col(OutboxRow.case_id) == case_id,
            col(OutboxRow.kind) == "reply",
            col(OutboxRow.sent_at).is_not(None),
        )
        first_out = select(func.min(OutboxRow.sent_at)).where(sent).scalar_subquery()
        first_auto = (
            select(func.min(OutboxRow.sent_at))
            .where(sent, col(OutboxRow.automatic).is_(True))
            .scalar_subquery()
        )
        query = select(first_in, first_out, first_auto).where(
            col(CaseRow.opened_at) >= window[0], col(CaseRow.opened_at) < window[1]
        )
        hours = [
            (_utc(out) - _utc(came)).total_seconds() / 3600
            for came, out, auto in self.session.exec(query)
            if came is not None
            and out is not None
            and (not bot_only or (auto is not None and _utc(auto) == _utc(out)))
        ]
        return _times(hours)

    # Backlog ---------------------------------------------------------------------------------

    def backlog(self, at: datetime, target_hours: float) -> Backlog:
        """Drafts waiting at the end of the day (created by then, not reviewed by then)."""
        overdue = at - timedelta(hours=target_hours)
        count, past, oldest = 0, 0, None
        for waiting in _waiting_at(at):
            joined = (
                select(
                    func.count(),
                    func.sum(case((col(MessageRow.received_at) < overdue, 1), else_=0)),
                    func.min(MessageRow.received_at),
                )
                .select_from(OutboxRow)
                .join(MessageRow, col(MessageRow.id) == col(OutboxRow.reply_to_message))
                .where(waiting)
            )
            n, late, first = self.session.exec(joined).one()
            count, past = count + int(n), past + int(late or 0)
            if first is not None and (oldest is None or _utc(first) < oldest):
                oldest = _utc(first)
        return Backlog(
            drafts_waiting=count,
            oldest_hours=(at - oldest).total_seconds() / 3600 if oldest else None,
            past_target=past,
            waiting_customer=self._waiting_customer(at),
            quarantined=int(
                self.session.exec(
                    select(func.count())
                    .select_from(MessageRow)
                    .where(col(MessageRow.status) == "quarantined")
                    # Quarantined by then: processed_at is when it was set aside.
                    .where(col(MessageRow.processed_at) < at)
                ).one()
            ),
        )

    def drafts_waiting(self, at: datetime) -> int:
        return sum(
            int(self.session.exec(select(func.count()).select_from(OutboxRow).where(part)).one())
            for part in _waiting_at(at)
        )

    def _waiting_customer(self, at: datetime) -> tuple[Tally, ...]:
        buckets = (
            ("under 1 day", 0, 1),
            ("1-3 days", 1, 3),
            ("3-7 days", 3, 7),
            ("over 7 days", 7, None),
        )
        tallies = []
        for label, low, high in buckets:
            conditions = [
                col(CaseRow.status) == "waiting_customer",
                col(CaseRow.updated_at) <= at - timedelta(days=low),
            ]
            if high is not None:
                conditions.append(col(CaseRow.updated_at) > at - timedelta(days=high))
            n = self.session.exec(
                select(func.count()).select_from(CaseRow).where(*conditions)
            ).one()
            tallies.append(Tally(label, int(n), 0.0))
        return tuple(tallies)

    # Findings, classifier, security ----------------------------------------------------------

    def findings(self, kind: str) -> tuple[Tally, ...]:
        return self.grouped(
            FindingRow, col(FindingRow.key), col(FindingRow.at), col(FindingRow.kind) == kind
        )

    def forgotten(self) -> tuple[tuple[str, tuple[Tally, ...]], ...]:
        """The missing items customers forget most, per case type (top five of each)."""
        key = col(FindingRow.case_type) + "|" + col(FindingRow.key)
        missing = col(FindingRow.kind) == "missing"
        today = self._grouped_counts(FindingRow, key, col(FindingRow.at), self.day, missing)
        week = self._grouped_counts(FindingRow, key, col(FindingRow.at), self.week, missing)
        by_type: dict[str, dict[str, tuple[int, int]]] = {}
        for joined in {*today, *week}:
            case_type, item = joined.split("|", 1)
            by_type.setdefault(case_type, {})[item] = (today.get(joined, 0), week.get(joined, 0))
        result = []

        def weight(case_type: str) -> tuple[int, int, str]:
            counts = by_type[case_type].values()
            return (-sum(d for d, _ in counts), -sum(w for _, w in counts), case_type)

        for case_type in sorted(by_type, key=weight):
            items = by_type[case_type]
            tallies = _tallies(
                {k: d for k, (d, _) in items.items()}, {k: w for k, (_, w) in items.items()}
            )
            result.append((case_type, tallies[:5]))
        return tuple(result)

    def confidence(self) -> tuple[Tally, ...]:
        processed = col(MessageRow.confidence).is_not(None)
        bucket = case(
            *[
                (and_(col(MessageRow.confidence) >= low, col(MessageRow.confidence) < high), label)
                for label, low, high in _CONFIDENCE
            ],
            else_="other",
        )
        today = self._grouped_counts(
            MessageRow, bucket, col(MessageRow.received_at), self.day, processed
        )
        week = self._grouped_counts(
            MessageRow, bucket, col(MessageRow.received_at), self.week, processed
        )
        return tuple(
            Tally(label, today.get(label, 0), week.get(label, 0) / WEEK)
            for label, _, _ in _CONFIDENCE
        )

    def reclassified(self) -> tuple[Tally, ...]:
        key = col(CorrectionRow.before) + " \u2192 " + col(CorrectionRow.after)
        return self.grouped(
            CorrectionRow, key, col(CorrectionRow.at), col(CorrectionRow.kind) == "reclassified"
        )

    # Chart -----------------------------------------------------------------------------------

    def chart(self, day: date, timezone: str, end: datetime) -> tuple[DayPoint, ...]:
        points = []
        for offset in range(WEEK, -1, -1):
            d = day - timedelta(days=offset)
            window = day_window(d, timezone)
            points.append(
                DayPoint(
                    d,
                    self.messages_received(window),
                    self.drafts_waiting(min(window[1], end)),
                )
            )
        return tuple(points)


def _waiting_at(at: datetime) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Drafts waiting for review at `at` (created before it, not reviewed by then), as two
    disjoint parts: never reviewed, and reviewed later.

    Two parts rather than `reviewed_at IS NULL OR reviewed_at >= at`, so each is one range of
    the outbox's (reviewed_at, automatic, kind, created_at, …) index: the OR made the database
    fetch every automatic reply, all of which have no review.
    """
    draft = and_(
        col(OutboxRow.automatic).is_(False),
        col(OutboxRow.kind) == "reply",
        col(OutboxRow.created_at) < at,
    )
    return (
        and_(col(OutboxRow.reviewed_at).is_(None), draft),
        and_(col(OutboxRow.reviewed_at) >= at, draft),
    )


def _tallies(today: dict[str, int], week: dict[str, int]) -> tuple[Tally, ...]:
    keys = sorted({*today, *week}, key=lambda k: (-today.get(k, 0), -week.get(k, 0), k))
    return tuple(Tally(k, today.get(k, 0), week.get(k, 0) / WEEK) for k in keys)


def _times(hours: Sequence[float]) -> ResponseTimes:
    if not hours:
        return ResponseTimes(0, None, None)
    ordered = sorted(hours)
    # The nearest-rank 90th percentile: a value some case actually had.
    rank = max(1, -(-len(ordered) * 9 // 10))
    return ResponseTimes(len(ordered), statistics.median(ordered), ordered[rank - 1])


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
