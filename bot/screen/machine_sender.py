"""Senders whose local part says a machine wrote it: mailer-daemon, postmaster, no-reply, ..."""

from __future__ import annotations

import re

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext

# Zammad's default list, widened with the spellings seen in the bounce corpus.
_MACHINE_LOCAL = re.compile(
    r"^(mailer-daemon|mailerdaemon|postmaster|post_master|abuse|root|daemon|bounces?|bounce[-+.].*|"
    r"no[-_.]?reply.*|do[-_.]?not[-_.]?reply.*|notifications?[-_.]?noreply.*)$",
    re.IGNORECASE,
)


class MachineSender:
    name = "machine-sender"
    description = "From or Sender is mailer-daemon, postmaster, abuse, root, no-reply or similar."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        addresses = [mail.sender.email] if mail.sender else []
        sender_header = mail.header("Sender")
        if sender_header and "@" in sender_header:
            addresses.append(sender_header.strip("<> ").lower())
        for address in addresses:
            local = address.rsplit("@", 1)[0].strip('<" ')
            if _MACHINE_LOCAL.match(local):
                return ScreenVerdict(self.name, f"machine sender {local}@…")
        return None
