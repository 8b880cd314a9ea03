"""A customer porting in who speaks of ending the current carrier's service is told to keep it
until the port completes: a cancelled or disconnected number can no longer be ported."""

from __future__ import annotations

import pytest

from bot.extract.service_end import ends_current_service
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our contract with Nextiva ends on the 30th.", True),
        ("Wir kündigen bei der Telekom, die Nummer soll zu Ihnen.", True),
        ("Verizon hat mitgeteilt, dass der Anschluss Ende des Monats abgeschaltet wird.", True),
        ("Il contratto TIM di Bologna scade a giugno e non lo rinnoviamo.", True),
        ("No queremos dar de baja nada con Movistar hasta tener claro el proceso.", True),
        ("C'est notre contrat chez Bell qui prend fin le 31.", True),
        # Asked rather than said: the warning answers the question.
        ("¿Tengo que darme de baja yo antes con Ooma o eso se hace solo?", True),
        ("Do I need to cancel my Ooma service first?", True),
        ("One question: should I cancel Xfinity myself after, or does the port close it?", True),
        ("Should we cancel the port?", None),
        # A threat to leave us is not the current carrier's service.
        ("Tell me how to submit a UK port or I'll cancel the whole contract.", None),
        # "Brésilienne" holds no "résili…"; a port-in that says nothing of it is not told.
        ("Nous sommes une entreprise brésilienne avec un bureau à Miami.", None),
        ("Please port (415) 555-0101 from AT&T to us.", None),
        # Ending it after the port is what the warning would ask: nothing to warn of.
        (
            "These are the only two numbers on the account; we'll cancel once the port is done.",
            None,
        ),
        ("Wir kündigen bei der Telekom erst nach der Portierung.", None),
    ],
)
def test_ending_the_current_service(text: str, expected: bool | None) -> None:
    assert ends_current_service(text) is expected


def test_a_port_in_that_ends_the_old_contract_is_told_to_keep_the_service() -> None:
    outcome = answered(
        "Moving from Nextiva",
        "Hello, we want to bring (480) 555-0120 over from Nextiva, where our contract ends on "
        "the 30th. What do you need?",
    )
    assert outcome.draft is not None
    assert locale("en").text("warnings", "keep_service") in outcome.draft.text
    plain = answered("Port", "Hello, please port (480) 555-0121 from Nextiva to us.")
    assert plain.draft is not None
    assert locale("en").text("warnings", "keep_service") not in plain.draft.text
