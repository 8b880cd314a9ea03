"""Decide stage: what to do with a message, and the reasons that led there."""

from __future__ import annotations

from bot.model import Action, CaseType, Classification, Decision, Finding, ScreenVerdict

# Case types whose answer discloses account data or needs a person's judgement, whatever the
# rules say.
_ALWAYS_AGENT = {
    CaseType.PORT_OUT_PIN: (
        "a port-out PIN is never sent by email; an agent answers through the secure channel"
    ),
    CaseType.CSR_REQUEST: "CSR data is only released after an agent has verified the sender",
    CaseType.OTHER: "the request is not one the bot recognises",
}


def decide(
    screen: ScreenVerdict | None,
    classification: Classification | None,
    findings: tuple[Finding, ...],
    min_confidence: float,
) -> Decision:
    """ask_missing when items are missing, acknowledge when complete, else refer or stay silent."""
    if screen is not None:
        return Decision(Action.NO_REPLY, (f"automated mail: {screen.reason}",))
    if classification is None:
        return Decision(Action.REFER_TO_AGENT, ("no classification",))
    if classification.case_type in _ALWAYS_AGENT:
        return Decision(Action.REFER_TO_AGENT, (_ALWAYS_AGENT[classification.case_type],))
    if classification.confidence < min_confidence:
        return Decision(
            Action.REFER_TO_AGENT,
            (
                f"classifier confidence {classification.confidence:.2f} "
                f"is below {min_confidence:.2f}",
            ),
        )
    missing = tuple(dict.fromkeys(f.key for f in findings if f.is_missing))
    if missing:
        return Decision(
            Action.ASK_MISSING, tuple(f.detail for f in findings if f.is_missing), missing
        )
    return Decision(Action.ACKNOWLEDGE, (f"{classification.case_type.value}: nothing missing",))
