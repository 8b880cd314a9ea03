"""A company name and a postal address when the customer writes one in the mail."""

from __future__ import annotations

import re

from bot.model import PostalAddress

_COMPANY_LABEL = re.compile(
    r"\b(?:company|business|legal|firm)\s*name\s*(?:is|:|=)\s*([^\n,;]{2,80})", re.IGNORECASE
)
# "our legal name changed from Old Co to New Co, and ...": the new name.
_COMPANY_CHANGED = re.compile(
    r"\bname\b[^.\n]{0,30}?\bchanged\s+from\s+[^\n]{2,80}?\s+to\s+([^\n,;]{2,80}?)"
    r"(?=[,;\n]|\.(?:\s|$)|\s+(?:and|effective|with effect|as of)\b|$)",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(
    r"\b([A-Z][\w&'.-]*(?:\s+[A-Z&][\w&'.-]*){0,5}\s+(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|"
    r"GmbH|PartG(?: mbB)?|S\.r\.l\.|SRL|S\.p\.A\.|Lda\.?|S\.L\.|SARL|SAS|Corp\.?|Co\.))"
    r"(?=[\s,.;)]|$)"
)
_ADDRESS_LABEL = re.compile(
    r"\b(?:service\s+)?(?:address|adresse|anschrift|indirizzo|endereço|morada|dirección|direccion)"
    r"\s*(?:is|:|=)?\s*([^\n]{6,120})",
    re.IGNORECASE,
)
# "12 High Street, Springfield, IL 62704", "Beispielstraße 12, 80331 München", UK postcodes.
# The comma before the state is often left out ("Buffalo NY 14201").
# A unit may follow the street ("780 Example Boulevard, Suite 110, Portland, OR 97209").
_US_LINE = re.compile(
    r"(\d{1,6}\s+[\w .'-]{2,60}?(?:,\s*(?i:suite|ste\.?|unit|apt\.?|floor|fl\.?|#)\s*[\w-]+)?),"
    r"\s*([A-Za-z .'-]{2,40}?),?\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)"
)
# An address written on two or three lines, read as one: only when a line begins the way an
# address's last line does (city, state and ZIP; postcode and city; city and UK postcode).
_LINE_BREAK = re.compile(r"[ \t]*(?<!\n)\n(?!\n)[ \t]*")
_LAST_LINE = re.compile(
    r"\n[ \t]*(?:[A-Za-z .'-]{2,40},?\s+[A-Z]{2}\s+\d{5}|\d{4,5}\s+[^\W\d_]"
    r"|[A-Za-z .'-]{2,40}\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})"
)
_CITY = r"([^\W\d_][\w'-]*(?:[ ][^\W\d_][\w'-]*){0,3})"
_EU_LINE = re.compile(r"([\w .'-]{3,60}?\s\d{1,5}\w?),\s*(\d{4,5}(?:-\d{3})?)\s+" + _CITY)
_UK_LINE = re.compile(
    r"(\d{1,5}\s+[\w .'-]{2,60}?),\s*([A-Za-z .'-]{2,40}?)\s+([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b"
)


# What each line pattern must contain: its state and ZIP, its postcode and city, its postcode.
# Where that is missing the full pattern cannot match, and its lazy repeats, tried at every
# position of the text, were most of the time spent on a message.
_NEEDS = (
    (re.compile(r"[A-Z]{2}\s+\d{5}"), "us"),
    (re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"), "uk"),
    (re.compile(r",\s*\d{4}"), "eu"),
)


def company_name(text: str) -> str | None:
    labelled = _COMPANY_LABEL.search(text) or _COMPANY_CHANGED.search(text)
    if labelled:
        return labelled.group(1).strip(" .\"'“”«»")
    suffixed = _COMPANY_SUFFIX.search(text)
    return suffixed.group(1).strip() if suffixed else None


def postal_address(text: str) -> PostalAddress | None:
    labelled = _ADDRESS_LABEL.search(text)
    candidates = [labelled.group(1)] if labelled else []
    candidates.append(text)
    if _LAST_LINE.search(text):
        candidates.append(_LINE_BREAK.sub(", ", text))
    for candidate in candidates:
        possible = {kind for needed, kind in _NEEDS if needed.search(candidate)}
        if "us" in possible and (match := _US_LINE.search(candidate)):
            return PostalAddress(match[1].strip(), match[2].strip(), match[4], match[3])
        if "uk" in possible and (match := _UK_LINE.search(candidate)):
            return PostalAddress(match[1].strip(), match[2].strip(), match[3].upper(), "", "GB")
        if "eu" in possible and (match := _EU_LINE.search(candidate)):
            return PostalAddress(match[1].strip(), match[3].strip(), match[2])
    return None
