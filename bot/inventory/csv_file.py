"""Reads an inventory CSV into checked rows; every bad row is reported with its line and why.

Pure: text in, rows and errors out. The store (bot/store/inventory.py) seals and upserts them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from email.utils import parseaddr

import phonenumbers

REQUIRED = (
    "number_e164",
    "account_id",
    "company_name",
    "address_line",
    "city",
    "postcode",
    "country",
    "carrier",
    "authorized_emails",
    "migration_code",
    "cvp_code",
    "port_out_pin",
)
OPTIONAL = ("twilio_subaccount_sid",)
# Columns that must hold a value in every row; the others may be empty.
_NOT_EMPTY = ("number_e164", "account_id", "company_name", "country", "authorized_emails")

_SID = re.compile(r"^AC[0-9a-f]{32}$")
_CVP = re.compile(r"^\d{12}$")
# The Italian codice di migrazione: operator code, then the line's own code (10 to 20 characters).
_MIGRATION = re.compile(r"^[A-Z0-9]{10,20}$")
_PIN = re.compile(r"^[0-9A-Za-z]{4,15}$")
_ADDRESS = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+$")


@dataclass(frozen=True, slots=True)
class InventoryRow:
    """One checked row, values as the provider gave them (normalised, not yet sealed)."""

    line: int
    number_e164: str
    account_id: str
    company_name: str
    address_line: str
    city: str
    postcode: str
    country: str
    carrier: str
    authorized_emails: tuple[str, ...]
    migration_code: str | None
    cvp_code: str | None
    port_out_pin: str | None
    twilio_subaccount_sid: str | None

    def canonical(self) -> str:
        """Every value in a fixed order: equal rows give equal fingerprints."""
        values = [
            self.number_e164,
            self.account_id,
            self.company_name,
            self.address_line,
            self.city,
            self.postcode,
            self.country,
            self.carrier,
            ";".join(self.authorized_emails),
            self.migration_code or "",
            self.cvp_code or "",
            self.port_out_pin or "",
            self.twilio_subaccount_sid or "",
        ]
        return "\x1f".join(values)


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    reason: str


class InventoryFileError(ValueError):
    """The file as a whole cannot be read (no header, a missing column)."""


def read_inventory(text: str) -> tuple[tuple[InventoryRow, ...], tuple[RowError, ...]]:
    """The good rows and one error per bad row; a later row for the same number is refused."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise InventoryFileError("the file is empty: the first line must name the columns")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InventoryFileError(f"line 1: missing columns: {', '.join(missing)}")
    unknown = [name for name in header if name not in REQUIRED and name not in OPTIONAL]
    if unknown:
        raise InventoryFileError(f"line 1: unknown columns: {', '.join(unknown)}")
    rows: list[InventoryRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for values in reader:
        # The reader's line_num is the physical line of the row's end (quoted fields may span).
        line = reader.line_num
        clean = {(k or "").strip(): (v or "").strip() for k, v in values.items() if k is not None}
        if not any(clean.values()):
            continue
        if None in values:
            errors.append(RowError(line, "more values than columns"))
            continue
        try:
            row = _row(line, clean)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if row.number_e164 in seen:
            errors.append(
                RowError(line, f"{row.number_e164} is already on line {seen[row.number_e164]}")
            )
            continue
        seen[row.number_e164] = line
        rows.append(row)
    return tuple(rows), tuple(errors)


def _row(line: int, values: dict[str, str]) -> InventoryRow:
    for name in _NOT_EMPTY:
        if not values.get(name):
            raise ValueError(f"{name} is empty")
    country = values["country"].upper()
    if len(country) != 2 or not country.isalpha():
        raise ValueError(f"country {values['country']!r} is not a two-letter ISO code")
    number = e164_of(values["number_e164"], country)
    emails = _emails(values["authorized_emails"])
    migration = _optional(
        values.get("migration_code", ""),
        _MIGRATION,
        "migration_code",
        "10 to 20 letters and digits",
        upper=True,
    )
    cvp = _optional(values.get("cvp_code", "").replace(" ", ""), _CVP, "cvp_code", "12 digits")
    pin = _optional(
        values.get("port_out_pin", ""),
        _PIN,
        "port_out_pin",
        "4 to 15 letters or digits",
        secret=True,
    )
    sid = _optional(
        values.get("twilio_subaccount_sid", ""),
        _SID,
        "twilio_subaccount_sid",
        "AC and 32 lower-case hexadecimal digits",
    )
    if migration and country != "IT":
        raise ValueError(f"migration_code is for Italian numbers, this one is {country}")
    if cvp and country != "PT":
        raise ValueError(f"cvp_code is for Portuguese numbers, this one is {country}")
    return InventoryRow(
        line=line,
        number_e164=number,
        account_id=values["account_id"],
        company_name=values["company_name"],
        address_line=values.get("address_line", ""),
        city=values.get("city", ""),
        postcode=values.get("postcode", ""),
        country=country,
        carrier=values.get("carrier", ""),
        authorized_emails=emails,
        migration_code=migration,
        cvp_code=cvp,
        port_out_pin=pin,
        twilio_subaccount_sid=sid,
    )


def e164_of(value: str, country: str) -> str:
    """The number in E.164; raises ValueError unless it is a possible number of `country`."""
    try:
        parsed = phonenumbers.parse(value, None if value.startswith("+") else country)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"number_e164 {value!r} is not a phone number ({exc})") from None
    if not phonenumbers.is_possible_number(parsed):
        raise ValueError(f"number_e164 {value!r} has the wrong length for its country")
    if parsed.country_code != phonenumbers.country_code_for_region(country):
        raise ValueError(f"number_e164 {value!r} is not a {country} number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _emails(value: str) -> tuple[str, ...]:
    emails: list[str] = []
    for part in value.split(";"):
        if not part.strip():
            continue
        _name, address = parseaddr(part.strip())
        address = address.lower()
        if not _ADDRESS.match(address):
            raise ValueError(f"authorized_emails: {part.strip()!r} is not an email address")
        emails.append(address)
    if not emails:
        raise ValueError("authorized_emails is empty")
    return tuple(dict.fromkeys(emails))


def _optional(
    value: str,
    pattern: re.Pattern[str],
    name: str,
    shape: str,
    *,
    upper: bool = False,
    secret: bool = False,
) -> str | None:
    if not value:
        return None
    value = value.upper() if upper else value
    if not pattern.match(value):
        # A PIN is never echoed, not even a wrong one, into a terminal or a log.
        shown = f"({len(value)} characters)" if secret else repr(value)
        raise ValueError(f"{name} {shown} must be {shape}")
    return value
