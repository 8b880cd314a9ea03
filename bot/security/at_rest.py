"""Account numbers in stored case facts: sealed with the key, or masked when there is none."""

from __future__ import annotations

from collections.abc import Callable

from bot.security.secrets import SecretBox, is_sealed, mask

# Turns a secret into its stored form, and a stored form back (None when it cannot be opened).
Protect = Callable[[str], str]
Reveal = Callable[[str], str | None]


def protector(box: SecretBox | None) -> Protect:
    """Seal with the key; without one keep only the masked form, never the clear value."""
    return box.seal if box is not None else mask


def revealer(box: SecretBox | None) -> Reveal:
    def reveal(stored: str) -> str | None:
        if not is_sealed(stored):
            return stored
        return box.open(stored) if box is not None else None

    return reveal
