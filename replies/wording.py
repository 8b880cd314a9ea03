"""Small words the locale files do not carry: number-type labels and reply-subject prefixes."""

from __future__ import annotations

NUMBER_TYPES: dict[str, dict[str, str]] = {
    "en": {"local": "local", "mobile": "mobile", "toll_free": "toll-free"},
    "de": {"local": "Festnetz", "mobile": "Mobilfunk", "toll_free": "gebührenfrei"},
    "it": {"local": "fisso", "mobile": "mobile", "toll_free": "numero verde"},
    "pt": {"local": "fixo", "mobile": "móvel", "toll_free": "gratuito"},
    "es": {"local": "fijo", "mobile": "móvil", "toll_free": "gratuito"},
    "fr": {"local": "fixe", "mobile": "mobile", "toll_free": "numéro vert"},
}

# Reply prefixes in the languages we answer in, stripped before ours is added.
SUBJECT_PREFIXES = ("re:", "aw:", "fwd:", "fw:", "wg:", "r:", "i:", "rv:", "tr:", "enc:", "res:")
