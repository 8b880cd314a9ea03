"""Decide stage: what to do with a message, and the reasons that led there."""

from __future__ import annotations

from bot.model import Action, CaseType, Classification, Decision, Finding, ScreenVerdict

# Whatever the rules say: a PIN never goes out by email, and mail the bot does not recognise
# is read by a person.
_ALWAYS_AGENT = {
    CaseType.PORT_OUT_PIN: (
        "a port-out PIN is never sent by email; an agent answers through the secure channel"
    ),
    CaseType.OTHER: "the request is not one the bot recognises",
}


def decide(
    screen: ScreenVerdict | None,
    classification: Classification | None,
    findings: tuple[Finding, ...],
    min_confidence: float,
    *,
    when_complete: Action = Action.ACKNOWLEDGE,
    already_complete: bool = False,
) -> Decision:
    """ask_missing while items are missing; then the case type's `when_complete` action, once."""
    if screen is not None:
        return Decision(Action.NO_REPLY, (f"automated mail: {screen.reason}",))
    referred = tuple(f.detail for f in findings if f.refers)
    refer = _refer_reason(classification, min_confidence)
    if refer is not None:
        # What a person must decide (a refund, a fault) is named too: the agent sees why.
        return Decision(Action.REFER_TO_AGENT, (refer, *referred))
    assert classification is not None
    if referred:
        return Decision(Action.REFER_TO_AGENT, referred)
    # A question beside the request (the price) waits for the person who answers it.
    for_agent = tuple(f.detail for f in findings if f.for_agent)
    missing = tuple(dict.fromkeys(f.key for f in findings if f.is_missing))
    if missing:
        reasons = tuple(f.detail for f in findings if f.is_missing)
        return Decision(Action.ASK_MISSING, (*reasons, *for_agent), missing, for_agent)
    if already_complete and when_complete is Action.ACKNOWLEDGE:
        # The case was acknowledged and handed over already: a new message is for a person.
        return Decision(Action.REFER_TO_AGENT, ("the case is complete and with the porting team",))
    reason = f"{classification.case_type.value}: nothing missing"
    return Decision(when_complete, (reason, *for_agent), for_agent=for_agent)


def _refer_reason(classification: Classification | None, min_confidence: float) -> str | None:
    if classification is None:
        return "no classification"
    if classification.case_type in _ALWAYS_AGENT:
        return _ALWAYS_AGENT[classification.case_type]
    if classification.confidence < min_confidence:
        return (
            f"classifier confidence {classification.confidence:.2f} is below {min_confidence:.2f}"
        )
    return None
