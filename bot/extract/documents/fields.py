"""Fields an LOA, an invoice and a CSR share: names, address, account, BTN, carrier, date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.extract.documents import addresses, dates, labels
from bot.extract.phones import find_numbers
from bot.model import DocumentFacts, PhoneNumber

# Lines whose number is how to reach someone, not a number to port.
_CONTACT_LINE = re.compile(r"^\W*(contact|call[\s-]*back|fax|your\s+phone|reach\s+me)", re.I)


def read_common(
    facts: DocumentFacts,
    lines: Sequence[str],
    regions: tuple[str, ...],
    date_labels: Sequence[str],
) -> DocumentFacts:
    """`facts` with every shared field the labelled lines give; absent fields stay None."""
    written_date = labels.find_value(lines, date_labels)
    return replace(
        facts,
        business_name=_clean(labels.find_value(lines, labels.BUSINESS)),
        authorized_name=_clean(labels.find_value(lines, labels.AUTHORIZED)),
        service_address=addresses.service_address(lines, bare_address=facts.kind != "invoice"),
        account_number=_account(lines),
        btn=_btn(lines, regions, facts.filename),
        carrier=_clean(labels.find_value(lines, labels.CARRIER)),
        document_date=dates.parse_date(written_date) if written_date else None,
    )


def numbers_in(
    lines: Sequence[str], regions: tuple[str, ...], filename: str
) -> tuple[PhoneNumber, ...]:
    """Numbers the document lists, leaving out contact and fax lines."""
    text = "\n".join(line for line in lines if not _CONTACT_LINE.match(line))
    return find_numbers(text, regions, source=f"attachment:{filename}")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" ,;")
    return value or None


def _account(lines: Sequence[str]) -> str | None:
    """The account number as written; a value without digits is a name, not a number."""
    value = _clean(labels.find_value(lines, labels.ACCOUNT))
    return value if value and any(ch.isdigit() for ch in value) else None


def _btn(lines: Sequence[str], regions: tuple[str, ...], filename: str) -> str | None:
    """The BTN in E.164 when it parses, else as written."""
    value = _clean(labels.find_value(lines, labels.BTN))
    if not value:
        return None
    numbers = find_numbers(value, regions, source=f"attachment:{filename}")
    return numbers[0].e164 if numbers else value
