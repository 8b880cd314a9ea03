"""Parse: the customer's new words come out without quotes and signatures; nothing crashes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.parse import ParseError, parse_mail
from bot.parse.reply_text import split_reply
from tests.conftest import CORPUS
from tests.factories import porting_mail

REPLY_FILES = sorted(p.name for p in (CORPUS / "replies").glob("*.eml"))


@pytest.mark.parametrize("name", REPLY_FILES)
def test_real_client_replies_yield_only_the_new_text(name: str) -> None:
    mail = parse_mail((CORPUS / "replies" / name).read_bytes())
    # Every fixture is a reply saying just "Hello" above the client's quote.
    assert mail.new_text == "Hello"
    assert "Hi" not in mail.new_text


@pytest.mark.parametrize("name", ["gmail.eml", "apple_mail.eml", "outlook.eml", "android.eml"])
def test_quoted_history_is_kept_apart(name: str) -> None:
    mail = parse_mail((CORPUS / "replies" / name).read_bytes())
    assert mail.quoted_text


@pytest.mark.parametrize(
    ("name", "new_text", "signature"),
    [
        ("email_BlackBerry.txt", "Here is another email", "Sent from my BlackBerry"),
        ("email_iPhone.txt", "Here is another email", "Sent from my iPhone"),
        ("correct_sig.txt", "this is an email with a correct -- signature.", "--\nrick"),
        ("email_1_3.txt", "Oh thanks.\n\nHaving the function would be great.", "-Abhishek Kona"),
        ("email_2_1.txt", "Outlook with a reply", ""),
        ("email_2_2.txt", "Outlook with a reply directly above line", ""),
        ("email_gmail.txt", "This is a test for inbox replying to a github message.", ""),
        ("email_headers_no_delimiter.txt", "And another reply!", ""),
    ],
)
def test_plain_text_reply_styles(name: str, new_text: str, signature: str) -> None:
    parts = split_reply((CORPUS / "reply-text" / name).read_text(encoding="utf-8"))
    assert parts.new_text == new_text
    assert parts.signature == signature


def test_sig_delimiter_inside_a_line_is_not_a_signature() -> None:
    text = (CORPUS / "reply-text" / "email_sig_delimiter_in_middle_of_line.txt").read_text()
    assert "kthxbai" in split_reply(text).new_text


@pytest.mark.parametrize(
    "header",
    [
        "On Mon, Nov 16, 2026 at 9:00 AM Porting Support <support@portdesk.example> wrote:",
        "Am 16.11.2026 um 09:00 schrieb Porting Support <support@portdesk.example>:",
        "Il giorno lun 16 nov 2026 alle ore 09:00 Porting Support ha scritto:",
        "Em seg., 16 de nov. de 2026 às 09:00, Porting Support escreveu:",
        "El lun, 16 nov 2026 a las 9:00, Porting Support escribió:",
        "Le lun. 16 nov. 2026 à 09:00, Porting Support a écrit :",
    ],
)
def test_quote_headers_in_our_languages(header: str) -> None:
    text = f"Here is the LOA you asked for.\n\n{header}\n> Please send the signed LOA.\n"
    parts = split_reply(text)
    assert parts.new_text == "Here is the LOA you asked for."
    assert "Please send" in parts.quoted


@pytest.mark.parametrize("path", sorted((CORPUS / "mime").glob("*.eml")), ids=lambda p: p.name)
def test_real_world_mime_parses_with_defects_recorded(path: Path) -> None:
    mail = parse_mail(path.read_bytes())
    assert isinstance(mail.defects, tuple)


def test_malformed_mime_records_its_defects() -> None:
    mail = parse_mail((CORPUS / "mime" / "mail_malformed_1.eml").read_bytes())
    assert "StartBoundaryNotFoundDefect" in mail.defects


def test_mail_parser_failure_falls_back_to_the_stdlib(corpus: Callable[[str], Path]) -> None:
    # mail-parser 4.8 raises AttributeError on this SendGrid bounce; it must still be read.
    mail = parse_mail(corpus("bounces/lhost-sendgrid-01.eml").read_bytes())
    assert any(d.startswith("MailParserFailed") for d in mail.defects)
    assert mail.sender is not None


def test_empty_bytes_are_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_mail(b"  \r\n")


def test_attachment_names_never_become_paths() -> None:
    raw = porting_mail(attachments=(("../../etc/passwd", "application/pdf", b"%PDF-1.4 x"),))
    mail = parse_mail(raw)
    assert [a.filename for a in mail.attachments] == ["passwd"]
    assert mail.attachments[0].payload == b"%PDF-1.4 x"


def test_forwarded_message_is_kept_apart_from_the_senders_words() -> None:
    inner = porting_mail(
        sender="Porting Desk <noreply@carrier.example>",
        subject="Port request rejected",
        body="Your port was rejected: BUSINESS_NAME_MISMATCH.",
    )
    raw = porting_mail(
        subject="Fwd: Port request rejected",
        body="Can you fix this? Our port got rejected.",
        attachments=(("rejection.eml", "message/rfc822", inner),),
    )
    mail = parse_mail(raw)
    assert mail.new_text == "Can you fix this? Our port got rejected."
    assert len(mail.forwarded) == 1
    assert "BUSINESS_NAME_MISMATCH" in mail.forwarded[0].text
    assert mail.forwarded[0].subject == "Port request rejected"


def test_inline_forward_is_split_from_the_new_text() -> None:
    body = (
        "See below, what do we do?\n\n"
        "---------- Forwarded message ---------\n"
        "From: Carrier <porting@carrier.example>\n"
        "Subject: Rejected\n\n"
        "Rejected: LOCATION_MISMATCH\n"
    )
    mail = parse_mail(porting_mail(body=body))
    assert mail.new_text == "See below, what do we do?"
    assert mail.forwarded[0].text == "Rejected: LOCATION_MISMATCH"
    assert mail.forwarded[0].sender == "Carrier <porting@carrier.example>"


def test_html_only_mail_drops_scripts_and_keeps_quotes_apart() -> None:
    html = (
        "<html><body><p>Please port (415) 555-0123.</p><script>alert(1)</script>"
        "<blockquote>On Monday support wrote: send the LOA</blockquote></body></html>"
    )
    raw = (
        "From: a@acme-dental.example\r\nTo: support@portdesk.example\r\nSubject: x\r\n"
        "Message-ID: <h1@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n" + html
    ).encode()
    mail = parse_mail(raw)
    assert mail.new_text == "Please port (415) 555-0123."
    assert "send the LOA" in mail.quoted_text


def test_crlf_in_encoded_subject_never_survives() -> None:
    raw = porting_mail(subject="=?utf-8?q?Port=0D=0ABcc:_evil@example.net?=")
    assert "\n" not in parse_mail(raw).subject
    assert "\r" not in parse_mail(raw).subject
