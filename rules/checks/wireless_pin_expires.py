"""A wireless port-in PIN expires within days: the port must be submitted before it does."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext
from rules.conditions import wireless


class WirelessPinExpires:
    name = "wireless-pin-expires"
    description = "A wireless PIN was given; carriers let it expire within days."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not (wireless(context) and context.facts.answers.pin_masked):
            return ()
        return (
            Finding(
                self.name,
                "wireless_pin_expires",
                "warning",
                "wireless PINs often expire after 4 to 7 days",
            ),
        )
