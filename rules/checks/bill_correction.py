"""An invoice the customer says is wrong ("non ha la nostra partita IVA", "Korrigieren Sie die
Rechnung"): a person in billing reissues it, so a person answers rather than the download
instructions."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class BillCorrection:
    name = "bill-correction"
    description = "The customer does not ask for an invoice to be corrected or reissued."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.bill_correction:
            return ()
        detail = "the customer asks for an invoice to be corrected: billing reissues it"
        return (Finding(self.name, "bill_correction", "refer", detail),)
