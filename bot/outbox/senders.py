"""Where replies go: an SMTP server (the only smtplib user), or .eml files for the demo."""

from __future__ import annotations

import smtplib
import ssl
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Protocol

from bot.config import OutboxSettings, SmtpSettings
from bot.errors import SendError


class Sender(Protocol):
    """Hands one composed reply to its transport; raises SendError on failure."""

    def send(self, raw: bytes, envelope_from: str, recipient: str) -> str:
        """Send and return where it went (for logs and the demo table)."""
        ...


class SmtpSender:
    """One connection per batch is plenty for a support desk's volume; it is opened per send."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, raw: bytes, envelope_from: str, recipient: str) -> str:
        s = self.settings
        try:
            client: smtplib.SMTP
            if s.security == "ssl":
                client = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with client:
                if s.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if s.username:
                    client.login(s.username, s.secret() or "")
                refused = client.sendmail(envelope_from, [recipient], raw)
        except smtplib.SMTPResponseException as exc:
            permanent = 500 <= exc.smtp_code < 600
            raise SendError(
                f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=permanent
            ) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            permanent = all(500 <= code < 600 for code in codes)
            raise SendError(f"recipient refused: {exc.recipients}", permanent=permanent) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise SendError(f"SMTP {s.host}:{s.port}: {exc}") from exc
        if refused:
            raise SendError(f"recipient refused: {refused}")
        return f"smtp://{s.host}:{s.port}"


class FileSender:
    """Writes each reply as an .eml file named after its Message-ID (the demo's outbox)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, raw: bytes, envelope_from: str, recipient: str) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        message_id = str(BytesHeaderParser().parsebytes(raw).get("Message-ID", "reply"))
        local_part = message_id.strip("<> ").split("@", 1)[0]
        name = "".join(c if c.isalnum() or c in "-._" else "_" for c in local_part)
        path = self.directory / f"{name}.eml"
        try:
            path.write_bytes(raw)
        except OSError as exc:
            raise SendError(f"cannot write {path}: {exc}") from exc
        return str(path)


def make_sender(settings: OutboxSettings) -> Sender:
    if settings.kind == "smtp" and settings.smtp is not None:
        return SmtpSender(settings.smtp)
    assert settings.directory is not None
    return FileSender(settings.directory)
