"""Shared fixtures: real servers (tests.servers), settings pointing at them, message factories."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from tests.databases import database_url
from tests.factories import SettingsFactory, make_settings_factory
from tests.servers.dovecot import Mailbox
from tests.servers.smtp_sink import SmtpSink

pytest_plugins = ["tests.servers.plugin"]

# The shared corpus sits beside the repository (CI clones main next to shared/).
CORPUS = Path(
    os.environ.get("PORTDESK_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "inbox"


def pytest_configure(config: pytest.Config) -> None:
    # Parametrized corpus tests would silently collect nothing without it: fail loudly instead.
    if not (CORPUS / "bounces").is_dir():
        raise pytest.UsageError(
            f"the shared mail corpus is not at {CORPUS}; clone next to shared/ or set "
            "PORTDESK_CORPUS"
        )


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """This test's own database: SQLite by default, PostgreSQL with PORTDESK_TEST_DATABASE."""
    with database_url(tmp_path) as url:
        yield url


@pytest.fixture
def settings_for(tmp_path: Path, store_url: str) -> SettingsFactory:
    """Builds Settings for a test: its own database, then IMAP/SMTP/Maildir as asked."""
    return make_settings_factory(tmp_path, store_url)


@pytest.fixture
def live_settings(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> Settings:
    """Settings for the real Dovecot mailbox and SMTP sink of this test."""
    return settings_for(imap=imap_mailbox, smtp=smtp_sink)


@pytest.fixture
def corpus() -> Callable[[str], Path]:
    def find(relative: str) -> Path:
        path = CORPUS / relative
        if not path.exists():
            pytest.fail(f"corpus file missing: {path}")
        return path

    return find
