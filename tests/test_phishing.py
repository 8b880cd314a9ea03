"""A customer who asks whether a mail asking for their PIN or password is ours is told at once
what not to do, and a person checks that no port was asked for; no PIN paragraph is added."""

from __future__ import annotations

import pytest

from bot.extract.phishing import suspects_phishing
from bot.model import Action
from replies.locales import locale
from tests.factories import answered

FORWARDED = (
    "---------- Mensaje reenviado ---------\n"
    "De: Seguridad de Cuenta <seguridad@verificacion-lineas.example>\n"
    "Asunto: Confirme su PIN de portabilidad\n\n"
    "Estimado cliente: para cancelar una solicitud de portabilidad, responda a este correo con "
    "su PIN de portabilidad en un plazo de 2 horas."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Got this today. Is this really from you? The link looks weird.", True),
        ("¿Esto es vuestro? Decidme si es una estafa.\n\n" + FORWARDED, True),
        ("Hallo, ist das hier von Ihnen? Sieht nach Phishing aus, der Link ist seltsam.", True),
        ("Mi sembra una truffa: non è il vostro dominio e il link è strano.", True),
        ("Recebi isto hoje. É vosso? O link não me parece o vosso site.", True),
        # Doubt without anything asked for, and "the current carrier is you", are not it.
        ("Is this really from you? It says our invoice is ready.", None),
        ("Le fournisseur actuel, c'est bien vous qui faites la demande auprès de Fizz ?", None),
        ("O operador atual SÃO VOCÊS. O número está na conta AC60.", None),
    ],
)
def test_a_mail_the_customer_doubts(text: str, expected: bool | None) -> None:
    assert suspects_phishing(text) is expected


def test_a_doubted_mail_is_answered_with_what_not_to_do_and_no_pin_paragraph() -> None:
    outcome = answered(
        "RV: Confirme su PIN de portabilidad",
        "¿Esto es vuestro? Me ha llegado esta mañana pidiéndome que confirme el PIN de "
        "portabilidad. Yo no he pedido ninguna portabilidad. Decidme si es una estafa.\n\n"
        + FORWARDED,
    )
    assert outcome.decision.action is Action.REFER_TO_AGENT
    assert outcome.draft is not None
    words = locale("es")
    text = outcome.draft.text
    assert words.text("phrases", "refer_urgent") in text
    assert "no procede de nosotros" in text and "No lo responda ni abra sus enlaces" in text
    # Not told how to give a PIN to a new provider she does not have.
    assert "nuevo operador" not in text
