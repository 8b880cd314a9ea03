"""Questions beside the request that no template answers (the price, a new number, call
forwarding, voicemail) are said back with a person to answer them, and the draft waits for
that person; the request itself, and how long a port takes, are not such questions."""

from __future__ import annotations

import pytest

from bot.config import ReviewSettings, ScreenSettings
from bot.extract.side_questions import side_questions
from bot.model import Action
from bot.policy import route_reply
from replies.locales import locale
from tests.factories import answered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hola, quiero portar (253) 555-0110 desde Ooma. ¿Me pueden cotizar un número local "
            "nuevo de Tacoma?",
            ("¿Me pueden cotizar un número local nuevo de Tacoma?",),
        ),
        ("Bonjour. Combien ça coûte par mois ?", ("Combien ça coûte par mois ?",)),
        (
            "Außerdem: Müssen wir die Rufumleitungen danach neu einrichten?",
            ("Außerdem: Müssen wir die Rufumleitungen danach neu einrichten?",),
        ),
        # The dot of an address ends no sentence.
        (
            "Bitte an k.morgan@example.com schreiben: was kostet das?",
            ("Bitte an k.morgan@example.com schreiben: was kostet das?",),
        ),
        # A phone number in the question is no PIN: the reply lists the numbers anyway.
        (
            "Is there a fee to move one number, +1 737 555 0126, from my old account to my new "
            "one? Both are yours.",
            (
                "Is there a fee to move one number, +1 737 555 0126, from my old account to my "
                "new one?",
            ),
        ),
        # A hard-wrapped question is one question.
        (
            "We want to port (415) 555-0101.\nAlso, could you tell us what it\nwould cost?",
            ("Also, could you tell us what it would cost?",),
        ),
    ],
)
def test_a_question_no_template_answers_is_read_as_written(
    text: str, expected: tuple[str, ...]
) -> None:
    assert side_questions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The request itself, and how long it takes: the reply answers those.
        "Can you port (415) 555-0101 to us? What do you need from me?",
        "How much time does it take?",
        "Combien de temps faut-il prévoir ?",
        # A toll-free number, not a price: "sans frais", "gebührenfrei".
        "Pouvez-vous transférer notre numéro sans frais ?",
        "Kann man über eine gebührenfreie Nummer SMS empfangen?",
        # Not call forwarding; and a sentence with a PIN-like run of digits is never said back.
        "Could you forward the invoice to me?",
        "Is a PIN like 4821 ok, and what does it cost?",
        "Account 88291123: what is the price?",
        # A statement is no question; "gliela inoltro" forwards an invoice, not calls.
        "The price is fine.",
        "Potete mandare la fattura a lei (k.morgan@dalmonte-us.example), o a me che gliela "
        "inoltro?",
    ],
)
def test_no_side_question(text: str) -> None:
    assert side_questions(text) is None


def test_a_side_question_is_said_back_and_the_draft_waits_for_the_agent_who_answers_it() -> None:
    outcome = answered(
        "Port Ooma numbers",
        "Hola, quiero portar (253) 555-0110, (253) 555-0111 y (253) 555-0112 desde Ooma. "
        "¿Me pueden cotizar un número local nuevo de Tacoma?",
    )
    assert outcome.draft is not None
    # The port-in's missing items are still asked for...
    assert outcome.decision.action is Action.ASK_MISSING
    assert "loa" in outcome.decision.missing
    # ...and the question is said back, with a person to answer it.
    text = outcome.draft.text
    assert locale("es").text("phrases", "side_questions_intro") in text
    assert "  - ¿Me pueden cotizar un número local nuevo de Tacoma?" in text
    assert "<li>¿Me pueden cotizar un número local nuevo de Tacoma?</li>" in outcome.draft.html
    assert any("no template answers" in reason for reason in outcome.decision.reasons)
    route = route_reply(
        outcome.decision, outcome.classification, 0, ReviewSettings(), ScreenSettings()
    )
    assert not route.send
    assert "only an agent can answer" in route.reason


def test_a_message_without_one_is_sent_as_before() -> None:
    outcome = answered(
        "Port Ooma numbers",
        "Hola, quiero portar (253) 555-0110 desde Ooma. ¿Qué necesitan de mí?",
    )
    assert outcome.decision.for_agent == ()
    assert outcome.draft is not None
    assert locale("es").text("phrases", "side_questions_intro") not in outcome.draft.text
    route = route_reply(
        outcome.decision, outcome.classification, 0, ReviewSettings(), ScreenSettings()
    )
    assert route.send


def test_a_customers_markup_in_a_question_is_escaped_in_the_html() -> None:
    outcome = answered(
        "Port request",
        "Hello, we would like to port our number (415) 555-0101 from AT&T to you. "
        "What is the price for <b>two</b> new numbers?",
    )
    assert outcome.draft is not None
    assert "&lt;b&gt;two&lt;/b&gt;" in outcome.draft.html
    assert "<b>two</b>" not in outcome.draft.html
