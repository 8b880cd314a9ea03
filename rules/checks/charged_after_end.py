"""Charges after the numbers left or the service ended ("still being charged for numbers that
left in June"): billing checks the charges since and credits what should not have been
billed. The removal or cancellation paragraph is still said beside it."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class ChargedAfterEnd:
    name = "charged-after-end"
    description = (
        "The customer says nothing of charges after the numbers left or the service ended."
    )

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.charged_after_end:
            return ()
        detail = "the customer is still charged for numbers that left or a service that ended"
        return (Finding(self.name, "charged_after_end", "refer", detail),)
