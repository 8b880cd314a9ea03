"""X-Loop: another system's loop marker; answering it risks a ping-pong between robots."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext


class XLoop:
    name = "x-loop"
    description = "An X-Loop header is present."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        value = mail.header("X-Loop")
        if value is None:
            return None
        return ScreenVerdict(self.name, f"X-Loop: {value.strip()[:60]}")
