"""A status enquiry names its port by the numbers or by an order or ticket reference: one that
gives the reference is not asked for the numbers."""

from __future__ import annotations

import pytest

from bot.extract.date_change import date_change_asked
from bot.extract.identifiers import find_order_references
from bot.model import Action, CaseType
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Pedido de portabilidade #60471: alguma novidade?", "60471"),
        ("FOC per l'ordine PO-48213?", "PO-48213"),
        ("FOC date for port order 88213?", "88213"),
        ("Wie weit ist unsere Nummernmitnahme? Ticket 60217.", "60217"),
        ("Order 4f9c2d1e-8b7a-4c3d-9e2f-1a2b3c4d5e6f", "4F9C2D1E-8B7A-4C3D-9E2F-1A2B3C4D5E6F"),
    ],
)
def test_an_order_or_ticket_reference_is_read(text: str, reference: str) -> None:
    assert [i.value for i in find_order_references(text)] == [reference]


def test_a_year_or_a_short_count_is_no_reference() -> None:
    text = "Our order of 2024 had 3 numbers; case 12 was closed."
    assert find_order_references(text) == ()


def _status(subject: str, body: str) -> tuple[CaseType | None, Action, tuple[str, ...]]:
    outcome = answered(subject, body)
    assert outcome.classification is not None
    return outcome.classification.case_type, outcome.decision.action, outcome.decision.missing


def test_a_status_enquiry_with_its_order_number_goes_to_the_porting_team() -> None:
    case_type, action, missing = _status(
        "Pedido #60471",
        "Pedido de portabilidade #60471: alguma novidade? Já passou uma semana. Obrigado.",
    )
    assert case_type is CaseType.PORT_STATUS
    assert missing == ()
    assert action is Action.REFER_TO_AGENT


def test_a_status_enquiry_with_neither_is_asked_for_the_numbers() -> None:
    case_type, action, missing = _status(
        "Portabilidade", "Alguma novidade da portabilidade? Já passou uma semana. Obrigado."
    )
    assert case_type is CaseType.PORT_STATUS
    assert missing == ("phone_numbers",)
    assert action is Action.ASK_MISSING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can we move our port date from the 12th to the 19th?", True),
        ("Our office move slipped, so can the cutover go to the 28th instead of the 21st?", True),
        ("Können wir den Termin auf den folgenden Montag verschieben?", True),
        ("Solo quiero cambiar la fecha: del 10 al 14, porque el 10 es festivo.", True),
        ("Il 18 è un sabato. Potete spostare la data al lunedì 20?", True),
        ("Podem antecipar a portabilidade do (312) 555-0133 para sexta-feira?", True),
        ("J'avais demandé le 28, je reçois une confirmation pour le 21. Remettez le 28.", None),
        # Asking for the date is a status question.
        ("We pay both of you until the numbers move - what is the actual port date?", None),
        ("Wann ist der Portierungstermin?", None),
    ],
)
def test_a_request_to_move_the_port_date(text: str, expected: bool | None) -> None:
    assert date_change_asked(text) is expected


def test_a_date_change_goes_to_a_person_not_to_the_status_answer() -> None:
    outcome = answered(
        "Portierungstermin",
        "Die Portierung unserer Nummer 089 99998 750 ist für Donnerstag geplant. Können wir "
        "den Termin auf den folgenden Montag verschieben?",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("de")
    assert words.text("referred", "date_change") in outcome.draft.text
    # Not "an exact date may not be available yet" to a customer who holds one.
    assert words.text("instructions", "port_status") not in outcome.draft.text


def test_a_status_enquiry_that_names_a_date_is_told_that_date_is_checked() -> None:
    outcome = answered(
        "I: Aviso de portabilidad",
        "Buongiorno, ci è arrivato questo da Movistar per il nostro numero +34 910 000 287 che è "
        "da voi. Dice che il trasferimento a Movistar sarà il 3 dicembre. È corretto?",
    )
    assert outcome.draft is not None
    text = outcome.draft.text
    assert "insieme alla data indicata nel Suo messaggio (3 dicembre)" in text
    assert "è possibile che una data precisa non sia ancora nota" not in text


def test_a_span_of_weeks_is_no_date_to_say_back() -> None:
    outcome = answered(
        "Timing of our toll-free port",
        "We were told the port of 1-800-555-0153 would take 2-3 weeks. It's now week 4. Is "
        "there a date yet?",
    )
    assert outcome.case_facts.answers.port_date is None
    assert outcome.draft is not None
    assert "the date in your message" not in outcome.draft.text
    assert "an exact date may not be available yet" in outcome.draft.text
