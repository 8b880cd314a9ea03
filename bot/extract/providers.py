"""Carrier and VoIP provider names customers mention (the gaining or losing provider)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Common US/CA and European carriers and VoIP providers; operators extend it in config.
KNOWN_PROVIDERS = (
    "AT&T",
    "Verizon",
    "T-Mobile",
    "Sprint",
    "US Cellular",
    "Comcast",
    "Xfinity",
    "Spectrum",
    "Cox",
    "CenturyLink",
    "Lumen",
    "Frontier",
    "Windstream",
    "Consolidated",
    "Google Voice",
    "RingCentral",
    "Vonage",
    "8x8",
    "Dialpad",
    "Nextiva",
    "Ooma",
    "Zoom Phone",
    "Bandwidth",
    "Telnyx",
    "Plivo",
    "Sinch",
    "Twilio",
    "Rogers",
    "Bell",
    "Telus",
    "Fido",
    "Freedom Mobile",
    "BT",
    "Vodafone",
    "O2",
    "EE",
    "Three",
    "Sky",
    "TalkTalk",
    "Virgin Media",
    "Telekom",
    "Deutsche Telekom",
    "1&1",
    "Telefónica",
    "Movistar",
    "Orange",
    "SFR",
    "Bouygues",
    "Free",
    "TIM",
    "WindTre",
    "Fastweb",
    "Iliad",
    "MEO",
    "NOS",
    "KPN",
    "Swisscom",
    "Proximus",
)


def provider_pattern(extra: Iterable[str] = ()) -> re.Pattern[str]:
    names = sorted({*KNOWN_PROVIDERS, *extra}, key=len, reverse=True)
    return re.compile(
        r"(?<![\w&])(" + "|".join(re.escape(n) for n in names) + r")(?![\w&])", re.IGNORECASE
    )


_DEFAULT = provider_pattern()
_CANONICAL = {name.lower(): name for name in KNOWN_PROVIDERS}


def find_provider(text: str, own_names: tuple[str, ...] = ()) -> str | None:
    """The first provider named that is not us (as the configured list spells it)."""
    ours = {name.lower() for name in own_names}
    for match in _DEFAULT.finditer(text):
        name = _CANONICAL.get(match.group(1).lower(), match.group(1))
        # Short names that are also words ("Free", "Three", "Sky", "Bell") need a capital.
        if (
            name in {"Free", "Three", "Sky", "Bell", "Orange", "Cox"}
            and not match.group(1)[0].isupper()
        ):
            continue
        if name.lower() not in ours:
            return name
    return None
