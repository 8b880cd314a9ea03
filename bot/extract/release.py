"""Whether a customer asks us to release numbers for a port away ("Können Sie die Nummern
bitte freigeben?", "Merci de libérer le numéro"), and whether the port already waits on us
("our new provider's porting team is waiting on you", "Vonage has tried twice to take our
numbers", "Rogers est prêt, il attend juste votre feu vert").

A release asked for in advance is answered: we approve the request when it arrives if it
matches our records. A port that already waits on us, or is blocked, needs a person to find the
pending request now.
"""

from __future__ import annotations

import re

from bot.extract.gated import says

# We refused or blocked the port away, in the customer's words ("ustedes RECHAZARON la salida",
# "vous avez rejeté la demande"): it waits on us as much as one never answered.
_REFUSED = (
    r"\b(?:you|you've|you have) (?:\w+ )?(?:rejected|denied|refused|blocked) (?:the|our|my) "
    r"(?:port|port-out|transfer|request)\b|"
    r"\b(?:rechazaron|rechazasteis|denegaron|bloquearon) (?:la|el|mi|nuestra) "
    r"(?:salida|portabilidad|portación|solicitud|traslado)\b|\bsuelten el número\b|"
    r"\bvous avez (?:\w+ )?(?:rejeté|refusé|bloqué) (?:la|le|notre|ma|mon) "
    r"(?:portabilité|demande|transfert|portage)\b|"
    r"\bsie haben (?:die|unsere|meine|den) (?:portierung|rufnummernmitnahme|anfrage|antrag|"
    r"wechsel)\w* (?:\w+ )?(?:abgelehnt|blockiert)\b|"
    r"\bavete (?:\w+ )?(?:rifiutato|respinto|bloccato) (?:la|il|mia|nostra) "
    r"(?:portabilità|richiesta|trasferimento)\b|"
    r"\b(?:rejeitaram|recusaram|bloquearam) (?:a|o) (?:portabilidade|pedido|transferência)\b|"
    # All that is missing is our authorisation, or a lock of ours: "falta vocês autorizarem a
    # saída do (212)…", "remove whatever lock you have".
    r"\bfalta(?:m)? (?:vocês |voces )?(?:autorizarem|aprovarem|liberarem)\b|"
    r"\bremove (?:the|this|that|whatever|your) (?:\w+ )?(?:lock|block|freeze)\b"
)
# Our authorisation asked for, in advance or not: "Autorizem a portabilidade quando chegar o
# pedido" is a release asked, which a port that waits on us must also be.
_AUTHORISE = (
    r"\b(?:autorizem|autorizarem|aprovarem|liberarem) a (?:saída|portabilidade)\b|"
    r"\bautoricen la (?:salida|portabilidad)\b|\bautorizzate (?:l'uscita|la portabilità)\b|"
    r"\bautorisez (?:le départ|la sortie|la portabilité)\b"
)

_RELEASE = re.compile(
    r"\brelease (?:the |our |my |those |these |both |all )?(?:\w+ ){0,2}(?:numbers?|lines?)\b|"
    r"\b(?:waiting|wait) (?:on|for) (?:you|your (?:approval|ok|go-ahead|release|sign-off))\b|"
    r"\b(?:approve|authori[sz]e|accept) (?:the|our|my|their) (?:port|transfer|request)\b|"
    r"\bpending port(?:-out)?\b|\b(?:won't|will not|refuse to|refusing to) release\b|"
    r"\btried (?:twice|several times|\w+ times) to (?:take|port|move)\b|"
    r"\bfreigeb\w*|\bfreigabe\b|\bwartet (?:nur )?(?:noch )?auf (?:Ihre|die) (?:freigabe|"
    r"zustimmung|bestätigung|ok)\b|"
    r"\blibér\w* (?:le|les|nos|mon|notre|mes) (?:\w+ )?(?:numéros?|lignes?)\b|"
    r"\battend (?:juste |seulement )?votre (?:feu vert|accord|validation|autorisation)\b|"
    r"\bsbloccat\w*|\blibera\w* (?:il|i|la|le) (?:\w+ )?(?:numer\w+|line\w+)\b|"
    r"\b(?:aspetta|attende|in attesa del?) (?:solo )?(?:il )?vostro (?:ok|via libera|benestare)\b|"
    r"\blibere\w* (?:el|los|la|las) (?:\w+ )?(?:números?|líneas?)\b|"
    r"\bliberar (?:el|los|la|las) (?:\w+ )?(?:números?|líneas?)\b|"
    r"\besperando (?:su|vuestra|la) (?:autorización|aprobación|confirmación|liberación)\b|"
    r"\blibert\w* (?:o|os|a|as) (?:\w+ )?(?:números?|linhas?)\b|\bliberem\b|"
    r"\bà espera da vossa (?:autorização|aprovação|liberação)\b|\bdesbloque\w*|"
    + _REFUSED
    + "|"
    + _AUTHORISE,
    re.IGNORECASE,
)
_WORDS = (
    "release", "wait", "approve", "authori", "accept", "pending", "tried", "freig",
    "wartet", "libér", "attend", "sblocc", "libera", "aspetta", "attesa", "libere",
    "esperando", "libert", "liberem", "espera", "desbloque", "rejected", "denied", "refused",
    "blocked", "rechaz", "deneg", "bloque", "suelten", "rejeté", "refusé", "bloqué",
    "abgelehnt", "blockiert", "rifiut", "respint", "bloccat", "rejeit", "recusar", "autoriz",
    "aprovarem", "liberarem", "autoricen", "autorisez", "remove",
)  # fmt: skip


def release_asked(text: str) -> bool | None:
    """True where the customer says a port away is under way and waits on our approval."""
    return says(text, _WORDS, _RELEASE)


# The port already waits on us, or is refused: a person must look now.
_WAITING = re.compile(
    r"\b(?:waiting|wait) (?:on|for) (?:you|your)\b|\b(?:is|are|sits?|sitting) (?:still )?"
    r"waiting\b|\btried (?:twice|several times|\w+ times) to\b|"
    r"\b(?:won't|will not|refuse to|refusing to) release\b|\bblocking\b|"
    r"\bwartet (?:seit \w+ |noch |nur )?auf (?:ihre|die)\b|\bhänge?t? an ihrer freigabe\b|"
    r"\bfehlt (?:eine|die|noch die) freigabe\b|"
    r"\battend (?:depuis \w+ \w+ |juste |seulement )?(?:que vous|votre)\b|"
    r"\bn'avez pas (?:encore )?accepté\b|"
    r"\b(?:in attesa|aspetta|attende)\b[^.]{0,40}\b(?:vostr\w+|operatore di provenienza)\b|"
    r"\bsbloccat\w*|"
    r"\besperando (?:que ustedes|su|vuestra)\b|\baún no la han aceptado\b|"
    r"\bà espera\b[^.]{0,30}\bque vocês\b|\bainda não foi liberad\w*|" + _REFUSED
)


def port_waits_on_us(text: str) -> bool | None:
    """True where the customer says a port away already waits on us, or was refused by us."""
    if not release_asked(text):
        return None
    return True if _WAITING.search(text.lower()) else None


# A gaining carrier's notice, forwarded: the port is submitted and waits on the current
# provider ("Your request … is pending release by your current provider").
_NOTICE_WAITING = re.compile(
    r"\bpending release\b|\bawaiting (?:release|approval) (?:by|from) (?:your )?"
    r"(?:current|losing|old|previous) (?:provider|carrier)\b|"
    r"\bwartet auf (?:die )?freigabe (?:durch|von) (?:ihrem|ihren|dem) (?:bisherigen|alten)\b|"
    r"\bpendiente de (?:liberación|aprobación) (?:por|de) (?:su|el) (?:operador|proveedor)\b|"
    r"\ben attente de (?:libération|validation) (?:par|de) (?:votre|l')\s?(?:opérateur|"
    r"fournisseur)\b|\bin attesa di (?:rilascio|approvazione) da(?:l|l'| parte del)\b|"
    r"\bpendente de (?:liberação|aprovação) (?:pelo|do) (?:seu )?(?:operador|fornecedor)\b",
    re.IGNORECASE,
)


def notice_waits_on_us(forwarded: str) -> bool | None:
    """True where a forwarded notice says the port is submitted and waits on us."""
    return True if forwarded and _NOTICE_WAITING.search(forwarded) else None
