"""Carrier and VoIP provider names customers mention (the gaining or losing provider)."""

from __future__ import annotations

import re
from functools import lru_cache

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
    # More carriers and VoIP providers by country, as customers name them. Names that are
    # ordinary words in one of our languages ("Claro", "Oi", "Vivo") are left out: a
    # capital at a sentence's start would make them providers.
    # US and Canada
    "Cricket",
    "Metro by T-Mobile",
    "Mint Mobile",
    "Google Fi",
    "Optimum",
    "Altice",
    "Charter",
    "Grasshopper",
    "Aircall",
    "GoTo Connect",
    "Microsoft Teams",
    "Webex",
    "Intermedia",
    "Broadvoice",
    "magicJack",
    "OpenPhone",
    "Lingo",
    "IntelePeer",
    "Eastlink",
    "Shaw",
    "Vidéotron",
    "Videotron",
    "Cogeco",
    "SaskTel",
    "Koodo",
    "Virgin Plus",
    # UK and Ireland
    "Gamma",
    "Plusnet",
    "Hyperoptic",
    "giffgaff",
    "Eir",
    # Germany, Austria, Switzerland
    "sipgate",
    "easybell",
    "Placetel",
    "NetCologne",
    "M-net",
    "Congstar",
    "Versatel",
    "freenet",
    "A1",
    "Magenta",
    "Sunrise",
    # France and Belgium
    "OVH",
    "OVHcloud",
    "Free Pro",
    "Keyyo",
    "Ringover",
    "Sosh",
    "Telenet",
    # Italy
    "Tiscali",
    "Eolo",
    "Messagenet",
    "VoipVoice",
    "PosteMobile",
    # Spain and Portugal
    "MásMóvil",
    "Yoigo",
    "Jazztel",
    "Pepephone",
    "Euskaltel",
    "Digi",
    "NOWO",
    # Australia, New Zealand, the Nordics, India
    "Telstra",
    "Optus",
    "TPG",
    "iiNet",
    "Aussie Broadband",
    "Spark",
    "2degrees",
    "One NZ",
    "Telia",
    "Telenor",
    "Airtel",
    # Netherlands, Latin America
    "Ziggo",
    "Odido",
    "Telcel",
    "Telmex",
    "Entel",
    "WOM",
)


# Short names that are also ordinary words count only when written with a capital.
WORDLIKE = {
    *("Free", "Three", "Sky", "Bell", "Orange", "Cox", "EE", "NOS", "Cricket", "Optimum"),
    *("Charter", "Lingo", "Shaw", "Gamma", "Magenta", "Sunrise", "Digi", "WOM", "Spark"),
}


# Names that, followed by another capitalised word, begin some other name: "Sunrise Tradelinks
# Inc." is a customer. ("Bell Canada" and "Orange Belgium" are the providers.)
_BEGINS_OTHER_NAMES = {"Sunrise"}
_LONGER_NAME = re.compile(r"\s+[A-Z][a-z]")


@lru_cache(maxsize=8)
def _pattern(extra: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    names = sorted({*KNOWN_PROVIDERS, *extra}, key=len, reverse=True)
    # The lookahead for the names' first characters rejects most positions with one test;
    # without it every name is tried at every position (it changes no match).
    firsts = "".join(sorted({re.escape(name[0]) for name in names if name}))
    pattern = re.compile(
        rf"(?<![\w&])(?=[{firsts}])(" + "|".join(re.escape(n) for n in names) + r")(?![\w&])",
        re.IGNORECASE,
    )
    return pattern, {name.lower(): name for name in names}


# The names that are common words at the start of an English sentence ("Free trial",
# "Charter schools"); "Orange nous dit…" and "Bell says…" are the carriers.
_SENTENCE_WORDS = {"Three", "Free", "Sky", "Spark", "Charter", "Optimum", "Lingo", "Sunrise"}


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"'«“(")
    return not before or before[-1] in ".!?:\n"


def find_provider(
    text: str, extra: tuple[str, ...] = (), own_names: tuple[str, ...] = ()
) -> str | None:
    """The first provider named that is not us, spelled as the list spells it.

    `extra` are the operator's additions (`[pipeline] extra_providers`).
    """
    pattern, canonical = _pattern(extra)
    ours = {name.lower() for name in own_names}
    for match in pattern.finditer(text):
        written = match.group(1)
        name = canonical.get(written.lower(), written)
        if name in WORDLIKE and (
            not written[0].isupper()
            # Shouted, "THREE MONTHS" and "FREE" are words; "EE" and "NOS" are written so.
            or (written.isupper() and not name.isupper())
            # "Nos deux numéros": an acronym only as an acronym.
            or (name.isupper() and not written.isupper())
            # "Three outages in a month": a word that starts a sentence is capitalised anyway.
            or (name in _SENTENCE_WORDS and _starts_sentence(text, match.start()))
            or (name in _BEGINS_OTHER_NAMES and _LONGER_NAME.match(text, match.end()))
        ):
            continue
        if name.lower() not in ours:
            return name
    return None


# A provider the list does not know, named where a provider is named: after "to", "chez",
# "zu"… and ending in a word carriers' names end in ("Tidewater Telecom", "Gulfcoast Voice",
# "Metro Link Mobile"), or one word ending so ("Fleuvetel", "Navigliotel").
_TELECOM_WORD = (
    r"(?:Telecom|Telekom|Telco|Tel|Telephone|Telefon|Voice|VoIP|Voip|Fiber|Fibre|Wireless|"
    r"Mobile|Mobil|Móvil|Connect|Communications|Comms|Networks?|Broadband|Cable|Net|Link)"
)
_UNLISTED = re.compile(
    r"(?:\b(?:to|from|with|chez|zu|von|bei|nach|a|à|para|para a|pela|verso|da|con|com|de)"
    r"|,) ((?:[A-Z][\w&'-]+ ){1,2}" + _TELECOM_WORD + r"|[A-Z][a-zà-ÿ]{2,}(?:tel|net|fon|com))\b"
    r"(?![ -][A-Z])"
)


# Words and places shaped like such names: "im Hotel", "from Neuchâtel", Brazil's regulator,
# Microsoft's calling feature.
_NOT_PROVIDERS = {
    "internet", "intranet", "extranet", "hotel", "motel", "planet", "cabinet", "magnet",
    "neuchâtel", "anatel", "operator connect",
}  # fmt: skip


def unlisted_provider(text: str, own_names: tuple[str, ...] = ()) -> str | None:
    """A provider the list does not know, named where a provider is named ("to Tidewater
    Telecom"); read only for the requests whose reply names the provider."""
    ours = {name.lower() for name in own_names}
    for match in _UNLISTED.finditer(text):
        name = match.group(1)
        if name.lower() not in ours and name.lower() not in _NOT_PROVIDERS:
            return name
    return None
