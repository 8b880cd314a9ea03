"""The customer's questions as written, each from the end of the sentence before it to its
question mark: read by the readers of questions beside the request (`side_questions.py`,
`common_questions.py`)."""

from __future__ import annotations

from functools import lru_cache

_STOPS = (".", "!", "?", "\n\n", ":\n")


def _stop_before(text: str, stop: str, end: int) -> int:
    """Where the last `stop` before `end` ends a sentence: not the dot of "k.morgan@…" or
    "z.B.", which no space follows."""
    at = text.rfind(stop, 0, end)
    while at != -1 and len(stop) == 1 and not text[at + 1 : at + 2].isspace():
        at = text.rfind(stop, 0, at)
    return at + len(stop) - 1 if at != -1 else -1


# Both readers ask about the same message's new text.
@lru_cache(maxsize=16)
def question_sentences(text: str) -> tuple[str, ...]:
    """Each question as written; only the text before each mark is read (splitting the whole
    text into sentences costs more)."""
    found: list[str] = []
    mark = text.find("?")
    while mark != -1:
        start = max(_stop_before(text, stop, mark) for stop in _STOPS) + 1
        # A hard-wrapped line goes on; a blank line ends the sentence.
        found.append(" ".join(text[start : mark + 1].split()))
        mark = text.find("?", mark + 1)
    return tuple(question for question in found if len(question) > 1)
