"""Mailing-list mail (RFC 2369 List-* and RFC 2919 List-Id) is never answered."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext

# Older list servers (fml, Majordomo, ezmlm) mark their mail with headers of their own.
_LIST_SERVER_HEADERS = {"mailing-list", "x-mailing-list", "x-mlserver", "x-ml-name", "x-ml-count"}


class ListHeaders:
    name = "list-headers"
    description = (
        "Any List-* header (List-Id, List-Unsubscribe, ...) or a list server's own header."
    )

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        for key, _ in mail.headers:
            lowered = key.lower()
            if lowered.startswith("list-") or lowered in _LIST_SERVER_HEADERS:
                return ScreenVerdict(self.name, f"{key} header present")
        return None
