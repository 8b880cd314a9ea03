"""Mail from ourselves: our address, our Message-ID domain, our loop header. Answering it loops."""

from __future__ import annotations

from bot.model import Mail, ScreenVerdict
from bot.screen.base import ScreenContext


class OwnMail:
    name = "own-mail"
    description = "From or Reply-To is ours, the Message-ID is ours, or our loop header is present."

    def check(self, mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
        """See `Screen`."""
        if mail.header(context.loop_header) is not None:
            return ScreenVerdict(self.name, f"our loop header {context.loop_header} present")
        if mail.message_id.lower().endswith("@" + context.message_id_domain.lower() + ">"):
            return ScreenVerdict(self.name, "Message-ID on our own domain")
        for address in (mail.sender, *mail.reply_to):
            if address is not None and address.email in context.own_addresses:
                return ScreenVerdict(self.name, f"sent from our own address {address.email}")
        return None
