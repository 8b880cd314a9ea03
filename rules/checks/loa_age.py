"""An LOA older than its country's limit (countries.toml) is refused by the carriers there; a
toll-free number's RespOrg change may have a shorter one."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext
from rules.countries import country_rules


class LoaAge:
    name = "loa-age"
    description = "The LOA is younger than the limit of the numbers' country."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        limits = [_limit(n.country, n.type) for n in context.facts.numbers if n.country]
        limit = min(limits) if limits else country_rules("US").loa_max_age_days
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


def _limit(country: str, number_type: str) -> int:
    rules = country_rules(country)
    if number_type == "toll_free" and rules.toll_free_loa_max_age_days is not None:
        return rules.toll_free_loa_max_age_days
    return rules.loa_max_age_days
