"""An LOA older than its country's limit (countries.toml) is refused by the carriers there."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext
from rules.countries import country_rules


class LoaAge:
    name = "loa-age"
    description = "The LOA is younger than the limit of the numbers' country."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        countries = {n.country for n in context.facts.numbers if n.country} or {"US"}
        limit = min(country_rules(code).loa_max_age_days for code in countries)
        findings = []
        for document in context.facts.documents:
            if document.kind != "loa" or document.document_date is None:
                continue
            age = (context.today - document.document_date).days
            if age > limit:
                findings.append(
                    Finding(
                        self.name,
                        "loa_too_old",
                        "warning",
                        f"{document.filename} is {age} days old (limit {limit})",
                    )
                )
        return tuple(findings)
