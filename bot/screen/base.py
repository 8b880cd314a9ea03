"""The Screen protocol and what a screen may look at besides the message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.model import Mail, ScreenVerdict


@dataclass(frozen=True, slots=True)
class ScreenContext:
    """Our own identity, so mail we sent (or that claims to be ours) is recognised."""

    own_addresses: frozenset[str]
    message_id_domain: str
    loop_header: str


class Screen(Protocol):
    """A named test for automated or looping mail; a verdict means: never answer this."""

    name: str
    description: str

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None: ...
