"""Turns a Draft into the exact bytes that will be sent, with the headers that prevent loops."""

from __future__ import annotations

import secrets
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from bot.config import IdentitySettings
from bot.model import Draft, Mail
from bot.store import utcnow


def new_message_id(domain: str) -> str:
    """A Message-ID on our own domain, so that mail coming back to us is recognised."""
    return f"<portdesk.{secrets.token_hex(12)}@{domain}>"


def compose_reply(
    draft: Draft,
    original: Mail,
    *,
    recipient: str,
    identity: IdentitySettings,
    message_id: str,
    automatic: bool,
) -> bytes:
    """The reply as bytes, fixed at draft time so every retry sends the identical message."""
    message = EmailMessage(policy=SMTP)
    message["From"] = formataddr((identity.display_name, identity.address))
    message["To"] = recipient
    # The subject is ours plus the customer's, header-decoded with CR and LF already removed.
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    if original.message_id:
        message["In-Reply-To"] = original.message_id
        references = [*original.references, original.message_id]
        message["References"] = " ".join(dict.fromkeys(references[-20:]))
    if automatic:
        message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message[identity.loop_header] = identity.address
    message["Content-Language"] = draft.language
    message.set_content(draft.text)
    message.add_alternative(draft.html, subtype="html")
    return message.as_bytes()
