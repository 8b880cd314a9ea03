"""A port away that already waits on us, or that we turned down ("Ooma says it's waiting on
you", "Vonage has tried twice"): a person finds the pending request now, rather than the
customer being told how a port starts."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class PortWaits:
    name = "port-waits"
    description = "The customer does not say a port away already waits on us."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.port_waits:
            return ()
        detail = "the port away already waits on us: find the pending request"
        return (Finding(self.name, "port_waits", "refer", detail),)
