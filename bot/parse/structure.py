"""Walks a MIME tree: the sender's own text, forwarded messages and attachments, kept apart."""

from __future__ import annotations

import base64
import binascii
import email
import quopri
import re
from dataclasses import dataclass, field
from email.message import Message

from bot.model import Attachment, ForwardedMail
from bot.parse.decode import SetAside, decode_header_value, part_bytes, part_text
from bot.parse.html_text import html_to_text
from bot.parse.names import safe_filename

# Deeply nested MIME is a known denial-of-service shape; nothing legitimate nests this far.
MAX_DEPTH = 20
MAX_PARTS = 500


@dataclass(slots=True)
class Walked:
    """What the walk collected; mutable only while the walk runs, then copied into `Mail`."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    forwarded: list[ForwardedMail] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    part_types: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    parts_seen: int = 0
    set_aside: SetAside | None = None


def walk(message: Message, set_aside: SetAside | None = None) -> Walked:
    """Collect the parts of `message` without merging forwarded mail into the sender's text.

    `set_aside` reads the bodies the offload took out before the parse.
    """
    walked = Walked(set_aside=set_aside)
    _visit(message, walked, depth=0, inside_forward=False)
    return walked


def _visit(part: Message, walked: Walked, depth: int, inside_forward: bool) -> None:
    walked.parts_seen += 1
    if depth > MAX_DEPTH or walked.parts_seen > MAX_PARTS:
        if "MimeTooDeepOrLarge" not in walked.defects:
            walked.defects.append("MimeTooDeepOrLarge")
        return
    ctype = part.get_content_type()
    walked.part_types.append(ctype)
    if ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
        _visit_forwarded(part, walked, depth)
        return
    if part.is_multipart():
        payload = part.get_payload()
        if isinstance(payload, list):
            for child in payload:
                if isinstance(child, Message):
                    _visit(child, walked, depth + 1, inside_forward)
        return
    disposition = (part.get_content_disposition() or "").lower()
    filename = _filename(part)
    is_body_text = ctype in ("text/plain", "text/html") and disposition != "attachment"
    if is_body_text and not filename and not inside_forward:
        text = part_text(part, walked.defects)
        (walked.plain if ctype == "text/plain" else walked.html).append(text)
        return
    if is_body_text and inside_forward:
        return
    payload_bytes = part_bytes(part, walked.set_aside)
    name = safe_filename(decode_header_value(filename) if filename else None, ctype)
    walked.attachments.append(
        Attachment(
            filename=name, content_type=ctype, payload=payload_bytes, forwarded=inside_forward
        )
    )


def _filename(part: Message) -> str | None:
    """`part.get_filename()`, without parsing a Content-Type that cannot name a file."""
    # Without Content-Disposition, get_filename parses the Content-Type parameters for a "name"
    # (and part_text parses them again for the charset). Every parameter name is a piece of the
    # header, so a header without "name" in it has none: the result is None either way.
    if (
        "content-disposition" not in part
        and "name" not in str(part.get("content-type", "")).lower()
    ):
        return None
    return part.get_filename()


def _visit_forwarded(part: Message, walked: Walked, depth: int) -> None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, Message):
        return
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding in {"base64", "quoted-printable"}:
        # RFC 2046 forbids encoding message/rfc822, but clients do it; the stdlib then leaves
        # the encoded text as the body of a header-less message. Decode and parse it properly.
        inner = _decode_encoded_message(inner, encoding)
    # A forwarded message's own attachments (an LOA inside a forwarded notice) still count.
    nested = Walked(parts_seen=walked.parts_seen, set_aside=walked.set_aside)
    _visit(inner, nested, depth + 1, inside_forward=False)
    walked.parts_seen = nested.parts_seen
    walked.part_types.extend(nested.part_types)
    walked.defects.extend(d for d in nested.defects if d not in walked.defects)
    text = "\n".join(nested.plain) or "\n".join(html_to_text(h).text for h in nested.html)
    walked.forwarded.append(
        ForwardedMail(
            subject=decode_header_value(inner.get("Subject", "")),
            sender=decode_header_value(inner.get("From", "")),
            text=text.strip(),
            attached=True,
        )
    )
    walked.forwarded.extend(nested.forwarded)
    walked.attachments.extend(
        Attachment(a.filename, a.content_type, a.payload, forwarded=True)
        for a in nested.attachments
    )


def _decode_encoded_message(inner: Message, encoding: str) -> Message:
    text = inner.get_payload()
    if not isinstance(text, str):
        return inner
    try:
        data = (
            base64.b64decode(text, validate=False)
            if encoding == "base64"
            else quopri.decodestring(text.encode("ascii", "replace"))
        )
    except (binascii.Error, ValueError):
        return inner
    return email.message_from_bytes(data)


# Outlook-style clients head a reply's quote and a forward alike with "Original Message":
# such a separator is a forward only when the subject says so.
_ORIGINAL = (
    r"Original Message|Ursprüngliche Nachricht|Messaggio originale|Mensagem original|"
    r"Mensaje original|Message d'origine"
)
_INLINE_FORWARD = re.compile(
    r"^[ \t>]*(-{3,}\s*(?:(?P<original>" + _ORIGINAL + r")|Forwarded message|Forwarded|"
    r"Weitergeleitete Nachricht|Weitergeleitet|Messaggio inoltrato|Inoltrato|"
    r"Mensagem encaminhada|Mensagem reencaminhada|Mensaje reenviado|"
    r"Message transféré|Début du message réexpédié)\s*-{3,}|"
    r"Begin forwarded message:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Fwd:", "FW:", "WG:" (de), "I:" (it), "Enc:" (pt), "RV:" (es), "TR:" (fr), after any "Re:".
_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:(?:re|aw|r|rif|res|sv)\s*:\s*)*(?:fwd?|wg|i|enc|rv|tr)\s*:", re.IGNORECASE
)


def split_inline_forward(text: str, subject: str = "") -> tuple[str, ForwardedMail | None]:
    """Split "---------- Forwarded message ----------" text into the sender's words and the rest."""
    match = _INLINE_FORWARD.search(text)
    if match is None or (match.group("original") and not _FORWARD_SUBJECT.match(subject)):
        return text, None
    own, rest = text[: match.start()], text[match.end() :]
    headers: dict[str, str] = {}
    lines = rest.lstrip("\n").splitlines()
    body_start = 0
    for index, line in enumerate(lines):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in {
            "from",
            "von",
            "da",
            "de",
            "subject",
            "betreff",
            "oggetto",
            "assunto",
            "asunto",
            "objet",
            "date",
            "datum",
            "data",
            "fecha",
            "sent",
            "to",
            "an",
            "a",
            "para",
            "à",
            "cc",
        }:
            headers[key.strip().lower()] = value.strip()
            continue
        if line.strip() == "" and headers:
            body_start = index + 1
            break
        body_start = index
        break
    forwarded = ForwardedMail(
        subject=headers.get("subject", headers.get("betreff", headers.get("oggetto", ""))),
        sender=headers.get("from", headers.get("von", headers.get("da", headers.get("de", "")))),
        text="\n".join(lines[body_start:]).strip(),
    )
    return own.rstrip(), forwarded
