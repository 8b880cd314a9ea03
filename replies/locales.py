"""The reply wording per language (replies/locales/*.toml), loaded once and filled in."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class Locale:
    """One language's phrases, topics, missing-item paragraphs, warnings and instructions."""

    language: str
    tables: dict[str, dict[str, str]]

    def text(self, table: str, key: str, **values: object) -> str:
        """The wording for `key`, its placeholders filled; English when this language lacks it."""
        wording = self.tables.get(table, {}).get(key)
        if wording is None:
            if self.language != FALLBACK:
                return locale(_fallback(self.language)).text(table, key, **values)
            raise KeyError(f"no wording for {table}.{key}")
        return wording.format(**values) if values else wording

    def has(self, table: str, key: str) -> bool:
        return key in self.tables.get(table, {})


def _fallback(language: str) -> str:
    """A regional variant ("pt-BR") falls back to its language ("pt"), a language to English."""
    base = language.split("-", 1)[0]
    return base if base != language else FALLBACK


def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LOCALES_DIR.glob("*.toml")))


@lru_cache(maxsize=8)
def locale(language: str) -> Locale:
    """The locale for `language`, or its base language's, or English when there is none."""
    path = LOCALES_DIR / f"{language}.toml"
    while not path.exists() and language != FALLBACK:
        language = _fallback(language)
        path = LOCALES_DIR / f"{language}.toml"
    with path.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    tables = {name: {k: str(v) for k, v in table.items()} for name, table in data.items()}
    return Locale(language, tables)
