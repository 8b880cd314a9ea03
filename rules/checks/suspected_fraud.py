"""Someone else making calls on the customer's account ("Hunderte Anrufe ins Ausland, die
niemand von uns getätigt hat"): the support team must stop it now, and the customer can act
before they reply, so a person takes it up as urgent whatever else the message asks."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class SuspectedFraud:
    name = "suspected-fraud"
    description = "The customer does not report calls or charges that nobody of theirs made."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.suspected_fraud:
            return ()
        detail = "the customer reports calls nobody of theirs made: possible fraud, urgent"
        return (Finding(self.name, "suspected_fraud", "refer", detail),)
