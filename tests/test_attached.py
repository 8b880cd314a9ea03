"""A document the customer says is attached to a message that carries none is named in the
reply, so the customer sends it again instead of being asked as if they never had."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.extract.attached import says_attached
from bot.model import CaseContext
from bot.parse import parse_mail
from bot.pipeline import respond
from tests.factories import answered, porting_mail


@pytest.mark.parametrize(
    "text",
    [
        "LOA + bill attached. Earliest FOC pls",
        "Anbei wie gewünscht das unterschriebene LOA.",
        "Vi allego la fattura di AT&T.",
        "Adjunto la factura de Movistar.",
        "RIO en pièce jointe. Merci.",
        "Segue em anexo a LOA assinada.",
    ],
)
def test_a_document_said_to_be_attached(text: str) -> None:
    assert says_attached(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Can I send the LOA as an attachment?",
        "I will attach the bill tomorrow.",
        "Please port (415) 555-0123 to us.",
    ],
)
def test_no_document_said_to_be_attached(text: str) -> None:
    assert says_attached(text) is None


BODY = "Please port (312) 555-0140 from Keystone Fiber. LOA + bill attached. Earliest FOC pls"
LOST = "no attachment reached us: please attach the documents to your reply"


def test_a_port_in_whose_attachments_did_not_arrive_is_told_so() -> None:
    outcome = answered("porting", BODY)
    assert outcome.draft is not None
    assert "loa" in outcome.decision.missing
    assert LOST in outcome.draft.text


def test_a_message_with_an_attachment_is_not_told_it_has_none() -> None:
    raw = porting_mail(
        subject="porting",
        body=BODY,
        attachments=(("notes.txt", "text/plain", b"Keystone Fiber account notes"),),
    )
    outcome = respond(parse_mail(raw), CaseContext(token="P-1"), load_settings(None, {}))
    assert outcome.draft is not None
    assert LOST not in outcome.draft.text


def test_a_mail_attached_as_a_message_arrived() -> None:
    # The demo's rejection notice comes as an attached .eml, which is read as forwarded mail.
    notice = (
        b"From: AT&T <noreply@att.example>\r\nSubject: Port request rejected\r\n\r\n"
        b"Your port request was rejected: business name mismatch.\r\n"
    )
    raw = porting_mail(
        subject="Port rejected",
        body="Got the attached this morning. It says the name doesn't match?? (503) 555-0171",
        attachments=(("Port request rejected.eml", "message/rfc822", notice),),
    )
    mail = parse_mail(raw)
    assert mail.forwarded and not mail.attachments
    outcome = respond(mail, CaseContext(token="P-1"), load_settings(None, {}))
    assert outcome.draft is not None
    assert LOST not in outcome.draft.text
