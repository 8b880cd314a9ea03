"""Tolerant decoding of header values and part payloads: bad charsets become defects, not errors."""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Callable
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message

# An RFC 2047 encoded word. One left after decoding (an unknown charset, or a word that decoded
# into another word) would be decoded again by whatever header it is copied into, and could
# carry CR LF there: it is removed, never passed on.
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?=")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A marker payload to the bytes it stands for, None when it is no marker.
SetAside = Callable[[str], bytes | None]


def decode_header_value(value: object) -> str:
    """An RFC 2047 header value as text; undecodable words fall back to replacement characters."""
    if value is None:
        return ""
    decoded = str(value)
    # Most values hold no encoded word, and without "=?" there is none: decode_header and
    # make_header would hand the text back unchanged, at many times the cost of this test.
    if "=?" in decoded:
        # A broken base64 word ("=?utf-8?b?w?=") raises HeaderParseError, which is no
        # ValueError: it was a parse failure for the whole message.
        with contextlib.suppress(
            UnicodeError, LookupError, ValueError, AssertionError, HeaderParseError
        ):
            decoded = str(make_header(decode_header(decoded)))
    # CR, LF and other controls inside a decoded value must never reach another header.
    # Controls are never printable, and a leftover encoded word needs "=?": plain values skip
    # both scans.
    if not decoded.isprintable():
        decoded = _CONTROL.sub(" ", decoded)
    if "=?" in decoded:
        decoded = _ENCODED_WORD.sub(" ", decoded)
    return " ".join(decoded.split())


def header_safe(text: str) -> str:
    """Text safe to place in a header we write: one line, no encoded-word syntax."""
    return " ".join(_ENCODED_WORD.sub(" ", _CONTROL.sub(" ", text)).split())


def part_bytes(part: Message, set_aside: SetAside | None = None) -> bytes:
    """The decoded payload of a leaf part (base64 / quoted-printable undone).

    `set_aside` gives the bytes of a body the offload replaced by a marker (bot/parse/offload.py).
    """
    if set_aside is not None:
        marker = part.get_payload()
        if isinstance(marker, str) and len(marker) < 64:
            decoded = set_aside(marker)
            if decoded is not None:
                return decoded
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def part_text(part: Message, defects: list[str]) -> str:
    """A text part as str by its charset; an unknown or wrong charset is recorded as a defect."""
    data = part_bytes(part)
    charset = (part.get_content_charset() or "utf-8").lower()
    try:
        codecs.lookup(charset)
    except LookupError:
        _add(defects, "UnknownCharsetDefect")
        charset = "utf-8"
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        _add(defects, "CharsetDecodeDefect")
        return data.decode(charset, "replace")


def _add(defects: list[str], name: str) -> None:
    if name not in defects:
        defects.append(name)
