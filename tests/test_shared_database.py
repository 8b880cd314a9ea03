"""The review page and the digest work against the workers' database from elsewhere.

A worker (`portdesk run`, its own process and directory, reading a Maildir) and the review page
(`portdesk review`, another process, another directory, a configuration whose mailbox it never
touches) share nothing but the database URL and the key. The worker stores and drafts; the page
shows the draft, an agent approves it there and the customer receives it; `portdesk digest`,
run from the page's side, counts what the worker did. On PostgreSQL this is the deployment of
docs/DEPLOYMENT.md; on SQLite the database is one file both processes open.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from bot.store.opening import open_store
from tests.drive import REPO, Daemon
from tests.factories import porting_mail, write_config
from tests.review_desk import PASSWORD, Client
from tests.servers.ports import LOOPBACK, free_port
from tests.servers.smtp_sink import SmtpSink

PIN_BODY = (
    "Hi,\n\nwe are moving +1 202 555 0142 to a new carrier and they need the port-out PIN. "
    "Please send us the port out PIN for this number.\n\nJane"
)
MANAGER = "max@portdesk.example"


def _wait(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _up(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex((LOOPBACK, port)) == 0


@pytest.fixture
def worker_config(tmp_path: Path, store_url: str, smtp_sink: SmtpSink) -> Path:
    host = tmp_path / "worker-host"
    maildir = host / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    config = write_config(host, store_url, maildir=maildir, smtp=smtp_sink)
    load_settings(config).security.key()  # creates the installation's key file
    return config


@pytest.mark.slow
def test_the_review_page_and_the_digest_run_apart_from_the_workers(
    worker_config: Path, tmp_path: Path, smtp_sink: SmtpSink, capsys: pytest.CaptureFixture[str]
) -> None:
    worker = Daemon(worker_config, tmp_path / "worker-host" / "worker.log")
    maildir = worker_config.parent / "Maildir"
    (maildir / "new" / "1.eml").write_bytes(
        porting_mail(sender="Jane <jane@acme-dental.example>", subject="PIN", body=PIN_BODY)
    )
    worker.start()
    try:
        settings = load_settings(worker_config)
        _wait(
            lambda: any(r.status == "awaiting_review" for r in open_store(settings).replies()),
            60,
            "the worker's draft",
        )
    finally:
        assert worker.terminate() == 0

    with review_host(tmp_path, worker_config, smtp_sink) as (config, url):
        stdin = sys.stdin
        sys.stdin = io.StringIO(PASSWORD + "\n")
        try:
            argv = ["agents", "add", MANAGER, "--name", "Max", "--role", "manager"]
            assert main([*argv, "--password-stdin", "--config", str(config)]) == 0
        finally:
            sys.stdin = stdin
        client = Client(url)
        assert client.login(MANAGER).status == 200
        queue = client.get("/").text
        case_id = int(re.findall(r'href="/case/(\d+)"', queue)[0])
        page = client.get(f"/case/{case_id}").text
        assert "+1 202 555 0142" in page or "+12025550142" in page
        draft_id = re.search(r'name="draft_id" value="(\d+)"', page)
        assert draft_id is not None
        client.post(
            f"/case/{case_id}/approve",
            {"draft_id": draft_id.group(1), "csrf": client.csrf("/")},
        )
        received = smtp_sink.wait_for(1, timeout=15)
        assert received[0].rcpt_tos == ["jane@acme-dental.example"]
        today = time.strftime("%Y-%m-%d", time.gmtime())
        assert client.get(f"/digest?date={today}").status == 200
    capsys.readouterr()
    assert main(["digest", "--date", today, "--config", str(config)]) == 0
    text = capsys.readouterr().out
    assert "1 message(s) received" in text
    assert "approved unchanged" in text and re.search(r"approved unchanged\s+1\b", text)


@contextmanager
def review_host(
    tmp_path: Path, worker_config: Path, smtp_sink: SmtpSink
) -> Iterator[tuple[Path, str]]:
    """`portdesk review` in its own process and directory, with the worker's database and key."""
    side = tmp_path / "review-host"
    side.mkdir()
    store_url = load_settings(worker_config).store.url
    config = write_config(side, store_url, maildir=side / "no-mailbox-here", smtp=smtp_sink)
    shutil.copy(worker_config.parent / "secret.key", side / "secret.key")
    port = free_port()
    log = side / "review.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "review", "--port", str(port), "--config", str(config)],
            cwd=REPO,
            env={**os.environ},
            stdout=out,
            stderr=out,
        )
    url = f"http://{LOOPBACK}:{port}"
    try:
        _wait(lambda: _up(port), 30, f"the review page (log: {log.read_text()[-500:]})")
        yield config, url
    finally:
        process.terminate()
        process.wait(timeout=20)
