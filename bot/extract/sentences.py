"""A text split into sentences the way a customer's mail has them: after . ! ? and at line
breaks (a line in mail is often a sentence without its full stop)."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text)
