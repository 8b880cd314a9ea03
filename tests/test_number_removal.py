"""Removing ported numbers: most customers say the numbers have left, and are promised the
removal after our check; one whose port is still under way is told the numbers stay until
it completes."""

from __future__ import annotations

import pytest

from bot.extract.removal import port_pending
from bot.model import CaseType, Outcome
from replies.locales import Locale, locale
from tests.factories import answered


def _after_provider(words: Locale, key: str) -> str:
    """A removal paragraph from where it has named the provider on (that part varies)."""
    return words.tables["instructions"][key].split("{to_provider}", 1)[1]


def _counted(key: str, outcome: Outcome) -> str:
    """The wording's key as the reply chooses it: singular where it names one number."""
    return f"{key}_one" if len(outcome.case_facts.numbers) == 1 else key


@pytest.mark.parametrize(
    ("subject", "body", "language"),
    [
        (
            "Numéro toujours facturé",
            "Le numéro 04 65 71 93 05 est chez SFR depuis le début du mois mais nous est "
            "toujours facturé. Merci de le retirer du compte.",
            "fr",
        ),
        (
            "Remove ported numbers",
            "The move of (512) 555-0110 to Zoom Phone completed on Tuesday. Please remove it "
            "from our account, with its user licence.",
            "en",
        ),
    ],
)
def test_numbers_said_to_have_left_are_promised_their_removal(
    subject: str, body: str, language: str
) -> None:
    outcome = answered(subject, body)
    assert outcome.classification is not None and outcome.draft is not None
    assert outcome.classification.case_type is CaseType.NUMBER_REMOVAL
    words = locale(language)
    assert _after_provider(words, _counted("number_removal", outcome)) in outcome.draft.text
    # Not told what happens "while the port is still in progress": it is not.
    pending = _after_provider(words, _counted("number_removal_pending", outcome))
    assert pending not in outcome.draft.text


def test_a_port_still_under_way_is_told_the_numbers_stay_until_it_completes() -> None:
    outcome = answered(
        "Did the port finish? If so please remove",
        "Could you check whether the port of (512) 555-0134 to our new carrier has completed "
        "on your side? If it's done, please remove it and the line licence.",
    )
    assert outcome.draft is not None
    words = locale("en")
    assert _after_provider(words, _counted("number_removal_pending", outcome)) in outcome.draft.text


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("Les numéros ne sont pas encore partis.", True),
        ("Bitte entfernen Sie die Nummer, sobald die Portierung abgeschlossen ist.", True),
        ("Le enviamos la factura rectificativa del mes en curso.", None),
        ("Die 040 000 7733 ist zu sipgate portiert.", None),
    ],
)
def test_a_port_said_to_be_under_way(text: str, pending: bool | None) -> None:
    assert port_pending(text) is pending


@pytest.mark.parametrize(
    ("subject", "body", "said"),
    [
        (
            "Remove ported numbers",
            "Hi, (919) 555-0155 and (919) 555-0156 ported to Verizon on the 3rd. Please remove "
            "them and the two user licences.",
            "check that the port to Verizon has completed",
        ),
        (
            "Nummer entfernen",
            "Guten Tag, unten die Bestätigung von O2. Die 0221 4710 672 ist seit dem 12. bei O2. "
            "Bitte entfernen Sie sie aus unserem Konto.",
            "Portierung zu O2 abgeschlossen ist",
        ),
        (
            "Remove ported numbers",
            "Hi, (919) 555-0155 has moved away. Please remove it from our account.",
            "check that the port to your new provider has completed",
        ),
    ],
)
def test_the_removal_names_the_provider_the_numbers_went_to(
    subject: str, body: str, said: str
) -> None:
    outcome = answered(subject, body)
    assert outcome.draft is not None
    assert said in outcome.draft.text


def test_a_removal_says_nothing_else_is_removed_unless_the_account_closes() -> None:
    removal = answered(
        "Remove",
        "Hi, (317) 555-0192 went to AT&T last week. Please remove it and nothing else, we "
        "have 20 other numbers. Thanks, Jane",
    )
    assert removal.draft is not None
    words = locale("en")
    assert words.text("instructions", "number_removal_only_one") in removal.draft.text
    closing = answered(
        "Remove and close",
        "Hi, (317) 555-0192 went to AT&T last week. Please remove it, then close our account. "
        "Thanks, Jane",
    )
    assert closing.draft is not None
    assert words.text("instructions", "number_removal_only_one") not in closing.draft.text
