"""Precedence bulk, junk, list or auto_reply: mass or automatic mail."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext

_AUTOMATIC = {"bulk", "junk", "list", "auto_reply", "auto-reply"}


class Precedence:
    name = "precedence"
    description = "Precedence or X-Precedence is bulk, junk, list or auto_reply."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        for header in ("Precedence", "X-Precedence"):
            value = (mail.header(header) or "").strip().lower()
            if value in _AUTOMATIC:
                return ScreenVerdict(self.name, f"{header}: {value}")
        return None
