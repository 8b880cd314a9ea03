"""Large attachment bodies set aside before a MIME parse, so the parsers hold a small message.

The standard library's parser (under mail-parser, and under the redaction) keeps about four
times a message in memory: a 30 MB message with a scanned LOA took the process to 420 MB. The
base64 body of a non-text leaf part larger than `THRESHOLD` is replaced by a one-line marker
before parsing. The parse stage decodes the body from the original bytes when it reads the
attachment, and the redaction puts the original text back when it rewrites the message.

Only bodies whose part is unambiguous are set aside: the lines right above are the part's
headers, saying base64 and a type that is neither text (the redaction reads text) nor a message
or multipart (the walk parses those), and the body runs up to the next boundary line. Anything
else is parsed as it is.
"""

from __future__ import annotations

import binascii
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser

THRESHOLD = 256 * 1024
# "PDOF", 8 random hex digits drawn for each message, a 4-digit index: 16 characters of the
# base64 alphabet (a valid body for a parser that decodes it anyway). The random part means a
# customer cannot write a marker of ours into their own mail.
# Found by the header, then checked as one character class: a regex repeating a whole line
# keeps a backtracking mark per line, which cost three times the message.
_BASE64_HEADER = re.compile(rb"^content-transfer-encoding:[ \t]*base64[ \t]*\r?$", re.I | re.M)
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_BASE64_BODY = re.compile(rb"[A-Za-z0-9+/=\r\n]*")
_HEADER_LINE = re.compile(rb"[!-9;-~]+:|[ \t]")
_MAX_HEADER_BYTES = 16 * 1024
_SET_ASIDE_NOT = frozenset({"text", "message", "multipart"})


@dataclass(frozen=True, slots=True)
class Slimmed:
    """A message with its large bodies replaced by markers, and where each body was."""

    raw: bytes
    original: bytes = b""
    bodies: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def decoded(self, payload: str) -> bytes | None:
        """The attachment's bytes when `payload` is a marker of this message, else None."""
        span = self.bodies.get(payload.strip())
        if span is None:
            return None
        body = memoryview(self.original)[span[0] : span[1]]
        try:
            return binascii.a2b_base64(body)
        except binascii.Error:
            # What the stdlib does with bad padding: pad and decode what is there.
            return binascii.a2b_base64(bytes(body).rstrip() + b"===")

    def restore(self, rewritten: bytes) -> bytes:
        """`rewritten` (the slim message after an edit) with each body put back in place."""
        if not self.bodies:
            return rewritten
        return _MARKER_LINE.sub(lambda match: self._body(match.group(1)), rewritten)

    def _body(self, marker: bytes) -> bytes:
        span = self.bodies.get(marker.decode("ascii"))
        if span is None:
            return marker + b"\n"
        return self.original[span[0] : span[1]]


_MARKER_LINE = re.compile(rb"^(PDOF[0-9a-f]{8}[0-9]{4})\r?\n", re.MULTILINE)


def slim(raw: bytes, threshold: int = THRESHOLD) -> Slimmed:
    """`raw` with every large, unambiguous base64 attachment body replaced by a marker line."""
    if len(raw) < threshold:
        return Slimmed(raw)
    pieces: list[bytes] = []
    bodies: dict[str, tuple[int, int]] = {}
    nonce = secrets.token_hex(4)
    kept_from = 0
    for header in _BASE64_HEADER.finditer(raw):
        blank = _BLANK_LINE.search(raw, header.end() - 1)
        if blank is None or blank.start() < kept_from:
            continue
        start = blank.end()
        boundary = raw.find(b"\n--", start - 1)
        end = len(raw) if boundary < 0 else boundary + 1
        if end - start < threshold or not _sets_aside(raw, start, end):
            continue
        marker = f"PDOF{nonce}{len(bodies):04d}"
        bodies[marker] = (start, end)
        pieces += [raw[kept_from:start], marker.encode("ascii"), b"\n"]
        kept_from = end
    if not bodies:
        return Slimmed(raw)
    pieces.append(raw[kept_from:])
    return Slimmed(b"".join(pieces), raw, bodies)


def _sets_aside(raw: bytes, start: int, end: int) -> bool:
    """Whether [start, end) is the whole base64 body of a non-text leaf part."""
    if _BASE64_BODY.fullmatch(raw, start, end) is None:
        return False
    headers = _headers_above(raw, start)
    if headers is None:
        return False
    part = BytesHeaderParser().parsebytes(headers)
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    return encoding == "base64" and part.get_content_maintype() not in _SET_ASIDE_NOT


def _headers_above(raw: bytes, body_start: int) -> bytes | None:
    """The header lines of the part whose body starts at `body_start`, or None if unclear.

    They run up from the blank line to the boundary line above (or the start of the message).
    """
    header_end = body_start - (2 if raw.endswith(b"\r\n\r\n", 0, body_start) else 1)
    cursor = header_end
    while cursor > 0 and header_end - cursor < _MAX_HEADER_BYTES:
        line_begin = raw.rfind(b"\n", 0, cursor - 1) + 1
        line = raw[line_begin:cursor]
        if line.startswith(b"--") or not _HEADER_LINE.match(line):
            break
        cursor = line_begin
    if cursor == header_end or header_end - cursor >= _MAX_HEADER_BYTES:
        return None
    return raw[cursor:header_end]
