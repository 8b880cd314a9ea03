"""A request to buy a new number ("Quero comprar um número novo de São Paulo"), which is not a
port: the model, seeing a city and "number", reads some of them as port-ins."""

from __future__ import annotations

import re

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


def asks_new_number(text: str) -> bool:
    """Whether the customer asks to buy a new number."""
    return _BUY_NEW.search(text) is not None
