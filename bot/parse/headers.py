"""Header lookups on raw bytes that never touch the body (large attachments stay unparsed)."""

from __future__ import annotations

from email.parser import BytesHeaderParser


def header_block(raw: bytes) -> bytes:
    """The bytes up to the first empty line."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return raw[: min(ends)] if ends else raw


def message_id_of(raw: bytes) -> str:
    value = BytesHeaderParser().parsebytes(header_block(raw)).get("Message-ID")
    return str(value).strip() if value else ""
