"""Twilio Account SIDs: "AC" followed by 32 hexadecimal digits."""

from __future__ import annotations

import re

_ACCOUNT_SID = re.compile(r"\bAC[0-9a-fA-F]{32}\b")


def find_account_sids(text: str) -> tuple[str, ...]:
    """Distinct Account SIDs in order of appearance, hex lower-cased as Twilio writes them."""
    seen: list[str] = []
    for match in _ACCOUNT_SID.findall(text):
        sid = "AC" + match[2:].lower()
        if sid not in seen:
            seen.append(sid)
    return tuple(seen)
