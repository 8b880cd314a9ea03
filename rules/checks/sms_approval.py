"""Canadian ports: the losing carrier may text the customer to approve the port, and an
unanswered text within 90 minutes cancels it (porting-domain §4, Canada)."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext

# Countries whose losing carriers confirm a port by text message to the customer.
_CONFIRMED_BY_TEXT = frozenset({"CA"})


class SmsApproval:
    name = "sms-approval"
    description = "No number is in a country whose carriers confirm a port by text message."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not any(
            n.country in _CONFIRMED_BY_TEXT and n.type != "toll_free" for n in context.facts.numbers
        ):
            return ()
        detail = "the losing carrier may ask the customer to approve the port by text message"
        return (Finding(self.name, "sms_approval", "warning", detail),)
