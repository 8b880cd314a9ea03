"""Review policy: whether a drafted reply is sent by the bot or waits for an agent."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import ReviewSettings, ScreenSettings
from bot.model import Action, CaseType, Classification, Decision

# Second requests that a person must carry out: the reply answers them, an agent acts.
_AGENT_CARRIES_OUT = {CaseType.CANCELLATION: "also asks to cancel, which an agent carries out"}


@dataclass(frozen=True, slots=True)
class Route:
    """`send` True: the bot sends it; False: an agent approves it first, for `reason`."""

    send: bool
    reason: str


def route_reply(
    decision: Decision,
    classification: Classification | None,
    recent_auto_replies: int,
    review: ReviewSettings,
    screen: ScreenSettings,
) -> Route:
    """Send only configured actions, on a confident classification, under the per-address limit."""
    held = _held_for(decision, classification, review)
    if held is not None:
        return Route(False, held)
    if recent_auto_replies >= screen.max_auto_replies_per_address:
        return Route(
            False,
            f"rate limit: {recent_auto_replies} automatic replies to this address in "
            f"{screen.rate_window_hours:g} h",
        )
    return Route(True, "sent by the bot")


def _held_for(
    decision: Decision, classification: Classification | None, review: ReviewSettings
) -> str | None:
    """Why the reply itself needs an agent, if it does."""
    case_type = classification.case_type.value if classification else "other"
    if not review.sends(decision.action.value, case_type):
        return f"policy: {decision.action.value} replies for {case_type} are reviewed"
    if classification is None:
        return "no classification"
    if classification.confidence < review.min_confidence:
        # The figures tell the agent how near the bot was, and what to change to trust it more.
        return (
            f"classifier {classification.confidence:.2f} sure, under the "
            f"{review.min_confidence:.2f} needed to answer alone"
        )
    if decision.action is Action.REFER_TO_AGENT:
        return "referred to an agent"
    if decision.for_agent:
        # The reply says a person answers a question, sends a record or confirms a change with
        # the contact of record: that person sees the draft first, and why.
        return "; ".join(decision.for_agent)
    carried_out = [
        _AGENT_CARRIES_OUT[also]
        for also in classification.secondary_intents
        if also in _AGENT_CARRIES_OUT and also is not classification.case_type
    ]
    return carried_out[0] if carried_out else None
