"""Countries the customer names ("UK", "Germany", "Italia", a capital), as phone-number regions,
and which regions write numeric dates month first."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Only the US and Canada write 03/04/2026 for March 4; everywhere else it is 3 April.
MONTH_FIRST_REGIONS = frozenset({"US", "CA"})

# In the six languages we answer in; cities only where a customer names them instead of the country.
_NAMES: dict[str, tuple[str, ...]] = {
    "GB": (
        "uk",
        "u.k.",
        "united kingdom",
        "great britain",
        "england",
        "scotland",
        "wales",
        "london",
        "londra",
        "londres",
        "vereinigtes königreich",
        "regno unito",
        "reino unido",
        "royaume-uni",
        # "i nostri numeri britannici", "la ligne londonienne": adjectives that are no
        # language's name ("English", "inglese" are, and say nothing of the numbers).
        "british",
        "britisch",
        "britische",
        "britischen",
        "britischer",
        "britannique",
        "britanniques",
        "britannico",
        "britannica",
        "britannici",
        "britanniche",
        "británico",
        "británica",
        "británicos",
        "británicas",
        "britânico",
        "britânica",
        "britânicos",
        "britânicas",
        "londinese",
        "londinesi",
        "londonien",
        "londonienne",
        "londoniens",
        "londoniennes",
        "londinense",
        "londinenses",
        "londrino",
        "londrina",
        "londoner",
    ),
    "DE": (
        "germany",
        "deutschland",
        "alemanha",
        "alemania",
        "germania",
        "allemagne",
        "münchen",
        "munich",
        "berlin",
        "hamburg",
    ),
    "IT": ("italy", "italia", "italien", "itália", "italie", "milano", "milan", "roma", "rome"),
    "PT": ("portugal", "lisboa", "lisbon", "porto"),
    "ES": ("spain", "españa", "espanha", "spanien", "spagna", "espagne", "madrid", "barcelona"),
    "FR": ("france", "frankreich", "francia", "frança", "paris"),
    "IE": ("ireland", "irland", "irlanda", "irlande", "dublin"),
    "NL": ("netherlands", "nederland", "niederlande", "amsterdam"),
    "CA": ("canada", "kanada", "canadá", "toronto", "montréal", "montreal", "vancouver"),
    "US": ("usa", "u.s.", "united states", "estados unidos", "vereinigte staaten"),
}
# The lookahead for the names' first letters rejects most positions with one test; without
# it each of the hundred names is tried at every position (it changes no match).
_FIRST_LETTERS = "".join(sorted({name[0] for names in _NAMES.values() for name in names}))
_PATTERN = re.compile(
    rf"(?<![\w.])(?=[{re.escape(_FIRST_LETTERS)}])("
    + "|".join(re.escape(name) for names in _NAMES.values() for name in names)
    + r")(?![\w])",
    re.IGNORECASE,
)
_REGION_OF = {name: region for region, names in _NAMES.items() for name in names}


def regions_named(text: str) -> tuple[str, ...]:
    """Regions named in `text`, most mentioned first."""
    counts: dict[str, int] = {}
    for match in _PATTERN.finditer(text):
        region = _REGION_OF[match.group(1).lower()]
        counts[region] = counts.get(region, 0) + 1
    return tuple(sorted(counts, key=lambda region: -counts[region]))


def writes_month_first(regions: Sequence[str]) -> bool:
    """Whether numeric dates are month first: only when the first region (the one numbers
    without a country code are read in) is the US or Canada. Day first otherwise."""
    return bool(regions) and regions[0] in MONTH_FIRST_REGIONS
