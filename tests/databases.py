"""Test databases: a SQLite file per test, or a fresh PostgreSQL schema per test.

`PORTDESK_TEST_DATABASE` selects the backend: unset or "sqlite" for SQLite; a PostgreSQL URL
(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run the same tests there.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DATABASE_ENV = "PORTDESK_TEST_DATABASE"


def backend() -> str:
    value = os.environ.get(DATABASE_ENV, "sqlite")
    return "sqlite" if value == "sqlite" else "postgresql"


@contextmanager
def database_url(directory: Path) -> Iterator[str]:
    """A URL no other test uses, removed afterwards."""
    base = os.environ.get(DATABASE_ENV, "sqlite")
    if base == "sqlite":
        yield f"sqlite:///{directory / 'portdesk.sqlite'}"
        return
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if make_url(base).query else "?"
    # Every connection of this test works in its own schema (tables and the Alembic version).
    yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def table_names(url: str) -> list[str]:
    """Tables visible to `url` (its schema on PostgreSQL, the file on SQLite)."""
    from sqlalchemy import inspect

    engine = create_engine(url)
    try:
        return sorted(inspect(engine).get_table_names())
    finally:
        engine.dispose()
