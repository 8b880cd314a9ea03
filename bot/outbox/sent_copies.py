"""Appends a copy of each reply and notice we sent to the mailbox's Sent folder.

Agents who open the support mailbox in a mail client then see the whole conversation. A copy is
owed from the moment a reply is marked sent (`copy_pending`) until it is in the folder, so an
IMAP outage only delays it. Before appending, the folder is searched for the reply's
Message-ID: a crash between the append and the store's update leaves one copy, not two.
"""

from __future__ import annotations

import logging

from imapclient import SEEN

from bot.config import Settings
from bot.errors import SourceError
from bot.sources.imap import CONNECTION_ERRORS, ImapSource
from bot.store import Store

log = logging.getLogger(__name__)


def file_sent_copies(store: Store, settings: Settings) -> int:
    """Append every owed copy to `[source.imap] sent_folder` (created if missing); returns how
    many were filed.

    Nothing is done when no folder is configured, and no connection is made when nothing is
    owed. An IMAP failure leaves the rest owed for the next pass and is logged, never raised:
    the replies themselves went out.
    """
    folder, imap = settings.sent_folder, settings.source.imap
    if folder is None or imap is None:
        return 0
    pending = store.pending_copies()
    if not pending:
        return 0
    source = ImapSource("sent-copies", imap)
    filed = 0
    try:
        source.open()
        client = source.client
        if not client.folder_exists(folder):
            client.create_folder(folder)
        client.select_folder(folder)
        for reply_id, message_id, raw in pending:
            if not client.search(["HEADER", "Message-ID", message_id]):
                client.append(folder, raw, flags=(SEEN,))
            store.copy_filed(reply_id)
            filed += 1
    except (SourceError, *CONNECTION_ERRORS) as exc:
        log.warning(
            "sent copies: %s filed, %s left for later: %s", filed, len(pending) - filed, exc
        )
    finally:
        source.close()
    if filed:
        log.info("sent copies: %s appended to %s", filed, folder)
    return filed
