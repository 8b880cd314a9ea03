"""The port date a customer asks for, resolved against the message's Date header."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan januar gennaio janeiro enero janvier",
            "february feb februar febbraio fevereiro febrero février fevrier",
            "march mar märz maerz marzo março marzo mars",
            "april apr aprile abril avril",
            "may mai maggio maio mayo",
            "june jun juni giugno junho junio juin",
            "july jul juli luglio julho julio juillet",
            "august aug agosto août aout",
            "september sep sept settembre setembro septiembre septembre",
            "october oct oktober ottobre outubro octubre octobre",
            "november nov novembre novembro noviembre",
            "december dec dezember dicembre dezembro diciembre décembre decembre",
        ],
        start=1,
    )
    for name in names.split()
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            "monday montag lunedì lunedi segunda lunes lundi",
            "tuesday dienstag martedì martedi terça martes mardi",
            "wednesday mittwoch mercoledì mercoledi quarta miércoles miercoles mercredi",
            "thursday donnerstag giovedì giovedi quinta jueves jeudi",
            "friday freitag venerdì venerdi sexta viernes vendredi",
            "saturday samstag sabato sábado sabado samedi",
            "sunday sonntag domenica domingo dimanche",
        ]
    )
    for name in names.split()
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
# Dates count only near words about when the port should happen; invoice dates do not.
_CONTEXT = re.compile(
    # The lookahead lists the alternatives' first letters: one test rejects most positions.
    r"(?=[abcdefgilopswz])"
    r"(?:port(ing|ed|ierung)?\b|\bdate\b|\bdatum\b|\bdata\b|\bfecha\b|go[- ]live|cut ?over|"
    r"\bswitch|\bon\b|\bby\b|\bbefore\b|\bfrom\b|\bbis\b|\bam\b|\bab\b|\bzum\b|\bentro\b|"
    r"\bil\b|\baté\b|\bpara\b|\bel\b|\ble\b|\bavant\b|\bwould like\b|\bprefer)",
    re.IGNORECASE,
)
# Not a span of time: "2-3 weeks", "3-5 business days", "5-10 Werktage".
_NUMERIC = re.compile(
    r"\b(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?\b"
    r"(?!\s*(?:weeks?|days?|business|working|hours?|months?|wochen|tage|werktage|arbeitstage|"
    r"stunden|monate|settimane|giorni|ore|mesi|semanas|d[ií]as|horas|meses|jours|semaines|"
    r"heures|mois)\b)",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(20\d{2})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|\.|º)?\s+(?:de\s+|of\s+)?({_MONTH_NAMES})\.?(?:\s+(?:de\s+)?(\d{{4}}))?\b",
    re.IGNORECASE,
)
# A lookahead for the month names' first letters spares trying eighty names at every position.
_MONTH_INITIALS = "".join(sorted({name[0] for name in _MONTHS}))
_MONTH_DAY = re.compile(
    rf"\b(?=[{_MONTH_INITIALS}])({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
# A day of the month alone, after a word for a deadline: "by the 30th", "até dia 30",
# "entro il 15", "bis zum 20." (not "bis zum 20. November", read above).
_DAY_ONLY = re.compile(
    r"\b(?:by the|until the|before the|no later than the|bis zum|bis spätestens|entro il|"
    r"até (?:ao )?dia|antes do dia|hasta el|antes del|avant le|d'ici le|jusqu'au)\s+"
    rf"(\d{{1,2}})(?:st|nd|rd|th|\.|º)?(?![\w/-]|\.\d)"
    rf"(?!\.?\s*(?:de\s+|of\s+)?(?:{_MONTH_NAMES})\b)",
    re.IGNORECASE,
)
_NEXT_WEEKDAY = re.compile(
    rf"\b(?:next|this|coming|nächsten?|prossimo|próxima|proximo|próximo|prochain)\s+({_WEEKDAY_NAMES})\b",
    re.IGNORECASE,
)
_IN_PERIOD = re.compile(
    r"\bin\s+(a|one|two|three|four|\d{1,2})\s+(day|week|month)s?\b", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
SOON_BUSINESS_DAYS = 5
RECENT_PAST_DAYS = 45


@dataclass(frozen=True, slots=True)
class PortDate:
    """A requested date, the words it came from, and whether it is too soon to be realistic."""

    value: date
    text: str
    soon: bool


def find_port_date(text: str, sent: date, day_first: bool) -> PortDate | None:
    """The first date in a sentence about timing, resolved against `sent`."""
    # Not after a day's ordinal stop: "bis zum 30. November" is one sentence.
    for sentence in re.split(r"(?<=[.!?])(?<![0-9]\.)\s+|\n{2,}", text):
        # "next Friday" is always about timing; "10/01" only next to words about the port.
        # Every absolute form holds a digit: without one, the (costly) context words do not
        # matter.
        absolute = _DIGIT.search(sentence) is not None and _CONTEXT.search(sentence) is not None
        found = _resolve(sentence, sent, day_first, relative_only=not absolute)
        if found is not None:
            value, words = found
            return PortDate(value, words, business_days_between(sent, value) < SOON_BUSINESS_DAYS)
    return None


def business_days_between(start: date, end: date) -> int:
    days, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def _resolve(
    sentence: str, sent: date, day_first: bool, relative_only: bool
) -> tuple[date, str] | None:
    candidates: list[tuple[int, date, str]] = []
    _relative(sentence, sent, candidates)
    if relative_only:
        return _earliest(candidates)
    for match in _ISO.finditer(sentence):
        _add(candidates, match, lambda m: date(int(m[1]), int(m[2]), int(m[3])))
    for match in _DAY_MONTH.finditer(sentence):
        _add(candidates, match, lambda m: _future(sent, _MONTHS[m[2].lower()], int(m[1]), m[3]))
    for match in _MONTH_DAY.finditer(sentence):
        _add(candidates, match, lambda m: _future(sent, _MONTHS[m[1].lower()], int(m[2]), m[3]))
    for match in _DAY_ONLY.finditer(sentence):
        _add(candidates, match, lambda m: _next_day(sent, int(m[1])))
    for match in _NUMERIC.finditer(sentence):
        first, second = int(match[1]), int(match[2])
        # The order the region writes, unless the numbers only make sense the other way round.
        day_month = (day_first or first > 12) and second <= 12
        day, month = (first, second) if day_month else (second, first)
        _add(candidates, match, lambda m, d=day, mo=month: _future(sent, mo, d, m[3]))
    return _earliest(candidates)


def _relative(sentence: str, sent: date, candidates: list[tuple[int, date, str]]) -> None:
    for match in _NEXT_WEEKDAY.finditer(sentence):
        wanted = _WEEKDAYS[match[1].lower()]
        ahead = (wanted - sent.weekday()) % 7 or 7
        _add(candidates, match, lambda m, a=ahead: sent + timedelta(days=a))
    for match in _IN_PERIOD.finditer(sentence):
        count = _WORD_NUMBERS.get(match[1].lower()) or int(match[1])
        unit = {"day": 1, "week": 7, "month": 30}[match[2].lower()]
        _add(candidates, match, lambda m, n=count * unit: sent + timedelta(days=n))


def _earliest(candidates: list[tuple[int, date, str]]) -> tuple[date, str] | None:
    """The date written first in the sentence."""
    if not candidates:
        return None
    _, value, words = min(candidates, key=lambda item: item[0])
    return value, words


def _add(candidates: list[tuple[int, date, str]], match: re.Match[str], build: object) -> None:
    try:
        value = build(match)  # type: ignore[operator]
    except (ValueError, OverflowError):
        return
    if isinstance(value, date):
        candidates.append((match.start(), value, match.group(0)))


def _next_day(sent: date, day: int) -> date:
    """The next such day of a month: "by the 30th" written on the 10th is this month's."""
    if day >= sent.day:
        return date(sent.year, sent.month, day)
    month, year = (1, sent.year + 1) if sent.month == 12 else (sent.month + 1, sent.year)
    return date(year, month, day)


def _future(sent: date, month: int, day: int, year: str | None) -> date:
    if year:
        full = int(year) + (2000 if len(year) == 2 else 0)
        return date(full, month, day)
    value = date(sent.year, month, day)
    # "15/12" written in November means this December, but "Nov 3" written on Nov 24 is a date
    # that has passed (a port that was due), not one a year away.
    if value >= sent or (sent - value).days <= RECENT_PAST_DAYS:
        return value
    return date(sent.year + 1, month, day)
