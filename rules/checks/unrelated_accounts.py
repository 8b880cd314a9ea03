"""A transfer between Twilio accounts of different owners ("our former agency set up our numbers
in their own Twilio account"): not an internal transfer but a separate process with the losing
owner's consent (porting-domain §1 row 4), which a person runs."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class UnrelatedAccounts:
    name = "unrelated-accounts"
    description = "The transfer is not between accounts of different owners."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.unrelated_accounts:
            return ()
        detail = (
            "the numbers move between accounts of different owners: a separate process, "
            "with the consent of the account they leave"
        )
        return (Finding(self.name, "unrelated_accounts", "refer", detail),)
