"""A Maildir folder as a mail source: the embedded default reads the bundled sample inbox."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from bot.errors import SourceError
from bot.parse.headers import message_id_of
from bot.sources.base import Fetched, FolderState, KnownCheck


class MaildirSource:
    """Reads new/ and cur/ in name order; marking is optional (the demo leaves the inbox alone)."""

    def __init__(self, name: str, path: Path, mark: str = "none", max_bytes: int = 30_000_000):
        self.name = name
        self.path = path
        self.mark = mark
        self.max_bytes = max_bytes
        self._seen: set[str] = set()

    def open(self) -> FolderState:
        if not (self.path / "new").is_dir() and not (self.path / "cur").is_dir():
            raise SourceError(f"{self.path} is not a Maildir (no new/ or cur/ folder)")
        return FolderState(uidvalidity=0)

    def fetch_after(self, last_uid: int, is_known: KnownCheck) -> Iterator[Fetched]:
        for file in self._files():
            key = file.name.split(":", 1)[0]
            if key in self._seen:
                continue
            self._seen.add(key)
            size = file.stat().st_size
            received = datetime.fromtimestamp(file.stat().st_mtime, tz=UTC)
            with file.open("rb") as handle:
                if size > self.max_bytes:
                    yield Fetched(
                        uid=None,
                        raw=_headers_only(handle),
                        size=size,
                        received_at=received,
                        oversize=True,
                        locator=str(file),
                    )
                    continue
                raw = handle.read()
            message_id = message_id_of(raw)
            if message_id and is_known(message_id):
                continue
            yield Fetched(uid=None, raw=raw, size=size, received_at=received, locator=str(file))

    def wait_for_mail(self, timeout: float, stop: threading.Event) -> None:
        stop.wait(timeout)

    def mark_processed(self, uids: list[int], locators: list[str]) -> None:
        if self.mark != "seen":
            return
        for locator in locators:
            file = Path(locator)
            if file.parent.name == "new" and file.exists():
                os.replace(file, file.parent.parent / "cur" / f"{file.name}:2,S")

    def close(self) -> None:
        return None

    def _files(self) -> list[Path]:
        files: list[Path] = []
        for sub in ("cur", "new"):
            folder = self.path / sub
            if folder.is_dir():
                files.extend(
                    p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                )
        return sorted(files, key=lambda p: p.name)


def _headers_only(handle: BinaryIO) -> bytes:
    lines: list[bytes] = []
    for line in handle:
        if line in (b"\n", b"\r\n") or len(lines) > 500:
            break
        lines.append(line)
    return b"".join(lines)
