"""Mail sources: where messages come from (IMAP in production, a Maildir for the demo)."""

from __future__ import annotations

from bot.config import Settings
from bot.sources.base import Fetched, FolderState, KnownCheck, MailSource

__all__ = ["Fetched", "FolderState", "KnownCheck", "MailSource", "make_source"]


def make_source(settings: Settings) -> MailSource:
    """The configured source; imapclient is imported only when IMAP is configured."""
    source = settings.source
    if source.kind == "imap" and source.imap is not None:
        from bot.sources.imap import ImapSource

        return ImapSource(source.name, source.imap)
    if source.maildir is None:
        raise ValueError("source.maildir is required for kind = 'maildir'")
    from bot.sources.maildir import MaildirSource

    return MaildirSource(source.name, source.maildir.path, source.maildir.mark)
