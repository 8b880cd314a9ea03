"""Whether a customer porting in speaks of ending the service with the current carrier ("the
contract with Rogers ends in September", "Bevor wir den Vertrag bei KPN kündigen", "Verizon
schaltet Ende des Monats ab", "on résilie chez Orange").

A number whose service is cancelled or disconnected before the port completes can no longer
be ported, so such a customer is told to keep the service until the port is done.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

_ENDING = re.compile(
    r"\b(?:contract|service|agreement|plan)\b[^.?!\n]{0,30}\b(?:ends?|ending|expires?|"
    r"expiring|runs? out|is up)\b|"
    r"\b(?:cancel\w*|terminat\w*|disconnect\w*|shut\w* off|clos\w*) (?:\w+ ){0,3}(?:with|at) "
    r"(?:the |our )?(?:old|current|existing)?\s*(?:carrier|provider|[a-z&]{2,12})\b|"
    r"\b(?:will be |gets |get )?disconnected\b|"
    r"\bvertrag\w*\b[^.?!\n]{0,40}\b(?:läuft|endet|ausläuft|gekündigt|kündigen)\b|"
    r"\b(?:kündigen|kündigung)\b[^.?!\n]{0,40}\b(?:bei|der|die|den)\b|\babgeschaltet\b|"
    r"\bcontratto\b[^.?!\n]{0,30}\b(?:scade|termina|finisce|disdetto)\b|\bdisdett[ao]\b|"
    r"\bdisdire\b|"
    r"\bcontrato\b[^.?!\n]{0,30}\b(?:vence|termina|acaba|finaliza|expira|cancelad[oa])\b|"
    r"\bdar(?:me|nos|se)? de baja\b|"
    r"\bcancelar (?:el|nuestro|o|nosso) (?:contrato|servicio|serviço)\b|"
    # Asked rather than said: "do I cancel my Ooma service first?"
    r"\bcancel\w* (?:my|our) (?:\w+ ){0,2}(?:service|account|contract|line)\b|"
    r"\bcontrat\b[^.?!\n]{0,30}\b(?:se termine|expire|prend fin|finit|résilié)\b|"
    r"\brésili\w*\b|\brescindir\b"
)
_WORDS = (
    "contract", "service", "agreement", "plan", "cancel", "terminat", "disconnect", "shut",
    "clos", "vertrag", "kündig", "abgeschaltet", "contratto", "disdett", "disdire", "contrato",
    "de baja", "contrat", "résili", "rescindir",
)  # fmt: skip


# "We'll cancel with them once the port is done": the customer already has it in hand.
_AFTER_PORT = re.compile(
    r"\b(?:once|after|when) (?:the|our|it'?s|it is|they'?re|they are) (?:port\w*|moved|"
    r"transfer\w*)|\bnach (?:der|abgeschlossener) portierung\b|"
    r"\bdopo (?:la|che la) portabilità\b|\b(?:después de|tras) la portabilidad\b|"
    r"\bdepois da portabilidade\b|\baprès (?:la|le) (?:portabilité|portage|transfert)\b"
)


# Asked: "should I cancel Xfinity myself after, or does the port close it?". The warning
# answers it (keep it until the port completes, end the rest afterwards), after the port or not.
_ASKED = re.compile(
    r"\b(?:should|do|must|shall|need to|have to) (?:i|we)\b[^.?!\n]{0,40}\bcancel\w*\b"
    # Not the port itself: "should we cancel the port?".
    r"(?! (?:the|our|this|my) (?:port|request|order|transfer))[^.!\n]*\?|"
    r"\bdoes (?:the )?port(?:ing)? (?:close|cancel|end|terminate)\b|"
    r"\bmuss (?:ich|man)\b[^.?!\n]{0,40}\bkündigen\b[^.!\n]*\?|"
    r"\bdevo (?:disdire|cancellare)\b|"
    r"\b(?:tengo|tenemos) que (?:cancelar|dar(?:me|nos)? de baja)\b|"
    r"\b(?:tenho|temos) (?:de|que) cancelar\b|\b(?:dois-je|faut-il) résilier\b"
)


def ends_current_service(text: str) -> bool | None:
    """True where a customer porting in speaks of ending the current carrier's service, or
    asks whether to, and does not already say it will end only after the port."""
    lowered = text.lower()
    if _ASKED.search(lowered):
        return True
    if not says(text, _WORDS, _ENDING):
        return None
    return None if _AFTER_PORT.search(lowered) else True
