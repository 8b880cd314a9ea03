"""`portdesk digest`: any day's digest on demand, printed, written as HTML, or sent."""

from __future__ import annotations

import argparse
import base64
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.digest.chart import chart_png
from bot.digest.queries import build_digest
from bot.digest.render import digest_email, digest_html, digest_text, subject
from bot.errors import ConfigError, PortdeskError
from bot.outbox.senders import make_sender
from bot.store import utcnow
from bot.store.opening import open_store


def digest(settings: Settings, args: argparse.Namespace) -> int:
    zone = settings.digest.timezone
    try:
        day = (
            date.fromisoformat(args.date)
            if args.date
            else utcnow().astimezone(ZoneInfo(zone)).date() - timedelta(days=1)
        )
    except ValueError as exc:
        raise PortdeskError(f"--date {args.date!r}: use YYYY-MM-DD") from exc
    figures = build_digest(open_store(settings), day, zone, settings.review.response_target_hours)
    if args.html:
        chart = base64.b64encode(chart_png(figures.chart)).decode("ascii")
        Path(args.html).write_text(
            digest_html(figures, f"data:image/png;base64,{chart}"), encoding="utf-8"
        )
        print(f"{subject(figures)}: written to {args.html}")
        return 0
    if args.send:
        recipients = settings.digest.recipients
        if not recipients:
            raise ConfigError(f"{settings.origin}: digest.recipients: nobody to send the digest to")
        raw, message_id = digest_email(figures, settings.identity, recipients)
        sender = make_sender(settings.outbox)
        for recipient in recipients:
            sender.send(raw, settings.identity.address, recipient)
        print(f"{subject(figures)}: sent to {', '.join(recipients)} ({message_id})")
        return 0
    print(digest_text(figures), end="")
    return 0


def add_arguments(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = sub.add_parser(
        "digest", parents=[common], help="the managers' digest for a day (yesterday by default)"
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day (in [digest] timezone)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--print", action="store_true", help="print the text version (default)")
    mode.add_argument("--html", metavar="FILE", help="write the HTML version, chart included")
    mode.add_argument("--send", action="store_true", help="email it to [digest] recipients now")
