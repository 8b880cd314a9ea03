"""Builders for test messages and settings (reserved numbers and example domains only)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Protocol

from bot.config import Settings, load_settings
from bot.model import CaseContext, Outcome
from bot.parse import parse_mail
from bot.pipeline import respond
from tests.servers.dovecot import Mailbox
from tests.servers.smtp_sink import SmtpSink

# The authserv-id of "our" receiving server in tests: mail carries its Authentication-Results.
AUTHSERV_ID = "mx.portdesk.example"


def porting_mail(
    *,
    sender: str = "Jane Doe <jane@acme-dental.example>",
    subject: str = "Port request",
    body: str = (
        "Hello, we would like to port our number +1 415 555 0123 from AT&T to you. Thanks, Jane"
    ),
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    headers: Mapping[str, str] | None = None,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
) -> bytes:
    """A customer message as bytes, ready to APPEND or parse."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "support@portdesk.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(domain="mail.example.com")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for filename, content_type, payload in attachments:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(payload, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def answered(subject: str, body: str) -> Outcome:
    """What the pure pipeline makes of a new customer message with the default settings."""
    mail = parse_mail(porting_mail(subject=subject, body=body))
    return respond(mail, CaseContext(token="P-1"), load_settings(None, {}))


class SettingsFactory(Protocol):
    def __call__(
        self,
        *,
        imap: Mailbox | None = None,
        smtp: SmtpSink | None = None,
        maildir: Path | None = None,
        overrides: Mapping[str, str] | None = None,
    ) -> Settings: ...


def make_settings_factory(tmp_path: Path, store_url: str) -> SettingsFactory:
    """Settings written as TOML and loaded the way production loads them."""

    def build(
        *,
        imap: Mailbox | None = None,
        smtp: SmtpSink | None = None,
        maildir: Path | None = None,
        overrides: Mapping[str, str] | None = None,
    ) -> Settings:
        path = write_config(tmp_path, store_url, imap=imap, smtp=smtp, maildir=maildir)
        # Overrides go through the environment-variable path, exactly as operators use it.
        return load_settings(path, environ=dict(overrides or {}))

    return build


def write_config(
    directory: Path,
    store_url: str,
    *,
    imap: Mailbox | None = None,
    smtp: SmtpSink | None = None,
    maildir: Path | None = None,
) -> Path:
    """A configuration file for the given servers; returns its path."""
    lines = []
    if imap is not None:
        secret = directory / "imap-password"
        secret.write_text(imap.password)
        lines += [
            "[source]",
            'kind = "imap"',
            "[source.imap]",
            f'host = "{imap.host}"',
            f"port = {imap.port}",
            'security = "plain"',
            f'username = "{imap.user}"',
            f'password_file = "{secret}"',
            "idle_renew_seconds = 30",
            "poll_seconds = 1",
            "connect_timeout = 5.0",
            "read_timeout = 30.0",
            "backoff_max_seconds = 2.0",
        ]
    else:
        folder = maildir or directory / "Maildir"
        lines += ["[source]", 'kind = "maildir"', "[source.maildir]", f'path = "{folder}"']
    lines += ["[store]", f'url = "{store_url}"']
    if smtp is not None:
        lines += [
            "[outbox]",
            'kind = "smtp"',
            "send_interval_seconds = 0.2",
            "retry_base_seconds = 0.2",
            "retry_max_seconds = 1.0",
            "max_attempts = 100",
            "[outbox.smtp]",
            f'host = "{smtp.host}"',
            f"port = {smtp.port}",
            'security = "plain"',
            "timeout = 10.0",
        ]
    else:
        lines += ["[outbox]", 'kind = "files"', f'directory = "{directory / "outbox"}"']
    lines += [
        "[identity]",
        'address = "support@portdesk.example"',
        'message_id_domain = "portdesk.example"',
        "[review]",
        'send_actions = ["ask_missing", "send_instructions", "acknowledge"]',
        "secure_cookies = false",
        "[security]",
        f'authserv_id = "{AUTHSERV_ID}"',
        f'key_file = "{directory / "secret.key"}"',
        "create_key_file = true",
    ]
    path = directory / "portdesk.toml"
    path.write_text("\n".join(lines) + "\n")
    return path
