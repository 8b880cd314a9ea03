"""Messages that say they are no port, though the model read one: the customer says so outright
("Nessuna portabilità, restiamo da voi", "keine Portierung", "we're not porting anything"),
usually under a subject that says it is one; or asks to buy a new number ("Quero comprar um
número novo de São Paulo"), where the model, seeing a city and "number", reads a port-in.
Transfers between Twilio accounts are left out of the first: customers rightly call them "no
port".
"""

from __future__ import annotations

import re

_NOT_A_PORT = re.compile(
    r"\b(?:not|no|isn't|nothing)\s+(?:a\s+|to\s+)?port(?:ing)?\b(?!\s*(?:pin|out pin))"
    r"|\bwe(?:'re| are) not port|\bkeine\s+(?:portierung|rufnummernmitnahme)"
    r"|\bnessuna\s+portabilità|\bnon\s+(?:è\s+una\s+|vogliamo\s+(?:fare\s+)?(?:la\s+)?)portabilità"
    r"|\bnão\s+(?:é|queremos)\s+(?:(?:uma|a)\s+)?portabilidade"
    r"|\bno\s+(?:es\s+(?:una\s+)?|queremos\s+)portabilidad|\bno\s+queremos\s+portar"
    r"|\bce\s+n'est\s+pas\s+une\s+portabilité|\bpas\s+(?:de|une)\s+portabilité",
    re.IGNORECASE,
)
# A verb of buying before "new number", or a number said to be new after it, six languages.
_BUY_NEW = re.compile(
    r"\b(?:buy|purchase|order|add|get|kauf\w*|bestell\w*|achet\w*|commander|compra\w*|"
    r"acquist\w*|adquirir|contrat\w*)\b[^.\n?]{0,30}\b(?:new|additional|extra|second|neue\w*|"
    r"zusätzlich\w*|nouveaux?|nouvelles?|nuov[oi]|nuev[oa]s?|nov[oa]s?)\b[^.\n?]{0,15}"
    r"\b(?:numbers?|nummer\w*|rufnummer\w*|numéros?|numer[oi]|números?)\b"
    r"|\b(?:buy|purchase|order|kauf\w*|achet\w*|compra\w*|acquist\w*|adquirir)\b[^.\n?]{0,20}"
    r"\b(?:numbers?|nummer\w*|numéros?|numer[oi]|números?)\b[^.\n?]{0,6}"
    r"\b(?:nov[oa]s?|nuev[oa]s?|nuov[oi])\b",
    re.IGNORECASE,
)


def says_not_a_port(text: str) -> bool:
    """Whether the customer says the request is not a port."""
    return _NOT_A_PORT.search(text) is not None


def asks_new_number(text: str) -> bool:
    """Whether the customer asks to buy a new number."""
    return _BUY_NEW.search(text) is not None
