"""An IMAP folder as a mail source (imapclient): UID-incremental, BODY.PEEK, IDLE, XOAUTH2.

This is the only module that imports imapclient.
"""

from __future__ import annotations

import logging
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from typing import Any

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from bot.config import ImapSettings
from bot.errors import SourceError
from bot.sources.base import Fetched, FolderState, KnownCheck

log = logging.getLogger(__name__)

# Errors that mean "the connection is gone": the runner reconnects with backoff.
CONNECTION_ERRORS = (IMAPClientError, IMAPClientAbortError, OSError, ssl.SSLError, EOFError)
# IDLE is checked in short slices so a stop request (SIGTERM) is honoured within a second;
# the slices are local select() calls and cost nothing on the wire.
_IDLE_SLICE = 1.0


class ImapSource:
    """One folder of one account. Not thread-safe: one thread owns the connection."""

    def __init__(self, name: str, settings: ImapSettings) -> None:
        self.name = name
        self.settings = settings
        self._client: Any = None

    # Connection -----------------------------------------------------------------------------

    def open(self) -> FolderState:
        self.close()
        s = self.settings
        try:
            client = IMAPClient(
                s.host,
                port=s.port,
                ssl=s.security == "ssl",
                ssl_context=ssl.create_default_context() if s.security != "plain" else None,
                timeout=SocketTimeout(connect=s.connect_timeout, read=s.read_timeout),
            )
            # tz-aware INTERNALDATE values; the default converts them to naive local time.
            client.normalise_times = False
            if s.security == "starttls":
                client.starttls(ssl.create_default_context())
            if s.auth == "xoauth2":
                client.oauth2_login(s.username, self._oauth_token())
            else:
                client.login(s.username, s.secret() or "")
            status = client.select_folder(s.folder)
        except CONNECTION_ERRORS as exc:
            raise SourceError(f"IMAP {s.host}:{s.port} {s.folder}: {exc}") from exc
        self._client = client
        return FolderState(uidvalidity=int(status[b"UIDVALIDITY"]))

    def _oauth_token(self) -> str:
        # A fresh access token on every connect: imapclient does not refresh tokens itself.
        command = self.settings.oauth_token_command or []
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise SourceError(f"oauth_token_command failed: {exc}") from exc
        token = done.stdout.strip()
        if not token:
            raise SourceError("oauth_token_command printed no token")
        return token

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except CONNECTION_ERRORS:
            try:
                client.shutdown()
            except CONNECTION_ERRORS:
                log.debug("imap shutdown after failed logout also failed")

    @property
    def client(self) -> Any:
        if self._client is None:
            raise SourceError("IMAP source is not open")
        return self._client

    # Fetching -------------------------------------------------------------------------------

    def fetch_after(self, last_uid: int, is_known: KnownCheck) -> Iterator[Fetched]:
        try:
            found = self.client.search(["UID", f"{last_uid + 1}:*"])
        except CONNECTION_ERRORS as exc:
            raise SourceError(f"IMAP search failed: {exc}") from exc
        # "UID n:*" returns the highest UID even when it is below n (RFC 3501 ranges are unordered).
        uids = sorted(int(u) for u in found if int(u) > last_uid)
        chunk_size = self.settings.fetch_chunk
        for start in range(0, len(uids), chunk_size):
            yield from self._fetch_chunk(uids[start : start + chunk_size], is_known)

    def _fetch_chunk(self, uids: list[int], is_known: KnownCheck) -> Iterator[Fetched]:
        # Sizes and Message-IDs first: oversize mail is never downloaded, known mail is skipped.
        heads = self.client.fetch(
            uids, ["RFC822.SIZE", "INTERNALDATE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]
        )
        wanted: list[int] = []
        results: dict[int, Fetched] = {}
        for uid in uids:
            data = heads.get(uid)
            if data is None:
                # Expunged between SEARCH and FETCH: nothing to store, the cursor moves on.
                continue
            size = int(data.get(b"RFC822.SIZE", 0))
            received = _as_utc(data.get(b"INTERNALDATE"))
            header = data.get(b"BODY[HEADER.FIELDS (MESSAGE-ID)]", b"") or b""
            message_id = str(BytesHeaderParser().parsebytes(header).get("Message-ID", "")).strip()
            if message_id and is_known(message_id):
                results[uid] = Fetched(uid, b"", size, received, known=True)
            elif size > self.settings.max_message_bytes:
                full_header = self.client.fetch([uid], ["BODY.PEEK[HEADER]"]).get(uid, {})
                raw_header = full_header.get(b"BODY[HEADER]", b"") or b""
                results[uid] = Fetched(uid, raw_header, size, received, oversize=True)
            else:
                wanted.append(uid)
                results[uid] = Fetched(uid, b"", size, received)
        bodies = self.client.fetch(wanted, ["BODY.PEEK[]"]) if wanted else {}
        for uid in uids:
            if uid not in results:
                continue
            item = results[uid]
            if uid in bodies:
                raw = bodies[uid].get(b"BODY[]", b"") or b""
                item = Fetched(uid, raw, len(raw), item.received_at)
            yield item

    # Waiting --------------------------------------------------------------------------------

    def wait_for_mail(self, timeout: float, stop: threading.Event) -> None:
        client = self.client
        if not (self.settings.idle and client.has_capability("IDLE")):
            stop.wait(min(timeout, self.settings.poll_seconds))
            client.noop()
            return
        deadline = time.monotonic() + min(timeout, self.settings.idle_renew_seconds)
        client.idle()
        try:
            while not stop.is_set():
                wait = min(_IDLE_SLICE, deadline - time.monotonic())
                if wait <= 0:
                    break
                started = time.monotonic()
                responses = client.idle_check(timeout=wait)
                if any(r and r[0] == b"BYE" for r in responses):
                    raise SourceError("server said BYE during IDLE")
                # imapclient returns [] at once, forever, once the socket is closed (#565).
                if not responses and time.monotonic() - started < wait - 0.5:
                    raise SourceError("connection closed during IDLE")
                if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    break
        finally:
            try:
                client.idle_done()
            except CONNECTION_ERRORS as exc:
                raise SourceError(f"IDLE ended with a dead connection: {exc}") from exc

    # Marking --------------------------------------------------------------------------------

    def mark_processed(self, uids: list[int], locators: list[str]) -> None:
        if not uids:
            return
        try:
            if self.settings.mark == "move":
                self._ensure_folder(self.settings.processed_folder)
                self.client.move(uids, self.settings.processed_folder)
            else:
                self.client.add_flags(uids, [self.settings.keyword.encode()], silent=True)
        except CONNECTION_ERRORS as exc:
            raise SourceError(f"marking processed mail failed: {exc}") from exc

    def _ensure_folder(self, folder: str) -> None:
        if not self.client.folder_exists(folder):
            self.client.create_folder(folder)


def _as_utc(value: object) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)
