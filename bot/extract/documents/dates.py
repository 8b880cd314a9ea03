"""Dates as documents write them: 2026-11-02, 11/02/2026, 02.11.2026, November 2, 2026."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    # Slashes: month first (US documents) unless the first number cannot be a month.
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b"),
)


def parse_date(text: str) -> date | None:
    """The first date written in `text`, or None."""
    found: list[tuple[int, date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _to_date(match.groupdict())
            if value is not None:
                found.append((match.start(), value))
                break
    return min(found)[1] if found else None


def _to_date(parts: dict[str, str]) -> date | None:
    if "a" in parts:
        first, second = int(parts["a"]), int(parts["b"])
        month, day = (first, second) if first <= 12 else (second, first)
    else:
        month_text = parts["month"]
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower(), 0)
        day = int(parts["day"])
    try:
        return date(int(parts["year"]), month, day)
    except ValueError:
        return None
