"""A pattern read only on mail that holds one of its words: most mail holds none, and a
pattern tried at every position of every message costs more than looking for the words."""

from __future__ import annotations

import re


def says(text: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool | None:
    """True where the lower-cased `text` matches `pattern`; only text holding one of `words`,
    which every match contains, is matched at all. None where it does not match."""
    lowered = text.lower()
    if not any(word in lowered for word in words):
        return None
    return True if pattern.search(lowered) else None
