"""A customer whose service is failing now ("phones have been down since 8:40", "mein Telefon
macht nur tut-tut"): a fault is the support team's, and urgent, whatever else the message
asks, so a person takes it up rather than the bot answering the rest."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class ServiceFault:
    name = "service-fault"
    description = "The customer does not report that the service is failing now."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.service_fault:
            return ()
        detail = "the customer reports a service fault: urgent, for the support team"
        return (Finding(self.name, "service_fault", "refer", detail),)
