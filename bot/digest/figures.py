"""The digest's figures: plain frozen values, computed in bot/digest/queries.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Tally:
    """A count for the day, and the daily average over the 7 days before it."""

    key: str
    day: int
    week: float


@dataclass(frozen=True, slots=True)
class Volume:
    """New cases and messages under one key (a case type or a language)."""

    key: str
    cases: int
    messages: int
    cases_week: float
    messages_week: float


@dataclass(frozen=True, slots=True)
class Acceptance:
    """Of the drafts agents reviewed for a case type, how many went out unchanged."""

    case_type: str
    reviewed: int
    unchanged: int

    @property
    def share(self) -> float | None:
        return self.unchanged / self.reviewed if self.reviewed else None


@dataclass(frozen=True, slots=True)
class ResponseTimes:
    """Hours from a case's first message to our first reply, for cases opened that day."""

    cases: int
    median: float | None
    p90: float | None


@dataclass(frozen=True, slots=True)
class Backlog:
    """What waits at the moment the digest is built."""

    drafts_waiting: int
    oldest_hours: float | None
    past_target: int
    waiting_customer: tuple[Tally, ...]  # by age bucket; `week` unused (0)
    quarantined: int


@dataclass(frozen=True, slots=True)
class DayPoint:
    """One day of the chart: messages received, and drafts waiting at the end of the day."""

    day: date
    messages: int
    backlog: int


@dataclass(frozen=True, slots=True)
class Digest:
    day: date
    timezone: str
    built_at: datetime
    target_hours: float
    messages: Tally
    cases: Tally
    by_case_type: tuple[Volume, ...]
    by_language: tuple[Volume, ...]
    screened: tuple[Tally, ...]
    handling: tuple[Tally, ...]
    acceptance: tuple[Acceptance, ...]
    first_response: ResponseTimes
    first_response_bot: ResponseTimes
    first_response_week: ResponseTimes
    backlog: Backlog
    forgotten: tuple[tuple[str, tuple[Tally, ...]], ...]
    rejections: tuple[Tally, ...]
    warnings: tuple[Tally, ...]
    confidence: tuple[Tally, ...]
    referred: Tally
    reclassified: tuple[Tally, ...]
    security: tuple[Tally, ...]
    chart: tuple[DayPoint, ...]

    def headlines(self) -> tuple[str, ...]:
        """The three things a manager should see first."""
        lines = []
        b = self.backlog
        age = f", the oldest {b.oldest_hours:.1f} h" if b.oldest_hours is not None else ""
        lines.append(
            f"{b.drafts_waiting} draft(s) wait for an agent{age}; {b.past_target} past the "
            f"{self.target_hours:g} h target."
        )
        fr = self.first_response
        if fr.median is not None:
            lines.append(
                f"First response: median {fr.median:.1f} h, 90% within {fr.p90:.1f} h "
                f"({fr.cases} new case(s))."
            )
        else:
            lines.append("No case opened that day has had a reply yet.")
        lines.append(
            f"{self.messages.day} message(s) received (7-day average "
            f"{self.messages.week:.1f}); {self.cases.day} new case(s)."
        )
        return tuple(lines)
