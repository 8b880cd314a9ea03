"""Small words the locale files do not carry: number-type labels, reply-subject prefixes and
country names."""

from __future__ import annotations

import phonenumbers
from phonenumbers import geocoder

from bot.model import PhoneNumber

NUMBER_TYPES: dict[str, dict[str, str]] = {
    "en": {"local": "local", "mobile": "mobile", "toll_free": "toll-free"},
    "de": {"local": "Festnetz", "mobile": "Mobilfunk", "toll_free": "gebührenfrei"},
    "it": {"local": "fisso", "mobile": "mobile", "toll_free": "numero verde"},
    "pt": {"local": "fixo", "mobile": "móvel", "toll_free": "gratuito"},
    "pt-BR": {"local": "fixo", "mobile": "celular", "toll_free": "gratuito"},
    "es": {"local": "fijo", "mobile": "móvil", "toll_free": "gratuito"},
    "fr": {"local": "fixe", "mobile": "mobile", "toll_free": "numéro vert"},
}

# Reply prefixes in the languages we answer in, stripped before ours is added.
SUBJECT_PREFIXES = ("re:", "aw:", "fwd:", "fw:", "wg:", "r:", "i:", "rv:", "tr:", "enc:", "res:")


def country_names(numbers: tuple[PhoneNumber, ...], language: str) -> str:
    """The numbers' countries named in the reply's language ("Italia", not "IT")."""
    first_of_each = {n.country: n.e164 for n in reversed(numbers) if n.country}
    # The geocoder names countries per language, not per regional variant ("pt-BR").
    base = language.split("-", 1)[0]
    names = (
        geocoder.country_name_for_number(phonenumbers.parse(e164), base) or country
        for country, e164 in sorted(first_of_each.items())
    )
    return ", ".join(names)
