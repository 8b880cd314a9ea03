"""An address written without its postcode ("120 Example Avenue, Toronto ON"): not one we can
register, but the reply can name it and ask for exactly the part that is missing.

Read only where no complete address was found (`postal.postal_address`), for a records update.
"""

from __future__ import annotations

import re

# A street with its number first and its kind ("120 Example Avenue", "2100 N Federal Hwy"),
# an optional unit, then a city and an optional state or province: the North American form.
_KIND = (
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Lane|Ln|Way|Ct|Court|Pl|Place|"
    r"Pkwy|Parkway|Hwy|Highway|Ter|Terrace|Cir|Circle|Sq|Square|Trl|Trail)"
)
_UNIT_WORD = r"(?:Suite|Ste|Unit|Apt|Floor|Fl|Building|Bldg)"
_UNIT = rf"(?:,?\s*(?:{_UNIT_WORD}|#)\.?\s*[\w-]{{1,6}})"
_STATE = r"(?:,?\s+[A-Z]{2}|\s*\((?:Québec|Quebec|Ontario)\))"
_NORTH_AMERICAN = re.compile(
    rf"(?<![\w-])([1-9]\d{{0,5}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){{0,4}}{_KIND}\.?"
    rf"{_UNIT}?,\s*(?:à\s+)?(?!{_UNIT_WORD}\b)(?:St\.\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){{0,2}}"
    rf"{_STATE}?)"
    # Not where a postcode follows: that address is whole, and read elsewhere.
    r"(?![\w-]|,?\s+[A-Z]\d[A-Z]|,?\s+\d{5}|,?\s+[A-Z]{2},?\s+\d{5})"
)
# "Via Esempio 14, Milano", "Musterstraße 12, München", "Rua Exemplo 45, Lisboa": a European
# street and number, then a city, with no postcode between them.
_LEADS = (
    r"(?:Via|Viale|Corso|Piazza|Rua|Avenida|Av\.|Calle|Avda\.|Paseo|Plaza|Rue|Avenue|Boulevard|"
    r"Chemin|Quai|Place)"
)
_EUROPEAN = re.compile(
    rf"(?<![\w-])((?:{_LEADS}\s+(?:[\w'.-]+\s+){{0,4}}?\d{{1,4}}\w?|[A-ZÄÖÜ][\wäöüß-]*"
    rf"(?:straße|strasse|weg|platz|allee|gasse|ring|damm)\s+\d{{1,4}}\w?),\s*"
    r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})(?![\w-]|\s*\d)"
)


# "900, rue de l'Exemple, bureau 200, à Saint-Hyacinthe": Quebec's number-first street.
_FRENCH = re.compile(
    r"(?<![\w-])([1-9]\d{0,4},?\s+(?:rue|avenue|boulevard|boul\.|chemin|place|quai|allée|"
    r"route|rang|montée)\s+[^,\n]{2,40}(?:,\s*(?:bureau|app\.?|appartement|local|suite)\s*"
    r"[\w-]{1,6})?,\s*(?:à\s+)?[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){0,2})"
    r"(?![\w-]|\s*\(|,?\s+[A-Z]\d[A-Z])"
)


def partial_address(text: str) -> str | None:
    """The address as written, where it has a street and a city but no postcode."""
    for pattern in (_NORTH_AMERICAN, _EUROPEAN, _FRENCH):
        if match := pattern.search(text):
            return match.group(1).strip()
    return None
