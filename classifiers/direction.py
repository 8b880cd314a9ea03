"""Which way the customer says the numbers go: towards us (a port-in) or away from us (a
port-out), from the phrases that say so in six languages.

The trained model reads a bag of words and word pairs. It is misled by the words of the other
direction that a message uses only to set them aside: "the subject says port out, but it's
the other way round", "Vonage calls it a «port out»", "I don't want a new number with you, I
want it to leave your service". These phrases read each clause on its own, skip the clauses
that deny and the words in quotation marks, and say where the numbers go only where the
customer says it outright: "to you", "zu Ihnen", "quitter votre service", "de vocês para a
AT&T". Phrases that also tell where a number is now ("the numbers we have with you", "da
voi", "con ustedes") or where it went years ago ("I brought it over to you") say nothing of
where it goes next, and are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from bot.extract.providers import KNOWN_PROVIDERS, WORDLIKE


class Direction(Enum):
    """Where the customer wants the numbers to go."""

    TOWARDS_US = "towards_us"
    AWAY = "away"


@dataclass(frozen=True, slots=True)
class DirectionReading:
    """The phrases found for each direction, as written."""

    towards_us: tuple[str, ...] = ()
    away: tuple[str, ...] = ()

    @property
    def direction(self) -> Direction | None:
        """The direction only one side speaks for; None when neither or both do."""
        if self.towards_us and not self.away:
            return Direction.TOWARDS_US
        if self.away and not self.towards_us:
            return Direction.AWAY
        return None


# Verbs of moving a number, present and future forms only: a past one tells the number's
# history ("I ported it to you in 2019", "passou da Bell para vocês").
_MOVE: dict[str, str] = {
    "en": r"port|ports|porting|move|moves|moving|transfer|transfers|transferring|bring|"
    r"bringing|switch|switches|switching|migrate|migrating|consolidate|consolidating|take|"
    r"taking|release|releasing|come|comes|coming|go|goes|going|change|changing",
    "de": r"portier\w*|umzieh\w*|umziehen|ziehen|wechseln|wechsel|übertrag\w*|mitnehm\w*|"
    r"übernehm\w*|nehmen|nehme|soll|sollen|gehen|geht|kommen|kommt",
    "it": r"porta(?:re|rlo|rli|rla|rle|te|no)?|passa(?:re|rlo|rli|no|te)?|"
    r"sposta(?:re|rlo|rli|te|no)?|trasferi(?:re|rlo|rli|te|sca|scano)|entra(?:re|no)?|"
    # "Spostiamo il (469) 555-0172 ad AT&T": we-forms of the present. (Spanish and
    # Portuguese ones are left out: "ya portamos a Vonage hace un mes" is also their past.)
    r"portiamo|passiamo|spostiamo|trasferiamo|migriamo|"
    r"arriva(?:re|no)?|consolida(?:re|te)?|migra(?:re|rlo|rli)|andare|vada|vadano|"
    r"tornare|torni|tornino|passando|portando|spostando|trasferendo|tornando",
    "pt": r"mover|movam|passar|passem|levar|levem|transferir|transfiram|portar|portem|trazer|"
    r"tragam|mudar|ir|vá|vão|voltar|volte|voltem|mudando|passando|levando|transferindo|"
    r"indo|voltando",
    "es": r"trasladar|trasladen|portar|porten|pasar|pasen|pase|cambiar|mover|muevan|llevar|"
    r"lleven|llevarse|llevarnos|llevamos|llevaremos|traer|traigan|transferir|transfieran|"
    r"ir|vaya|vayan|irse|irnos|volver|vuelva|"
    r"pasando|cambiando|trasladando|llevando|moviendo|yendo|llegue|lleguen|llegar",
    "fr": r"transférer|transférez|transférons|porter|portez|portons|passer|passez|passons|"
    r"basculer|basculons|rejoindre|partir|partons|partent|part|pars|partira|partiront|"
    r"aller|allons|vont|va|aille|aillent|migrer|migrons|rapatrier|arriver|venir|retourner|"
    r"revenir|"
    r"(?:soi(?:en)?t|être) (?:transféré|porté|basculé)e?s?",
}
# "you" as the customer addresses us, by language.
_YOU: dict[str, str] = {
    "en": r"you",
    "de": r"ihnen|euch",
    "it": r"voi",
    "pt": r"vocês|voces|vós",
    "es": r"ustedes",
    "fr": r"vous",
}
# "to" before a provider's name, by language.
_TO: dict[str, str] = {
    "en": r"to|over to",
    "de": r"zu|nach|zur",
    "it": r"a|ad|verso|su|in",
    "pt": r"para|pra",
    "es": r"a|hacia|hasta",
    "fr": r"chez|vers|à|rejoindre",
}
_FROM: dict[str, str] = {
    "en": r"from|off|away from",
    "de": r"von",
    "it": r"da",
    "pt": r"da|do|de",
    "es": r"de|desde",
    "fr": r"de chez|depuis",
}
_ARTICLE = r"(?:(?:la|el|a|o|the|die|der|dem|le|l')\s*)?"
_OTHER_PROVIDER = {
    "it": r"(?:verso|a|ad) (?:un )?(?:altro|nuovo) (?:operatore|gestore)\b",
    "es": r"a (?:otro|un nuevo) (?:operador|proveedor)\b|a otra (?:compañía|operadora)\b",
    "fr": r"(?:vers|chez|à) (?:un|mon|notre|le) (?:autre|nouvel?) (?:opérateur|fournisseur)",
}


@dataclass(frozen=True, slots=True)
class _Phrases:
    """One direction's phrases in one language."""

    # Said outright: "zu Ihnen", "quitter votre service".
    outright: tuple[str, ...] = ()
    # Said after a verb of moving in the same clause: "move … to you", "passer … chez vous".
    after_moving: tuple[str, ...] = ()


_TOWARDS_US: dict[str, _Phrases] = {
    "en": _Phrases(
        outright=(
            r"\bport(?:ing)?[- ](?:in|into)\b(?!\s*(?:of|from)\b)",
            r"\byou(?:'re| are) the new (?:provider|carrier|operator)\b",
            # "transferred FROM BT TO our account with you": said with a past participle, which
            # is no verb of moving here (it tells history), but the two ends say it.
            r"\bfrom [^,.;:!?\n]{1,40}? (?:to|into) (?:my|our) accounts? (?:here|with you)\b",
        ),
        after_moving=(
            r"\b(?:to|into|onto|over to|across to)\s+(?:you\b|your\s+"
            r"(?:service|platform|network|system|side|end)\b)",
            r"\b(?:to|into) (?:my|our) accounts? (?:here|with you)\b",
        ),
    ),
    # "Ihnen" is "you" only with its capital (see `_CASE_MATTERS`).
    "de": _Phrases(
        outright=(
            r"\bzu (?:ihnen|euch)\b",
            r"\b(?:in|auf|zu) ihr(?:e|en|em)? (?:netz|plattform|dienst|service|system)\b",
            # "die Unterlagen für die Übernahme der Nummer": we take it over; "durch X" is
            # another provider's.
            r"\bübernahme (?:der|unserer|dieser|meiner) (?:ruf)?nummern?\b(?! durch)",
        ),
    ),
    "it": _Phrases(
        outright=(
            r"\bverso (?:di )?voi\b",
            r"\bportabilità (?:in )?entrata\b",
            # "da voi" is "to you" only after coming: else it is "with you", where a number
            # is now.
            r"\b(?:venga|vengano|venire|arriv[ia]\w*|entra|entri|entrino|entrare|portat[io]) "
            r"da voi\b",
        ),
        after_moving=(
            r"\ba voi\b",
            r"\b(?:sul|nel|al|verso il) vostr[oa] (?:servizio|account|piattaforma|sistema)\b",
        ),
    ),
    "pt": _Phrases(
        outright=(r"\bpara (?:a|o) (?:vossa|vosso) (?:plataforma|conta|rede|serviço|operadora)\b",),
        after_moving=(
            r"\bpara (?:vocês|voces|vós|cá)\b",
            r"\bpara a (?:nossa )?conta (?:que temos )?convosco\b",
        ),
    ),
    "es": _Phrases(
        outright=(r"\bportabilidad entrante\b",),
        after_moving=(
            r"\ba ustedes\b",
            r"\ba su (?:servicio|plataforma|red|compañía|empresa)\b",
            r"\b(?:a la|a nuestra) cuenta (?:que tenemos )?con ustedes\b",
        ),
    ),
    "fr": _Phrases(
        outright=(
            r"\bvers (?:votre|vos) (?:service|plateforme|réseau|compte)\b",
            r"\bportabilité entrante\b",
            # "nous voulons avoir ce numéro aussi chez vous": to have it with us is to move it
            # (to keep it there, "garder", is where it already is).
            r"\bavoir (?:ce|le|notre|nos|les|ces) (?:numéros?|lignes?)\b[^,.;:!?\n]{0,20}?"
            r" chez vous\b",
        ),
        after_moving=(r"\b(?:chez|vers|à) vous\b",),
    ),
}

_AWAY: dict[str, _Phrases] = {
    "en": _Phrases(
        outright=(
            r"\baway from (?:you|your)\b",
            r"\b(?:leave|leaving|quit|quitting) (?:you\b|your (?:service|platform|network))",
            r"\bport(?:ing)? (?:it |them |(?:our|my|the|these|those|both) (?:\w+ )?numbers? )?"
            r"(?:out|away)\b(?!\s*(?:of|from|pin|nip|code|pass))",
            r"\bfrom you(?:r (?:service|platform|account))? to\b",
            r"\bto (?:another|a new|a different|the new|our new|a other) (?:provider|carrier|"
            r"operator|company|vendor|phone company)\b",
        ),
    ),
    "de": _Phrases(
        outright=(
            r"\bweg von ihnen\b",
            r"\bvon ihnen (?:zu|weg)\b",
            r"\bihr(?:en|e) (?:dienst|service|plattform|netz) verlassen\b",
            r"\b(?:weg|ab)portier\w*\b",
            r"\bzu (?:einem |einen )?(?:anderen|neuen) (?:anbieter|provider|carrier|betreiber)\b",
        ),
    ),
    "it": _Phrases(
        outright=(
            r"\bvia da voi\b",
            r"\blasciare (?:il )?vostro\b",
            r"\bportabilità (?:in )?uscita\b",
        ),
        after_moving=(rf"\b{_OTHER_PROVIDER['it']}", r"\bda voi (?:a|ad|verso)\b"),
    ),
    "pt": _Phrases(
        outright=(
            r"\b(?:sair|saírem?) d[ao] voss[ao]\b",
            r"\b(?:sai[ra]?|saiam|saírem) de vocês\b",
            r"\bdeixar (?:a|o) vos(?:sa|so)\b",
            r"\bpara (?:outra|uma nova) operadora\b|\bpara outro operador\b",
        ),
        after_moving=(r"\bde vocês para\b",),
    ),
    "es": _Phrases(
        outright=(
            r"\bdejar(?:án|á|emos|ía)? de estar con ustedes\b",
            r"\bcon destino a\b",
        ),
        after_moving=(rf"\b(?:{_OTHER_PROVIDER['es']})", r"\bde ustedes a\b"),
    ),
    "fr": _Phrases(
        outright=(
            r"\bquitt(?:er|e|ent) (?:votre|vos)\b",
            r"\bportabilité sortante\b",
            r"\bde chez vous\b",
        ),
        after_moving=(rf"\b{_OTHER_PROVIDER['fr']}",),
    ),
}

# Words that deny a clause ("not out", "nicht zu Ihnen", "ne ... pas"), by language: the
# Portuguese "no" is "in the".
_DENY: dict[str, str] = {
    "en": r"not|never|no|n't",
    "de": r"nicht|kein\w*|nie",
    "it": r"non|mai",
    "pt": r"não|nunca",
    "es": r"no|nunca|ni",
    "fr": r"ne|n'|pas|jamais",
}
# Words in quotation marks are someone else's ("Vonage calls it a «port out»").
_QUOTE_MARKS = re.compile('["“«„]')
_QUOTED = re.compile(r"\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|«[^»\n]{1,60}»|„[^“\n]{1,60}“")
_CLAUSE_END = re.compile(r"[.!?;:,\n]+|\s[-\u2013\u2014]\s")
# How far before its destination a verb of moving may end ("move the two numbers of our
# Boston office to you").
_REACH = 60


@dataclass(frozen=True, slots=True)
class _Category:
    """Phrases that say one direction; with a language when they need a verb of moving
    before them, found with `moving` (each language's own verbs: the Italian "come" is "how").
    """

    direction: str
    phrases: re.Pattern[str]
    moving: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Reader:
    """Every phrase of English and one more language, read in one pass over the lower-cased text.

    `any_phrase` is every category's phrases in order, without groups and matched
    case-sensitively: sre skips a branch on its first letter only so, and named groups or
    IGNORECASE each made it three times as slow. A match's category is the first whose
    phrases match there.
    """

    any_phrase: re.Pattern[str]
    categories: tuple[_Category, ...]
    denies: re.Pattern[str]


@lru_cache(maxsize=16)
def _reader(language: str, own_names: tuple[str, ...]) -> _Reader:
    """The patterns for English and, if other, the given language."""
    languages = ("en",) if language not in _MOVE or language == "en" else ("en", language)
    # Twilio is left out: moving "to Twilio" is a transfer between Twilio accounts here.
    ours = {name.lower() for name in (*own_names, "Twilio")}
    names = "|".join(
        re.escape(name.lower())
        for name in sorted(KNOWN_PROVIDERS, key=len, reverse=True)
        if name.lower() not in ours
    )
    categories: list[tuple[str, str | None, list[str]]] = []
    for lang in languages:
        towards = _TOWARDS_US[lang]
        away = _AWAY[lang]
        categories += [
            (
                "towards_us",
                None,
                [
                    *towards.outright,
                    # From a named provider to us.
                    rf"\b(?:{_FROM[lang]})\s+{_ARTICLE}(?:{names})(?![\w&])"
                    rf"[^,.;:!?\n]{{0,60}}?\b(?:{_TO[lang]}|to)\s+(?:{_YOU[lang]})\b",
                ],
            ),
            ("away", None, list(away.outright)),
            ("towards_us", lang, list(towards.after_moving)),
            # To a named provider.
            (
                "away",
                lang,
                [*away.after_moving, rf"\b(?:{_TO[lang]})\s+{_ARTICLE}(?:{names})(?![\w&])"],
            ),
        ]
    kept = [(direction, lang, phrases) for direction, lang, phrases in categories if phrases]
    return _Reader(
        any_phrase=re.compile("|".join(p for _, _, phrases in kept for p in phrases)),
        categories=tuple(
            _Category(
                direction,
                re.compile("|".join(phrases)),
                re.compile(rf"\b(?:{_MOVE[lang]})\b") if lang else None,
            )
            for direction, lang, phrases in kept
        ),
        denies=re.compile(
            r"(?<!\w)(?:" + "|".join(_DENY[lang] for lang in languages) + r"|\w+n't)(?!\w)"
        ),
    )


# Words that count only as written with a capital: the formal "Ihnen" (lower-case it is
# "them") and the providers whose names are ordinary words.
_CASE_MATTERS = re.compile(
    r"\b(?:ihnen|ihre?[nms]?|" + "|".join(re.escape(n.lower()) for n in WORDLIKE) + r")\b"
)


def read_direction(
    text: str, language: str = "en", own_names: tuple[str, ...] = ()
) -> DirectionReading:
    """The direction phrases of the customer's own words (pass the new text, not quoted mail).

    `language` adds its phrases to the English ones, which customers mix into every language.
    A verb of moving is looked for only before a destination it could lead to, which is rare:
    a verb-first pattern, tried at every word, took four times as long.
    """
    reader = _reader(language, own_names)
    if _QUOTE_MARKS.search(text):
        text = _QUOTED.sub(" ", text)
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few letters lower-case to two ("İ"): keep them, so positions stay the same.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    ends: list[int] = []
    found: dict[str, list[str]] = {"towards_us": [], "away": []}
    for match in reader.any_phrase.finditer(lowered):
        if not ends:
            ends = [0, *(m.end() for m in _CLAUSE_END.finditer(lowered))]
        begin = match.start()
        category = next(c for c in reader.categories if c.phrases.match(lowered, begin))
        start = ends[bisect_right(ends, begin) - 1]
        if category.moving is not None:
            verbs = list(category.moving.finditer(lowered, start, begin))
            if not verbs or begin - verbs[-1].end() > _REACH:
                continue
            begin = verbs[-1].start()
        if _miscased(text, lowered, match.start(), match.end()):
            continue
        if not _denied(lowered, reader.denies, start, match.end()):
            found[category.direction].append(text[begin : match.end()])
    return DirectionReading(towards_us=tuple(found["towards_us"]), away=tuple(found["away"]))


def _miscased(text: str, lowered: str, start: int, end: int) -> bool:
    return any(
        not text[word.start()].isupper() for word in _CASE_MATTERS.finditer(lowered, start, end)
    )


def _denied(text: str, denies: re.Pattern[str], start: int, end: int) -> bool:
    """Whether the clause that runs from `start` past `end` denies."""
    clause_end = _CLAUSE_END.search(text, end)
    return denies.search(text, start, clause_end.start() if clause_end else len(text)) is not None
