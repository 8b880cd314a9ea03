"""The emergency (911) address: a records update that speaks of it is told the new address is
the numbers' emergency address too; an emergency call that went to an old address goes to
support as urgent, whatever the request."""

from __future__ import annotations

import pytest

from bot.extract.emergency_address import emergency_address, emergency_misrouted
from bot.model import Action, CaseType
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please change the service and E911 address for our numbers to the new one.", True),
        ("Bitte hinterlegen Sie die neue Adresse als E911-Adresse.", True),
        ("Nouvelle adresse 911 pour le (613) 555-0185 : 77, rue Example, Gatineau.", True),
        ("Es importante para 911.", True),
        ("On m'a dit que l'adresse était importante pour le 112 et le 15.", True),
        # A house number is no emergency number; an emergency of ours is no address.
        ("Era no número 112 da Example Street e agora é no 117.", None),
        ("This is an emergency, please call me back.", None),
    ],
)
def test_the_emergency_address_is_read(text: str, expected: bool | None) -> None:
    assert emergency_address(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A coworker called 911 and the dispatcher had our OLD address on Lincoln Ave.", True),
        ("Llamamos al 911 y la ambulancia se fue a nuestra dirección ANTERIOR.", True),
        ("Le SAMU irait à la mauvaise porte.", True),
        # The old address named, no emergency service sent to it.
        ("Our old address was 14 Pine Street; the new one is 20 Oak Avenue.", None),
    ],
)
def test_an_emergency_call_to_the_wrong_place_is_read(text: str, expected: bool | None) -> None:
    assert emergency_misrouted(text) is expected


def test_a_records_update_for_the_emergency_address_says_it_is_that_address() -> None:
    outcome = answered(
        "E911",
        "Could you please update the E911 address for (206) 555-0187 to 18 Pier Road, Unit B, "
        "Seattle, WA 98101? Thanks, Jane",
    )
    assert outcome.classification is not None
    assert outcome.classification.case_type is CaseType.RECORDS_UPDATE
    assert outcome.draft is not None
    words = locale("en")
    assert words.text("phrases", "emergency_address") in outcome.draft.text
    # Made by the support team, not "the porting team has taken over your request".
    assert "Our support team will make the change" in outcome.draft.text
    assert "porting team" not in outcome.draft.text


def test_an_emergency_call_sent_to_the_old_address_is_urgent() -> None:
    outcome = answered(
        "911 address",
        "Ayer un empleado se desmayó en la oficina, llamamos al 911 desde el (702) 555-0193 y "
        "la ambulancia se fue a nuestra dirección ANTERIOR. Cambien la dirección de emergencia "
        "a 2100 E Camelback Rd, Phoenix, AZ 85016. Jane",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("es")
    assert words.text("phrases", "refer_urgent") in outcome.draft.text
    assert words.text("referred", "emergency_misrouted") in outcome.draft.text
