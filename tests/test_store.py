"""The store: idempotent ingest, quarantine, and migrations that match the models."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from bot.store import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def make_store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'store.sqlite'}")


def ingest(store: Store, uid: int | None, raw: bytes, message_id: str) -> int | None:
    return store.ingest(
        mailbox="support/INBOX",
        uidvalidity=7,
        uid=uid,
        raw=raw,
        size=len(raw),
        received_at=NOW,
        message_id=message_id,
    )


def test_the_same_message_is_stored_once_and_the_cursor_moves(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    first = ingest(store, 1, b"Subject: a\r\n\r\nx", "<a@mail.example.com>")
    # Delivered again: another trace header, same Message-ID and body.
    again = ingest(store, 2, b"Received: by mx2\r\nSubject: a\r\n\r\nx", "<A@mail.example.com>")
    assert first is not None and again is None
    cursor = store.cursor("support/INBOX")
    assert cursor is not None and (cursor.uidvalidity, cursor.last_uid) == (7, 2)
    assert store.load(first).raw == b"Subject: a\r\n\r\nx"


def test_a_reused_message_id_with_another_body_is_not_lost(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert ingest(store, 1, b"Subject: a\r\n\r\nfirst", "<same@mail.example.com>") is not None
    assert ingest(store, 2, b"Subject: b\r\n\r\nsecond", "<same@mail.example.com>") is not None


def test_mail_without_message_id_is_deduplicated_by_its_bytes(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert ingest(store, 1, b"Subject: a\r\n\r\nx", "") is not None
    assert ingest(store, 2, b"Subject: a\r\n\r\nx", "") is None
    assert ingest(store, 3, b"Subject: b\r\n\r\ny", "") is not None


def test_quarantine_keeps_reason_and_requeue_returns_it(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    pk = ingest(store, 1, b"Subject: a\r\n\r\nx", "<a@mail.example.com>")
    assert pk is not None
    store.quarantine(pk, "ValueError: boom", "Traceback ...")
    [row] = store.quarantined()
    assert (row.id, row.error, row.attempts) == (pk, "ValueError: boom", 1)
    assert store.requeue([pk]) == 1
    assert store.pending() == [pk]


def test_migrations_match_the_models(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_reopening_an_existing_store_keeps_its_data(tmp_path: Path) -> None:
    pk = ingest(make_store(tmp_path), 1, b"Subject: a\r\n\r\nx", "<a@mail.example.com>")
    assert pk is not None
    assert make_store(tmp_path).load(pk).status == "stored"
