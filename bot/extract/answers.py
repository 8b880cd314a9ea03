"""The customer's answers to what a port needs: SMS, wireless, account number, PIN, timing."""

from __future__ import annotations

import re

_SMS_NO = re.compile(
    r"\b(no|not|don'?t|do not|doesn'?t|without|keine?|senza|sem|sin|pas de|pas besoin|"
    r"n'avons pas besoin|no necesitamos|não precisamos|non ci serv\w*|brauchen kein\w*)\b"
    r"[^.\n]{0,30}"
    r"\b(sms|text(ing| messages?)?)\b|\b(sms|texting)\b[^.\n]{0,20}\b(not (needed|required)|"
    r"no|nicht)\b|\bvoice only\b",
    re.IGNORECASE,
)
_SMS_YES = re.compile(
    r"\b(sms|text(ing| messages?))\b[^.\n]{0,30}\b(yes|needed|required|too|as well|enabled|"
    r"benötigt|necessari[oe]?|necessário|necesario|nécessaire)\b|"
    r"\b(yes|need|want|require)\b[^.\n]{0,20}\b(sms|texting|text messages)\b|"
    # "Will texting keep working after the move?": a customer who asks wants it.
    r"\b(sms|texting|text messages|texts)\b[^.\n?]{0,30}\b(keep|still|continue)\w*\b"
    r"[^.\n?]{0,15}\b(work|working|function)\b",
    re.IGNORECASE,
)
_WIRELESS_NO = re.compile(
    r"\b(not|isn'?t|aren'?t|no)\b[^.\n]{0,15}\b(a )?(wireless|mobile|cell)\b|"
    r"\b(wireless|mobile|cell)\b\W{0,3}(no|nope)\b|\blandlines?\b|\bwireline\b|"
    r"\bfestnetz|\bfiss[oi]\b|\bfisse\b|\bfix[oa]s?\b|\bfij[oa]s?\b|\bfixes?\b|"
    r"\bno son (celulares|móviles)\b|\bnon sono (cellulari|mobili)\b",
    re.IGNORECASE,
)
_WIRELESS_YES = re.compile(
    r"\bwireless\b|\bmobile (number|line|account|phone)\b|\bcell ?(phone|number|line)?\b|"
    r"\bit'?s a mobile\b|"
    # The word for a mobile phone names the number's type only beside a number word or as
    # what the number is: not "die Weiterleitung auf ihr Handy", "se cambian desde el móvil".
    r"\bhandy-?nummer\w*|\b(?:ist|sind) (?:ein |eine )?handy|\bhandy\W{0,3}\(?\+?\d|"
    r"\bnumer[oi] (?:di )?cellular[ei]\b|\b(?:è|sono) (?:un |dei )?cellular[ei]\b|"
    r"\bcellulare\W{0,3}\(?\+?\d|"
    r"\bn[úu]meros? (?:de )?(?:telem[óo]vel|m[óo]vil|celular)(?:es)?\b|"
    r"\b(?:es|son|é|são) (?:un |um )?(?:m[óo]vil|celular|telem[óo]vel)(?:es)?\b|"
    r"\bl[íi]neas? m[óo]vil(?:es)?\b|\blinhas? m[óo]ve(?:l|is)\b|"
    r"\b(?:m[óo]vil|celular|telem[óo]vel)\W{0,3}\(?\+?\d|"
    # Not "renvoyer les appels vers mon cellulaire": the number itself is a mobile one.
    r"\b(?:numéros?|lignes?) (?:de )?cellulaires?\b|\bc'est un cellulaire\b|"
    r"\bmobilfunknummer\w*|\b(?:numéro|ligne)s? mobiles?\b|"
    r"\bprepaid\b|"
    # A carrier's transfer PIN, or a PIN for a mobile, is for a wireless number ("T-Mobile"
    # and "Boost Mobile" are carriers, not a mobile).
    r"\bnumber transfer pin\b|\bpin\b[^.\n]{0,40}\b(?:my|our|a|the) mobile\b|"
    r"\b(?:my|our|a|the) mobile\b[^.\n]{0,40}\bpin\b",
    re.IGNORECASE,
)
_ACCOUNT_NUMBER = re.compile(
    r"\baccount\s*(?:number|no\.?|num|#)\s*(?:is|:|=|#)?\s*([A-Z0-9][A-Z0-9-]{4,24})\b|"
    r"\b(?:kundennummer|numero cliente|número de cliente|numéro client|numero di conto|"
    r"número de cuenta|número de conta|numéro de compte)\s*(?:ist|è|é|es|est|:)?"
    r"\s*([A-Z0-9][A-Z0-9-]{4,24})\b",
    re.IGNORECASE,
)
_PIN = re.compile(
    # "Richtige PIN ist 7302", "le NIP est 4821", "il PIN è 5521", "el PIN es 3388".
    r"\b(?:port[- ]?out\s+)?(?:pin|nip|passcode|pass code|transfer pin|security code)\b"
    r"\s*(?:is|ist|lautet|è|é|es|est|:|=|#|number|code)?\s*(?:is\s*)?(\d{4,10})\b|"
    # "the transfer PIN for my mobile, it's 8204"
    r"\b(?:pin|passcode)\b[^.\n\d]{0,30}?\b(?:it'?s|it is|is)\s*:?\s*(\d{4,10})\b|"
    # "a new PIN from AT&T: 583920"
    r"\b(?:pin|nip|passcode)\b[^.\n\d:]{0,30}:\s*(\d{4,10})\b",
    re.IGNORECASE,
)
_TIME_FRAME = re.compile(
    r"\b(asap|as soon as possible|urgent(ly)?|this week|next week|end of (the )?(month|week|year)|"
    r"within \w+ (days|weeks)|before (christmas|the holidays|year[- ]end)|no rush|"
    r"nächste woche|diese woche|so schnell wie möglich|la prossima settimana|"
    r"la semana que viene|la próxima semana|próxima semana|la semaine prochaine|"
    r"cette semaine|dès que possible|lo antes posible|il prima possibile|"
    r"(?:bis |vor )?(?:zum )?ende (?:des|dieses|nächsten) monats|"
    r"(?:entro )?(?:la )?fine (?:del )?mese|"
    r"(?:antes de )?(?:a )?fin(?:ales)? de mes|(?:até ao )?fim do mês|(?:avant la )?fin du mois|"
    r"o mais rápido possível|"
    # "if there is any downtime we'd prefer it on a weekend": a window, not a date.
    r"(?:on|at|over) (?:a|the) weekend|(?:this|next) weekend|outside (?:business|office) hours|"
    r"am wochenende|nächstes wochenende|außerhalb der geschäftszeiten|nel fine settimana|"
    r"durante il fine settimana|el fin de semana|fuera del horario laboral|no fim de semana|"
    r"ce week-end|le week-end|en dehors des heures de bureau|"
    # "Si le transfert peut se faire un dimanche": a day of the week is a window too.
    r"(?:on|any) (?:a )?(?:saturday|sunday)|un (?:samedi|dimanche)|"
    r"an einem (?:samstag|sonntag)|un (?:sábado|domingo)|di (?:sabato|domenica)|"
    r"num (?:sábado|domingo)|ao (?:sábado|domingo))\b"
    # Read on the lowered text: matching without case costs several times as much.
)


# Words every alternative of the patterns above contains (lower case): a text with none of
# them cannot match, and the patterns, tried at every position, cost more than this test.
_SMS_WORDS = ("sms", "text", "voice only")
_WIRELESS_WORDS = (
    "wireless",
    "mobil",
    "cell",
    "landline",
    "wireline",
    "festnetz",
    "fiss",
    "fix",
    "fij",
    "celular",
    "móvil",
    "movil",
    "handy",
    "telem",
    "prepaid",
    "transfer pin",
)


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def sms_needed(text: str) -> bool | None:
    if not _mentions(text, _SMS_WORDS):
        return None
    if _SMS_NO.search(text):
        return False
    if _SMS_YES.search(text):
        return True
    return None


def wireless(text: str) -> bool | None:
    if not _mentions(text, _WIRELESS_WORDS):
        return None
    if _WIRELESS_NO.search(text):
        return False
    if _WIRELESS_YES.search(text):
        return True
    return None


def account_number(text: str) -> str | None:
    match = _ACCOUNT_NUMBER.search(text)
    if match is None:
        return None
    value = next(g for g in match.groups() if g)
    # Carriers want the bare account number; customers add spaces and dashes.
    digits = re.sub(r"[\s-]", "", value)
    return digits if any(c.isdigit() for c in digits) else None


def masked_pin(text: str) -> str | None:
    """Only that a PIN was given and how long it is: the digits are never kept or repeated."""
    match = _PIN.search(text)
    if match is None:
        return None
    return "•" * len(next(g for g in match.groups() if g))


# One of these is in every alternative of _TIME_FRAME.
_TIME_FRAME_WORDS = (
    "asap", "soon", "possi", "posib", "possí", "urgent", "week", "end of", "within", "before",
    "rush", "woche", "monat", "mese", "fin de mes", "fim do mês", "mois", "settimana",
    "semana", "semaine", "hours", "geschäftszeiten", "horario",
    "heures", "saturday", "sunday", "samedi", "dimanche", "samstag", "sonntag", "sábado",
    "domingo", "sabato", "domenica", "rápido", "schnell",
)  # fmt: skip


def time_frame(text: str) -> str | None:
    lowered = text.lower()
    if not any(word in lowered for word in _TIME_FRAME_WORDS):
        return None
    match = _TIME_FRAME.search(lowered)
    return match.group(0) if match else None
