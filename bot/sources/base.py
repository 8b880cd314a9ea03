"""The MailSource protocol: what the runner needs from a mailbox, whatever serves it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class FolderState:
    """A folder's UIDVALIDITY; Maildir folders have none and report 0."""

    uidvalidity: int


@dataclass(frozen=True, slots=True)
class Fetched:
    """One message as the mailbox holds it.

    `raw` is only the headers when `oversize` is set, and empty when `known` (already stored under
    its Message-ID, e.g. after a UIDVALIDITY change): then only the cursor moves past it.
    """

    uid: int | None
    raw: bytes
    size: int
    received_at: datetime
    oversize: bool = False
    known: bool = False
    locator: str = ""


class MailSource(Protocol):
    """A mailbox folder read incrementally; never deletes anything."""

    name: str

    def open(self) -> FolderState:
        """Connect (if needed) and select the folder."""
        ...

    def fetch_after(self, last_uid: int, is_known: KnownCheck) -> Iterator[Fetched]:
        """Messages after `last_uid` in UID order, skipping those `is_known` says are stored."""
        ...

    def wait_for_mail(self, timeout: float, stop: threading.Event) -> None:
        """Return when new mail may have arrived, after `timeout`, or when `stop` is set."""
        ...

    def mark_processed(self, uids: list[int], locators: list[str]) -> None:
        """Flag or move processed messages on the server (after the store has committed)."""
        ...

    def close(self) -> None: ...


class KnownCheck(Protocol):
    def __call__(self, message_id: str) -> bool: ...
