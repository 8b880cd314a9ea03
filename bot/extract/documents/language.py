"""The languages a document's running text is written in, by counting common words.

rejection.py reads a notice's reasons only in its own languages: folded, words of different
languages collide ("expiré" becomes the English "expire", the Italian "password" is English too).
"""

from __future__ import annotations

import re

from bot.extract.documents.folding import fold

LANGUAGES = ("en", "de", "it", "pt", "es", "fr")

# Short function words, folded; most belong to one of the six languages only.
_WORDS = {
    "en": "the and is was not with for of to has been your this are our",
    "de": "der die das und ist nicht mit fur wurde den dem ein eine ihre zu des wir",
    "it": "il di che per non un una della del sono stata stato gli alla nostro questa",
    "pt": "o os do da nao um uma foi em ao dos das pelo seu sua",
    "es": "el los las del por con un una ha sido se su al es esta nuestro",
    "fr": "le les des du un une est pas avec ete ne pour au votre vous nous",
}
_VOCABULARY = {language: frozenset(words.split()) for language, words in _WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+")
# A language counts when it has at least half the common words of the most used one: a
# one-line reason is enough, a stray foreign word in a long English notice is not.
_MIN_SHARE = 0.5


def written_in(text: str) -> tuple[str, ...]:
    """The languages of `text`, most used first; () when it has none of their common words."""
    tokens = [token.casefold() for token in _TOKEN.findall(fold(text))]
    counts = {
        language: sum(token in _VOCABULARY[language] for token in tokens) for language in LANGUAGES
    }
    most = max(counts.values())
    chosen = [
        language
        for language in LANGUAGES
        if counts[language] > 0 and counts[language] >= most * _MIN_SHARE
    ]
    return tuple(sorted(chosen, key=lambda language: -counts[language]))
