"""German letter casing: after "Guten Tag Frau Weber," the letter goes on in lower case
("vielen Dank …", "wir prüfen …"), while every later paragraph starts with a capital.

The locale's sentences cannot know where they land: "vielen Dank" opens one reply and is the
second paragraph of another (after an apology), and "Wir prüfen" opens a reply that has no
thanks. So the rendered draft is put right, knowing only the first word of each paragraph.
"""

from __future__ import annotations

import re

# Words that open a body in lower case. Nouns and the polite "Sie", "Ihr", "Ihre"… keep their
# capital wherever they stand, so they are not here.
_LOWER_CASE_WORDS = (
    "vielen", "danke", "wir", "es", "bitte", "leider", "gern", "gerne", "bevor", "sobald",
    "damit", "da", "um", "für", "nur", "auch", "dies", "diese", "dieser", "das", "der", "die",
    "den", "dem", "ein", "eine", "einen", "einem", "hier", "über", "unser", "unsere",
    "unseren", "unserem", "mit", "zu", "zur", "zum", "bei", "nach", "vor", "ab", "wenn",
    "falls", "sollten", "jede", "jeder", "jedes", "alle",
)  # fmt: skip
_LOWERED = frozenset(_LOWER_CASE_WORDS)
_TEXT_PARAGRAPH = re.compile(r"(?<=\n\n)([^\W\d_]+)")
_HTML_PARAGRAPH = re.compile(r"(?<=<p>)([^\W\d_]+)")


def german_letter_case(text: str, html: str) -> tuple[str, str]:
    """The draft's text and HTML with the paragraph after the greeting in lower case where its
    first word allows, and every other paragraph starting with a capital."""
    return _recase(_TEXT_PARAGRAPH, text), _recase(_HTML_PARAGRAPH, html)


def _recase(paragraph_start: re.Pattern[str], document: str) -> str:
    # The greeting is the first paragraph: its own start is not matched (nothing before it),
    # in the text; in the HTML it is the first <p>, skipped by counting.
    first_body = 1 if paragraph_start is _HTML_PARAGRAPH else 0
    seen = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal seen
        index, seen = seen, seen + 1
        word = match.group(1)
        if index < first_body:
            return word
        if index == first_body:
            return word[0].lower() + word[1:] if word.lower() in _LOWERED else word
        return word[0].upper() + word[1:]

    return paragraph_start.sub(fix, document)
