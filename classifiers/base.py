"""The Classifier protocol: a named way to sort a message into a case type."""

from __future__ import annotations

from typing import Protocol

from bot.model import CaseContext, Classification, Facts, Mail


class Classifier(Protocol):
    """Gives a case type with a confidence in [0, 1] for one message."""

    name: str
    description: str

    def classify(self, mail: Mail, facts: Facts, case: CaseContext) -> Classification: ...
