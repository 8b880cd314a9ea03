"""What a records update asks for: the new company name, which part of the record changes
(the name, the address or both), and whether it covers every number on the account.

Customers write the new name in quotation marks or with its legal form ("Rivas Print
Solutions, LLC"), usually beside the old one ("ya no somos «Impresos Rivas» sino …"). A name
is read as the new one unless the words just before it, or the replacement word just after
it, mark it as the name being replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Labelled: "company name: Acme LLC", "legal name is …".
_COMPANY_LABEL = re.compile(
    r"\b(?:company|business|legal|firm)\s*name\s*(?:is|:|=)\s*+"
    r"(?!(?:changed|being|now|still|not|wrong|incorrect|correct|the same|different)\b)"
    r"([^\n,;]{2,80})",
    re.IGNORECASE,
)
# "our legal name changed from Old Co to New Co, and ...": the new name.
_COMPANY_CHANGED = re.compile(
    r"\bname\b[^.\n]{0,30}?\bchanged\s+from\s+[^\n]{2,80}?\s+to\s+([^\n,;]{2,80}?)"
    r"(?=[,;\n]|\.(?:\s|$)|\s+(?:and|effective|with effect|as of)\b|$)",
    re.IGNORECASE,
)
# A name in quotation marks: straight, curly, German and French quotes.
_QUOTED = re.compile(
    r'"\s*([^"\n]{2,80}?)\s*"|“\s*([^”"\n]{2,80}?)\s*”|„\s*([^“”"\n]{2,80}?)\s*[“”]'
    r"|«\s*([^»\n]{2,80}?)\s*»|»\s*([^«\n]{2,80}?)\s*«"
)
# A name with its legal form, the comma before the form optional ("Rivas Print Solutions,
# LLC"); Quebec writes "inc." in lower case.
_LEGAL_FORM = (
    r"LLC|L\.L\.C\.|PLLC|LLP|Inc\.?|inc\.|Ltd\.?|Limited|Corp\.?|Co\.|PC|GmbH|AG|KG|SE|UG|GbR|"
    r"e\.K\.|PartG(?: mbB)?|S\.r\.l\.s?\.?|SRL|S\.p\.A\.|SpA|S\.n\.c\.|Lda\.?|Ltda\.?|"
    r"S\.L\.U?\.?|S\.A\.(?: de C\.V\.)?|SARL|SAS|Sàrl|EURL|B\.V\.|N\.V\."
)
_SUFFIXED = re.compile(
    r"\b((?!\d{1,2}\.\s)(?:[A-Z0-9][\w&'.-]*|&|\u2013)(?:\s+(?:[A-Z0-9&][\w&'.-]*|&|\u2013|de|del|da|do|di|du|des|"
    r"y|e|et|und|and)){0,6},?\s+(?:" + _LEGAL_FORM + r"))(?=[\s,.;)»”\"]|$)"
)
# Capitalised month names, which a date can put before a name ("ab 1. Juli Nordwind GmbH").
_MONTHS = frozenset(
    (
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December", "Januar", "Februar", "März"),
        *("Juni", "Juli", "Oktober", "Dezember"),
    )
)
# Words that mark a name as the one being replaced ("still says «X»", "the old name X",
# "ya no somos X", "e não X") and words that announce the new one ("now", "sino", "passa a
# chamar-se"). The later of the two before a name decides: "was renamed to X" is new,
# "ne s'appelle plus X" is old.
_OLD_WORDS = re.compile(
    r"\b(?:formerly|previously|old|still|was|were|no longer|not|instead of|predecessor|"
    r"früher|alte[nrs]?|ehemal\w*|bisher\w*|noch|nicht mehr|hieß|hiess|vorgänger\w*|"
    r"ancien(?:ne)?|vieux|plus|toujours|s'appelait|au lieu de|"
    r"prima|vecchi[oa]|ancora|chiamava|precedente|invece di|"
    r"antes|antigu[oa]|viejo|sigue\w*|todavía|ya no|llamaba|en lugar de|"
    r"antig[oa]|ainda|não|chamava|em vez de|"
    # What the numbers show now is the name to replace: "en los números aparece «X»".
    r"appears|shows|steht|figure|risulta|aparece|consta)\b",
    re.IGNORECASE,
)
_NEW_WORDS = re.compile(
    r"\b(?:now|new|renamed|read|as|to|in|a|en|con|jetzt|nun|neue[nrs]?|heißt|heissen|heißen|lautet|auf|"
    r"maintenant|désormais|nouveau|nouvelle|s'appelle|devient|par|mais|"
    r"adesso|ora|nuov[oa]|chiama|diventa|è|"
    r"ahora|nuev[oa]|llama|sino|somos|"
    r"agora|nov[oa]|chamar-se|chama-se|passa|para|"
    # "El nombre correcto es «X»", "the right name is", "der richtige Name lautet".
    r"correct\w*|corrett[oa]|corret[oa]|korrekt\w*|richtig\w*|exact\w*|esatt[oa]|exat[oa]|"
    r"right)\b",
    re.IGNORECASE,
)
# A replacement word right after a name, before the next one: "«X» par «Y»", "from X to Y".
_REPLACED_BY = re.compile(
    r"^\W{0,3}(?:to|by|with|→|->|par|mais|sino|por|a|con|auf|durch|para)\s+(?-i:[\"“„«»A-Z0-9])",
    re.IGNORECASE,
)
# A name followed by what it became: "Gomes & Teles, Lda. passou a denominar-se …", "firmiert
# die Lindner Pharma AG als …", "… now operate as …".
_BECAME = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:passou a|passa a|pasa a|pasó a|became|becomes|is now|are now|"
    r"now operate|now trade|als|as|firmiert|wird zu|wurde zu|heißt (?:seit|ab|jetzt|nun|neu)|"
    r"devient|est devenue?|diventa|è diventat[ao]|se convierte|se convirtió)\b",
    re.IGNORECASE,
)
# "Die Adressen bleiben", "o NIF e a sede mantêm-se", "Der Name ist korrekt": a part of the
# record named only to say it stays.
_UNCHANGED = re.compile(
    r"[^.!?\n]{0,40}?\b(?:bleib\w*|unverändert|ist korrekt|stimmt|inalterad[oa]s?|invariat[oa]|"
    r"resta (?:lo stesso|la stessa|uguale|invariat[oa])|è corrett[oa]|stays|remains|unchanged|"
    r"(?:is|are) (?:still )?(?:the same|correct|fine)|no change|mantêm|mantém|está corret[oa]|"
    r"se mantiene|sigue igual|es (?:la misma|el mismo|correct[oa])|est (?:la même|le même|correct)|"
    r"reste\w*|ne change pas)",
    re.IGNORECASE,
)
# The words before a name that are read for those cues.
_LAST_WORDS = re.compile(r"(?:\S+\s+){0,6}\S*$")

# A name change: a word for the name registered on the numbers.
_NAME_WORDS = re.compile(
    r"\bnames?\b|\bentity\b|renam|rebrand|\bnamen?s?\b|firmenname|firmierung|umfirmier|"
    r"\bhei(?:ß|ss)(?:t|en)\b|inhaber|raison sociale|dénomination|\bnom\b|titulaire|"
    r"s'appelle|ragione sociale|denominazione|\bnome\b|intestat|si chiama|razón social|"
    r"\bnombre\b|se llama|\btitular\b|denominación|denominação|chamar-se|chama-se",
    re.IGNORECASE,
)
# "My name is Raúl", "a nombre de": the name word is not about the record.
_NOT_THE_RECORD = re.compile(
    r"\b(?:my|mi|mein|mon|il mio|o meu)\s+(?:name|nombre|nome|nom)\b|\ba nombre de\b"
    r"|\bin name of\b|\bem nome de\b|\bau nom de\b|\bin nome di\b|\bim namen\b",
    re.IGNORECASE,
)
# An address change: a word for the address, or for moving premises.
_ADDRESS_WORDS = re.compile(
    r"address|adress|anschrift|standort|umzug|umgezogen|\bziehen\b|indirizzo|\bsede\b|trasloc|"
    r"trasferit|endereço|morada|mudámos|mudamos|mudou|mudança|direcci|domicilio|mudanza|"
    r"trasladamos|déménag|\bmoved\b|\bmoving\b|relocat|\b(?:e?911|112)\b|emergency|notruf|"
    r"emergenza|emergencia|emergência|urgence",
    re.IGNORECASE,
)
# "on all our numbers", "für alle Rufnummern", "en todos los números": the whole account.
_ALL_NUMBERS = re.compile(
    r"\b(?:all|every)\b(?:\s+(?:of\s+)?(?:our|the|my|\d+))?\s+(?:phone\s+)?(?:numbers|lines|dids)\b"
    r"|\balle[nr]?\s+(?:unsere[nr]?\s+|\d+\s+)?(?:\w+\s+)?(?:rufnummern|nummern)\b"
    r"|\btous\s+(?:nos|les)\s+(?:\d+\s+)?(?:numéros|lignes)\b"
    r"|\btutti\s+i\s+(?:nostri\s+)?(?:\d+\s+)?(?:numeri|numeri di telefono)\b"
    r"|\btod[oa]s\s+(?:los|las|os|as)\s+(?:nuestr[oa]s\s+|noss[oa]s\s+)?(?:\d+\s+)?"
    r"(?:números|linhas|líneas|lineas)\b"
    # "Our numbers", "the numbers on the account", with none named: the account's, all of them.
    r"|\b(?:our|unsere[nr]?|nostri|nos|nuestros|nossos|os nossos)\s+(?:phone\s+)?"
    r"(?:numbers|nummern|rufnummern|numeri|numéros|números)\b"
    # ...but not "nos numéros de Paris", "our numbers in Leeds": some of them.
    r"(?!\s+(?:in|at|for|de|di|du|des|da|do|en|em|für|aus|à|a)\s+(?-i:[A-ZÀ-Ý]))"
    r"|\b(?:numbers|nummern|rufnummern|numeri|numéros|números)\s+"
    r"(?:on|in|of|auf|im|des|dell'|del|sur|du|de la|da|de)\s*(?:the|our|unserem|nostro|notre|"
    r"nuestra|nossa|la|a)?\s*(?:account|konto|kontos|account|compte|cuenta|conta)\b",
    re.IGNORECASE,
)


class _Candidate(NamedTuple):
    name: str
    start: int
    end: int


def company_name(text: str) -> str | None:
    """The company name the customer wants on the numbers, when they write one."""
    labelled = _COMPANY_LABEL.search(text) or _COMPANY_CHANGED.search(text)
    if labelled:
        return labelled.group(1).strip(" .\"'“”«»")
    quoted = list(_quoted(text)) if _names_the_name(text) else []
    # One list in the order written; a quoted name with its legal form is one candidate.
    candidates = sorted(
        [*quoted, *(s for s in _suffixed(text) if not any(_overlap(s, q) for q in quoted))],
        key=lambda candidate: candidate.start,
    )
    return _new_name(text, candidates)


def record_changes(text: str) -> tuple[str, ...] | None:
    """Which part of the registered record the customer wants changed: ("address",),
    ("name",), both, or None where the text says neither."""
    changes = tuple(
        part
        for part, words in (("address", _ADDRESS_WORDS), ("name", _NAME_WORDS))
        if _changes(words, _NOT_THE_RECORD.sub(" ", text))
    )
    return changes or None


def all_numbers(text: str) -> bool | None:
    """True where the customer says the change is for every number on the account."""
    return True if _ALL_NUMBERS.search(text) else None


def _names_the_name(text: str) -> bool:
    return _NAME_WORDS.search(_NOT_THE_RECORD.sub(" ", text)) is not None


def _changes(words: re.Pattern[str], text: str) -> bool:
    """Some word of `words` in `text` is not followed by one saying it stays as it is."""
    return any(not _UNCHANGED.match(text, m.end()) for m in words.finditer(text))


def _quoted(text: str) -> Iterator[_Candidate]:
    for match in _QUOTED.finditer(text):
        index = next(i for i in range(1, 6) if match.group(i) is not None)
        name = match.group(index).strip(" ,")
        # A name begins with a capital or a digit and is a few words, not a quoted sentence.
        if (name[:1].isupper() or name[:1].isdigit()) and len(name.split()) <= 8:
            yield _Candidate(name, match.start(), match.end())


def _overlap(one: _Candidate, other: _Candidate) -> bool:
    return one.start < other.end and other.start < one.end


def _suffixed(text: str) -> Iterator[_Candidate]:
    for match in _SUFFIXED.finditer(text):
        name = match.group(1).strip()
        # "seit dem 1. April Nordwind Digital GmbH": a date is not part of the name.
        first, _, rest = name.partition(" ")
        yield _Candidate(rest if first in _MONTHS and rest else name, match.start(), match.end())


def _new_name(text: str, candidates: list[_Candidate]) -> str | None:
    """The first candidate announced as new; else the first not marked as the old one."""
    fallback: str | None = None
    previous_end = 0
    for candidate in candidates:
        # The words before a name reach back to the sentence start or the name before it.
        window = text[max(previous_end, candidate.start - 60) : candidate.start]
        window = re.split(r"[.!?:;\n]\s", window)[-1]
        words = _LAST_WORDS.search(window)
        window = words.group(0) if words else window
        previous_end = candidate.end
        after = text[candidate.end : candidate.end + 40]
        if _REPLACED_BY.search(after) or _BECAME.search(after):
            continue
        old_at = max((m.end() for m in _OLD_WORDS.finditer(window)), default=-1)
        new_at = max((m.end() for m in _NEW_WORDS.finditer(window)), default=-1)
        if old_at > new_at:
            continue
        if new_at >= 0:
            return candidate.name
        fallback = fallback or candidate.name
    return fallback
