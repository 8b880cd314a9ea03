"""A port away that waits on us goes to a person now; a release asked for in advance is told
what happens when the new provider's request arrives."""

from __future__ import annotations

import pytest

from bot.extract.release import port_waits_on_us, release_asked
from bot.model import Action
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "asked", "waits"),
    [
        (
            "Wir gehen mit 089 99998 210 zu M-net. Bitte freigeben, wenn die Anfrage kommt.",
            True,
            None,
        ),
        ("Merci de libérer le numéro 06 39 98 77 10 pour un transfert vers Bouygues.", True, None),
        (
            "Ooma submitted the port four days ago. They say it's waiting on you. Release it.",
            True,
            True,
        ),
        ("Telus attend depuis huit jours que vous libériez nos numéros.", True, True),
        (
            "Vonage has tried twice to take our numbers; twice they were told it isn't authorised.",
            True,
            True,
        ),
        # A port away we refused, in the customer's words, waits on us too.
        (
            "Mi nueva compañía me dice que ustedes RECHAZARON la salida del (954) 555-0122.",
            True,
            True,
        ),
        ("VOUS avez refusé la portabilité du 514 555 0143 vers Vidéotron.", True, True),
        ("Perché avete rifiutato il trasferimento del numero verso TIM?", True, True),
        # All that is missing is our authorisation.
        (
            "Não é o PIN que falta; falta vocês autorizarem a saída do (212) 555-0161.",
            True,
            True,
        ),
        ("Please remove whatever lock you have so the numbers can move.", True, True),
        # Authorisation asked for in advance: a release asked, not a port that waits.
        ("Il +39 347 000 0511 passa a WindTre. Autorizzate la portabilità.", True, None),
        # A port away that asks nothing of us.
        ("We are moving (415) 555-0126 to Verizon next month. What do they need?", None, None),
    ],
)
def test_a_release_asked_for_and_a_port_that_waits(
    text: str, asked: bool | None, waits: bool | None
) -> None:
    assert release_asked(text) is asked
    assert port_waits_on_us(text) is waits


def test_a_port_that_waits_on_us_is_looked_for_now_not_explained() -> None:
    outcome = answered(
        "Port",
        "Ooma submitted the port for (678) 555-0104 four days ago. They say it's waiting on "
        "you. Release it please.",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("en")
    assert words.text("referred", "port_waits") in outcome.draft.text
    # Not told how a port starts: it has started.
    assert "Your new provider starts the port" not in outcome.draft.text


def test_a_port_out_we_refused_goes_to_a_person_not_asked_for_the_new_provider() -> None:
    outcome = answered(
        "Portabilidad",
        "Mi nueva compañía me dice que ustedes RECHAZARON la salida del (954) 555-0122 por "
        "datos no coincidentes. Es MI número. Suelten el número ya.",
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert "gaining_provider" not in outcome.decision.missing
    assert outcome.draft is not None
    assert locale("es").text("referred", "port_waits") in outcome.draft.text


def test_a_release_asked_in_advance_is_told_what_happens_when_the_request_arrives() -> None:
    outcome = answered(
        "Wechsel", "Wir gehen mit 089 99998 210 zu M-net. Bitte freigeben, wenn die Anfrage kommt."
    )
    assert outcome.decision.action is Action.SEND_INSTRUCTIONS
    assert outcome.draft is not None
    assert locale("de").text("instructions", "port_out_release") in outcome.draft.text


def test_a_forwarded_notice_pending_release_by_us_is_a_port_that_waits() -> None:
    body = (
        "Recebi isto da Comcast. Podem dar seguimento do vosso lado? Quero que o número passe "
        "para eles o quanto antes.\n\nRosa\n\n-------- Original Message --------\n"
        "From: Comcast Business <noreply@comcast.example>\nSubject: Port request pending\n\n"
        "Your request to transfer (786) 555-0127 to Comcast Business has been submitted and is "
        "pending release by your current provider."
    )
    outcome = answered("Fwd: Port request pending", body)
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    assert locale("pt").text("referred", "port_waits") in outcome.draft.text
    assert "A portabilidade é iniciada pelo novo operador" not in outcome.draft.text


def test_a_port_out_that_names_no_provider_is_asked_for_it_and_told_the_steps() -> None:
    outcome = answered(
        "Neue Nummer bestellen",
        "Eigentlich genau das Gegenteil. Wir wollen die (206) 555-0119 zu einem anderen "
        "Anbieter umziehen. Wie geht das bei Ihnen?",
    )
    assert outcome.decision.action is Action.ASK_MISSING
    assert outcome.decision.missing == ("gaining_provider",)
    assert outcome.draft is not None
    # "Wie geht das?" is answered: the new provider starts the port, and what it needs.
    words = locale("de")
    assert words.text("instructions", "port_out") in outcome.draft.text
    assert words.text("instructions", "port_out_keep_account") in outcome.draft.text
    assert words.text("instructions", "port_out") in outcome.draft.html
