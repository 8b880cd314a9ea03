"""Twilio SIDs, national porting codes (IT migration code, PT CVP, UK PAC, FR RIO) and the
references customers give to a port order or ticket ("Pedido #60471", "pratica 77301") in text."""

from __future__ import annotations

import re

from bot.model import Identifier

_SIDS = (
    ("account_sid", "AC"),
    ("phone_number_sid", "PN"),
    ("port_order_sid", "KW"),
)
_VALID_SID = re.compile(r"\b(AC|PN|KW)([0-9a-fA-F]{32})\b")
# Looks like a SID but is not one: the right prefix and a long run of letters and digits.
_SID_LIKE = re.compile(r"\b(AC|PN|KW)([0-9A-Za-z]{16,48})\b")

# Each national code is recognised by its shape AND a word naming it nearby.
_CODES = (
    (
        "migration_code",
        re.compile(
            r"codice\s+(?:di\s+)?migrazione\W{0,20}(?:è\W{0,5})?([A-Z0-9]{3}[A-Z0-9]{7,17})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "cvp",
        re.compile(
            # "We requested the CVP from our operator and received it today: 123456789012":
            # like a RIO, the code may stand a few words on, in the same sentence.
            r"(?:\bCVP\b|c[óo]digo\s+de\s+valida[çc][ãa]o(?:\s+de\s+portabilidade)?)"
            r"[^.\n]{0,60}?(?<!\d)(\d{12})\b",
            re.IGNORECASE,
        ),
    ),
    ("pac", re.compile(r"\bPAC(?:\s+code)?\W{0,20}(?:is\W{0,5})?([A-Z]{3}\d{6})\b", re.IGNORECASE)),
    (
        "rio",
        re.compile(
            # "J'ai redemandé le RIO au 3179 ce matin : il s'agit de 02 P 6HW3KD R2N": the
            # code may stand a few words after its name, in the same sentence. Its third
            # character is P or E (a business or a private line): "12 characters" is no RIO.
            r"\bRIO\b[^.\n]{0,60}?\b(\d{2}[PE][A-Z0-9]{9})\b|"
            r"\bRIO\b[^.\n]{0,60}?\b(\d{2}\s?[PE]\s?[A-Z0-9]{6}\s?[A-Z0-9]{3})\b",
            re.IGNORECASE,
        ),
    ),
)

# A port order, ticket or case reference as customers write it: its word, then five to twelve
# digits, perhaps behind a few letters ("PO-48213"); or a Telnyx order's UUID. A status enquiry
# that gives one names the port as well as its numbers would (porting-domain.md §1, row 14).
_ORDER_REFERENCE = re.compile(
    r"\b(?:port(?:ing)?[ -]order|order|PON|pedido|orden|solicitud|auftrag|portierungsauftrag|"
    r"ordine|commande|dossier|demande|request|ticket|case|caso|pratica|vorgang|r[ée]f[ée]rence|"
    r"referencia|riferimento|referência)"
    r"(?: de portabilidade| de portabilidad| de portabilité| di portabilità)?"
    r"[^\S\n]*(?:number|no\.?|nr\.?|n\.|n°|nº|num\.?|número|numéro|numero|id)?[^\S\n]*[:#]?[^\S\n]*#?"
    r"[^\S\n]*((?:[A-Z]{1,4}-?)?\d{5,12})\b|"
    r"\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
    re.IGNORECASE,
)


def find_identifiers(text: str) -> tuple[Identifier, ...]:
    """SIDs (valid and malformed) and porting codes, in order of appearance, without repeats."""
    found: list[tuple[int, Identifier]] = []
    kinds = dict((prefix, kind) for kind, prefix in _SIDS)
    for match in _VALID_SID.finditer(text):
        value = match.group(1) + match.group(2).lower()
        found.append((match.start(), Identifier(kinds[match.group(1)], value)))
    valid_spans = {m.span() for m in _VALID_SID.finditer(text)}
    for match in _SID_LIKE.finditer(text):
        if match.span() in valid_spans or not any(c.isdigit() for c in match.group(2)):
            continue
        body = match.group(2)
        problem = (
            f"has {len(body)} characters after {match.group(1)} instead of 32"
            if len(body) != 32
            else "contains characters that are not hexadecimal"
        )
        found.append(
            (match.start(), Identifier(kinds[match.group(1)], match.group(0), False, problem))
        )
    for kind, pattern in _CODES:
        for match in pattern.finditer(text):
            value = next(g for g in match.groups() if g)
            found.append((match.start(), Identifier(kind, re.sub(r"\s", "", value).upper())))
    unique: dict[tuple[str, str], Identifier] = {}
    for _, identifier in sorted(found, key=lambda item: item[0]):
        unique.setdefault((identifier.kind, identifier.value), identifier)
    return tuple(unique.values())


def find_order_references(text: str) -> tuple[Identifier, ...]:
    """The port order, ticket and case references a status enquiry names its port by.

    Read only for a status enquiry (`bot.extract.with_requests`): on every message the
    pattern costs more than the rest of this module.
    """
    found = (next(g for g in m.groups() if g).upper() for m in _ORDER_REFERENCE.finditer(text))
    return tuple(Identifier("order_reference", value) for value in dict.fromkeys(found))


# A porting code the customer says they have, without giving it ("J'ai déjà le RIO", "Ho il
# codice di migrazione"): the reply asks for it without explaining how to get it.
_HAVE = r"\b(?:i|we) (?:already )?(?:have|got) (?:the |our |a |my )?"
_IN_HAND: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("rio", _HAVE + r"rio\b|\bj'ai (?:déjà )?(?:le|mon|les) rio\b|"
                r"\bnous avons (?:déjà )?(?:le|notre|les) rio\b"),
        ("pac", _HAVE + r"pac\b|\bich habe (?:schon |bereits )?(?:den|einen) pac\b"),
        ("cvp", _HAVE + r"cvp\b|\b(?:tenho|temos) (?:já )?o (?:código )?cvp\b|"
                r"\b(?:tengo|tenemos) (?:ya )?el (?:código )?cvp\b"),
        ("migration_code", _HAVE + r"migration code\b|"
                           r"\b(?:ho|abbiamo) (?:già )?il codice di migrazione\b|"
                           r"\b(?:tengo|tenemos) (?:ya )?el código de migración\b"),
    )
)  # fmt: skip
_IN_HAND_WORDS = ("rio", "pac", "cvp", "migra")


def codes_in_hand(text: str) -> tuple[str, ...] | None:
    """The porting codes (rio, pac, cvp, migration_code) the customer says they have."""
    lowered = text.lower()
    if not any(word in lowered for word in _IN_HAND_WORDS):
        return None
    found = tuple(kind for kind, pattern in _IN_HAND if pattern.search(text))
    return found or None
