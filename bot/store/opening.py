"""Opens the store a configuration names, with the key that opens its sealed secrets."""

from __future__ import annotations

from bot.config import Settings
from bot.security.secrets import SecretBox
from bot.store.repository import Store


def secret_box(settings: Settings) -> SecretBox | None:
    """The configured key as a SecretBox; None when [security] names no key."""
    key = settings.security.key()
    return SecretBox(key) if key is not None else None


def open_store(settings: Settings, *, run_migrations: bool = True) -> Store:
    return Store(settings.store.url, run_migrations=run_migrations, box=secret_box(settings))
