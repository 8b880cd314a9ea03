"""A customer who asks to move a port's date ("Can we move our port date from the 12th to the
19th?"): a person asks the carrier for the new date (porting-domain §1 row 15), and the reply
is not the status answer "an exact date may not be available yet"."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class DateChange:
    name = "date-change"
    description = "The customer does not ask to move the port's date."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.date_change:
            return ()
        detail = "the customer asks to move the port's date: ask the carrier for the new date"
        return (Finding(self.name, "date_change", "refer", detail),)
