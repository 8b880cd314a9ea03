"""The customer's new words apart from quoted history and signature (mail-parser-reply, + PT)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mailparser_reply import EmailMessage, EmailReplyParser

# mail-parser-reply has no Portuguese; these quote headers are cut before it runs. Outlook's
# "-----Mensagem original-----" divider heads a quoted reply too (a forward's is split off
# before, where the subject says it is one).
_EXTRA_QUOTE_HEADERS = re.compile(
    r"^\s*(Em .{4,120}?escreveu:|On .{4,200}?wrote:|Le .{4,120}?a écrit\s?:|"
    r"-{3,}\s*(?:Mensagem original|Original Message|Mensaje original|Messaggio originale|"
    r"Ursprüngliche Nachricht|Message d'origine)\s*-{3,})\s*$",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
_QUOTE_LINE = re.compile(r"^\s*>")
# Outlook leaves its divider line above the quote it removed.
_SEPARATOR_LINE = re.compile(r"^\s*([-_=*]{5,}\s*)?$")
_BULLET = re.compile(r"^\s*[-*\u2022]\s+\S")
_CLOSING = re.compile(
    r"^\s*(thanks|thank you|many thanks|best|regards|kind regards|best regards|cheers|"
    r"sincerely|mit freundlichen grüßen|viele grüße|grazie|cordiali saluti|saluti|"
    r"obrigad[oa]|atenciosamente|cumprimentos|gracias|saludos|un saludo|merci|cordialement|"
    r"bien à vous)\b[^\n]{0,30}$",
    re.IGNORECASE,
)
_MAX_SIGNATURE_LINES = 8
_SIG_DELIMITER = re.compile(r"^-- ?$", re.MULTILINE)
_LANGUAGES = ["en", "de", "fr", "it", "es"]
_PARSER = EmailReplyParser(languages=_LANGUAGES)
# mail-parser-reply builds its three patterns again for every message, a fifth of its time; they
# depend only on the languages, so they are built once, from the library's own pattern text.
_PATTERNS = EmailMessage(text="", languages=_PARSER.languages)
# Every alternative of the quote-header pattern starts at a line start or at a newline, and every
# alternative of the signature pattern at a line start or at whitespace. Stating that up front
# lets the regex engine drop every other position after one check instead of trying each
# alternative there; the matches, and so the replies, are the same.
_HEADER_REGEX = re.compile(
    rf"(?=^|\n)(?:{_PATTERNS.HEADER_REGEX.pattern})", _PATTERNS.HEADER_REGEX.flags
)
_SIGNATURE_REGEX = re.compile(
    rf"(?=^|\s)(?:{_PATTERNS.SIGNATURE_REGEX.pattern})", _PATTERNS.SIGNATURE_REGEX.flags
)
_DISCLAIMERS_REGEX = _PATTERNS.DISCLAIMERS_REGEX


@dataclass(frozen=True, slots=True)
class ReplyParts:
    """New text, quoted history and signature of one plain-text body."""

    new_text: str
    quoted: str
    signature: str


def split_reply(text: str) -> ReplyParts:
    """Split a plain-text body; whatever cannot be told apart stays in the new text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head, quoted_tail = _cut_extra_headers(text)
    try:
        replies = _read_replies(head)
    except (re.error, IndexError, ValueError):
        replies = []
    if replies:
        first = replies[0]
        new_text, signature = first.body.strip(), (first.signatures or "").strip()
        if _is_content(signature):
            new_text, signature = _split_closing(f"{new_text}\n{signature}")
        quoted = "\n".join(r.content for r in replies[1:])
    else:
        new_text, signature, quoted = head.strip(), "", ""
    new_text, sig_from_delimiter = _cut_signature_delimiter(new_text)
    signature = "\n".join(s for s in (signature, sig_from_delimiter) if s)
    new_lines = [line for line in new_text.splitlines() if not _QUOTE_LINE.match(line)]
    while new_lines and _SEPARATOR_LINE.match(new_lines[-1]):
        new_lines.pop()
    stray = [line for line in new_text.splitlines() if _QUOTE_LINE.match(line)]
    quoted = "\n".join(q for q in (quoted, "\n".join(stray), quoted_tail) if q.strip())
    return ReplyParts("\n".join(new_lines).strip(), quoted.strip(), signature.strip())


def _read_replies(text: str) -> list[Any]:
    """What `_PARSER.read(text).replies` returns, with the patterns built once."""
    message = EmailMessage(
        text=text,
        languages=_PARSER.languages,
        _header_regex=_HEADER_REGEX,
        _disclaimers_regex=_DISCLAIMERS_REGEX,
        _signature_regex=_SIGNATURE_REGEX,
    )
    replies: list[Any] = message.read().replies
    return replies


def _is_content(signature: str) -> bool:
    """mail-parser-reply takes a "- " bullet for a "-Name" signature; a list is the message."""
    bullets = sum(1 for line in signature.splitlines() if _BULLET.match(line))
    return bullets >= 2 or len(signature.splitlines()) > _MAX_SIGNATURE_LINES


def _split_closing(text: str) -> tuple[str, str]:
    """The signature is what follows the last closing ("Thanks,", "Best regards,") if short."""
    lines = text.rstrip().splitlines()
    for index in range(len(lines) - 1, max(len(lines) - _MAX_SIGNATURE_LINES, 0) - 1, -1):
        if _CLOSING.match(lines[index]):
            return "\n".join(lines[:index]).strip(), "\n".join(lines[index:]).strip()
    return text.strip(), ""


def _cut_extra_headers(text: str) -> tuple[str, str]:
    match = _EXTRA_QUOTE_HEADERS.search(text)
    if match is not None and match.start() > 0:
        return text[: match.start()], text[match.start() :]
    return _cut_generic_quote_header(text)


def _cut_generic_quote_header(text: str) -> tuple[str, str]:
    """Any language: a line ending in ':' right above the first '>' block introduces the quote."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not _QUOTE_LINE.match(line):
            continue
        start = index - 1
        while start > 0 and not lines[start].strip():
            start -= 1
        if start < 1 or not lines[start].rstrip().endswith(":"):
            return text, ""
        # Clients wrap a long "date, name <address> wrote:" header over two lines.
        if start >= 2 and ("@" in lines[start - 1] or lines[start - 1].rstrip().endswith("<")):
            start -= 1
        return "\n".join(lines[:start]), "\n".join(lines[start:])
    return text, ""


def _cut_signature_delimiter(text: str) -> tuple[str, str]:
    match = _SIG_DELIMITER.search(text)
    if match is None:
        return text, ""
    return text[: match.start()].rstrip(), text[match.end() :].strip()
