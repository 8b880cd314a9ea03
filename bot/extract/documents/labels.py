"""Values written after a label ("Account number: 8842-1190-07"), and the labels of each field.

A label counts only when a colon or "#" follows it (an optional "(BTN)"-style note may come
between), so running text such as "Customer Service Record" is never read as a field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

BUSINESS = (
    "business name", "company name", "customer name", "end user name", "end-user name",
    "account name", "name on account", "legal name", "bill to", "billed to", "customer",
)  # fmt: skip
AUTHORIZED = (
    "authorized signer", "authorised signer", "authorized name", "authorised name",
    "authorized person", "authorised person", "authorized user", "authorised user",
    "authorizing user", "authorized representative", "authorized contact", "printed name",
    "print name", "name of authorized person", "signer name", "signatory",
)  # fmt: skip
SIGNATURE = ("authorized signature", "authorised signature", "signature", "signed")
SERVICE_ADDRESS = (
    "service address", "service location", "installation address", "site address",
    "address of service", "service street", "street address",
)  # fmt: skip
ANY_ADDRESS = ("address",)
CITY = ("service city", "city", "town")
REGION = ("service state", "state", "province", "region")
POSTCODE = ("service zip", "zip code", "zip", "postal code", "postcode", "post code")
ACCOUNT = (
    "account number", "account no", "account #", "billing account number", "acct number",
    "acct no", "acct #", "ban", "account",
)  # fmt: skip
BTN = (
    "billing telephone number", "billing telephone", "billing phone number", "btn", "atn",
    "account telephone number", "main billing number", "main number", "billing number",
)  # fmt: skip
CARRIER = (
    "current carrier", "losing carrier", "current provider", "service provider", "carrier name",
    "carrier", "provider",
)  # fmt: skip

# Values that mean "left blank" on a printed form.
_BLANK = re.compile(r"^[\s_.\-\u2013]*$")
# A following line that finishes an address: "Springfield, IL 62704" or "London SW1A 1AA".
_ADDRESS_TAIL = re.compile(
    r"\b(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s*$", re.I
)
_LOOKS_LIKE_LABEL = re.compile(r"^[^:]{1,40}:")


@cache
def _pattern(label: str) -> re.Pattern[str]:
    words = r"[\s_]+".join(re.escape(word) for word in label.split())
    return re.compile(
        rf"^\W{{0,3}}{words}\s*(?:\([^)]{{0,40}}\))?\s*[:#]\s*(?P<value>.*?)\s*$", re.IGNORECASE
    )


def find_value(
    lines: Sequence[str],
    labels: Sequence[str],
    *,
    next_line: bool = True,
    address: bool = False,
) -> str | None:
    """The value of the first label (in the order given) found at the start of a line.

    An empty value is taken from the next line when `next_line` and that line is not a label
    itself; with `address`, a next line ending in a postcode is joined on ("12 High Street" +
    "Springfield, IL 62704").
    """
    for label in labels:
        pattern = _pattern(label)
        for index, line in enumerate(lines):
            match = pattern.match(line)
            if match is None:
                continue
            value = match.group("value").lstrip(":#. ").strip()
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if _BLANK.match(value):
                if not next_line or not following or _LOOKS_LIKE_LABEL.match(following):
                    continue
                value, following = (
                    following,
                    (lines[index + 2].strip() if index + 2 < len(lines) else ""),
                )
            if (
                address
                and following
                and not _LOOKS_LIKE_LABEL.match(following)
                and _ADDRESS_TAIL.search(following)
                and not _ADDRESS_TAIL.search(value)
            ):
                value = f"{value}, {following}"
            return value
    return None
