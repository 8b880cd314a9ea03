"""A question beside the request that no template answers ("Combien ça coûte ?", "can you give
us a new local number?"): the reply says it back and that a person answers it, so the draft
waits for that person instead of going out alone."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class SideQuestion:
    name = "side-question"
    description = "The customer asks nothing beside the request that only a person can answer."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        questions = context.facts.answers.side_questions
        if not questions:
            return ()
        detail = (
            "the customer also asks what no template answers, a question only an agent can "
            "answer: " + " / ".join(questions)
        )
        return (Finding(self.name, "side_question", "agent", detail),)
