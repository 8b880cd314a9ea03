"""The Rule protocol and the facts a rule may look at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.model import CaseType, Facts, Finding, Mail


@dataclass(frozen=True, slots=True)
class RuleContext:
    """The message, its facts and its case type: everything a rule may read."""

    mail: Mail
    facts: Facts
    case_type: CaseType


class Rule(Protocol):
    """A named check; returns findings (missing items, warnings) and never mutates anything."""

    name: str
    description: str
    applies_to: frozenset[CaseType]

    def check(self, context: RuleContext) -> tuple[Finding, ...]: ...
