"""PDF reading: pypdf for page text and AcroForm values, pdfplumber for table rows and images."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject

from bot.extract.documents.folding import fold


class PdfUnreadable(Exception):
    """The PDF cannot be opened at all (damaged, truncated, or needs a password)."""


@dataclass(frozen=True, slots=True)
class PdfContent:
    """The first pages' text, and the form values, of one PDF."""

    page_count: int
    page_texts: tuple[str, ...]
    page_has_images: tuple[bool, ...]
    form: tuple[tuple[str, str], ...]


def read_pdf(payload: bytes, max_pages: int) -> PdfContent:
    """Page text of the first `max_pages` pages and every filled AcroForm field."""
    try:
        reader = PdfReader(io.BytesIO(payload))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfUnreadable("encrypted PDF: a password is needed to read it")
        pages = reader.pages
        count = len(pages)
        texts: list[str] = []
        images: list[bool] = []
        for index in range(min(count, max_pages)):
            page = pages[index]
            texts.append(page.extract_text() or "")
            images.append(len(page.images) > 0)
        form = _form_values(reader.get_fields() or {})
    except PdfUnreadable:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # pypdf raises its own errors for damaged files, and plain ones for malformed objects.
        raise PdfUnreadable(f"damaged PDF: {exc}") from exc
    return PdfContent(count, tuple(texts), tuple(images), form)


def _form_values(fields: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(field name, value as text) for each filled field; field values never appear in page text."""
    values: list[tuple[str, str]] = []
    for name, field in fields.items():
        value = field.get("/V")
        if value is None:
            continue
        if isinstance(value, DictionaryObject):
            # A digital-signature field holds a signature dictionary, not text.
            text = "signed" if field.get("/FT") == "/Sig" else ""
        elif isinstance(value, ArrayObject):
            text = ", ".join(str(item) for item in value)
        else:
            text = str(value)
        # Checkboxes and radio buttons hold names: /Yes, /On or an export value when ticked.
        if text.startswith("/"):
            text = "no" if text == "/Off" else "yes"
        if text.strip():
            values.append((str(name), text.strip()))
    return tuple(values)


def table_lines(payload: bytes, max_pages: int) -> tuple[str, ...]:
    """Ruled table rows as "first cell: other cells" lines, so a label and its value stay paired.

    pypdf puts every cell on a line of its own; pdfplumber keeps the rows.
    """
    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(payload)) as document:
            for page in document.pages[:max_pages]:
                for table in page.extract_tables():
                    for row in table:
                        cells = [" ".join(str(cell).split()) for cell in row if cell]
                        if len(cells) >= 2:
                            lines.append(f"{cells[0]}: {' '.join(cells[1:])}")
    except Exception:  # pdfminer's errors have no common base; the page text is still there
        return ()
    return tuple(lines)


def signature_image(
    payload: bytes, max_pages: int, words: tuple[str, ...] = ("signature",)
) -> bool:
    """Whether an image sits on or beside a "Signature" label (any of `words`, lower case and
    without accents, such as "unterschrift"): a pasted or drawn signature.

    Position matters: a logo in the header is an image too, and must not count.
    """
    try:
        return _signature_image(payload, max_pages, words)
    except Exception:  # pdfminer's errors have no common base; unknown counts as no image
        return False


def _signature_image(payload: bytes, max_pages: int, words: tuple[str, ...]) -> bool:
    with pdfplumber.open(io.BytesIO(payload)) as document:
        for page in document.pages[:max_pages]:
            if not page.images:
                continue
            page_area = float(page.width) * float(page.height)
            labels = [
                w
                for w in page.extract_words()
                if any(word in fold(str(w["text"])).lower() for word in words)
            ]
            for image in page.images:
                x0, x1 = float(image["x0"]), float(image["x1"])
                top, bottom = float(image["top"]), float(image["bottom"])
                # A background or full-page scan covers the label; it is not a signature.
                if (x1 - x0) * (bottom - top) > page_area / 4:
                    continue
                for word in labels:
                    near_line = top - 60 < float(word["top"]) < bottom + 60
                    beside = x0 < float(word["x1"]) + 350 and x1 > float(word["x0"]) - 20
                    if near_line and beside:
                        return True
    return False
