"""Phone numbers in free text: phonenumbers' matcher at VALID leniency, ranges and lists expanded,
normalised to E.164 with the type the customer states winning over the numbering plan's."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from bot.model import PhoneNumber

_TYPES = {
    PhoneNumberType.FIXED_LINE: "local",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    # The US and Canada do not tell fixed from mobile by number; only the customer can.
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "unknown",
    PhoneNumberType.UNKNOWN: "unknown",
}

# Country-code top-level domains whose region differs from the upper-cased TLD.
_TLD_REGIONS = {"uk": "GB"}

# A range after a number: "+1 415 555 0100 to 0109", "0100-0109", "bis 0199", "fino a 199".
_RANGE_END = re.compile(
    r"^\s*(?:-|\u2013|\u2014|to|through|thru|until|bis|fino a|a|al|à|até|jusqu'à)\s*"
    r"(\d{2,4})(?![\d\s]*\d{3})",
    re.IGNORECASE,
)
# Further last digits after a number: "…0150, 0151 and 0152", "0150 & 0151", "0150 und 0151".
_LIST_ITEM = re.compile(
    r"^(?:\s*,\s*|\s*&\s*|\s*/\s*|\s+(?:and|und|e|y|et|or|oder|o|ou)\s+)(\d{2,4})"
    r"(?!\d)(?![.\-/ ]?\d)",
    re.IGNORECASE,
)
MAX_RANGE = 1000

_STATED_TYPES = (
    (
        "toll_free",
        r"toll[- ]?free|freephone|free ?call|numero verde|numéro vert|n[úu]mero gratuito|"
        r"gebührenfrei|kostenlos|servicenummer|\b800 number",
    ),
    (
        "mobile",
        r"\bmobile\b|\bcell(ular| ?phone)?\b|\bwireless\b|\bhandy(nummer)?\b|mobilfunk|"
        r"cellulare|telem[óo]vel|m[óo]vil|celular|\bportable\b",
    ),
    (
        "local",
        r"\blandline\b|land line|fixed[- ]line|\bfestnetz|\bfisso\b|\bfixo\b|\bfijo\b|"
        r"\bfixe\b|\bgeographic\b|\blocal number",
    ),
)
_STATED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _STATED_TYPES]


@dataclass(frozen=True, slots=True)
class _Found:
    number: phonenumbers.PhoneNumber
    start: int
    end: int
    raw: str


def region_for_domain(domain: str) -> str | None:
    """The region a sender's country-code domain suggests (example.co.uk -> GB), if any."""
    tld = domain.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha():
        return None
    region = _TLD_REGIONS.get(tld, tld.upper())
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def find_numbers(text: str, regions: tuple[str, ...], source: str) -> tuple[PhoneNumber, ...]:
    """Every valid number in `text`, trying each candidate region in order, merged by E.164."""
    text = _normalise(text)
    found: dict[str, PhoneNumber] = {}
    for region in regions:
        matches = [
            _Found(m.number, m.start, m.end, m.raw_string)
            for m in PhoneNumberMatcher(text, region, leniency=Leniency.VALID)
            if not _embedded(text, m.start, m.end)
        ]
        stated_types = _stated_types(text, matches)
        for item, stated in zip(matches, stated_types, strict=True):
            for number, raw in _expand(text, item):
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                if e164 in found:
                    continue
                found[e164] = PhoneNumber(
                    e164=e164,
                    country=phonenumbers.region_code_for_number(number) or "",
                    type=stated or _TYPES.get(phonenumbers.number_type(number), "other"),
                    source=source,
                    raw=raw,
                )
    return tuple(found.values())


def _expand(text: str, item: _Found) -> list[tuple[phonenumbers.PhoneNumber, str]]:
    """The number itself, then a range or a list of last digits written right after it."""
    numbers = [(item.number, item.raw)]
    national = str(item.number.national_number)
    after = text[item.end : item.end + 200]
    # Only short forms as long as the number's last group count: "0100 to 0109", not "to 415".
    last_group = len(re.findall(r"\d+", item.raw)[-1])
    range_match = _RANGE_END.match(after)
    if range_match and len(range_match.group(1)) <= last_group:
        end_digits = range_match.group(1)
        start = int(national[-len(end_digits) :])
        stop = int(end_digits)
        if start < stop and stop - start < MAX_RANGE:
            prefix = national[: -len(end_digits)]
            for value in range(start + 1, stop + 1):
                numbers += _sibling(item, prefix + str(value).zfill(len(end_digits)))
        return numbers
    while True:
        list_match = _LIST_ITEM.match(after)
        if list_match is None:
            break
        digits = list_match.group(1)
        if len(digits) != last_group:
            break
        numbers += _sibling(item, national[: -len(digits)] + digits)
        after = after[list_match.end() :]
    return numbers


def _sibling(item: _Found, national: str) -> list[tuple[phonenumbers.PhoneNumber, str]]:
    candidate = phonenumbers.PhoneNumber(
        country_code=item.number.country_code,
        national_number=int(national),
        italian_leading_zero=item.number.italian_leading_zero,
        number_of_leading_zeros=item.number.number_of_leading_zeros,
    )
    if not phonenumbers.is_valid_number(candidate):
        return []
    return [(candidate, f"{item.raw}…{national[-4:]}")]


def _embedded(text: str, start: int, end: int) -> bool:
    """Digits inside a longer token ("INV-2025-11-0877", "order#4155550123") are not a number."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before in "-_/#" or after.isalnum() or after == "_"


def _normalise(text: str) -> str:
    """Spellings the matcher misses: "555-0100-0109" ranges and the "00" international prefix."""
    text = _DASH_RANGE.sub(r"\1 to \2", text)
    return _DOUBLE_ZERO.sub("+", text)


_DASH_RANGE = re.compile(r"(\d{3}[-. ]\d{4})-(\d{4})\b")
# "00" opens an international number only at the start of a token ("0044 20…", "00 39 02…"),
# and not as a group inside a number written with spaces ("020 7946 0012", "01 42 00 56 78").
_DOUBLE_ZERO = re.compile(r"(?:^|(?<=[(:;,])|(?<=[^\d\s]\s)|(?<=^\s))00 ?(?=[1-9]\d)", re.MULTILINE)


def _stated_types(text: str, matches: list[_Found]) -> list[str | None]:
    """Per number, the type the customer states on the same line, nearest number first.

    "Our main line is 212 555 0142 and my cell is 917 555 0177": "cell" is nearer the second
    number, so only that one is a mobile.
    """
    types: list[str | None] = [None] * len(matches)
    distances: list[int] = [1 << 30] * len(matches)
    for kind, pattern in _STATED:
        for word in pattern.finditer(text):
            best, best_distance = None, 1 << 30
            for index, item in enumerate(matches):
                if "\n" in text[min(word.start(), item.start) : max(word.end(), item.end)]:
                    continue
                distance = max(item.start - word.end(), word.start() - item.end, 0)
                if distance < best_distance:
                    best, best_distance = index, distance
            if best is not None and best_distance < distances[best] and best_distance <= 80:
                types[best], distances[best] = kind, best_distance
    return types
