"""Large attachments set aside before the parse: what a user reads is the same as a full parse."""

from __future__ import annotations

import base64
import email
import random
from email.message import EmailMessage

from bot.parse import parse_mail
from bot.parse.offload import THRESHOLD, slim
from bot.parse.redact import REDACTED_HEADER, redact_raw

SCAN = random.Random(7).randbytes(THRESHOLD * 2)
TOKEN_TEXT = "My auth token is 0123456789abcdef0123456789abcdef, sorry."


def _mail(text: str = "Hello, the signed LOA for +1 217 555 0140 is attached.\n") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Dana Reyes <dana@example.com>"
    message["To"] = "support@example.net"
    message["Subject"] = "LOA for our port"
    message["Message-ID"] = "<loa-1@example.com>"
    message.set_content(text)
    message.add_attachment(SCAN, maintype="application", subtype="pdf", filename="LOA.pdf")
    message.add_attachment(b"%PDF small", maintype="application", subtype="pdf", filename="a.pdf")
    return message


def test_a_large_attachment_reads_the_same_as_with_a_full_parse() -> None:
    raw = _mail().as_bytes()
    slimmed = slim(raw)
    assert len(slimmed.raw) < 2_000, "the parsers get a small message"
    mail = parse_mail(raw)
    assert [(a.filename, a.content_type, a.payload) for a in mail.attachments] == [
        ("LOA.pdf", "application/pdf", SCAN),
        ("a.pdf", "application/pdf", b"%PDF small"),
    ]
    assert "+1 217 555 0140" in mail.new_text


def test_crlf_mail_and_a_forwarded_attachment_are_read_whole() -> None:
    inner = _mail()
    outer = EmailMessage()
    outer["From"] = "ops@example.com"
    outer["Subject"] = "Fwd: LOA for our port"
    outer.set_content("See the LOA below.\n")
    outer.add_attachment(inner)
    raw = outer.as_bytes().replace(b"\n", b"\r\n")
    mail = parse_mail(raw)
    loa = [a for a in mail.attachments if a.filename == "LOA.pdf"]
    assert len(loa) == 1 and loa[0].payload == SCAN and loa[0].forwarded


def test_a_secret_is_redacted_and_the_stored_attachment_is_intact() -> None:
    raw = _mail(TOKEN_TEXT + "\n").as_bytes()
    redacted, kinds = redact_raw(raw)
    assert kinds == ("auth_token",)
    assert b"0123456789abcdef0123456789abcdef" not in redacted
    stored = email.message_from_bytes(redacted)
    assert stored[REDACTED_HEADER] == "auth_token"
    payloads = {p.get_filename(): p.get_payload(decode=True) for p in stored.walk()}
    assert payloads["LOA.pdf"] == SCAN
    assert parse_mail(redacted).attachments[0].payload == SCAN


def test_a_large_text_attachment_is_never_set_aside_so_its_secrets_are_redacted() -> None:
    message = _mail()
    notes = (TOKEN_TEXT + "\n") * (THRESHOLD // len(TOKEN_TEXT) + 10)
    message.add_attachment(notes.encode(), maintype="text", subtype="plain", filename="notes.txt")
    # A text part encoded as base64 is exactly what must stay in the parse.
    assert b"Content-Type: text/plain" in message.as_bytes()
    raw = message.as_bytes()
    assert len(slim(raw).bodies) == 1, "only the PDF"
    redacted, kinds = redact_raw(raw)
    assert kinds == ("auth_token",)
    assert b"0123456789abcdef0123456789abcdef" not in redacted


def test_a_body_broken_by_a_blank_line_is_still_read_whole() -> None:
    encoded = base64.encodebytes(SCAN)
    half = len(encoded) // 2
    half = encoded.index(b"\n", half) + 1
    broken = encoded[:half] + b"\n" + encoded[half:]
    raw = (
        b"From: dana@example.com\nSubject: scan\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
        b"Content-Type: text/plain\n\nscan attached\n--b1\n"
        b'Content-Type: application/pdf; name="scan.pdf"\n'
        b"Content-Transfer-Encoding: base64\n\n" + broken + b"--b1--\n"
    )
    mail = parse_mail(raw)
    assert mail.attachments[0].payload == SCAN


def test_a_body_with_text_after_it_is_parsed_as_it_is() -> None:
    raw = (
        b"From: dana@example.com\nSubject: scan\nMIME-Version: 1.0\n"
        b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(SCAN)
        + b"\nSent from my phone\n"
    )
    assert slim(raw).bodies == {}
    assert parse_mail(raw).attachments[0].payload[: len(SCAN)] == SCAN


def test_a_message_that_is_one_large_attachment_is_set_aside_and_read_whole() -> None:
    raw = (
        b"From: dana@example.com\nSubject: scan\nMIME-Version: 1.0\n"
        b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(SCAN)
    )
    assert len(slim(raw).bodies) == 1
    assert parse_mail(raw).attachments[0].payload == SCAN


def test_a_marker_written_by_the_customer_is_left_as_written() -> None:
    lookalike = "PDOF000000000000"
    raw = _mail(f"{TOKEN_TEXT}\n{lookalike}\n").as_bytes()
    redacted, kinds = redact_raw(raw)
    assert kinds == ("auth_token",)
    mail = parse_mail(redacted)
    assert lookalike in mail.new_text
    assert mail.attachments[0].payload == SCAN
