"""What kind of document an attachment is, from its name and type (LOA, invoice, CSR, notice)."""

from __future__ import annotations

import re

from bot.model import Attachment

_KINDS = (
    ("loa", re.compile(r"\bloa\b|letter.of.(agency|authori[sz]ation)|vollmacht|delega", re.I)),
    ("rejection_notice", re.compile(r"reject|rejection|ablehnung|rifiuto|rechazo|rejei", re.I)),
    ("csr", re.compile(r"\bcsr\b|customer.service.record", re.I)),
    ("invoice", re.compile(r"invoice|bill|rechnung|fattura|factura|fatura|facture", re.I)),
)


def attachment_kind(attachment: Attachment) -> str:
    """One of loa, rejection_notice, csr, invoice, image, document, other."""
    name = re.sub(r"[_\-.]+", " ", attachment.filename)
    for kind, pattern in _KINDS:
        if pattern.search(name):
            return kind
    if attachment.content_type.startswith("image/"):
        return "image"
    if attachment.content_type in {"application/pdf", "application/msword"}:
        return "document"
    return "other"
