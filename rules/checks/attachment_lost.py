"""A customer who says a document is attached to a message that carries none ("LOA + bill
attached"): the reply says nothing reached us, so the customer sends it again rather than
wondering why we ask for what they sent."""

from __future__ import annotations

from bot.model import Finding
from rules.base import RuleContext


class AttachmentLost:
    name = "attachment-lost"
    description = "A document the customer says is attached did reach us."

    def check(self, context: RuleContext) -> tuple[Finding, ...]:
        """See `Rule`."""
        if not context.facts.answers.attachment_lost:
            return ()
        detail = "the customer says a document is attached, but the message carries none"
        return (Finding(self.name, "attachment_lost", "warning", detail),)
