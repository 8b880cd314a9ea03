"""A null envelope sender (Return-Path <>) or no sender at all: nobody to answer (RFC 3834)."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext


class NullSender:
    name = "null-sender"
    description = "Return-Path is <> or the message has no usable From address."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        for value in mail.header_all("Return-Path"):
            if value.strip().replace(" ", "") in {"<>", ""}:
                return ScreenVerdict(self.name, "null envelope sender (Return-Path: <>)")
        if mail.sender is None:
            return ScreenVerdict(self.name, "no usable From address")
        return None
