"""The store: idempotent ingest, quarantine, and migrations that match the models."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from bot.store import Answer, NewReply, Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(store_url: str) -> Store:
    return Store(store_url)


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


def test_the_same_message_is_stored_once_and_the_cursor_moves(store: Store) -> None:
    first = ingest(store, 1, b"Subject: a\r\n\r\nx", "<a@mail.example.com>")
    # Delivered again: another trace header, same Message-ID and body.
    again = ingest(store, 2, b"Received: by mx2\r\nSubject: a\r\n\r\nx", "<A@mail.example.com>")
    assert first is not None and again is None
    cursor = store.cursor("support/INBOX")
    assert cursor is not None and (cursor.uidvalidity, cursor.last_uid) == (7, 2)
    assert store.load(first).raw == b"Subject: a\r\n\r\nx"


def test_a_reused_message_id_with_another_body_is_not_lost(store: Store) -> None:
    assert ingest(store, 1, b"Subject: a\r\n\r\nfirst", "<same@mail.example.com>") is not None
    assert ingest(store, 2, b"Subject: b\r\n\r\nsecond", "<same@mail.example.com>") is not None


def test_mail_without_message_id_is_deduplicated_by_its_bytes(store: Store) -> None:
    assert ingest(store, 1, b"Subject: a\r\n\r\nx", "") is not None
    assert ingest(store, 2, b"Subject: a\r\n\r\nx", "") is None
    assert ingest(store, 3, b"Subject: b\r\n\r\ny", "") is not None


def test_quarantine_keeps_reason_and_requeue_returns_it(store: Store) -> None:
    pk = ingest(store, 1, b"Subject: a\r\n\r\nx", "<a@mail.example.com>")
    assert pk is not None
    store.quarantine(pk, "ValueError: boom", "Traceback ...")
    [row] = store.quarantined()
    assert (row.id, row.error, row.attempts) == (pk, "ValueError: boom", 1)
    assert store.requeue([pk]) == 1
    assert store.pending() == [pk]


def test_migrations_match_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_reopening_an_existing_store_keeps_its_data(store_url: str) -> None:
    pk = ingest(Store(store_url), 1, b"Subject: a\r\n\r\nx", "<a@mail.example.com>")
    assert pk is not None
    assert Store(store_url).load(pk).status == "stored"


def test_the_mailbox_lease_passes_on_only_when_it_expires(store: Store) -> None:
    assert store.acquire_lease("support/INBOX", "worker-a", seconds=30)
    assert not store.acquire_lease("support/INBOX", "worker-b", seconds=30)
    assert store.acquire_lease("support/INBOX", "worker-a", seconds=0.001)  # renewal, then expiry
    time.sleep(0.01)
    assert store.acquire_lease("support/INBOX", "worker-b", seconds=30)
    assert store.lease_owner("support/INBOX") == "worker-b"
    store.release_lease("support/INBOX", "worker-b")
    assert store.lease_owner("support/INBOX") is None


def test_claims_never_overlap_and_expire(store: Store) -> None:
    pks = [
        ingest(store, n, f"Subject: {n}\r\n\r\n{n}".encode(), f"<{n}@x.example>") for n in range(6)
    ]
    first = store.claim_messages("worker-a", seconds=0.05, limit=4)
    second = store.claim_messages("worker-b", seconds=30, limit=4)
    assert len(first) == 4 and len(second) == 2
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(pk for pk in pks if pk is not None)
    time.sleep(0.1)
    # worker-a died: its expired claims are free again; worker-b's live ones are not.
    assert sorted(store.claim_messages("worker-c", seconds=30)) == sorted(first)


def test_a_restarted_worker_frees_its_own_claims_only(store: Store) -> None:
    for n in range(3):
        ingest(store, n, f"Subject: {n}\r\n\r\n{n}".encode(), f"<r{n}@x.example>")
    mine = store.claim_messages("worker-a", seconds=300, limit=2)
    theirs = store.claim_messages("worker-b", seconds=300, limit=1)
    assert store.release_claims("worker-a") == 2
    assert sorted(store.claim_messages("worker-a", seconds=300)) == sorted(mine)
    assert not set(theirs) & set(store.claim_messages("worker-c", seconds=300))


def test_a_reply_whose_claim_passed_on_is_not_sent_by_its_first_claimant(store: Store) -> None:
    pk = ingest(store, 1, b"Subject: s\r\n\r\nbody", "<claim@x.example>")
    assert pk is not None
    reply = NewReply(
        message_id="<reply@portdesk.example>",
        recipient="a@x.example",
        subject="Re: s",
        raw=b"Subject: Re: s\r\n\r\nhello",
        action="ask_missing",
        template="ask_missing.en",
        status="queued",
        automatic=True,
    )
    store.record_answer(
        pk,
        sender="a@x.example",
        subject="s",
        thread=None,
        prefix="P",
        rate_since=NOW,
        build=lambda case, recent, lookup: Answer(
            "other", "en", 1.0, "ask_missing", "{}", "{}", "answered", None, reply
        ),
    )
    [first] = store.claim_replies("worker-a", seconds=0.05)
    assert first.id is not None
    # Still worker-a's, even lapsed, while nobody else has taken it.
    time.sleep(0.1)
    assert store.renew_reply_claim(first.id, "worker-a", seconds=0.05)
    time.sleep(0.1)
    [taken] = store.claim_replies("worker-b", seconds=30)
    assert taken.id == first.id
    # worker-a's batch reaches it late: the claim is worker-b's now, so worker-a must skip it.
    assert not store.renew_reply_claim(first.id, "worker-a", seconds=30)
    assert store.renew_reply_claim(first.id, "worker-b", seconds=30)
