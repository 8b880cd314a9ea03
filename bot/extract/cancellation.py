"""Whether a cancellation is of a part of the service (a user's licence, an extension, an
add-on, a subaccount) rather than of the whole account.

A third of the cancellations in the corpus are of a part: "die zwei Nutzerlizenzen kündigen",
"disattivate il componente aggiuntivo". Their reply must not speak of closing the account.
"""

from __future__ import annotations

import re

# A cancelling verb, in the six languages, as customers write it.
_CANCEL = (
    r"(?:cancel\w*|clos(?:e|ing)|terminat\w*|end|kündig\w*|schließ\w*|auflös\w*|beend\w*|"
    r"chiud\w*|disdi\w*|disdett\w*|cessa\w*|fech\w*|encerr\w*|cerr\w*|cierr\w*|baja|"
    r"résili\w*|ferm\w*|clôtur\w*|annul\w*|deactivat\w*|deaktivier\w*|disattiv\w*|"
    r"desactiv\w*|desativ\w*|désactiv\w*)"
)
# The whole account: a subaccount ("sous-compte", "Unterkonto") is a part.
_ACCOUNT = (
    r"(?<!sous-)(?<!sub)(?<!sub-)(?<!unter)"
    r"(?:account|konto|conto|compte|cuenta|conta|contrat|contratto|contrato|vertrag|"
    r"abonnement|abbonamento|assinatura|suscripci[oó]n|everything|alles|tutto|tout|todo|tudo)"
)
_WHOLE = re.compile(
    rf"\b{_CANCEL}\b[^.\n]{{0,30}}\b{_ACCOUNT}\b|\b{_ACCOUNT}\b[^.\n]{{0,30}}\b{_CANCEL}\b",
    re.IGNORECASE,
)
# A part of the service.
_PART = re.compile(
    r"\b(?:licen[cs]es?|licenç\w*|licencias?|licenz\w*|\w*lizenz\w*|seats?|users?|"
    r"utilizador\w*|usuári\w*|usuari\w*|utent[ei]|utilisat\w*|\w*nutzer\w*|arbeitsplatz|"
    r"extensions?|extensão|extensões|extensi[oó]n\w*|intern[oi]|nebenstelle\w*|durchwahl\w*|"
    r"postes?|ramal|ramais|add-?ons?|componente aggiuntiv\w*|complementos?|zusatz\w*|"
    r"options?|opzion\w*|sub-?accounts?|sous-comptes?|subcontas?|subcuentas?|unterkont\w*)\b",
    re.IGNORECASE,
)
# Words a cancellation is likely written with; most mail has none and skips the patterns.
_WORDS = (
    "cancel", "clos", "terminat", "end", "kündig", "schließ", "auflös", "beend", "chiud",
    "disd", "cess", "fech", "encerr", "cerr", "cierr", "baja", "résili", "ferm", "clôtur",
    "annul", "deactivat", "deaktivier", "disattiv", "desactiv", "desativ", "désactiv",
)  # fmt: skip


def cancels_part(text: str) -> bool | None:
    """True where the customer cancels a part of the service and not the account; None where
    the text cancels the account or nothing."""
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):
        return None
    if _PART.search(text) is None:
        return None
    # "o cancelamento de três extensões da nossa conta" cancels extensions, not the account.
    if any(_PART.search(whole.group(0)) is None for whole in _WHOLE.finditer(text)):
        return None
    return True
