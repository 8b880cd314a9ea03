"""Attachment file names made safe to show and store: a name never becomes a path."""

from __future__ import annotations

import mimetypes
import re
import unicodedata

_UNSAFE = re.compile(r"[^\w.\- ()\[\]+@]", re.UNICODE)
MAX_NAME = 120


def safe_filename(name: str | None, content_type: str) -> str:
    """A base name with no directories, control characters or leading dots."""
    if name:
        cleaned = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
        cleaned = _UNSAFE.sub("_", cleaned).strip(" .")
        if cleaned:
            stem, dot, ext = cleaned.rpartition(".")
            if dot and len(cleaned) > MAX_NAME:
                return stem[: MAX_NAME - len(ext) - 1] + "." + ext
            return cleaned[:MAX_NAME]
    extension = mimetypes.guess_extension(content_type) or ".bin"
    return "attachment" + extension
