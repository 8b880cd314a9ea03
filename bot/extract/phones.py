"""Phone numbers in free text: phonenumbers' matcher at VALID leniency, normalised to E.164."""

from __future__ import annotations

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from bot.model import PhoneNumber

_TYPES = {
    PhoneNumberType.FIXED_LINE: "local",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    # The US and Canada do not tell fixed from mobile by number; only the customer can.
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "unknown",
    PhoneNumberType.UNKNOWN: "unknown",
}

# Country-code top-level domains whose region differs from the upper-cased TLD.
_TLD_REGIONS = {"uk": "GB"}


def region_for_domain(domain: str) -> str | None:
    """The region a sender's country-code domain suggests (example.co.uk -> GB), if any."""
    tld = domain.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha():
        return None
    region = _TLD_REGIONS.get(tld, tld.upper())
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def find_numbers(text: str, regions: tuple[str, ...], source: str) -> tuple[PhoneNumber, ...]:
    """Every valid number in `text`, trying each candidate region in order, merged by E.164."""
    found: dict[str, PhoneNumber] = {}
    for region in regions:
        for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            number = match.number
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in found:
                continue
            found[e164] = PhoneNumber(
                e164=e164,
                country=phonenumbers.region_code_for_number(number) or "",
                type=_TYPES.get(phonenumbers.number_type(number), "other"),
                source=source,
                raw=match.raw_string,
            )
    return tuple(found.values())
