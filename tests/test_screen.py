"""Screen: automated mail is recognised, with its reason; mail from people goes through."""

from __future__ import annotations

import pytest

from bot.parse import parse_mail
from bot.screen import ScreenContext, bounced_message_ids, screen_mail
from tests.conftest import CORPUS
from tests.factories import porting_mail

CONTEXT = ScreenContext(
    own_addresses=frozenset({"support@portdesk.example", "porting@portdesk.example"}),
    message_id_domain="portdesk.example",
    loop_header="X-Portdesk-Loop",
)


def test_every_real_bounce_auto_reply_and_abuse_report_is_screened() -> None:
    files = sorted((CORPUS / "bounces").glob("*.eml"))
    assert len(files) == 629
    let_through = [
        f.name for f in files if screen_mail(parse_mail(f.read_bytes()), CONTEXT) is None
    ]
    assert let_through == []


@pytest.mark.parametrize("name", ["is-not-bounce-01.eml", "is-not-bounce-02.eml"])
def test_ordinary_mail_that_fooled_bounce_parsers_goes_through(name: str) -> None:
    mail = parse_mail((CORPUS / "not-bounces" / name).read_bytes())
    assert screen_mail(mail, CONTEXT) is None


def test_auto_submitted_notice_is_not_taken_for_a_bounce() -> None:
    # Not a DSN (sisimai's negative sample), but it says Auto-Submitted: RFC 3834 forbids a reply.
    mail = parse_mail((CORPUS / "not-bounces" / "rb-issue-368-bug.eml").read_bytes())
    verdict = screen_mail(mail, CONTEXT)
    assert verdict is not None
    assert verdict.screen == "auto-submitted"
    assert not verdict.is_bounce


@pytest.mark.parametrize(
    ("headers", "screen"),
    [
        ({"Auto-Submitted": "auto-replied"}, "auto-submitted"),
        ({"Auto-Submitted": "auto-generated"}, "auto-submitted"),
        ({"X-Autoreply": "yes"}, "autoreply-headers"),
        ({"X-Autorespond": "Out of office"}, "autoreply-headers"),
        ({"Precedence": "bulk"}, "precedence"),
        ({"Precedence": "junk"}, "precedence"),
        ({"Precedence": "list"}, "precedence"),
        ({"X-Auto-Response-Suppress": "All"}, "auto-response-suppress"),
        ({"X-Auto-Response-Suppress": "DR, OOF, AutoReply"}, "auto-response-suppress"),
        ({"List-Id": "<porting.lists.example.net>"}, "list-headers"),
        ({"List-Unsubscribe": "<mailto:leave@lists.example.net>"}, "list-headers"),
        ({"X-Loop": "helpdesk@example.net"}, "x-loop"),
        ({"Return-Path": "<>"}, "null-sender"),
        ({"X-Portdesk-Loop": "support@portdesk.example"}, "own-mail"),
    ],
)
def test_header_screens(headers: dict[str, str], screen: str) -> None:
    verdict = screen_mail(parse_mail(porting_mail(headers=headers)), CONTEXT)
    assert verdict is not None
    assert verdict.screen == screen
    assert verdict.reason


@pytest.mark.parametrize(
    "sender",
    [
        "MAILER-DAEMON@mx.example.net",
        "postmaster@example.net",
        "no-reply@carrier.example",
        "noreply@carrier.example",
        "donotreply@carrier.example",
    ],
)
def test_machine_senders(sender: str) -> None:
    verdict = screen_mail(parse_mail(porting_mail(sender=sender)), CONTEXT)
    assert verdict is not None
    assert verdict.screen == "machine-sender"


@pytest.mark.parametrize(
    "raw",
    [
        porting_mail(sender="Porting Support <support@portdesk.example>"),
        porting_mail(sender="porting@portdesk.example"),
        porting_mail(message_id="<portdesk.abc123@portdesk.example>"),
    ],
    ids=["our-address", "our-other-address", "our-message-id"],
)
def test_our_own_mail_is_never_answered(raw: bytes) -> None:
    verdict = screen_mail(parse_mail(raw), CONTEXT)
    assert verdict is not None
    assert verdict.screen == "own-mail"


def test_reply_to_our_address_is_our_own_mail() -> None:
    raw = porting_mail(headers={"Reply-To": "support@portdesk.example"})
    verdict = screen_mail(parse_mail(raw), CONTEXT)
    assert verdict is not None and verdict.screen == "own-mail"


def test_a_customer_writing_about_an_auto_reply_is_not_screened() -> None:
    raw = porting_mail(
        subject="Re: Port of +1 415 555 0123 [#P-1042]",
        body="I got an automatic reply saying you are out of office. Is my port still on?",
    )
    assert screen_mail(parse_mail(raw), CONTEXT) is None


DSN = b"""From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: support@portdesk.example
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn.1@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; jane@acme-dental.example
Action: failed
Status: 5.1.1

--b1
Content-Type: text/rfc822-headers

Message-ID: <portdesk.0a1b2c@portdesk.example>
Subject: Re: Port [#P-1001]

--b1--
"""


def test_delivery_status_report_is_a_bounce_and_finds_our_reply() -> None:
    mail = parse_mail(DSN)
    verdict = screen_mail(mail, CONTEXT)
    assert verdict is not None
    assert verdict.is_bounce
    assert bounced_message_ids(mail, "portdesk.example") == ("<portdesk.0a1b2c@portdesk.example>",)
