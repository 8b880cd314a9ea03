"""Impersonation signs: a domain that imitates an authorised one, a display name that lies."""

from __future__ import annotations

import contextlib
import unicodedata
from difflib import SequenceMatcher

# Characters and pairs that read as others at a glance (a short list of the classic tricks).
_CONFUSABLE = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("|", "l"), ("5", "s"))
_SIMILAR_ABOVE = 0.8


def skeleton(domain: str) -> str:
    """A domain reduced to what a reader sees: IDNA decoded, accents and look-alikes folded."""
    text = domain.lower().strip(".")
    with contextlib.suppress(UnicodeError, ValueError):
        text = text.encode("ascii").decode("idna")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for seen, meant in _CONFUSABLE:
        text = text.replace(seen, meant)
    return text.replace("-", "").replace("_", "")


def imitates(domain: str, genuine: str) -> bool:
    """Whether `domain` is not `genuine` but looks like it (acme-example.com, acrne.example)."""
    domain, genuine = domain.lower().strip("."), genuine.lower().strip(".")
    if not domain or domain == genuine or domain.endswith("." + genuine):
        return False
    seen, meant = skeleton(domain), skeleton(genuine)
    if seen == meant:
        return True
    # The genuine name's first label inside another domain: acme.example -> acme-example.net.
    label = genuine.split(".")[0]
    if len(label) >= 4 and label in seen:
        return True
    return SequenceMatcher(None, seen, meant).ratio() >= _SIMILAR_ABOVE


def display_name_tricks(name: str, address: str, authorised: tuple[str, ...]) -> str | None:
    """Why a display name misleads: it carries another address, or an authorised one's name."""
    text = name.strip().strip('"').lower()
    if not text:
        return None
    if "@" in text:
        shown = text.split()[-1].strip("<>()[]'\"")
        if shown != address.lower() and "@" in shown:
            return f"the display name shows the address {shown}, the mail comes from {address}"
    for genuine in authorised:
        if genuine.lower() in text and genuine.lower() != address.lower():
            return f"the display name names {genuine}, the mail comes from {address}"
    return None
