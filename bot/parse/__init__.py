"""Parse stage: raw RFC 5322 bytes to a `Mail` (mail-parser, with the stdlib as its fallback)."""

from __future__ import annotations

import email
import logging
import re
from datetime import datetime
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

import mailparser

from bot.model import Address, ForwardedMail, Mail
from bot.parse.decode import decode_header_value
from bot.parse.html_text import html_to_text
from bot.parse.offload import slim
from bot.parse.reply_text import split_reply
from bot.parse.structure import split_inline_forward, walk

_MSGID = re.compile(r"<[^<>\s]+>")
_WHITESPACE = re.compile(r"\s")
# One address as most mail writes it: "local@domain", "<local@domain>" or "Display Name
# <local@domain>", in plain ASCII atoms: no quotes, comments, groups, folding or empty atoms.
# For these, getaddresses returns the display name's words joined by single spaces and the
# addr-spec as written; it is the slow part of reading addresses, so they skip it. Anything
# else goes to getaddresses as before.
_ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-"
_ADDR_SPEC = rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*@[{_ATEXT}]+(?:\.[{_ATEXT}]+)*"
_SIMPLE_ADDRESS = re.compile(
    rf"(?:(?P<name>[.{_ATEXT}]+(?: [.{_ATEXT}]+)*)? ?<(?P<routed>{_ADDR_SPEC})>"
    rf"|(?P<bare>{_ADDR_SPEC})) ?"
)
# mail-parser logs every part type it does not render as text; that is noise for a support bot.
logging.getLogger("mailparser").setLevel(logging.ERROR)


class ParseError(ValueError):
    """The bytes are not a message at all."""


def parse_mail(raw: bytes) -> Mail:
    """Parse `raw`; tolerant of defects, which are recorded on the result."""
    if not raw.strip():
        raise ParseError("the message is empty")
    # Large attachment bodies are set aside, so the parsers hold a small message.
    slimmed = slim(raw)
    try:
        parsed = mailparser.parse_from_bytes(slimmed.raw)
        message: Message = parsed.message
        parser_defects = set(parsed.defects_categories)
        date = parsed.date
    except Exception as exc:
        # mail-parser fails on some real mail (SendGrid bounces); the stdlib compat32 parser never
        # raises, so the message still goes through the screens instead of being lost.
        message = email.message_from_bytes(slimmed.raw)
        parser_defects = {f"MailParserFailed:{type(exc).__name__}"}
        date = _date(message.get("Date"))
    walked = walk(message, slimmed.decoded)
    defects = sorted(parser_defects | set(walked.defects))

    if walked.plain:
        body = "\n".join(walked.plain)
        html_quoted = ""
    else:
        converted = [html_to_text(h) for h in walked.html]
        body = "\n".join(c.text for c in converted)
        html_quoted = "\n".join(c.quoted for c in converted if c.quoted)
    subject = decode_header_value(message.get("Subject", ""))
    own, inline_forward = split_inline_forward(body, subject)
    parts = split_reply(own)
    forwarded: list[ForwardedMail] = list(walked.forwarded)
    if inline_forward is not None:
        forwarded.insert(0, inline_forward)

    return Mail(
        message_id=_first_msgid(message.get("Message-ID")),
        subject=subject,
        sender=_first(_addresses(message, "From")),
        reply_to=_addresses(message, "Reply-To"),
        to=_addresses(message, "To"),
        cc=_addresses(message, "Cc"),
        date=date,
        in_reply_to=_first_msgid(message.get("In-Reply-To")),
        references=tuple(_MSGID.findall(str(message.get("References", "")))),
        headers=tuple((k, decode_header_value(v)) for k, v in message.items()),
        content_type=message.get_content_type(),
        new_text=parts.new_text,
        quoted_text="\n".join(q for q in (parts.quoted, html_quoted) if q),
        signature=parts.signature,
        forwarded=tuple(forwarded),
        attachments=tuple(walked.attachments),
        part_types=tuple(walked.part_types),
        defects=tuple(defects),
    )


def _date(value: object) -> datetime | None:
    try:
        return parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError, IndexError):
        return None


def _first_msgid(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    match = _MSGID.search(text)
    if match:
        return match.group(0)
    text = text.strip()
    # An ID without brackets is kept only if it is one plain token: never folded, never an
    # encoded word, since it is copied into the In-Reply-To of our reply.
    if not text or "=?" in text or any(c.isspace() or ord(c) < 32 for c in text):
        return ""
    return f"<{text}>"


def _addresses(message: Message, name: str) -> tuple[Address, ...]:
    # Split into addresses first, then decode only the display names: an encoded word in a
    # display name must never turn into an address (RFC 2047 section 5 forbids them in addr-specs).
    values = [" ".join(str(v).split()) for v in message.get_all(name, [])]
    pairs = _simple_pairs(values)
    if pairs is None:
        try:
            pairs = getaddresses(values)
        except (ValueError, IndexError, TypeError):
            return ()
    addresses: list[Address] = []
    for display, written in pairs:
        addr_spec = written.strip()
        if "@" in addr_spec and "=?" not in addr_spec and _WHITESPACE.search(addr_spec) is None:
            addresses.append(
                Address(name=decode_header_value(display).strip(), email=addr_spec.lower())
            )
    return tuple(addresses)


def _simple_pairs(values: list[str]) -> list[tuple[str, str]] | None:
    """`getaddresses(values)` when every comma-separated item is a simple address, else None."""
    pairs: list[tuple[str, str]] = []
    for value in values:
        for item in value.split(","):
            match = _SIMPLE_ADDRESS.fullmatch(item, 1 if item.startswith(" ") else 0)
            if match is None:
                return None
            pairs.append((match["name"] or "", match["routed"] or match["bare"]))
    return pairs


def _first(addresses: tuple[Address, ...]) -> Address | None:
    return addresses[0] if addresses else None
