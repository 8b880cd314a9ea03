"""The language of the customer's text (en de it pt es fr) by counting common words."""

from __future__ import annotations

import re
from functools import lru_cache

_WORDS = {
    "en": "the and to is my we our you please number numbers would want need with for this thanks",
    "de": "und die der ich wir unsere bitte nummer nummern mit für ist nicht eine danke möchten",
    "it": "il la di che per vorrei nostro nostri numero numeri grazie sono una con della salve",
    "pt": "o os de que para não uma com nosso nossos número números obrigado gostaria você bom dia",
    "es": "el los de que para una con nuestro nuestros número números gracias quisiera hola por",
    "fr": "le les de des que pour une avec notre nos numéro numéros merci bonjour je vous est",
}
_VOCAB = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
SUPPORTED = tuple(_WORDS)


# The trained model and the phrase rules each ask about the same message's text.
@lru_cache(maxsize=64)
def detect_language(text: str) -> tuple[str, bool]:
    """(language, certain): English with certain=False when no supported language stands out."""
    tokens = [t.lower() for t in _TOKEN.findall(text)[:400]]
    if not tokens:
        return "en", False
    scores = {lang: sum(t in vocab for t in tokens) for lang, vocab in _VOCAB.items()}
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return "en", False
    return best, True
