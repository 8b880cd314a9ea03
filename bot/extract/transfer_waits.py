"""Whether a Twilio transfer the customer writes about was asked for before and still waits
("Vi ho chiesto due settimane fa di spostare il numero", "Seit zwei Wochen warte ich",
"what's taking so long?"): such a customer is not asked for a time frame as if the transfer
were new; a person finds out where it stands.

Read only for transfers (extract.with_requests).
"""

from __future__ import annotations

import re

from bot.extract.gated import says

_COUNT = (
    r"(?:\d+|a|one|two|three|four|several|a few|zwei|drei|vier|einer|einigen|mehreren|due|"
    r"tre|quattro|qualche|alcune|alcuni|dos|tres|cuatro|unas?|varias|varios|deux|trois|quatre|"
    r"quelques|duas|dois|três|quatro|algumas|alguns|uma|um)"
)
# Within a sentence: the words between a wait and its length.
_NEAR = r"[^.!?\n]{0,60}"
_WAITING = re.compile(
    # How long ago it was asked for, or how long it has waited.
    rf"\b{_COUNT} (?:days?|weeks?|months?) ago\b|"
    rf"\b(?:waiting|pending|stuck)\b{_NEAR}\b(?:for|since) {_COUNT} (?:days|weeks|months)\b|"
    rf"\bseit {_COUNT} (?:tag|woche|monat)\w*\b{_NEAR}\bwarte|"
    rf"\bwarte\w*{_NEAR}\bseit {_COUNT} (?:tag|woche|monat)|"
    rf"\bvor {_COUNT} (?:tag|woche|monat)\w*\b{_NEAR}\b(?:beantragt|gebeten|angefragt|"
    r"geschrieben|bestätigt|zugestimmt)\b|"
    rf"\b{_COUNT} (?:giorni|settimane|mesi) fa\b|"
    rf"\b(?:aspett|attend)\w*{_NEAR}\bda {_COUNT} (?:giorni|settimane|mesi)\b|"
    rf"\bhace {_COUNT} (?:días|semanas|meses)\b|"
    rf"\bil y a {_COUNT} (?:jours|semaines|mois)\b|"
    rf"\b(?:attend\w*|en attente)\b{_NEAR}\bdepuis {_COUNT} (?:jours|semaines|mois)\b|"
    rf"\bdepuis {_COUNT} (?:jours|semaines|mois)\b{_NEAR}\battend|"
    rf"\b(?:há|faz) {_COUNT} (?:dias|semanas|meses)\b|"
    # Why it takes so long.
    r"\btaking so long\b|\bwhat'?s taking\b|\bdauert (?:da |denn |das )?so lange\b|"
    r"\bserve tutto questo tempo\b|\bci vuole (?:così )?tanto\b|\btarda(?:n)? tanto\b|"
    r"\bpor qu[ée] tarda\b|\bsi long\b|\bdemora(?:r)? tanto\b|\btanto tempo\b"
)
_WORDS = (
    "ago", "waiting", "pending", "stuck", "seit", "vor ", " fa", "hace", "il y a", "depuis",
    "há ", "faz ", "taking", "dauert", "tempo", "tanto", "tarda", "long",
)  # fmt: skip


def transfer_waits(text: str) -> bool | None:
    """True where the customer says the transfer was asked for before and still waits."""
    return says(text, _WORDS, _WAITING)
