"""Regenerate docs/review-queue.png, docs/review-case.png and docs/digest.png from the bundled
sample inbox.

A throwaway installation in a temporary directory: a copy of examples/inbox as its Maildir, a
SQLite store, a file outbox (nothing is mailed), its own key file. The inventory in
examples/inventory.csv is imported, `portdesk once` runs over the inbox, a demo agent is added,
and the review page is served on loopback. Debian's Chromium, driven by Playwright, signs in
through the login form at 1400x900 and takes the queue and the case of Laura Kim's CSR request
(the sample whose draft is send_csr), then the managers' digest of today as /digest shows it (the
same HTML as the email).

Usage: scripts/screenshots [--out DIR] [--full-page] [--keep]
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright
from sqlmodel import col, select

from bot.cli import main as portdesk
from bot.config import Settings, load_settings
from bot.review.app import create_app
from bot.review.auth import hash_password
from bot.store.opening import open_store, secret_box
from bot.store.review import add_agent
from bot.store.tables import CaseRow, OutboxRow

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "inbox"
INVENTORY = ROOT / "examples" / "inventory.csv"
CHROMIUM = Path("/usr/bin/chromium")
LOOPBACK = "127.0.0.1"
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}
AGENT_EMAIL = "demo.agent@portdesk.example"
AGENT_NAME = "Demo Agent"
CSR_CUSTOMER = "laura.kim@kimlaw.example"


def write_config(directory: Path, maildir: Path) -> Path:
    """The embedded demo's settings, pointed at this directory instead of var/."""
    lines = [
        "[source]",
        'kind = "maildir"',
        "[source.maildir]",
        f'path = "{maildir}"',
        "[store]",
        f'url = "sqlite:///{directory / "portdesk.sqlite"}"',
        "[outbox]",
        'kind = "files"',
        f'directory = "{directory / "outbox"}"',
        "[identity]",
        'address = "support@portdesk.example"',
        'message_id_domain = "portdesk.example"',
        "[review]",
        'send_actions = ["ask_missing", "send_instructions", "acknowledge"]',
        "secure_cookies = false",
        "[security]",
        'authserv_id = "mx.portdesk.example"',
        f'key_file = "{directory / "secret.key"}"',
        "create_key_file = true",
    ]
    path = directory / "portdesk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def install(directory: Path) -> tuple[Settings, str]:
    """The filled installation's settings, and the demo agent's password."""
    maildir = directory / "Maildir"
    shutil.copytree(INBOX, maildir)
    config = write_config(directory, maildir)
    for argv in (["inventory", "import", str(INVENTORY)], ["once"]):
        if portdesk([*argv, "--config", str(config)]) != 0:
            raise SystemExit(f"portdesk {' '.join(argv)} failed")
    settings = load_settings(config)
    password = secrets.token_urlsafe(18)
    # A manager: the same session also opens the digest.
    add_agent(open_store(settings), AGENT_EMAIL, AGENT_NAME, "manager", hash_password(password))
    return settings, password


def csr_case(settings: Settings) -> int:
    """The case of Laura Kim's CSR request: the one draft to her that would send a CSR."""
    with open_store(settings).session(readonly=True) as session:
        found = session.exec(
            select(CaseRow.id)
            .join(OutboxRow, col(OutboxRow.case_id) == col(CaseRow.id))
            .where(CaseRow.customer_email == CSR_CUSTOMER)
            .where(OutboxRow.action == "send_csr")
            .where(OutboxRow.status == "awaiting_review")
        ).all()
    if len(found) != 1 or found[0] is None:
        raise SystemExit(f"expected one send_csr draft for {CSR_CUSTOMER}, found {len(found)}")
    return found[0]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The review page on a free loopback port, as `portdesk review` serves it."""
    box = secret_box(settings)
    if box is None:
        raise SystemExit("no key configured: the review page needs one for its sessions")
    app = create_app(settings, open_store(settings), box)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host=LOOPBACK, port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("the review page did not start")
        time.sleep(0.02)
    try:
        yield f"http://{LOOPBACK}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def log_in(page: Page, base: str, password: str) -> None:
    page.goto(base + "/")
    page.get_by_label("Email").fill(AGENT_EMAIL)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/")


def screenshots(settings: Settings, password: str, out: Path, full_page: bool) -> list[Path]:
    case_id = csr_case(settings)
    queue_png, case_png = out / "review-queue.png", out / "review-case.png"
    digest_png = out / "digest.png"
    with serving(settings) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
            page = context.new_page()
            page.set_default_timeout(15_000)
            log_in(page, base, password)
            expect(page.locator("table.queue tbody tr").first).to_be_visible()
            page.screenshot(path=str(queue_png), full_page=full_page)
            # Open the case from the queue, as an agent would.
            page.locator(f'table.queue a[href="/case/{case_id}"]').click()
            expect(page).to_have_url(f"{base}/case/{case_id}")
            expect(page.locator("#draft-text")).to_be_visible()
            page.screenshot(path=str(case_png), full_page=full_page)
            # The sample inbox was processed just now: today's digest is the one with figures.
            today = datetime.now(UTC).date().isoformat()
            page.goto(f"{base}/digest?date={today}")
            expect(page.locator("img")).to_be_visible()
            page.screenshot(path=str(digest_png), full_page=full_page)
            context.close()
        finally:
            browser.close()
    return [queue_png, case_png, digest_png]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="default: docs/")
    parser.add_argument(
        "--full-page", action="store_true", help="the whole page, not only the 1400x900 viewport"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the throwaway installation and print where"
    )
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="portdesk-screenshots-"))
    try:
        settings, password = install(directory)
        for path in screenshots(settings, password, args.out, args.full_page):
            print(f"wrote {path}")
    finally:
        if args.keep:
            print(f"installation kept in {directory}", file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
