"""Dates as documents write them: 2026-11-02, 11/02/2026, 02.11.2026, November 2, 2026, and
month names in German, Italian, Portuguese, Spanish and French ("3. März 2026", "3 marzo 2026",
"3 de março de 2026", "3 de marzo de 2026", "1er mars 2026")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from bot.extract.documents.folding import fold


def _months(*months: str) -> dict[str, int]:
    """{name: number} from twelve space-separated lists of names, January first."""
    return {
        fold(name): number for number, names in enumerate(months, start=1) for name in names.split()
    }


_ENGLISH_MONTHS = _months(
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec",
)  # fmt: skip
# Every language but English writes the day first, so these names are only read after a day:
# "out" (Portuguese October) or "set" (Italian September) before a number is an English word.
_MONTHS = {
    **_ENGLISH_MONTHS,
    # de
    **_months(
        "januar jan jän jänner", "februar feb", "märz maerz mär", "april apr", "mai",
        "juni jun", "juli jul", "august aug", "september sep sept", "oktober okt",
        "november nov", "dezember dez",
    ),
    # it
    **_months(
        "gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu",
        "luglio lug", "agosto ago", "settembre set sett", "ottobre ott", "novembre nov",
        "dicembre dic",
    ),
    # pt
    **_months(
        "janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun",
        "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov",
        "dezembro dez",
    ),
    # es
    **_months(
        "enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun",
        "julio jul", "agosto ago", "septiembre setiembre sep sept", "octubre oct",
        "noviembre nov", "diciembre dic",
    ),
    # fr
    **_months(
        "janvier janv jan", "février févr fév", "mars mar", "avril avr", "mai", "juin",
        "juillet juil", "août aoû", "septembre sept sep", "octobre oct", "novembre nov",
        "décembre déc",
    ),
}  # fmt: skip
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
# A day may carry an ordinal: 2nd, 1er (fr), 1.º / 1º (pt, es; folded to "1.o"), "3." (de).
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.?o|\.)?"
# (pattern, the month names it reads). Text is folded first, so "März" is read as "Marz".
_PATTERNS: tuple[tuple[re.Pattern[str], Mapping[str, int]], ...] = (
    (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"), {}),
    # Slashes: the order the region writes (see _to_date), unless only the other order is a date.
    (re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"), {}),
    # Dots are written day first everywhere, the US and Canada included.
    (re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"), {}),
    (
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
        _ENGLISH_MONTHS,
    ),
    (
        re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:del?\s+)?(?P<year>\d{{4}})\b", re.I),
        _MONTHS,
    ),
)


def parse_date(text: str, *, month_first: bool) -> date | None:
    """The first date written in `text`, or None. `month_first` reads 03/04/2026 as March 4
    (US and Canadian documents); otherwise it is 3 April."""
    folded = fold(text)
    found: list[tuple[int, date]] = []
    for pattern, months in _PATTERNS:
        for match in pattern.finditer(folded):
            value = _to_date(match.groupdict(), months, month_first=month_first)
            if value is not None:
                found.append((match.start(), value))
                break
    return min(found)[1] if found else None


def _to_date(parts: dict[str, str], months: Mapping[str, int], *, month_first: bool) -> date | None:
    if "a" in parts:
        first, second = int(parts["a"]), int(parts["b"])
        if month_first:
            month, day = (first, second) if first <= 12 else (second, first)
        else:
            day, month = (first, second) if second <= 12 else (second, first)
    else:
        month_text = parts["month"]
        month = int(month_text) if month_text.isdigit() else months.get(month_text.lower(), 0)
        day = int(parts["day"])
    try:
        return date(int(parts["year"]), month, day)
    except ValueError:
        return None
