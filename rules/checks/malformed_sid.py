"""Something that looks like a Twilio SID but is not one: the customer should check it."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class MalformedSid:
    name = "malformed-sid"
    description = "Every SID the customer gave is well formed."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        return tuple(
            Finding(self.name, "malformed_sid", "warning", f"{i.value}: {i.note}")
            for i in context.facts.identifiers
            if not i.valid
        )
