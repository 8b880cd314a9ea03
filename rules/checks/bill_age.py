"""An invoice older than 30 days is refused by most gaining carriers."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext

MAX_BILL_AGE_DAYS = 30


class BillAge:
    name = "bill-age"
    description = f"The invoice is at most {MAX_BILL_AGE_DAYS} days old."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        findings = []
        for document in context.facts.documents:
            if document.kind != "invoice" or document.document_date is None:
                continue
            age = (context.today - document.document_date).days
            if age > MAX_BILL_AGE_DAYS:
                findings.append(
                    Finding(
                        self.name,
                        "bill_too_old",
                        "warning",
                        f"{document.filename} is {age} days old",
                    )
                )
        return tuple(findings)
