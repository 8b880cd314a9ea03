"""A customer porting in who speaks of ending the current carrier's service ("the contract with
Rogers ends in September", "wir kündigen bei der Telekom"): a number cancelled or disconnected
before the port completes can no longer be ported, so they are told to keep it until then."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class KeepService:
    name = "keep-service"
    description = "The customer does not speak of ending the current carrier's service."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.service_ending:
            return ()
        detail = "the customer speaks of ending the current service: keep it until the port"
        return (Finding(self.name, "keep_service", "warning", detail),)
