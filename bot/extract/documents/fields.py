"""Fields an LOA, an invoice and a CSR share: names, address, account, BTN, carrier, date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.extract.documents import addresses, dates, labels
from bot.extract.documents.folding import fold
from bot.extract.phones import find_numbers
from bot.extract.regions import writes_month_first
from bot.model import DocumentFacts, PhoneNumber

# Lines whose number is how to reach someone, not a number to port (matched without accents).
_CONTACT_LINE = re.compile(
    r"^\W*(contact|call[\s-]*back|fax|your\s+phone|reach\s+me|"
    r"kontakt|ruckruf|ansprechpartner|recapito|contatt|contacto|contato|joignable|"
    r"(telefono|telefone|telephone|numero)\s+(de|di)\s+conta[ct]t)",
    re.I,
)

# Dates (03.04.2026, 03/04/2026, 2026-04-03) and amounts (42,00 €, $42.00) are blanked out
# before numbers are looked for: German numbers vary in length, so "03.04.2026" is a valid
# Berlin number, and a bill's "030 000 000 12 42,00 €" would run on into its amount.
_NOT_A_NUMBER = re.compile(
    r"\b(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{1,2}-\d{1,2})\b|"
    r"[€$£][ \u00a0]?\d[\d.,]*|\b\d+([.,]\d{3})*[.,]\d{2}[ \u00a0]?(€|EUR\b|CHF\b)"
)


def read_common(
    facts: DocumentFacts,
    lines: Sequence[str],
    regions: tuple[str, ...],
    date_field: labels.Field,
) -> DocumentFacts:
    """`facts` with every shared field the labelled lines give; absent fields stay None."""
    languages = labels.languages_of(lines)
    written_date = labels.find_value(lines, date_field, languages=languages)
    month_first = writes_month_first(regions)
    return replace(
        facts,
        business_name=_clean(labels.find_value(lines, labels.BUSINESS, languages=languages)),
        authorized_name=_clean(labels.find_value(lines, labels.AUTHORIZED, languages=languages)),
        service_address=addresses.service_address(
            lines, bare_address=facts.kind != "invoice", languages=languages
        ),
        account_number=_account(lines, languages),
        btn=_btn(lines, regions, facts.filename, languages),
        carrier=_clean(labels.find_value(lines, labels.CARRIER, languages=languages)),
        document_date=(
            dates.parse_date(written_date, month_first=month_first) if written_date else None
        ),
    )


def numbers_in(
    lines: Sequence[str], regions: tuple[str, ...], filename: str
) -> tuple[PhoneNumber, ...]:
    """Numbers the document lists, leaving out contact and fax lines, dates and amounts."""
    text = "\n".join(line for line in lines if not _CONTACT_LINE.match(fold(line)))
    text = _NOT_A_NUMBER.sub(lambda found: " " * len(found.group()), text)
    return find_numbers(text, regions, source=f"attachment:{filename}")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" ,;")
    return value or None


def _account(lines: Sequence[str], languages: Sequence[str]) -> str | None:
    """The account number as written; a value without digits is a name, not a number."""
    value = _clean(labels.find_value(lines, labels.ACCOUNT, languages=languages))
    return value if value and any(ch.isdigit() for ch in value) else None


def _btn(
    lines: Sequence[str], regions: tuple[str, ...], filename: str, languages: Sequence[str]
) -> str | None:
    """The BTN in E.164 when it parses, else as written."""
    value = _clean(labels.find_value(lines, labels.BTN, languages=languages))
    if not value:
        return None
    numbers = find_numbers(value, regions, source=f"attachment:{filename}")
    return numbers[0].e164 if numbers else value
