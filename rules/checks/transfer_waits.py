"""A Twilio transfer the customer asked for before and still waits for ("Seit zwei Wochen
warte ich", "what's taking so long?"): a person finds where it stands, and the customer is
not asked for a time frame as if the transfer were new."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class TransferWaits:
    name = "transfer-waits"
    description = "The transfer is a new request, not one that has waited."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.transfer_waits:
            return ()
        detail = "the customer asked for this transfer before and is still waiting"
        return (Finding(self.name, "transfer_waits", "refer", detail),)
