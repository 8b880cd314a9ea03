"""Documents attached to a porting mail: what kind each is and what it says, and how they compare.

read_documents gives one DocumentFacts per attachment and never raises: an attachment that
cannot be read carries `error`, an archive or executable carries `flagged` and is never opened.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.extract.documents import bills, kinds, labels, loa, ocr, pdf, rejection
from bot.extract.documents.compare import compare_loa, describe, numbers_missing_from_loa
from bot.extract.documents.dates import parse_date
from bot.extract.documents.fields import numbers_in
from bot.extract.documents.folding import fold
from bot.extract.documents.rejection import CORRECTIONS, canonical_code, correction
from bot.extract.documents.text import Extracted, Limits, extract
from bot.extract.regions import writes_month_first
from bot.model import Attachment, DocumentFacts

DEFAULT_LIMITS = Limits()
# pypdf warns (at WARNING) about every damaged PDF it reads; the error is on DocumentFacts.
logging.getLogger("pypdf").setLevel(logging.ERROR)

__all__ = [
    "CORRECTIONS",
    "Limits",
    "canonical_code",
    "compare_loa",
    "correction",
    "describe",
    "numbers_missing_from_loa",
    "read_document",
    "read_documents",
]


def read_documents(
    attachments: tuple[Attachment, ...], regions: tuple[str, ...], limits: Limits = DEFAULT_LIMITS
) -> tuple[DocumentFacts, ...]:
    """One DocumentFacts per attachment, in order. `regions` are tried, in order, for numbers
    written without a country code; the first also says how numeric dates are written
    (month first only in the US and Canada)."""
    return tuple(read_document(attachment, regions, limits) for attachment in attachments)


def read_document(
    attachment: Attachment, regions: tuple[str, ...], limits: Limits = DEFAULT_LIMITS
) -> DocumentFacts:
    """What one attachment is and says; never raises."""
    base = DocumentFacts(
        filename=attachment.filename, kind="other", content_type=attachment.content_type
    )
    flagged = kinds.never_open(attachment)
    if flagged is not None:
        return replace(base, flagged=flagged)
    try:
        return _read(base, attachment, regions, limits)
    except Exception as exc:  # a broken attachment must never stop the message
        return replace(
            base,
            kind=kinds.kind_from_name(attachment.filename) or "other",
            error=f"could not read: {type(exc).__name__}: {exc}"[:300],
        )


def _read(
    base: DocumentFacts, attachment: Attachment, regions: tuple[str, ...], limits: Limits
) -> DocumentFacts:
    content = extract(attachment, limits, ocr.languages_for(regions))
    facts = replace(
        base,
        kind=kinds.kind_of(attachment.filename, content.text),
        pages=content.pages,
        method=content.method,
        error=content.error,
    )
    lines = content.lines
    if not lines:
        return facts
    if facts.kind == "loa":
        return loa.read_loa(
            facts,
            lines,
            regions,
            form=content.form,
            signature_image=_signature_image(attachment, content, limits),
        )
    if facts.kind in ("invoice", "csr"):
        if content.is_pdf and content.method != "ocr":
            # Label and value sit in separate table cells; pdfplumber keeps them on one row.
            lines = (*lines, *pdf.table_lines(attachment.payload, limits.max_pages))
        return bills.read_bill(facts, lines, regions)
    numbers = numbers_in(lines, regions, attachment.filename)
    if facts.kind == "rejection_notice":
        written_date = labels.find_value(lines, labels.REJECTION_DATE)
        month_first = writes_month_first(regions)
        return replace(
            facts,
            numbers=numbers,
            rejection_codes=rejection.codes_in(content.text),
            document_date=(
                parse_date(written_date, month_first=month_first) if written_date else None
            ),
        )
    return replace(facts, numbers=numbers)


def _signature_image(attachment: Attachment, content: Extracted, limits: Limits) -> bool:
    if not (content.is_pdf and content.has_images and content.method != "ocr"):
        return False
    # The one-word labels under a signature line, in the document's languages: "signature",
    # "Unterschrift", "firma", "assinatura".
    languages = labels.languages_of(content.lines)
    words = tuple(
        fold(label).casefold()
        for label in labels.SIGNATURE_LINE.labels(languages)
        if " " not in label
    )
    return pdf.signature_image(attachment.payload, limits.max_pages, words)
