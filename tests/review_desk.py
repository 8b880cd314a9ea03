"""A running review page for tests: a store filled by the real pipeline, agents, uvicorn.

`ReviewDesk` delivers messages into a Maildir, runs `portdesk once` (replies go to the test's
SMTP sink), adds agents with the CLI, and serves the page with uvicorn in a thread on a free
port, exactly as `portdesk review` does. `Browser`-free HTTP helpers (urllib with a cookie jar)
let tests act as an agent or as an attacker without a session.
"""

from __future__ import annotations

import http.cookiejar
import io
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import uvicorn

from bot.cli import main
from bot.config import Settings, load_settings
from bot.review.app import create_app
from bot.store import Store
from bot.store.opening import open_store, secret_box
from tests.factories import write_config
from tests.servers.ports import LOOPBACK, free_port
from tests.servers.smtp_sink import SmtpSink

AGENT = ("ana@portdesk.example", "Ana Agent", "agent")
MANAGER = ("max@portdesk.example", "Max Manager", "manager")
PASSWORD = "correct horse battery staple"


class ReviewDesk:
    """One installation: Maildir in, SMTP sink out, a store, and the review page serving it."""

    def __init__(self, tmp_path: Path, store_url: str, smtp: SmtpSink | None) -> None:
        self.maildir = tmp_path / "Maildir"
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True)
        self.config = write_config(tmp_path, store_url, maildir=self.maildir, smtp=smtp)
        self.settings: Settings = load_settings(self.config)
        self.delivered = 0
        for email, name, role in (AGENT, MANAGER):
            self.add_agent(email, name, role)
        self.url = ""

    def add_agent(self, email: str, name: str, role: str) -> None:
        import sys

        stdin = sys.stdin
        sys.stdin = io.StringIO(PASSWORD + "\n")
        try:
            argv = ["agents", "add", email, "--name", name, "--role", role, "--password-stdin"]
            assert main([*argv, "--config", str(self.config)]) == 0
        finally:
            sys.stdin = stdin

    def deliver(self, raw: bytes) -> None:
        self.delivered += 1
        (self.maildir / "new" / f"{self.delivered:05d}.eml").write_bytes(raw)

    def process(self) -> None:
        assert main(["once", "--config", str(self.config)]) == 0

    def store(self) -> Store:
        return open_store(self.settings)

    @contextmanager
    def serving(self) -> Iterator[str]:
        """The page on a free loopback port for the duration of the block; yields its URL."""
        box = secret_box(self.settings)
        assert box is not None
        app = create_app(self.settings, self.store(), box)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host=LOOPBACK, port=port, log_level="warning", lifespan="off")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the review page did not start")
            time.sleep(0.02)
        self.url = f"http://{LOOPBACK}:{port}"
        try:
            yield self.url
        finally:
            server.should_exit = True
            thread.join(timeout=10)


@dataclass
class Page:
    status: int
    url: str
    text: str
    headers: dict[str, str]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Client:
    """An HTTP client with its own cookies, like one browser."""

    def __init__(self, base: str, *, follow: bool = True) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPCookieProcessor(self.jar)]
        if not follow:
            handlers.append(_NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> Page:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=30) as response:
                return Page(
                    response.status,
                    response.url,
                    response.read().decode("utf-8", "replace"),
                    {k.lower(): v for k, v in response.headers.items()},
                )
        except urllib.error.HTTPError as error:
            return Page(
                error.code,
                error.url or "",
                error.read().decode("utf-8", "replace"),
                {k.lower(): v for k, v in error.headers.items()},
            )

    def csrf(self, path: str = "/login") -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.get(path).text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def login(self, email: str = AGENT[0], password: str = PASSWORD) -> Page:
        token = self.csrf("/login")
        return self.post("/login", {"email": email, "password": password, "csrf": token})


def fill_queue(store: Store, copies: int, *, start: datetime | None = None) -> None:
    """`copies` more waiting cases, cloned from the first one that waits (its case, message,
    raw bytes and draft), each waiting one second longer than the next: a big queue, fast."""
    from sqlmodel import col, select

    from bot.store.tables import CaseRow, MessageRow, OutboxRow, RawMessage

    begin = start or datetime(2026, 11, 1, tzinfo=UTC)
    with store.session() as session:
        case = session.exec(
            select(CaseRow).where(col(CaseRow.waiting_since).is_not(None)).order_by(col(CaseRow.id))
        ).first()
        assert case is not None, "nothing waits to be cloned"
        draft = session.exec(
            select(OutboxRow)
            .where(OutboxRow.case_id == case.id)
            .where(OutboxRow.status == "awaiting_review")
        ).first()
        assert draft is not None
        message = session.get(MessageRow, draft.reply_to_message)
        raw = session.get(RawMessage, draft.reply_to_message)
        assert message is not None and raw is not None
        for index in range(copies):
            when = begin + timedelta(seconds=index)
            clone = CaseRow(**_fields(case, id=None, waiting_since=when, opened_at=when))
            session.add(clone)
            session.flush()
            copy = MessageRow(
                **_fields(
                    message,
                    id=None,
                    case_id=clone.id,
                    dedupe_key=f"{message.dedupe_key}:{index}",
                    uid=None,
                    locator=None,
                )
            )
            session.add(copy)
            session.flush()
            assert copy.id is not None and clone.id is not None
            session.add(RawMessage(message_pk=copy.id, raw=raw.raw))
            session.add(
                OutboxRow(
                    **_fields(
                        draft,
                        id=None,
                        case_id=clone.id,
                        reply_to_message=copy.id,
                        message_id=f"<clone.{index}.{draft.message_id.strip('<>')}>",
                    )
                )
            )


def _fields(row: object, **changes: object) -> dict[str, Any]:
    values = {k: v for k, v in vars(row).items() if not k.startswith("_")}
    values.update(changes)
    return values
