"""Invoice and CSR facts: customer name, service address, account number, BTN, carrier, date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.extract.documents import fields, labels
from bot.extract.documents.folding import fold
from bot.model import DocumentFacts

# An invoice names its issuer at the top rather than under a "Carrier:" label. Matched
# without accents: "Telefonía", "Télécom", "Comunicações".
_ISSUER = re.compile(
    r"\b(telephone|telecom\w*|communications?|wireless|mobile|networks?|cable|fiber|fibre|"
    r"broadband|voice|tel|telco|phone|"
    r"telefon\w*|telephonie|mobilfunk|kommunikation|netz|comunicazioni|comunicacoes|"
    r"comunicaciones|fibra|movil|moveis)\b",
    re.I,
)
_ISSUER_LINES = 3


def read_bill(
    facts: DocumentFacts, lines: Sequence[str], regions: tuple[str, ...]
) -> DocumentFacts:
    """`facts` with the fields of an invoice or CSR."""
    date_field = labels.CSR_DATE if facts.kind == "csr" else labels.INVOICE_DATE
    facts = fields.read_common(facts, lines, regions, date_field)
    carrier = facts.carrier or _issuer(lines)
    return replace(
        facts, carrier=carrier, numbers=fields.numbers_in(lines, regions, facts.filename)
    )


def _issuer(lines: Sequence[str]) -> str | None:
    """The carrier's name from the invoice heading ("Prairie Telephone Co. - My Account")."""
    for line in lines[:_ISSUER_LINES]:
        if ":" in line or "@" in line:
            continue
        name = re.split(r"\s+[-\u2013|]\s+", line.strip())[0].strip()
        if _ISSUER.search(fold(name)) and len(name) <= 60:
            return name
    return None
