"""Screen stage: automated mail is recognised here and never answered. Screens run in this order."""

from __future__ import annotations

import re

from bot.model import Mail, ScreenVerdict
from bot.screen.auto_response_suppress import AutoResponseSuppress
from bot.screen.auto_submitted import AutoSubmitted
from bot.screen.automated_subject import AutomatedSubject
from bot.screen.autoreply_headers import AutoreplyHeaders
from bot.screen.base import Screen, ScreenContext
from bot.screen.delivery_report import DeliveryReport
from bot.screen.list_headers import ListHeaders
from bot.screen.machine_sender import MachineSender
from bot.screen.null_sender import NullSender
from bot.screen.own_mail import OwnMail
from bot.screen.precedence import Precedence
from bot.screen.x_loop import XLoop

SCREENS: tuple[Screen, ...] = (
    OwnMail(),
    DeliveryReport(),
    AutoSubmitted(),
    AutoreplyHeaders(),
    AutoResponseSuppress(),
    Precedence(),
    ListHeaders(),
    XLoop(),
    NullSender(),
    MachineSender(),
    AutomatedSubject(),
)

_names = [screen.name for screen in SCREENS]
if len(set(_names)) != len(_names):
    raise RuntimeError(f"duplicate screen names in {_names}")

__all__ = ["SCREENS", "Screen", "ScreenContext", "bounced_message_ids", "screen_mail"]


def screen_mail(mail: Mail, context: ScreenContext) -> ScreenVerdict | None:
    """The first screen that recognises `mail` as automated, or None for mail from a person."""
    for screen in SCREENS:
        verdict = screen.check(mail, context)
        if verdict is not None:
            return verdict
    return None


def bounced_message_ids(mail: Mail, message_id_domain: str) -> tuple[str, ...]:
    """Our own Message-IDs a bounce refers to: its threading headers and the returned headers."""
    pattern = re.compile(r"<[^<>\s@]+@" + re.escape(message_id_domain) + r">", re.IGNORECASE)
    found: list[str] = []
    texts = [mail.in_reply_to, " ".join(mail.references), mail.new_text, mail.quoted_text]
    texts += [f.text for f in mail.forwarded]
    texts += [
        a.payload[:200_000].decode("utf-8", "replace")
        for a in mail.attachments
        if a.content_type.startswith(("text/", "message/"))
    ]
    for text in texts:
        for match in pattern.findall(text):
            if match not in found:
                found.append(match)
    return tuple(found)
