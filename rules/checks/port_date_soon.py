"""A requested port date under 5 business days away cannot be met."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class PortDateSoon:
    name = "port-date-soon"
    description = "The requested port date is at least 5 business days away."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        answers = context.facts.answers
        if answers.port_date is None or not answers.port_date_soon:
            return ()
        return (
            Finding(
                self.name,
                "port_date_too_soon",
                "warning",
                f"{answers.port_date.isoformat()} is under 5 business days away",
            ),
        )
