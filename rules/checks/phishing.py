"""A customer who asks whether a mail asking for their PIN, a password or a card is genuine
("¿Esto es vuestro? … Decidme si es una estafa"): the support team checks that no port request
was made, as urgent, and the reply says what not to do; no PIN paragraph is added beside it."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class Phishing:
    name = "phishing"
    description = "The customer does not ask whether a mail asking for a PIN is genuine."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.phishing_suspected:
            return ()
        detail = "the customer asks whether a mail asking for a PIN or password is ours: urgent"
        return (Finding(self.name, "phishing", "refer", detail),)
