"""Account data goes only to verified senders, a PIN never goes by email, owners hear of requests.

Each test delivers real messages into a Maildir, runs `portdesk once` against a store holding
the inventory in tests/fixtures/security/inventory.csv, and reads what the bot queued, drafted
and audited: the things an attacker would try and a security reviewer would check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from bot.cli import main
from bot.config import load_settings
from bot.store import Store
from bot.store.opening import open_store
from bot.store.tables import DisclosureRow, MessageRow, OutboxRow
from tests.factories import AUTHSERV_ID, porting_mail, write_config

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "security"
PINS = ("482913", "771045", "5521", "339201")
ACME = ("Acme Dental LLC", "100 Example Avenue", "Example Telecom")
ACME_CONTACT = "ops@acme-dental.example"


def arrived(raw: bytes, *, dmarc: str = "pass", domain: str = "acme-dental.example") -> bytes:
    """The message as our receiving server delivers it: its Authentication-Results on top."""
    header = f"Authentication-Results: {AUTHSERV_ID}; dmarc={dmarc} header.from={domain}\r\n"
    return header.encode() + raw


@dataclass
class Sent:
    """One outbox row, readable."""

    kind: str
    recipient: str
    action: str
    status: str
    text: str


class Desk:
    """A portdesk installation with the fixture inventory and a Maildir to deliver into."""

    def __init__(self, tmp_path: Path, store_url: str) -> None:
        self.maildir = tmp_path / "Maildir"
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True)
        self.config = write_config(tmp_path, store_url, maildir=self.maildir)
        self.delivered = 0
        inventory = str(FIXTURES / "inventory.csv")
        assert main(["inventory", "import", inventory, "--config", str(self.config)]) == 0

    def deliver(self, raw: bytes) -> None:
        self.delivered += 1
        (self.maildir / "new" / f"{self.delivered:04d}.eml").write_bytes(raw)

    def run(self) -> list[Sent]:
        assert main(["once", "--config", str(self.config)]) == 0
        return [_readable(row) for row in self.store().replies()]

    def reply_to(self, raw: bytes) -> Sent:
        """Deliver one message, run one pass and return the reply drafted to it."""
        self.deliver(raw)
        return next(s for s in self.run() if s.kind == "reply")

    def store(self) -> Store:
        return open_store(load_settings(self.config))

    def results(self) -> list[dict[str, Any]]:
        with self.store().session(readonly=True) as session:
            rows = session.exec(select(MessageRow).order_by(col(MessageRow.id))).all()
            return [json.loads(r.result_json) for r in rows if r.result_json]

    def disclosures(self) -> list[DisclosureRow]:
        return list(self.store().disclosures())


def _readable(row: OutboxRow) -> Sent:
    message = message_from_bytes(row.raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    parts = [str(message["Subject"])]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return Sent(row.kind, row.recipient, row.action, row.status, "\n".join(parts))


@pytest.fixture
def desk(tmp_path: Path, store_url: str) -> Desk:
    return Desk(tmp_path, store_url)


CSR_BODY = (
    "Hello,\n\nour new provider asked for the Customer Service Record (CSR) of our numbers "
    "+1 202 555 0142 and +1 202 555 0143. Could you send us the CSR please?\n\nThanks,\nJane"
)


def csr_mail(
    sender: str = f"Jane Doe <{ACME_CONTACT}>", headers: dict[str, str] | None = None
) -> bytes:
    return porting_mail(sender=sender, subject="CSR request", body=CSR_BODY, headers=headers)


def assert_reveals_nothing(sent: list[Sent]) -> None:
    for item in sent:
        for pin in PINS:
            assert pin not in item.text, f"PIN in {item.kind} to {item.recipient}"
        if item.kind == "reply":
            for value in ACME:
                assert value not in item.text, f"{value!r} in the reply to {item.recipient}"
            # Saying a number is not ours tells a stranger something too.
            assert "Not registered with us" not in item.text


# Verified and not ------------------------------------------------------------------------------


SEND_CSR_ALONE = '["ask_missing", "send_instructions", "acknowledge", "send_csr"]'


def test_a_csr_waits_for_an_agent_by_default_and_nothing_is_audited_before_it_is_sent(
    desk: Desk,
) -> None:
    desk.deliver(arrived(csr_mail()))
    sent = desk.run()
    assert [(s.kind, s.action, s.status) for s in sent] == [
        ("reply", "send_csr", "awaiting_review")
    ]
    assert desk.disclosures() == []


def test_a_verified_contact_gets_the_csr_and_the_disclosure_is_audited(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", SEND_CSR_ALONE)
    desk.deliver(arrived(csr_mail()))
    sent = desk.run()
    replies = [s for s in sent if s.kind == "reply"]
    assert [(r.recipient, r.action, r.status) for r in replies] == [
        (ACME_CONTACT, "send_csr", "sent")
    ]
    text = replies[0].text
    for value in (*ACME, "Washington", "20001"):
        assert value in text
    assert not any(pin in text for pin in PINS)
    # The contact asked, verified: no notice to themselves.
    assert [s for s in sent if s.kind == "notice"] == []
    audit = desk.disclosures()
    assert len(audit) == 1
    assert audit[0].recipient == ACME_CONTACT
    assert set(audit[0].numbers.split(",")) == {"+12025550142", "+12025550143"}
    assert "dmarc=pass" in audit[0].verification
    assert audit[0].actor == "bot"
    capsys.readouterr()
    assert main(["audit", "--config", str(desk.config)]) == 0
    listing = capsys.readouterr().out
    assert ACME_CONTACT in listing and "+12025550142" in listing and "dmarc=pass" in listing


def test_an_authorised_address_without_authentication_is_referred_and_told_nothing(
    desk: Desk,
) -> None:
    desk.deliver(arrived(csr_mail(), dmarc="fail"))
    sent = desk.run()
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "refer_to_agent"
    assert_reveals_nothing(sent)
    result = desk.results()[0]
    assert result["action"] == "refer_to_agent"
    assert "no DMARC pass" in " ".join(result["reasons"])
    assert desk.disclosures() == []


def test_a_stranger_asking_for_a_csr_is_told_nothing_and_the_owner_is_notified(
    desk: Desk,
) -> None:
    stranger = "Sam Stranger <sam@freemail.example>"
    desk.deliver(arrived(csr_mail(sender=stranger), domain="freemail.example"))
    sent = desk.run()
    assert_reveals_nothing(sent)
    reply = next(s for s in sent if s.kind == "reply")
    assert (reply.recipient, reply.action) == ("sam@freemail.example", "refer_to_agent")
    # Told why nothing came, and where the details go: the account's registered address.
    assert "sends them to the email address registered on the account" in reply.text
    # What is safe to say: where the account number for a port is.
    assert "the Account SID shown in the Twilio Console" in reply.text
    notices = [s for s in sent if s.kind == "notice"]
    # Sent by the bot at once, whatever the review policy says of replies.
    assert [(n.recipient, n.status) for n in notices] == [(ACME_CONTACT, "sent")]
    assert "sam@freemail.example" in notices[0].text
    assert "(202) 555-0142" in notices[0].text


def test_a_look_alike_domain_is_not_verified_and_is_flagged(desk: Desk) -> None:
    impostor = "Jane Doe <ops@acme-dentaI.example>"
    desk.deliver(arrived(csr_mail(sender=impostor), domain="acme-dentaI.example"))
    sent = desk.run()
    assert_reveals_nothing(sent)
    result = desk.results()[0]
    assert result["action"] == "refer_to_agent"
    security = result["security"]
    assert isinstance(security, dict)
    assert any("imitates acme-dental.example" in w for w in security["warnings"])
    assert any(n["to"] == ACME_CONTACT for n in security["notices"])


@pytest.mark.parametrize(
    "sender",
    [
        '"Acme Dental Billing" <acme.billing@freemail.example>',
        '"ops@acme-dental.example" <acme.billing@freemail.example>',
    ],
    ids=["company-name", "address-as-name"],
)
def test_a_display_name_never_verifies(desk: Desk, sender: str) -> None:
    desk.deliver(arrived(csr_mail(sender=sender), domain="freemail.example"))
    sent = desk.run()
    assert_reveals_nothing(sent)
    reply = next(s for s in sent if s.kind == "reply")
    assert (reply.recipient, reply.action) == ("acme.billing@freemail.example", "refer_to_agent")


def test_authentication_results_from_outside_are_ignored(desk: Desk) -> None:
    # Our server found no DMARC pass; the sender added a header with our id claiming one, and
    # another with a different id. Ours is the top one; the others were added before ours.
    forged = porting_mail(
        sender=f"Jane Doe <{ACME_CONTACT}>",
        subject="CSR request",
        body=CSR_BODY,
        headers={
            "Authentication-Results": f"{AUTHSERV_ID}; dmarc=pass header.from=acme-dental.example"
        },
    )
    forged = (
        b"Authentication-Results: mx.other.example; dmarc=pass header.from=acme-dental.example\r\n"
        + forged
    )
    desk.deliver(arrived(forged, dmarc="none"))
    sent = desk.run()
    assert_reveals_nothing(sent)
    assert desk.results()[0]["action"] == "refer_to_agent"


def test_no_header_from_our_server_means_not_verified(desk: Desk) -> None:
    desk.deliver(
        b"Authentication-Results: mx.other.example; dmarc=pass header.from=acme-dental.example\r\n"
        + csr_mail()
    )
    sent = desk.run()
    assert_reveals_nothing(sent)


def test_account_data_goes_to_the_contact_of_record_not_to_reply_to(desk: Desk) -> None:
    hijack = csr_mail(headers={"Reply-To": "Jane <jane.doe@freemail.example>"})
    desk.deliver(arrived(hijack))
    sent = desk.run()
    assert {s.recipient for s in sent} == {ACME_CONTACT}
    assert next(s for s in sent if s.kind == "reply").action == "send_csr"
    security = desk.results()[0]["security"]
    assert isinstance(security, dict)
    assert any("Reply-To" in w for w in security["warnings"])


# PINs and takeovers ---------------------------------------------------------------------------

PIN_BODY = (
    "Hi,\n\nwe are moving +1 202 555 0142 to a new carrier and they need the port-out PIN. "
    "Please send us the port out PIN for this number.\n\nJane"
)


def test_a_verified_contact_asking_for_the_pin_still_gets_no_pin(desk: Desk) -> None:
    desk.deliver(
        arrived(porting_mail(sender=f"Jane <{ACME_CONTACT}>", subject="PIN", body=PIN_BODY))
    )
    sent = desk.run()
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "refer_to_agent"
    assert "https://console.portdesk.example/security" in reply.text
    assert not any(pin in s.text for s in sent for pin in PINS)
    assert desk.disclosures() == []


@pytest.mark.parametrize("request_body", [CSR_BODY, PIN_BODY], ids=["csr", "pin"])
def test_an_email_change_then_a_csr_or_pin_request_in_one_thread_is_suspicious(
    desk: Desk, request_body: str
) -> None:
    first = arrived(
        porting_mail(
            sender=f"Jane <{ACME_CONTACT}>",
            subject="Account contact",
            body="Hello, please change the registered email on our account to "
            "jane.new@freemail.example from now on. Thanks, Jane",
            message_id="<change-1@acme-dental.example>",
        )
    )
    desk.deliver(first)
    desk.run()
    second = arrived(
        porting_mail(
            sender=f"Jane <{ACME_CONTACT}>",
            subject="Re: Account contact",
            body=request_body,
            message_id="<change-2@acme-dental.example>",
            in_reply_to="<change-1@acme-dental.example>",
            references="<change-1@acme-dental.example>",
        )
    )
    desk.deliver(second)
    sent = desk.run()
    result = desk.results()[-1]
    assert result["action"] == "refer_to_agent"
    assert any("possible number takeover" in r for r in result["reasons"])
    assert_reveals_nothing(sent)


def test_a_request_spanning_an_account_the_sender_is_not_verified_for_is_referred(
    desk: Desk,
) -> None:
    body = "Hello, please send the CSR for +1 202 555 0142 and +1 202 555 0150. Jane"
    desk.deliver(arrived(porting_mail(sender=f"Jane <{ACME_CONTACT}>", subject="CSR", body=body)))
    sent = desk.run()
    assert next(s for s in sent if s.kind == "reply").action == "refer_to_agent"
    assert_reveals_nothing(sent)
    assert "Beta Clinic" not in " ".join(s.text for s in sent)
    # Beta's owner hears of it; Acme's contact asked, verified, and needs no notice.
    assert [s.recipient for s in sent if s.kind == "notice"] == ["admin@betaclinic.example"]


# Port-outs ------------------------------------------------------------------------------------


def test_a_move_to_another_twilio_account_gets_our_subaccount_sid(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "Hello,\n\nwe are leaving and want to port our numbers +1 202 555 0142 and "
        "+1 202 555 0143 out to our own Twilio account; Twilio is the new provider. Please tell "
        "us how the port-out works.\n\nJane"
    )
    desk.deliver(
        arrived(porting_mail(sender=f"Jane <{ACME_CONTACT}>", subject="Port out", body=body))
    )
    # A port-out to a Twilio account borders on a Twilio transfer, and the model is only about
    # 0.7 sure of it, so by default the draft waits for an agent. This test is about what the
    # reply discloses once sent: here the bot may send it at that confidence.
    monkeypatch.setenv("PORTDESK_REVIEW__MIN_CONFIDENCE", "0.6")
    sent = desk.run()
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "send_instructions"
    assert "AC0123456789abcdef0123456789abcdef" in reply.text
    assert not any(pin in reply.text for pin in PINS)
    assert desk.disclosures()[0].fields == "twilio_subaccount_sid"


def test_a_port_out_by_a_stranger_gets_generic_instructions_and_the_owner_a_notice(
    desk: Desk,
) -> None:
    body = (
        "Hi, please port +1 202 555 0142 out to Telnyx, our new provider. "
        "What do you need from us? Sam"
    )
    stranger = porting_mail(sender="Sam <sam@freemail.example>", subject="Port out", body=body)
    desk.deliver(arrived(stranger, domain="freemail.example"))
    sent = desk.run()
    assert_reveals_nothing(sent)
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "send_instructions"
    assert "only to an email address registered on the account" in reply.text
    assert [n.recipient for n in sent if n.kind == "notice"] == [ACME_CONTACT]


# What a CSR says -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "domain", "number", "expected"),
    [
        (
            "amministrazione@studiorossi.example",
            "studiorossi.example",
            "+39 02 1234 5601",
            ("Studio Rossi Srl", "ESE1234567890123AB"),
        ),
        (
            "geral@padaria.example",
            "padaria.example",
            "+351 21 000 0147",
            ("Padaria Exemplo Lda", "123456789012"),
        ),
    ],
    ids=["italian-migration-code", "portuguese-cvp"],
)
def test_a_csr_carries_the_national_porting_code(
    desk: Desk, sender: str, domain: str, number: str, expected: tuple[str, ...]
) -> None:
    body = f"Hello, please send me the CSR (customer service record) for {number}. Thank you"
    desk.deliver(arrived(porting_mail(sender=sender, subject="CSR", body=body), domain=domain))
    sent = desk.run()
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "send_csr"
    for value in expected:
        assert value in reply.text
    assert "771045" not in reply.text and "5521" not in reply.text


def test_toll_free_numbers_get_the_bill_advice(desk: Desk) -> None:
    body = "Hello, could you send the CSR for our toll-free number 1-800-555-0199? Thanks"
    desk.deliver(
        arrived(porting_mail(sender="Sam <sam@freemail.example>", subject="CSR", body=body))
    )
    sent = desk.run()
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "send_csr"
    assert "toll-free numbers have no CSR" in reply.text
    assert "Example Toll Free" not in reply.text and "Acme" not in reply.text
    # No record is given, so none is announced "exactly as written", and no PIN is mentioned.
    assert "This is what we can tell you about the numbers you asked about:" in reply.text
    assert "exactly as written" not in reply.text and "PIN" not in reply.text
    assert desk.disclosures() == []


def test_a_number_not_on_record_is_answered_as_not_registered(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", SEND_CSR_ALONE)
    body = (
        "Hello, please send the CSR for +1 202 555 0142 and for +1 202 555 0177, "
        "both ours I believe. Jane"
    )
    desk.deliver(arrived(porting_mail(sender=f"Jane <{ACME_CONTACT}>", subject="CSR", body=body)))
    sent = desk.run()
    reply = next(s for s in sent if s.kind == "reply")
    assert reply.action == "send_csr"
    section = reply.text.split("(202) 555-0177", 1)[1]
    assert section.lstrip().startswith("Not registered with us")
    assert "Acme Dental LLC" in reply.text
    assert [d.numbers for d in desk.disclosures()] == ["+12025550142"]


ADDRESS_CHANGE = (
    "Hello, please update the service address on our numbers (202) 555-0142 and "
    "(202) 555-0143 to 12 Example Street, Springfield, IL 62701. Thanks"
)
CANCEL = (
    "Hello,\n\nplease close our account with +1 202 555 0142; we no longer need the "
    "service.\n\nThanks,\nJane"
)
# The name or address changed just before a port-out is how numbers are stolen; closing an
# account ends its numbers. Either is confirmed with the owner when a stranger asks.
ACCOUNT_CHANGES = [
    pytest.param(
        ADDRESS_CHANGE,
        "we change the name or address registered on your numbers only after confirming",
        id="records",
    ),
    pytest.param(
        CANCEL, "we close an account or cancel part of it only after confirming", id="cancellation"
    ),
]


@pytest.mark.parametrize(("body", "confirmed_first"), ACCOUNT_CHANGES)
def test_an_account_change_from_the_verified_contact_is_acknowledged_as_usual(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, body: str, confirmed_first: str
) -> None:
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", SEND_CSR_ALONE)
    mail = porting_mail(sender=f"Jane Doe <{ACME_CONTACT}>", subject="Change", body=body)
    reply = desk.reply_to(arrived(mail))
    assert (reply.action, reply.status) == ("acknowledge", "sent")
    assert confirmed_first not in reply.text


@pytest.mark.parametrize(("body", "confirmed_first"), ACCOUNT_CHANGES)
def test_an_account_change_from_anyone_else_waits_for_an_agent_who_confirms_it_first(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, body: str, confirmed_first: str
) -> None:
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", SEND_CSR_ALONE)
    mail = porting_mail(sender="Sam <sam@freemail.example>", subject="Change", body=body)
    reply = desk.reply_to(arrived(mail, domain="freemail.example"))
    assert (reply.action, reply.status) == ("acknowledge", "awaiting_review")
    assert confirmed_first in reply.text
    result = desk.results()[0]
    assert any("account change asked by a sender not verified" in r for r in result["reasons"])


BILL_AND_CSR = (
    "Hello,\n\nour new provider asked for a copy of our most recent bill for +1 202 555 0142. "
    "They also asked for the CSR; if that's a separate document, please send it too.\n\n"
    "Thanks,\nJane"
)


def test_a_csr_asked_beside_a_bill_is_sent_by_an_agent_to_the_verified_contact(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", SEND_CSR_ALONE)
    mail = porting_mail(sender=f"Jane Doe <{ACME_CONTACT}>", subject="Bill", body=BILL_AND_CSR)
    reply = desk.reply_to(arrived(mail))
    # Bill instructions may go alone; the record is the agent's to send.
    assert (reply.action, reply.status) == ("send_instructions", "awaiting_review")
    assert "a member of our team checks the request and sends it to this address" in reply.text
    assert_reveals_nothing([reply])


def test_a_csr_asked_beside_a_bill_by_a_stranger_is_said_to_go_to_the_registered_address(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", SEND_CSR_ALONE)
    mail = porting_mail(sender="Sam <sam@freemail.example>", subject="Bill", body=BILL_AND_CSR)
    reply = desk.reply_to(arrived(mail, domain="freemail.example"))
    assert reply.action == "send_instructions"
    assert "we send it only to an email address registered on the account" in reply.text
    assert "sends it to this address" not in reply.text
    assert_reveals_nothing([reply])
