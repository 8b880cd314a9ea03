"""A Twilio transfer asked for before and still waiting goes to a person who finds where it
stands; the customer is not asked for a time frame as if it were new."""

from __future__ import annotations

import pytest

from bot.extract.transfer_waits import transfer_waits
from bot.model import Action
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    "text",
    [
        "Vi ho chiesto due settimane fa di spostare il numero. Perché serve tutto questo tempo?",
        "Seit zwei Wochen warte ich darauf, dass die Nummer übertragen wird.",
        "Three weeks ago I asked for the numbers to move to the new subaccount.",
        "Pedi há 10 dias para passarem o número da subconta.",
        "C'est chez vous, chez Twilio. Pourquoi c'est si long ?",
        "Our request has been pending since 10 days.",
    ],
)
def test_a_transfer_that_waits(text: str) -> None:
    assert transfer_waits(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Please move (415) 555-0123 from our subaccount to the main account next Tuesday.",
        "The subaccount has had no activity for 180 days and will be suspended.",
        "Depuis deux semaines, nos appels sortants ont un écho.",
        "We bought the company two months before the audit; please move the numbers.",
    ],
)
def test_a_new_transfer_does_not_wait(text: str) -> None:
    assert transfer_waits(text) is None


def test_a_waiting_transfer_goes_to_a_person_not_asked_for_a_time_frame() -> None:
    outcome = answered(
        "Trasferimento interno fermo",
        "Vi ho chiesto due settimane fa di spostare il numero +1 646 555 0153 dal nostro "
        "account di test ACada7c2a1b493f480673fdacaacfa6b27 all'account di produzione "
        "ACac84e88ad33f5b48ca9bbae25c6abb49. Perché serve tutto questo tempo?",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    assert locale("it").text("referred", "transfer_waits") in outcome.draft.text
    assert "time_frame" not in outcome.decision.missing
