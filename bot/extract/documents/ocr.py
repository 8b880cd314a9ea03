"""OCR: Tesseract through pytesseract for images, pdftoppm to rasterise scanned PDF pages."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import pytesseract
from PIL import Image, UnidentifiedImageError

# 200 dpi reads A4/Letter invoices well and keeps a page at about 0.4 s (libraries.md §7).
RENDER_DPI = 200


class OcrError(Exception):
    """OCR could not run or did not finish; the message says why, for DocumentFacts.error."""


def _tesseract() -> None:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise OcrError("OCR unavailable: tesseract not installed")
    # Tesseract's OpenMP threads fight each other on small machines: one thread is 3-4x
    # faster (tesseract-ocr/tesseract#3109). pytesseract's subprocess inherits os.environ.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrError("OCR stopped: time limit reached")
    return left


# Tesseract's language data for the countries whose documents we read.
_LANGUAGE_OF_REGION = {
    **dict.fromkeys(("DE", "AT", "CH", "LI"), "deu"),
    **dict.fromkeys(("IT", "SM", "VA"), "ita"),
    **dict.fromkeys(("PT", "BR", "AO", "MZ"), "por"),
    **dict.fromkeys(("ES", "MX", "AR", "CO", "CL", "PE"), "spa"),
    **dict.fromkeys(("FR", "BE", "LU", "MC"), "fra"),
}


def languages_for(regions: Sequence[str]) -> str:
    """Tesseract's `lang` for documents from `regions`: the languages of the first two regions
    (when their data is installed), then English.

    Only those the message points to: each language Tesseract tries costs time, and all six at
    once took three times as long as English alone.
    """
    installed = _installed_languages()
    wanted = (_LANGUAGE_OF_REGION.get(region, "") for region in regions[:2])
    chosen = [language for language in dict.fromkeys(wanted) if language in installed]
    return "+".join([*chosen, "eng"])


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return frozenset()
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError, RuntimeError):
        return frozenset()


def _read(path: Path, deadline: float, languages: str) -> str:
    try:
        text = pytesseract.image_to_string(
            str(path), lang=languages, config="--psm 3", timeout=_remaining(deadline)
        )
    except RuntimeError as exc:  # pytesseract signals its timeout with a bare RuntimeError
        raise OcrError(f"OCR stopped: {exc}") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"OCR failed: {exc.message}") from exc
    return str(text)


def image_text(payload: bytes, deadline: float, max_pixels: int, languages: str = "eng") -> str:
    """Text of one image (PNG, JPEG, TIFF, GIF, BMP, WebP), read in `languages` (Tesseract's
    `lang`, from `languages_for`)."""
    _tesseract()
    try:
        # Only the header is read here: size is checked before Tesseract decodes anything.
        with Image.open(io.BytesIO(payload)) as image:
            width, height = image.size
            suffix = (image.format or "png").lower()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise OcrError(f"unreadable image: {exc}") from exc
    if width * height > max_pixels:
        raise OcrError(f"image too large to read: {width}x{height} pixels")
    with tempfile.TemporaryDirectory(prefix="portdesk-ocr-") as folder:
        path = Path(folder) / f"image.{suffix}"
        path.write_bytes(payload)
        return _read(path, deadline, languages)


def pdf_pages_text(
    payload: bytes, pages: tuple[int, ...], deadline: float, languages: str = "eng"
) -> Iterator[tuple[int, str]]:
    """(page, text) for the given 1-based pages, rendered with pdftoppm and read by Tesseract.

    Pages come one at a time, so those read before a failure or the time limit are kept.
    """
    _tesseract()
    if shutil.which("pdftoppm") is None:
        raise OcrError("OCR unavailable: pdftoppm (poppler-utils) not installed")
    with tempfile.TemporaryDirectory(prefix="portdesk-ocr-") as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(payload)
        for page in pages:
            target = Path(folder) / f"page-{page}"
            command = ["pdftoppm", "-r", str(RENDER_DPI), "-gray", "-png", "-singlefile"]
            command += ["-f", str(page), "-l", str(page), str(source), str(target)]
            try:
                subprocess.run(
                    command, check=True, capture_output=True, timeout=_remaining(deadline)
                )
            except subprocess.TimeoutExpired as exc:
                raise OcrError(f"OCR stopped: rendering page {page} timed out") from exc
            except subprocess.CalledProcessError as exc:
                detail = exc.stderr.decode("utf-8", "replace").strip()[:200]
                raise OcrError(f"could not render page {page}: {detail}") from exc
            yield page, _read(target.with_suffix(".png"), deadline, languages)
