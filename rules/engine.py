"""Loads the case-type rules from rules/types/*.toml and evaluates them against a case's facts.

An operator changes what a case type requires by editing its TOML file. Every item, condition
and check named there must exist, or loading stops with the file and the name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.errors import ConfigError
from bot.model import Action, CaseType, Finding
from rules.base import Rule, RuleContext
from rules.conditions import CONDITIONS
from rules.items import ITEMS

TYPES_DIR = Path(__file__).resolve().parent / "types"
_COMPLETE_ACTIONS = {
    Action.ACKNOWLEDGE,
    Action.SEND_CSR,
    Action.SEND_INSTRUCTIONS,
    Action.REFER_TO_AGENT,
}


@dataclass(frozen=True, slots=True)
class Requirement:
    """One required item, asked for only when all its conditions hold."""

    item: str
    when: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"requires-{self.item}"

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        if not all(CONDITIONS[condition](context) for condition in self.when):
            return ()
        detail = ITEMS[self.item](context)
        if detail is None:
            return ()
        return (Finding(self.name, self.item, "missing", detail),)


@dataclass(frozen=True, slots=True)
class CaseRules:
    """What one case type needs, what is checked, and what the bot does once it is complete."""

    case_type: CaseType
    description: str
    required: tuple[Requirement, ...]
    checks: tuple[str, ...]
    when_complete: Action
    instructions: str | None


def evaluate(context: RuleContext, checks: Mapping[str, Rule]) -> tuple[Finding, ...]:
    """Missing items first (in the file's order), then warnings."""
    rules = case_rules()[context.case_type]
    findings: list[Finding] = []
    for requirement in rules.required:
        findings.extend(requirement.check(context))
    for name in rules.checks:
        findings.extend(checks[name].check(context))
    return tuple(findings)


@lru_cache(maxsize=1)
def case_rules(folder: Path = TYPES_DIR) -> dict[CaseType, CaseRules]:
    from rules import CHECKS

    loaded: dict[CaseType, CaseRules] = {}
    for path in sorted(folder.glob("*.toml")):
        rules = _parse(path, set(CHECKS))
        loaded[rules.case_type] = rules
    missing = [c.value for c in CaseType if c not in loaded]
    if missing:
        raise ConfigError(f"{folder}: no rules for case types {', '.join(missing)}")
    return loaded


def _parse(path: Path, check_names: set[str]) -> CaseRules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        case_type = CaseType(data["case_type"])
        required = tuple(
            Requirement(str(entry["item"]), tuple(entry.get("when", ())))
            for entry in data.get("required", [])
        )
        when_complete = Action(data.get("when_complete", "acknowledge"))
    except (tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    for requirement in required:
        if requirement.item not in ITEMS:
            raise ConfigError(f"{path}: unknown item {requirement.item!r}")
        for condition in requirement.when:
            if condition not in CONDITIONS:
                raise ConfigError(f"{path}: unknown condition {condition!r}")
    checks = tuple(data.get("checks", ()))
    for name in checks:
        if name not in check_names:
            raise ConfigError(f"{path}: unknown check {name!r}")
    if when_complete not in _COMPLETE_ACTIONS:
        raise ConfigError(f"{path}: when_complete must be one of {sorted(_COMPLETE_ACTIONS)}")
    return CaseRules(
        case_type=case_type,
        description=str(data.get("description", "")),
        required=required,
        checks=checks,
        when_complete=when_complete,
        instructions=data.get("instructions"),
    )
