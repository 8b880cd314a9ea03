"""A customer who answers a rejection in the same message (the right PIN, a new RIO) is thanked
for it, not asked for it again, and the PIN is never written back."""

from __future__ import annotations

import pytest

from bot.extract.answers import masked_pin
from bot.extract.identifiers import find_identifiers
from bot.model import Action, CaseType
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Abgelehnt wegen falscher PIN. Richtige PIN ist 7302.", "••••"),
        ("Portage rejeté : NIP incorrect. Le bon NIP est 5519.", "••••"),
        ("Il PIN è 4432. Potete ripresentare la richiesta?", "••••"),
        ("El PIN es 338812.", "••••••"),
    ],
)
def test_a_pin_given_in_any_language_is_read_as_its_length(text: str, masked: str) -> None:
    assert masked_pin(text) == masked


def test_a_rio_a_few_words_after_its_name_is_read() -> None:
    text = "J'ai redemandé le RIO au 3179 ce matin : il s'agit de 02 P 6HW3KD R2N. Merci."
    assert [(i.kind, i.value) for i in find_identifiers(text)] == [("rio", "02P6HW3KDR2N")]
    # Its third character is P or E: a length is no RIO.
    assert find_identifiers("Orange says the RIO should be 12 characters long.") == ()


def test_the_right_pin_is_thanked_for_and_never_repeated() -> None:
    outcome = answered(
        "Ablehnung (443) 555-0137",
        "Abgelehnt wegen falscher PIN. Richtige PIN ist 7302. Bitte neu einreichen.",
    )
    assert outcome.classification is not None and outcome.draft is not None
    assert outcome.classification.case_type is CaseType.PORT_REJECTION
    assert outcome.decision.action is Action.REFER_TO_AGENT
    words = locale("de")
    assert words.text("corrections_given", "PASSCODE_PIN_INVALID") in outcome.draft.text
    # Not told to fetch a new PIN it has just sent.
    assert words.text("corrections", "PASSCODE_PIN_INVALID") not in outcome.draft.text
    assert "7302" not in outcome.draft.text and "7302" not in outcome.draft.html


def test_a_new_rio_answers_the_quoted_reason_and_the_notice() -> None:
    outcome = answered(
        "Portabilité refusée - RIO non valide",
        "Vous nous informez que la portabilité de notre numéro 01 99 00 46 21 a été refusée "
        "par SFR pour « RIO non valide ». J'ai redemandé le RIO au 3179 ce matin : il s'agit "
        "de 02 P 6HW3KD R2N.\n\nPourriez-vous relancer la demande avec ce RIO ?",
    )
    assert outcome.draft is not None
    # The quoted reason stands for the notice: it is not asked for.
    assert outcome.decision.missing == ()
    assert outcome.facts.answers.rejection_reasons == ("PASSCODE_PIN_INVALID",)
    words = locale("fr")
    assert words.text("corrections_given", "PASSCODE_PIN_INVALID") in outcome.draft.text


def test_a_rejection_without_the_fix_still_says_what_to_do() -> None:
    outcome = answered(
        "Port rejected", "Our port of (443) 555-0137 was rejected: PIN invalid. What now?"
    )
    assert outcome.draft is not None
    assert locale("en").text("corrections", "PASSCODE_PIN_INVALID") in outcome.draft.text
