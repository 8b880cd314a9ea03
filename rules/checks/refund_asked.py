"""A customer who asks us for money back ("refund the April charge", "remboursez-moi", "erwarte
ich eine Gutschrift"): a refund or a credit is a person's decision, whatever else the message
asks, so the case goes to an agent and the billing team."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class RefundAsked:
    name = "refund-asked"
    description = "The customer does not ask for a refund or a credit."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.refund_asked:
            return ()
        detail = "the customer asks for a refund or a credit: billing decides"
        return (Finding(self.name, "refund_asked", "refer", detail),)
