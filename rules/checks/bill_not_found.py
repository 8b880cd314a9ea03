"""A customer who looked for the invoice in the Console and did not find it: sending them back
there helps nobody, so a person (who can send it) answers."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class BillNotFound:
    name = "bill-not-found"
    description = "The customer has not already looked for the invoice in vain."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.bill_not_found:
            return ()
        detail = "the customer could not find the invoice in the Console: an agent sends it"
        return (Finding(self.name, "bill_not_found", "refer", detail),)
