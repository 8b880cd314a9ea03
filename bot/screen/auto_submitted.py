"""RFC 3834 Auto-Submitted: anything but "no" was sent by a machine."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext


class AutoSubmitted:
    name = "auto-submitted"
    description = "Auto-Submitted header present with a value other than 'no' (RFC 3834)."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        value = mail.header("Auto-Submitted")
        if value is None or value.strip().lower().split(";")[0].strip() == "no":
            return None
        return ScreenVerdict(self.name, f"Auto-Submitted: {value.strip()[:60]}")
