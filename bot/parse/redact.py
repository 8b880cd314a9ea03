"""Secrets pasted into mail (Twilio auth tokens, API secrets) are removed before anything is stored.

The raw bytes are rewritten only when a secret is found; the text parts then carry a marker
instead, and a header names what was removed so the case can ask the customer to rotate it.
"""

from __future__ import annotations

import email
import re
from email.message import Message

from bot.parse.offload import slim

REDACTED_HEADER = "X-Portdesk-Redacted"

_SECRET = re.compile(
    r"(?P<label>auth(?:entication)?[\s_-]*token|api[\s_-]*(?:key[\s_-]*)?secret|"
    r"client[\s_-]*secret|secret(?:[\s_-]*key)?|token)"
    r"(?P<glue>[^\S\n]*(?:[:=]|is|was|ist|è|é|es|est)?[^\S\n]*[\"'`]?)"
    r"(?P<value>[0-9a-fA-F]{32}|[0-9A-Za-z]{32})\b",
    re.IGNORECASE,
)
_KINDS = (("api", "api_secret"), ("client", "api_secret"), ("secret", "api_secret"))


def redact_text(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with secrets replaced by a marker, and the kinds that were removed."""
    kinds: list[str] = []

    def replace(match: re.Match[str]) -> str:
        kind = _kind(match.group("label"))
        if kind not in kinds:
            kinds.append(kind)
        return f"{match.group('label')}{match.group('glue')}[redacted {kind}]"

    return _SECRET.sub(replace, text), tuple(kinds)


def redact_raw(raw: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The message with secrets removed from every text part; unchanged bytes when none."""
    # Attachments (never text) are set aside: the parse and the searches see a small message.
    slimmed = slim(raw)
    lowered = slimmed.raw.lower()
    # Encoded text (base64, or quoted-printable with its soft line breaks) can hide a secret
    # from a search of the raw bytes: only plainly written mail may skip the parse.
    encoded = b"base64" in lowered or b"quoted-printable" in lowered
    if not encoded and not _SECRET.search(slimmed.raw.decode("utf-8", "replace")):
        return raw, ()
    message = email.message_from_bytes(slimmed.raw)
    kinds: list[str] = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        kinds += [k for k in _redact_part(part) if k not in kinds]
    if not kinds:
        return raw, ()
    message[REDACTED_HEADER] = ", ".join(kinds)
    return slimmed.restore(message.as_bytes()), tuple(kinds)


def _redact_part(part: Message) -> tuple[str, ...]:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ()
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset, "replace")
    except LookupError:
        charset, text = "utf-8", payload.decode("utf-8", "replace")
    redacted, kinds = redact_text(text)
    if kinds:
        del part["Content-Transfer-Encoding"]
        part.set_payload(redacted, charset)
    return kinds


def _kind(label: str) -> str:
    lowered = label.lower()
    for word, kind in _KINDS:
        if word in lowered:
            return kind
    return "auth_token"
