"""Subjects that only mail systems and vacation responders write, for mail without the headers."""

from __future__ import annotations

import re

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext

# Anchored at the start (after Re:/Fwd: prefixes) so a customer mentioning "bounce" is not caught.
_AUTOMATED = re.compile(
    r"^((re|fwd?|aw|wg|r|i|tr|rv|enc)\s*:\s*)*("
    r"returned mail\b|undeliverable\b|undelivered mail\b|delivery status notification|"
    r"mail delivery (failed|failure|system)|delivery failure|failure notice|"
    r"non[- ]?delivery|complaint about message from|loop alert\b|"
    r"auto(matic)?[- ]?(reply|response|antwort)\b|out of (the )?office\b|"
    r"abwesenheitsnotiz|risposta automatica|r[ée]ponse automatique|"
    r"respuesta autom[áa]tica|resposta autom[áa]tica|automatisch antwoord"
    r")",
    re.IGNORECASE,
)


class AutomatedSubject:
    name = "automated-subject"
    description = (
        "Subject of a bounce, complaint or vacation reply (Undeliverable:, Auto reply:, ...)."
    )

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        if _AUTOMATED.match(mail.subject.strip()):
            return ScreenVerdict(self.name, f"automated subject: {mail.subject.strip()[:60]}")
        return None
