"""An emergency call that went to an old or wrong address ("the ambulance went to our OLD
address", "le SAMU irait à la mauvaise porte"): support corrects the emergency address at
once, as urgent, whatever else the message asks."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class EmergencyMisrouted:
    name = "emergency-misrouted"
    description = "No emergency call is said to have gone to an old or wrong address."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.emergency_misrouted:
            return ()
        detail = "emergency services were or would be sent to an old or wrong address"
        return (Finding(self.name, "emergency_misrouted", "refer", detail),)
