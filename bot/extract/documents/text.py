"""Attachment bytes to text: PDF text and form values, OCR for images and scans, plain text, mail.

Each attachment is read within caps (size, pages, OCR time); what is not read says why.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from bot.extract.documents import ocr, pdf
from bot.model import Attachment


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on what one attachment may cost; generous for a bill or an LOA, fatal to a bomb."""

    max_bytes: int = 15 * 1024 * 1024
    max_pages: int = 10
    ocr_seconds: float = 20.0
    max_pixels: int = 40_000_000


@dataclass(frozen=True, slots=True)
class Extracted:
    """What could be read from one attachment; `error` is set when some or all of it could not."""

    text: str = ""
    pages: int = 0
    method: str = "none"  # pdf-text | pdf-form | ocr | text | none
    form: tuple[tuple[str, str], ...] = ()
    is_pdf: bool = False
    has_images: bool = False
    error: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.text.splitlines() if line.strip())


# A page with less text than this and an image on it is a scan: its words are in the picture.
_SCANNED_PAGE_CHARS = 25

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def sniff(attachment: Attachment) -> str:
    """pdf | image | mail | html | text | unknown, from the bytes first: declared types lie."""
    head = attachment.payload[:1024]
    declared = attachment.content_type.lower()
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if declared == "message/rfc822" or attachment.filename.lower().endswith(".eml"):
        return "mail"
    if declared == "text/html" or attachment.filename.lower().endswith((".html", ".htm")):
        return "html"
    if declared.startswith("text/") or attachment.filename.lower().endswith((".txt", ".csv")):
        return "text"
    return "unknown"


def extract(attachment: Attachment, limits: Limits, languages: str = "eng") -> Extracted:
    """The text of one attachment and how it was obtained; scans are read in `languages`."""
    if not attachment.payload:
        return Extracted(error="empty attachment")
    if attachment.size > limits.max_bytes:
        return Extracted(
            error=f"not read: {attachment.size} bytes is over the {limits.max_bytes} byte limit"
        )
    kind = sniff(attachment)
    if kind == "pdf":
        deadline = time.monotonic() + limits.ocr_seconds
        return _pdf(attachment.payload, limits, deadline, languages)
    if kind == "image":
        return _image(attachment.payload, limits, languages)
    if kind in _TEXT_READERS:
        return Extracted(text=_TEXT_READERS[kind](attachment.payload), method="text")
    return Extracted(error=f"not read: unsupported type {attachment.content_type or 'unknown'}")


def _image(payload: bytes, limits: Limits, languages: str) -> Extracted:
    deadline = time.monotonic() + limits.ocr_seconds
    try:
        text = ocr.image_text(payload, deadline, limits.max_pixels, languages)
    except ocr.OcrError as exc:
        return Extracted(pages=1, error=str(exc))
    return Extracted(text=text, pages=1, method="ocr")


def _pdf(payload: bytes, limits: Limits, deadline: float, languages: str) -> Extracted:
    try:
        content = pdf.read_pdf(payload, limits.max_pages)
    except pdf.PdfUnreadable as exc:
        return Extracted(is_pdf=True, error=str(exc))
    texts = list(content.page_texts)
    scanned = tuple(
        index + 1
        for index, (text, has_images) in enumerate(zip(texts, content.page_has_images, strict=True))
        if has_images and len(text.strip()) < _SCANNED_PAGE_CHARS
    )
    error = None
    if scanned:
        try:
            for page, text in ocr.pdf_pages_text(payload, scanned, deadline, languages):
                texts[page - 1] = text
        except ocr.OcrError as exc:
            error = str(exc)
    form_lines = [f"{name}: {value}" for name, value in content.form]
    # Pages past max_pages are not read; `pages` still gives the real count.
    method = "pdf-form" if content.form else "ocr" if scanned and error is None else "pdf-text"
    return Extracted(
        text="\n".join([*form_lines, *texts]),
        pages=content.page_count,
        method=method,
        form=content.form,
        is_pdf=True,
        has_images=any(content.page_has_images),
        error=error,
    )


def _decode(payload: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError:
            continue
    return payload.decode("latin-1")


def _html_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|tr|li|h\d)>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _mail_text(payload: bytes) -> str:
    """Subject, sender and body of an attached message: a forwarded carrier notice, typically."""
    message = email.message_from_bytes(payload, policy=email.policy.default)
    head = f"Subject: {message.get('Subject', '')}\nFrom: {message.get('From', '')}\n"
    if not isinstance(message, EmailMessage):
        return head
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None or not isinstance(body, EmailMessage):
        return head
    try:
        content = body.get_content()
    except (LookupError, ValueError):  # unknown charset or broken transfer encoding
        return head
    text = str(content)
    return head + (_html_text(text) if body.get_content_type() == "text/html" else text)


_TEXT_READERS: dict[str, Callable[[bytes], str]] = {
    "mail": _mail_text,
    "html": lambda payload: _html_text(_decode(payload)),
    "text": _decode,
}
