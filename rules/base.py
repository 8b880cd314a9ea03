"""The Rule protocol and the facts a rule may look at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.model import CaseType, Facts, Finding, Mail


@dataclass(frozen=True, slots=True)
class RuleContext:
    """The message, the case's merged facts, the case type and the day it is judged on."""

    mail: Mail
    facts: Facts
    case_type: CaseType
    today: date


class Rule(Protocol):
    """A named check; returns findings (missing items, warnings) and never mutates anything."""

    name: str
    description: str

    def check(self, context: RuleContext) -> tuple[Finding, ...]: ...
