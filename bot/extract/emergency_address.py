"""The emergency (911, E911, 112) address in a customer's mail: whether they speak of it
("Please change the service and E911 address", "es importante para 911"), and whether an
emergency call has already gone to the wrong place ("the ambulance went to our OLD address").

A records update that speaks of it is told the address is registered as the numbers'
emergency address too; a misrouted emergency call goes to support as urgent (check
`emergency-misrouted`).
"""

from __future__ import annotations

import re

from bot.extract.gated import says
from bot.extract.sentences import split_sentences

_EMERGENCY = re.compile(
    r"\b(?:e-?911|911|emergency|notruf\w*|emergenz\w*|emergencia\w*|emergência\w*|"
    r"urgences?|d'urgence|secours)\b|"
    # 112 is a house number as often as the emergency number: only as a number one calls.
    r"\b(?:le|the|al|il|o|den|call(?:ed|ing)?|appel\w*|chiamat\w*|llam\w*|lig\w*) 112\b"
)
_EMERGENCY_WORDS = (
    "911", "112", "emergen", "notruf", "urgenc", "d'urgence", "secours",
)  # fmt: skip
# "Address" beside it: the emergency services' address, not "an emergency, please call me".
_ADDRESS = re.compile(
    r"address|adresse|anschrift|standort|indirizzo|dirección|direccion|domicilio|endereço|"
    r"morada|location|\be?911\b"
)


def emergency_address(text: str) -> bool | None:
    """True where a sentence speaks of the emergency address (or of 911 itself)."""
    lowered = text.lower()
    if not any(word in lowered for word in _EMERGENCY_WORDS) or not _EMERGENCY.search(lowered):
        return None
    for sentence in split_sentences(lowered):
        match = _EMERGENCY.search(sentence)
        if match and _ADDRESS.search(sentence):
            return True
    return None


# Emergency services sent to an old or wrong address, in the customer's words.
_MISROUTED = re.compile(
    r"\b(?:ambulance|paramedics?|dispatcher|fire (?:truck|department|brigade)|police|"
    r"krankenwagen|rettungswagen|notarzt|feuerwehr|polizei|ambulanza|soccorsi|vigili del fuoco|"
    r"ambulancia|bomberos|policía|ambulância|bombeiros|pompiers|samu)\b"
    r"[^.!?]{0,120}\b(?:old|wrong|previous|former|alte[nr]?|falsche[nr]?|frühere[nr]?|vecchi[oa]|"
    r"sbagliat[oa]|precedente|anterior|antigua|equivocada|ancienne|mauvaise|antiga|errada)\b"
)
_MISROUTED_WORDS = (
    "ambulan", "paramedic", "dispatcher", "fire ", "police", "krankenwagen", "rettungswagen",
    "notarzt", "feuerwehr", "polizei", "soccorsi", "vigili", "bomberos", "policía", "bombeiros",
    "pompiers", "samu",
)  # fmt: skip


def emergency_misrouted(text: str) -> bool | None:
    """True where the customer says emergency services went to an old or wrong address."""
    return says(text, _MISROUTED_WORDS, _MISROUTED)
