"""Phone numbers in free text: phonenumbers' matcher at VALID leniency, ranges and lists expanded,
normalised to E.164 with the type the customer states winning over the numbering plan's.

The matcher runs once per candidate region and is most of the cost, so it does not parse
candidates too short to be any valid number, and phonenumbers keeps its compiled metadata
patterns (a fixed set) instead of recompiling them once they drop out of `re`'s cache.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from copy import copy
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatch, PhoneNumberMatcher, PhoneNumberType

from bot.model import PhoneNumber

# Bounded by the metadata: only patterns from phonenumbers' own data are compiled and kept.
phonenumbers.enable_pattern_cache()

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
    # Not the start of a full number: "0140 thru 312-555-0142" (see _range_to).
    r"(\d{2,4})(?!\d)(?![\d\s]*\d{3})(?![-.]\d)",
    re.IGNORECASE,
)
# Further last digits after a number: "…0150, 0151 and 0152", "0150 & 0151", "0150 und 0151",
# "0131 und -0132".
_LIST_ITEM = re.compile(
    r"^(?:\s*,\s*|\s*&\s*|\s*/\s*|\s+(?:and|und|e|y|et|or|oder|o|ou)\s+-?)(\d{2,4})"
    r"(?!\d)(?![.\-/ ]?\d)",
    re.IGNORECASE,
)
MAX_RANGE = 1000

# Words stating a number's type, one alternative a string, each starting with a plain letter.
_STATED_TYPES = (
    (
        "toll_free",
        (
            r"toll[- ]?free",
            "freephone",
            "free ?call",
            "numero verde",
            "numéro vert",
            "n[úu]mero gratuito",
            "gebührenfrei",
            "kostenlos",
            "servicenummer",
            r"\b800 number",
        ),
    ),
    (
        "mobile",
        (
            r"\bmobile\b",
            r"\bcell(ular| ?phone)?\b",
            r"\bwireless\b",
            r"\bhandy(nummer)?\b",
            "mobilfunk",
            "cellulare",
            "telem[óo]vel",
            "m[óo]vil",
            "celular",
            # The French noun ("mon portable"), not "not portable" or "le numéro est portable";
            # the determiner looked back for, so the pattern still starts at "p".
            r"\bportable\b(?:"
            r"(?<=\bmon portable)"
            r"|(?<=\bun portable)"
            r"|(?<=\ble portable)"
            r"|(?<=\bdu portable)"
            r"|(?<=\bde portable)"
            r"|(?<=\bvotre portable)"
            r"|(?<=\bnotre portable)"
            r"|(?<=\bson portable)"
            r")",
        ),
    ),
    (
        "local",
        (
            r"\blandline\b",
            "land line",
            "fixed[- ]line",
            r"\bfestnetz",
            r"\bfisso\b",
            r"\bfixo\b",
            r"\bfijo\b",
            r"\bfixe\b",
            r"\bgeographic\b",
            r"\blocal number",
        ),
    ),
)

# The letter every match of an alternative starts with: its first, when not optional.
_FIRST_LETTER = re.compile(r"(?:\\b)?(\w)(?![?*{])")


def _without_groups(pattern: str) -> str:
    """`pattern` with its bracketed groups, nested ones too, taken out."""
    while (bare := re.sub(r"\([^()]*\)", "", pattern)) != pattern:
        pattern = bare
    return pattern


def _stated_pattern(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    """The alternatives as one pattern, tried only where one of their first letters stands.

    Case-insensitive alternatives get none of `re`'s fast scanning and are tried one by one
    at every position; the lookahead rejects most positions with a single test. It changes no
    match: a match starts with its alternative's first letter, which the lookahead accepts.
    """
    firsts = set()
    for alternative in alternatives:
        first = _FIRST_LETTER.match(alternative)
        if first is None or "|" in _without_groups(alternative):
            raise ValueError(f"not one alternative starting with a letter: {alternative!r}")
        firsts.add(first.group(1))
    lookahead = f"(?=[{''.join(sorted(firsts))}])"
    return re.compile(f"{lookahead}(?:{'|'.join(alternatives)})", re.IGNORECASE)


_STATED = [(kind, _stated_pattern(alternatives)) for kind, alternatives in _STATED_TYPES]


# No valid number, in any region, is written with fewer digits: no numbering plan has a shorter
# national significant number, and the national-prefix rules that add digits (Antigua's "268")
# need more to apply. tests/test_extract.py checks this against phonenumbers' metadata.
_FEWEST_DIGITS = 4


class _Matcher(PhoneNumberMatcher):
    """phonenumbers' VALID matcher, skipping parses that cannot succeed.

    Many candidates in mail are days, times, amounts and counts ("17", "9:30", "3 numbers"),
    and parsing each costs as much as parsing a real number. Parsing reads a number's digits
    from the candidate's digits and (vanity spelling) letters, so a candidate with fewer of
    those than any valid number cannot verify. The matcher also retries some candidates
    unchanged while looking for a number inside them ("(415) 555-0123" as a whole, then from
    its bracket on); a rejection for the same text at the same offset stands.

    Rejecting here rather than with `min_candidate_length` keeps the matcher's `max_tries`
    count, and so its results on very long texts, exactly as they were. `_parse_and_verify`
    is the matcher's own step per candidate (phonenumbers is pinned); were it renamed, this
    override would go unused and only the time saved would be lost.
    """

    def __init__(self, text: str, region: str) -> None:
        super().__init__(text, region, leniency=Leniency.VALID)
        self._rejected: set[tuple[str, int]] = set()

    def _parse_and_verify(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        if (candidate, offset) in self._rejected:
            return None
        if sum(map(str.isalnum, candidate)) < _FEWEST_DIGITS:
            return None
        match = super()._parse_and_verify(candidate, offset)
        if match is None:
            self._rejected.add((candidate, offset))
        return match


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
    matches_by_region = [
        [
            _Found(m.number, m.start, m.end, m.raw_string)
            for m in _Matcher(text, region)
            if not _embedded(text, m.start, m.end) and not _labelled(text, m.start)
        ]
        for region in regions
    ]
    # The words stating a type do not depend on the region: find them once, for all regions.
    words = _stated_words(text, [item for matches in matches_by_region for item in matches])
    # One string is one number: read in the first region it is valid in, unless a later one
    # is how it is written ("(312) 555-0131" in an Italian message is Chicago, not a mobile).
    chosen: list[tuple[_Found, str | None]] = []
    for matches in matches_by_region:
        # The earlier regions' strings, by position: they never overlap one another, so the
        # one starting last before a new string's end is the only one it can overlap.
        earlier = sorted((other.start, index) for index, (other, _) in enumerate(chosen))
        starts = [start for start, _ in earlier]
        for item, stated in zip(matches, _stated_types(text, matches, words), strict=True):
            before = bisect_left(starts, item.end) - 1
            clash = earlier[before][1] if before >= 0 else None
            if clash is None or chosen[clash][0].end <= item.start:
                chosen.append((item, stated))
            elif _nanp_styled(item) and not _nanp_styled(chosen[clash][0]):
                chosen[clash] = (item, stated)
    found: dict[str, PhoneNumber] = {}
    for index, (item, stated) in enumerate(chosen):
        following = chosen[index + 1][0] if index + 1 < len(chosen) else None
        for number, raw in _expand(text, item) + _range_to(text, item, following):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in found:
                continue
            found[e164] = PhoneNumber(
                e164=e164,
                country=phonenumbers.region_code_for_number(number) or "",
                type=stated or _TYPES.get(phonenumbers.number_type(number), "other"),
                source=source,
                raw=raw,
                national=_national(number),
            )
    return tuple(found.values())


# How the US and Canada write a number, and no other country: "(312) 555-0131", "312-555-0131".
_NANP_STYLE = re.compile(r"(?:\+?1[-. ]?)?(?:\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}")


def _nanp_styled(item: _Found) -> bool:
    return item.number.country_code == 1 and _NANP_STYLE.fullmatch(item.raw) is not None


# A number written in international form: "+32 2 000 01 36", "+1 (704) 555-01".
_INTERNATIONAL = re.compile(r"\+\d[\d \t().\-/]{4,20}\d")


def find_unreadable(text: str, found: tuple[PhoneNumber, ...]) -> tuple[str, ...]:
    """Numbers written in full with a known country code that are not valid there, as written.

    A number found (valid) is not one of them, nor a string too short to be meant as a number.
    """
    text = _normalise(text)
    read = {n.e164 for n in found}
    unreadable: list[str] = []
    for match in _INTERNATIONAL.finditer(text):
        raw = match.group().strip()
        try:
            number = phonenumbers.parse(raw, None)
        except phonenumbers.NumberParseException:
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if (
            e164 in read
            or any(n.raw in raw or raw in n.raw for n in found)
            or phonenumbers.region_code_for_country_code(number.country_code or 0) == "ZZ"
            or phonenumbers.is_valid_number(number)
            or len(str(number.national_number)) < _FEWEST_DIGITS + 2
        ):
            continue
        unreadable.append(raw)
    return tuple(dict.fromkeys(unreadable))


def _national(number: phonenumbers.PhoneNumber) -> str:
    """The number as its country writes it, without an extension: as replies show it."""
    bare = copy(number)
    bare.extension = None
    return phonenumbers.format_number(bare, phonenumbers.PhoneNumberFormat.NATIONAL)


def _expand(text: str, item: _Found) -> list[tuple[phonenumbers.PhoneNumber, str]]:
    """The number itself, then a range or a list of last digits written right after it."""
    numbers = [(item.number, item.raw)]
    national = str(item.number.national_number)
    after = text[item.end : item.end + 200]
    # Only short forms as long as the number's last group count: "0100 to 0109", not "to 415".
    last_group = len(re.findall(r"\d+", item.raw)[-1])
    range_match = _RANGE_END.match(after)
    if range_match and _street_number(range_match, last_group, after):
        range_match = None
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


# A street named right after a house number, in its first three words: "1055 W Georgia St",
# "Via Roma", "rue de la Paix"; not "à 43 au « 12 rue Example" (the range's end, then an
# address with its own number).
_STREET = re.compile(
    r"(?:[^\W\d]+\.?\s+){0,2}"
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|way|lane|ln|pkwy|parkway|"
    r"straße|strasse|str|weg|platz|via|viale|piazza|corso|rue|avenida|calle|rua|travessa)\b",
    re.IGNORECASE,
)


def _street_number(range_match: re.Match[str], last_group: int, after: str) -> bool:
    """Whether a range end is the house number of an address that follows: "change (402)
    555-0108 to 901 Leavenworth St" is one number, not 794. A short end ("0100 to 09") is
    a range's only where no name or number follows it; any end is a house number where a
    street follows it."""
    rest = after[range_match.end() :].lstrip(" ")
    if not rest:
        return False
    if len(range_match.group(1)) < last_group and (rest[0].isupper() or rest[0].isdigit()):
        return True
    return _STREET.match(rest) is not None


# "(612) 555-0120 bis (612) 555-0142": a range whose end is written in full.
# A dash that starts a line is a list's bullet: "- (207) 555-0112\n- (207) 555-0140" is two
# numbers, not a range of 29.
_RANGE_WORD = re.compile(
    r"[^\S\n]*(?:-|\u2013|\u2014)\s*|"
    r"\s*(?:to|through|thru|until|bis|fino a|fino al|a|al|à|até|au|jusqu'à|jusqu'au)\s*",
    re.IGNORECASE,
)


def _range_to(
    text: str, item: _Found, following: _Found | None
) -> list[tuple[phonenumbers.PhoneNumber, str]]:
    """The numbers between `item` and the next number, when a range word is all that lies
    between them and they differ only in their last four digits (both ends are found already).
    """
    if following is None or not _RANGE_WORD.fullmatch(text[item.end : following.start]):
        return []
    first, last = str(item.number.national_number), str(following.number.national_number)
    if (
        item.number.country_code != following.number.country_code
        or len(first) != len(last)
        or first[:-4] != last[:-4]
    ):
        return []
    start, stop = int(first[-4:]), int(last[-4:])
    if not 1 < stop - start < MAX_RANGE:
        return []
    numbers: list[tuple[phonenumbers.PhoneNumber, str]] = []
    for value in range(start + 1, stop):
        numbers += _sibling(item, first[:-4] + str(value).zfill(4))
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


# A label that says the digits after it are something else: "Conta Bell: 5120-884-301",
# "Kundennummer: 0221 4710 601", "Invoice #: 4155550123". An account or customer label counts
# only with a number word or a carrier's name before its colon: "the numbers on the account:
# (984) 555-0126" are phone numbers.
_NUMBER_WORD = r"(?:no\.?|n[º°o]\.?|nr\.?|number|número|numero|numéro|nummer|id)"
_LABEL = re.compile(
    r"\b(?:(?:account|acct|conta|cuenta|conto|compte|konto|customer|cliente|client)[ \t]+"
    rf"(?:(?-i:[A-Z])[\w&-]*|{_NUMBER_WORD})"
    r"|(?:kunden|invoice|fattura|factura|fatura|facture|rechnung|order|ordine|commande|ref|"
    r"reference|nif|cnpj|vat|iva|siret|contract|contrat|contrato|contratto|vertrag)\w*"
    rf"(?:[ \t]+{_NUMBER_WORD})?)[ \t]*(?:[:#][ \t]*){{1,2}}$",
    re.IGNORECASE,
)


def _labelled(text: str, start: int) -> bool:
    return _LABEL.search(text, max(0, start - 40), start) is not None


def _embedded(text: str, start: int, end: int) -> bool:
    """Digits inside a longer token ("INV-2025-11-0877", "order#4155550123") are not a number."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before in "-_/#" or after.isalnum() or after == "_"


def _normalise(text: str) -> str:
    """Spellings the matcher misses: "555-0100-0109" ranges and the "00" international prefix."""
    text = _DASH_RANGE.sub(r"\1 to \2", text)
    # The lookbehinds make the search slow, and most texts have no "00" at all.
    return _DOUBLE_ZERO.sub("+", text) if "00" in text else text


_NEWLINE = re.compile(r"\n")
_DASH_RANGE = re.compile(r"(\d{3}[-. ]\d{4})-(\d{4})\b")
# "00" opens an international number only at the start of a token ("0044 20…", "00 39 02…"),
# and not as a group inside a number written with spaces ("020 7946 0012", "01 42 00 56 78").
_DOUBLE_ZERO = re.compile(r"(?:^|(?<=[(:;,])|(?<=[^\d\s]\s)|(?<=^\s))00 ?(?=[1-9]\d)", re.MULTILINE)


def _stated_words(text: str, matches: list[_Found]) -> list[tuple[str, int, int]]:
    """The words stating a type (kind, start, end), by kind then position, on the numbers' lines.

    A word elsewhere cannot state a number's type, and no word spans a line, so searching only
    these lines finds the same words there as searching the whole text.
    """
    lines = sorted({_line_at(text, item.start) for item in matches})
    return [
        (kind, word.start(), word.end())
        for kind, pattern in _STATED
        for line_start, line_end in lines
        for word in pattern.finditer(text, line_start, line_end)
    ]


def _line_at(text: str, index: int) -> tuple[int, int]:
    """The start and end of the line holding text[index], its newline excluded."""
    line_end = text.find("\n", index)
    return text.rfind("\n", 0, index) + 1, len(text) if line_end < 0 else line_end


def _stated_types(
    text: str, matches: list[_Found], words: list[tuple[str, int, int]]
) -> list[str | None]:
    """Per number, the type the customer states on the same line, nearest number first.

    "Our main line is 212 555 0142 and my cell is 917 555 0177": "cell" is nearer the second
    number, so only that one is a mobile.
    """
    types: list[str | None] = [None] * len(matches)
    distances: list[int] = [1 << 30] * len(matches)
    # Only a number on the word's own line can be the one it describes. Grouped by line, a
    # message of thousands of numbered lines takes milliseconds, not the seconds it took to
    # compare every word with every number.
    newlines = [found.start() for found in _NEWLINE.finditer(text)]

    def line(position: int) -> int:
        return bisect_left(newlines, position)

    on_line: dict[int, list[tuple[int, _Found]]] = {}
    for index, item in enumerate(matches):
        if line(item.start) == line(item.end):
            on_line.setdefault(line(item.start), []).append((index, item))
    for kind, word_start, word_end in words:
        if line(word_start) != line(word_end):
            continue
        best, best_distance = None, 1 << 30
        for index, item in on_line.get(line(word_start), []):
            distance = max(item.start - word_end, word_start - item.end, 0)
            if distance < best_distance:
                best, best_distance = index, distance
        if best is not None and best_distance < distances[best] and best_distance <= 80:
            types[best], distances[best] = kind, best_distance
    return types
