"""Review policy: the bot sends alone only what it is configured and sure enough to send."""

from __future__ import annotations

from bot.config import ReviewSettings, ScreenSettings
from bot.model import Action, CaseType, Classification, Decision
from bot.policy import route_reply
from tests.factories import answered

ASK = Decision(Action.ASK_MISSING, ("no LOA",), ("loa",))


def _port_in(confidence: float) -> Classification:
    return Classification(CaseType.PORT_IN, confidence, "en", "trained")


def test_a_sure_answer_is_sent_and_an_unsure_one_waits_saying_how_sure() -> None:
    review, screen = ReviewSettings(), ScreenSettings()
    assert route_reply(ASK, _port_in(0.93), 0, review, screen).send
    held = route_reply(ASK, _port_in(0.73), 0, review, screen)
    assert not held.send
    # The agent sees how near the bot was, and the threshold to change to trust it more.
    assert held.reason == "classifier 0.73 sure, under the 0.80 needed to answer alone"


def test_a_reply_that_also_answers_a_cancellation_waits_for_the_agent_who_carries_it_out() -> None:
    review, screen = ReviewSettings(), ScreenSettings()
    instructions = Decision(Action.SEND_INSTRUCTIONS, ("port_out: nothing missing",))
    port_out = Classification(CaseType.PORT_OUT, 0.95, "en", "trained")
    assert route_reply(instructions, port_out, 0, review, screen).send
    also_cancel = Classification(
        CaseType.PORT_OUT, 0.95, "en", "trained", secondary_intents=(CaseType.CANCELLATION,)
    )
    held = route_reply(instructions, also_cancel, 0, review, screen)
    assert not held.send
    assert held.reason == "also asks to cancel, which an agent carries out"


def test_a_draft_held_for_an_agent_says_why_in_the_agents_queue() -> None:
    # A cancellation from a sender not verified for the account: the queue says what to
    # confirm, not that the customer asked a question.
    outcome = answered(
        "Cancel our account",
        "Hello, please close our account with +1 305 555 0147; we no longer need the service.",
    )
    send_alone = ReviewSettings(send_actions=["ask_missing", "send_instructions", "acknowledge"])
    route = route_reply(outcome.decision, outcome.classification, 0, send_alone, ScreenSettings())
    assert not route.send
    assert "account change asked by a sender not verified" in route.reason
    assert "question" not in route.reason
