"""A request to move numbers must say which numbers."""

from __future__ import annotations

from bot.model import CaseType, Finding
from rules.base import RuleContext


class PortRequestNamesNumber:
    name = "port-request-names-number"
    description = "A port-in, transfer or port-out request names at least one phone number."
    applies_to = frozenset(
        {
            CaseType.PORT_IN,
            CaseType.PORT_IN_TWILIO_TRANSFER,
            CaseType.PORT_IN_INTERNATIONAL,
            CaseType.PORT_OUT,
        }
    )

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if context.facts.numbers:
            return ()
        return (
            Finding(
                rule=self.name,
                key="phone_numbers",
                severity="missing",
                detail="No phone number found in the request.",
            ),
        )
