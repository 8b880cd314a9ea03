"""Parse: the customer's new words come out without quotes and signatures; nothing crashes."""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from email.header import decode_header, make_header
from email.utils import getaddresses
from pathlib import Path

import pytest

from bot.parse import ParseError, _simple_pairs, parse_mail
from bot.parse.decode import decode_header_value
from bot.parse.reply_text import _PARSER, _read_replies, split_reply
from bot.parse.structure import _filename
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


@pytest.mark.parametrize(
    ("separator", "subject"),
    [
        ("---------- Mensagem reencaminhada ---------", "Números"),
        ("---- Forwarded ----", "Numbers"),
        ("----- Weitergeleitet -----", "Nummern"),
        ("----- Début du message réexpédié -----", "Numéros"),
        # "Original Message" heads a forward only under a forward's subject.
        ("-----Mensaje original-----", "RV: Números"),
        ("-----Mensagem original-----", "Enc: Números"),
        ("-------- Messaggio originale --------", "I: Numeri"),
        ("-----Original Message-----", "FW: Numbers"),
    ],
)
def test_each_clients_forward_separator_is_split_from_the_new_text(
    separator: str, subject: str
) -> None:
    body = f"Vedi sotto.\n\n{separator}\nDe: Ana <ana@example.com>\n\nPortem o (212) 555-0188.\n"
    mail = parse_mail(porting_mail(subject=subject, body=body))
    assert mail.new_text == "Vedi sotto."
    assert mail.forwarded[0].text == "Portem o (212) 555-0188."


@pytest.mark.parametrize(
    "separator",
    [
        "-----Mensaje original-----",
        "-----Original Message-----",
        # mail-parser-reply knows no Portuguese: "Enviada em: 3 de setembro" was read as a date.
        "-----Mensagem original-----",
        "-----Ursprüngliche Nachricht-----",
        "-----Message d'origine-----",
    ],
)
def test_an_original_message_under_a_reply_is_quoted_history(separator: str) -> None:
    body = (
        "Ahora necesito la factura de junio.\n\n"
        f"{separator}\nDe: Soporte <support@portdesk.example>\n"
        "Asunto: Reembolso\n\nLe confirmamos el reembolso.\n"
    )
    mail = parse_mail(porting_mail(subject="RE: Reembolso", body=body))
    assert mail.forwarded == ()
    assert mail.new_text.startswith("Ahora necesito la factura de junio.")
    assert "reembolso" not in mail.new_text


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


# The fast paths below must give what the slow path they skip gives, input for input.

REPLY_TEXTS = sorted(p.name for p in (CORPUS / "reply-text").glob("email_*.txt"))


@pytest.mark.parametrize("name", REPLY_TEXTS)
def test_reply_patterns_built_once_split_as_the_library_does(name: str) -> None:
    # A mail-parser-reply upgrade whose patterns no longer start at a line start or newline
    # (the anchoring in reply_text.py relies on it) would show here as a different split.
    text = (CORPUS / "reply-text" / name).read_text(encoding="utf-8")
    assert _read_replies(text) == _PARSER.read(text=text).replies


@pytest.mark.parametrize(
    ("value", "simple"),
    [
        ("jane.doe@acme-dental.example", True),
        ("Jane Doe <jane.doe@acme-dental.example>", True),
        ("Jane Doe<jane@x.example>", True),
        ("<support@portdesk.example>", True),
        ("J. R. O'Neil <jr@x.example>, ops@x.example , Desk <d@x.example>", True),
        ("=?utf-8?q?J=C3=B6rg?= <j@x.example>", True),
        ('"Doe, Jane" <j@x.example>', False),
        ("Bob (night shift) <b@x.example>", False),
        ("a b@x.example", False),
        ("a..b@x.example", False),
        ("a@b@x.example", False),
        ("a@x.example,", False),
        ("undisclosed-recipients:;", False),
        ("Jörg <j@x.example>", False),
        ("", False),
    ],
)
def test_simple_addresses_read_as_getaddresses_does(value: str, simple: bool) -> None:
    fast = _simple_pairs([value])
    assert (fast is not None) == simple
    if fast is not None:
        assert fast == getaddresses([value])


@pytest.mark.parametrize(
    "value",
    [
        "plain subject",
        "folded\r\n  subject",
        "tab\there",
        "nul\x00and\x7fdel",
        "nbsp\xa0here",
        "Jörg",
    ],
)
def test_plain_header_values_skip_rfc2047_decoding_unchanged(value: str) -> None:
    assert decode_header_value(value) == " ".join(
        re.sub(r"[\x00-\x1f\x7f]", " ", str(make_header(decode_header(value)))).split()
    )


@pytest.mark.parametrize(
    "headers",
    [
        "Content-Type: text/plain; charset=utf-8\n",
        "Content-Type: text/plain; name=notes.txt\n",
        "Content-Type: text/plain; NAME*=utf-8''n%C3%B6tes.txt\n",
        "Content-Type: text/plain\nContent-Disposition: attachment; filename=loa.pdf\n",
        "Content-Disposition: inline\n",
        "",
    ],
)
def test_filename_lookup_skips_only_headers_without_a_name(headers: str) -> None:
    part = email.message_from_string(headers + "\nbody\n")
    assert _filename(part) == part.get_filename()


def test_a_broken_base64_word_in_a_header_is_dropped_not_a_parse_failure() -> None:
    raw = (
        b"From: Ann <ann@example.com>\r\nTo: support@portdesk.example\r\n"
        b"Subject: Port =?utf-8?b?w?= request\r\nMessage-ID: <b64@example.com>\r\n\r\n"
        b"Please port +1 415 555 0123 to you.\r\n"
    )
    mail = parse_mail(raw)
    assert mail.subject == "Port request"
    assert "415 555 0123" in mail.new_text
