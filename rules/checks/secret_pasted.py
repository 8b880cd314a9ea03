"""An auth token or API secret was pasted into mail: removed, and the customer must rotate it."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class SecretPasted:
    name = "secret-pasted"
    description = "No credential was pasted into mail."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.redacted_secrets:
            return ()
        kinds = ", ".join(context.facts.redacted_secrets)
        return (Finding(self.name, "secret_pasted", "warning", f"removed from the mail: {kinds}"),)
