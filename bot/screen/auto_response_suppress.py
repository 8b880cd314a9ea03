"""Exchange's X-Auto-Response-Suppress, which Outlook sets on its own automatic mail."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext

_SUPPRESSING = {"all", "autoreply", "oof"}


class AutoResponseSuppress:
    name = "auto-response-suppress"
    description = "X-Auto-Response-Suppress asks for no automatic reply (All, AutoReply or OOF)."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        value = mail.header("X-Auto-Response-Suppress")
        if value is None:
            return None
        tokens = {token.strip().lower() for token in value.split(",")}
        if tokens & _SUPPRESSING:
            return ScreenVerdict(self.name, f"X-Auto-Response-Suppress: {value.strip()[:60]}")
        return None
