"""Extraction cost: per text message, per PDF page and per OCR'd screenshot.

Baselines measured in the same run: parsing the same text messages (the step before
extraction), pypdf's bare text extraction of the same PDFs, and tesseract on the same image
through pytesseract with no portdesk code around it.

Run: python -m bench.extraction
"""

from __future__ import annotations

import io
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bot.extract import extract_facts
from bot.extract.documents import read_document
from bot.model import Attachment
from bot.parse import parse_mail
from tests.factories import porting_mail

DOCUMENTS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents"
BODIES = (
    "Hi, please port +1 415 555 0123 and (415) 555-0124 to you. SMS needed: yes. It is a "
    "landline with AT&T, account number 123456789. We would like the port on 15/12/2026.",
    "Move numbers 415-555-0150, 0151 and 0152 from subaccount AC0123456789abcdef0123456789abcdef"
    " into our main account this week please.",
    "Wir möchten unseren Rufnummernblock 089 99998 100 bis 119 zu Ihnen portieren, "
    "Hoffmann & Partner GmbH, Beispielstraße 12, 80331 München.",
    "Our port was rejected again. The PIN is 482913. Company name: Acme Dental Group LLC. "
    "Service address: 12 High Street, Springfield, IL 62704.",
)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def text_messages() -> tuple[float, float]:
    raws = [porting_mail(body=body) for body in BODIES * 25]
    mails = [parse_mail(raw) for raw in raws]
    for mail in mails[:4]:
        extract_facts(mail, "US")  # warm regex caches and phonenumbers metadata
    parse = median_ms(lambda: [parse_mail(raw) for raw in raws], 7) / len(raws)
    extract = median_ms(lambda: [extract_facts(mail, "US") for mail in mails], 7) / len(mails)
    return extract, parse


def pdf_pages() -> list[tuple[str, float, float]]:
    from pypdf import PdfReader

    rows = []
    for name in (
        "loa_fillable.pdf",
        "loa_signed_typed.pdf",
        "invoice_match.pdf",
        "csr.pdf",
        "rejection_notice.pdf",
    ):
        payload = (DOCUMENTS / name).read_bytes()
        attachment = Attachment(name, "application/pdf", payload)
        pages = len(PdfReader(io.BytesIO(payload)).pages)
        ours = median_ms(partial(read_document, attachment, ("US",)), 15) / pages
        bare = median_ms(partial(_bare_pdf_text, payload), 15) / pages
        rows.append((name, ours, bare))
    return rows


def _bare_pdf_text(payload: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages]


def screenshot() -> tuple[float, float]:
    import pytesseract
    from PIL import Image

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    payload = (DOCUMENTS / "invoice_screenshot.png").read_bytes()
    attachment = Attachment("invoice_screenshot.png", "image/png", payload)
    ours = median_ms(lambda: read_document(attachment, ("US",)), 5)
    bare = median_ms(lambda: pytesseract.image_to_string(Image.open(io.BytesIO(payload))), 5)
    return ours, bare


def main() -> None:
    extract, parse = text_messages()
    print("extraction per text message (target < 5 ms)")
    print(
        f"  extract_facts {extract:.2f} ms = {extract / parse:.2f}x the parse of the same "
        f"message ({parse:.2f} ms); target {'met' if extract < 5 else 'MISSED'}"
    )
    print("PDF, per page (target < 50 ms)")
    for name, ours, bare in pdf_pages():
        print(
            f"  {name:<22} {ours:6.1f} ms = {ours / bare:5.2f}x bare pypdf text "
            f"({bare:.1f} ms); target {'met' if ours < 50 else 'MISSED'}"
        )
    ours, bare = screenshot()
    print("OCR, per screenshot (target < 1 s)")
    print(
        f"  invoice_screenshot.png {ours:.0f} ms = {ours / bare:.2f}x bare pytesseract "
        f"({bare:.0f} ms); target {'met' if ours < 1000 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
