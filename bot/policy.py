"""Review policy: whether a drafted reply is sent by the bot or waits for an agent."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import ReviewSettings, ScreenSettings
from bot.model import Action, Classification, Decision


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
    case_type = classification.case_type.value if classification else "other"
    if not review.sends(decision.action.value, case_type):
        return Route(False, f"policy: {decision.action.value} replies for {case_type} are reviewed")
    if classification is None:
        return Route(False, "no classification")
    if classification.confidence < review.min_confidence:
        # The figures tell the agent how near the bot was, and what to change to trust it more.
        return Route(
            False,
            f"classifier {classification.confidence:.2f} sure, under the "
            f"{review.min_confidence:.2f} needed to answer alone",
        )
    if decision.action is Action.REFER_TO_AGENT:
        return Route(False, "referred to an agent")
    if recent_auto_replies >= screen.max_auto_replies_per_address:
        return Route(
            False,
            f"rate limit: {recent_auto_replies} automatic replies to this address in "
            f"{screen.rate_window_hours:g} h",
        )
    return Route(True, "sent by the bot")
