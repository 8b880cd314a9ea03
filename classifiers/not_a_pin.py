"""Messages that say they do not need a PIN, though the model read a PIN request: the subject
still says "Demande de NIP" or "Pedido de PIN", and the text takes it back ("Finalement mon
nouveau fournisseur n'a pas besoin du NIP", "Afinal não precisei do PIN", "I don't want the
PIN, I want the CSR"). In the corpus, 19 messages say so; none is labelled a PIN request.
"""

from __future__ import annotations

import re

_PIN = (
    r"(?:the |a |any |du |le |de |el |il |o |um |un |una |eine |keine |kein )?"
    r"(?:port(?:-out)? |transfer |portierungs-?)?(?:pin|nip|passcode)\b"
)
_PIN_NOT_WANTED = re.compile(
    rf"\b(?:do(?:es)?n'?t|do(?:es)? not|no longer|won'?t|didn'?t|did not) (?:need|require|want)\w* "
    rf"{_PIN}"
    r"|\bn'(?:a|ai|avons|ont) (?:pas|plus) besoin (?:du|de|d'un|d'une) (?:nip|pin|code)\b"
    r"|\bbrauch\w* keine (?:portierungs-?)?pin\b|\bbrauch\w* die (?:portierungs-?)?pin nicht\b"
    r"|\bnon (?:ci |gli |mi )?serve (?:più )?(?:il|un) pin\b"
    r"|\bnon (?:abbiamo|ho) (?:più )?bisogno del pin\b"
    r"|\bno (?:necesit\w+|hace falta) (?:el |un |ningún )?pin\b"
    r"|\bya no (?:necesit\w+|hace falta) (?:el )?pin\b"
    r"|\bnão (?:precis\w+|é preciso) (?:d[oe] |o |um )?pin\b|\bjá não precis\w+ (?:d[oe] )?pin\b",
    re.IGNORECASE,
)


def pin_not_wanted(text: str) -> bool:
    """Whether the customer says they do not (or no longer) need a port-out PIN."""
    return _PIN_NOT_WANTED.search(text) is not None
