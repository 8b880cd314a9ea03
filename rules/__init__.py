"""Rules stage: what a case is missing, from the rules registered here in order."""

from __future__ import annotations

from bot.model import Finding
from rules.base import Rule, RuleContext
from rules.port_request_names_number import PortRequestNamesNumber

RULES: tuple[Rule, ...] = (PortRequestNamesNumber(),)

_names = [rule.name for rule in RULES]
if len(set(_names)) != len(_names):
    raise RuntimeError(f"duplicate rule names in {_names}")

__all__ = ["RULES", "Rule", "RuleContext", "check_rules"]


def check_rules(context: RuleContext) -> tuple[Finding, ...]:
    """All findings of the rules that apply to the case type, in registry order."""
    findings: list[Finding] = []
    for rule in RULES:
        if context.case_type in rule.applies_to:
            findings.extend(rule.check(context))
    return tuple(findings)
