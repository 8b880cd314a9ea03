"""Service addresses: one written line split into street, city, region and postcode, as North
American, British and continental European addresses write them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.documents import labels
from bot.model import PostalAddress

_COUNTRIES = {
    "usa", "us", "united states", "canada", "uk", "united kingdom", "gb",
    "deutschland", "germany", "italia", "italy", "portugal", "españa", "espana", "spain",
    "france", "österreich", "austria", "schweiz", "suisse", "svizzera", "belgique", "belgium",
}  # fmt: skip
# The last part of an address, most specific first. City may be empty when a comma preceded.
_TAILS = (
    # US: "Springfield, IL 62704" / "IL 62704-1234"
    re.compile(r"^(?P<city>.*?)\s*\b(?P<region>[A-Z]{2})\s+(?P<postcode>\d{5}(?:-\d{4})?)$"),
    # Canada: "Toronto, ON M5V 2T6"
    re.compile(r"^(?P<city>.*?)\s*\b(?P<region>[A-Z]{2})\s+(?P<postcode>[A-Z]\d[A-Z] ?\d[A-Z]\d)$"),
    # UK: "London SW1A 1AA"
    re.compile(r"^(?P<city>.*?)\s*\b(?P<postcode>[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$"),
    # Italy, with the province: "20121 Milano (MI)"
    re.compile(r"^(?P<postcode>\d{5})\s+(?P<city>.+?)\s*\((?P<region>[A-Z]{2})\)$"),
    # Continental Europe: "10115 Berlin"; Portugal: "1100-053 Lisboa"
    re.compile(r"^(?P<postcode>\d{4}-\d{3}|\d{4,5})\s+(?P<city>.+)$"),
    # A bare US ZIP: "Springfield 62704"
    re.compile(r"^(?P<city>.*?)\s*\b(?P<postcode>\d{5}(?:-\d{4})?)$"),
)


def parse_address(written: str) -> PostalAddress:
    """Split "12 High Street, Suite 4, Springfield, IL 62704" into its parts, as written."""
    parts = [" ".join(part.split()) for part in re.split(r"[,\n]", written)]
    parts = [part for part in parts if part]
    if not parts:
        return PostalAddress()
    country = ""
    if len(parts) > 1 and parts[-1].strip(" .").lower() in _COUNTRIES:
        country = parts.pop()
    street, rest = parts[0], parts[1:]
    city = region = postcode = ""
    if rest:
        for tail in _TAILS:
            match = tail.match(rest[-1])
            if match is None:
                continue
            found = match.groupdict()
            postcode, region = found["postcode"], found.get("region") or ""
            rest[-1] = found["city"].strip(" ,")
            break
        rest = [part for part in rest if part]
        if rest:
            city = rest.pop()
        if rest:
            street = ", ".join([street, *rest])
    return PostalAddress(
        street=street, city=city, postcode=postcode, region=region, country=country
    )


def service_address(
    lines: Sequence[str], *, bare_address: bool, languages: Sequence[str]
) -> PostalAddress | None:
    """The service address from its labelled line(s) and any City/State/ZIP lines, with the
    labels of `languages`.

    `bare_address` also accepts a plain "Address:" label ("Anschrift:", "Indirizzo:"...); on
    an invoice that is usually the billing address, which porting must not use.
    """
    written = labels.find_value(lines, labels.SERVICE_ADDRESS, address=True, languages=languages)
    if written is None and bare_address:
        written = labels.find_value(lines, labels.ANY_ADDRESS, address=True, languages=languages)
    parsed = parse_address(written) if written else PostalAddress()
    city = labels.find_value(lines, labels.CITY, next_line=False, languages=languages)
    region = labels.find_value(lines, labels.REGION, next_line=False, languages=languages)
    postcode = labels.find_value(lines, labels.POSTCODE, next_line=False, languages=languages)
    address = PostalAddress(
        street=parsed.street,
        city=parsed.city or city or "",
        postcode=parsed.postcode or postcode or "",
        region=parsed.region or region or "",
        country=parsed.country,
    )
    return address if address.one_line() else None
