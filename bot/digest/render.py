"""The digest as text and HTML (made for mail clients: tables, inline styles, no scripts), and
as an email with the chart inline."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.config import IdentitySettings
from bot.digest.chart import chart_png
from bot.digest.figures import Digest
from bot.store import utcnow

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHART_CID = "week-chart"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["avg"] = lambda value: f"{value:.1f}"
    env.filters["hours"] = lambda value: "-" if value is None else f"{value:.1f} h"
    env.filters["share"] = lambda value: "-" if value is None else f"{value:.0%}"
    return env


def subject(digest: Digest) -> str:
    b = digest.backlog
    return (
        f"portdesk digest {digest.day.isoformat()}: {digest.messages.day} messages, "
        f"{b.drafts_waiting} waiting, {b.past_target} past target"
    )


def digest_text(digest: Digest) -> str:
    return _environment().get_template("digest.txt.j2").render(d=digest, subject=subject(digest))


def digest_html(digest: Digest, chart_src: str) -> str:
    """`chart_src`: "cid:…" in the email, a data: URL or a path elsewhere."""
    return (
        _environment()
        .get_template("digest.html.j2")
        .render(d=digest, subject=subject(digest), chart_src=chart_src)
    )


def digest_email(
    digest: Digest, identity: IdentitySettings, recipients: list[str]
) -> tuple[bytes, str]:
    """The digest email and its Message-ID: text, HTML with the chart as a related part."""
    message = EmailMessage(policy=SMTP)
    message_id = make_msgid(idstring="portdesk-digest", domain=identity.message_id_domain)
    message["From"] = formataddr((identity.display_name, identity.address))
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject(digest)
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    # A report, not a reply: auto-responders must not answer it (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message[identity.loop_header] = identity.address
    message.set_content(digest_text(digest))
    message.add_alternative(digest_html(digest, f"cid:{CHART_CID}"), subtype="html")
    html_part = message.get_body(("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(
        chart_png(digest.chart),
        maintype="image",
        subtype="png",
        cid=f"<{CHART_CID}>",
        filename="week.png",
        disposition="inline",
    )
    return message.as_bytes(), message_id
