"""The managers' daily digest: every figure of a known week worked out by hand, the email, the
schedule and its ledger, `portdesk digest`, and /digest on the review page.

The week is seeded by tests/digest_week.py (rows written directly, no pipeline). DAY is
2026-11-17 in Europe/Berlin: the window is [Nov 16 23:00 UTC, Nov 17 23:00 UTC), the week
before it [Nov 9 23:00 UTC, Nov 16 23:00 UTC). "/7" below is the daily average of that week.
"""

from __future__ import annotations

import base64
import email
import email.policy
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import col, select

import bot.digest.queries
import bot.digest.schedule
from bot.cli import main
from bot.config import Settings, load_settings
from bot.digest.figures import (
    Acceptance,
    Backlog,
    DayPoint,
    Digest,
    ResponseTimes,
    Tally,
    Volume,
)
from bot.digest.queries import build_digest, day_window
from bot.digest.render import digest_email
from bot.digest.schedule import due_day, send_digest, send_due_digest
from bot.errors import SendError
from bot.outbox.senders import make_sender
from bot.store import Store
from bot.store.opening import open_store
from bot.store.tables import DigestRun, MessageRow
from tests.digest_week import DAY, TARGET_HOURS, TIMEZONE, seed_week, utc
from tests.factories import write_config
from tests.review_desk import AGENT, MANAGER, Client, ReviewDesk
from tests.servers.smtp_sink import SmtpSink

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RECIPIENTS = ["boss@portdesk.example", "deputy@portdesk.example"]
# 14 messages on DAY; 5 drafts wait at its end, 2 of them past the 4 h target (worked out below).
SUBJECT = "portdesk digest 2026-11-17: 14 messages, 5 waiting, 2 past target"
HEADLINES = (
    "5 draft(s) wait for an agent, the oldest 301.0 h; 2 past the 4 h target.",
    "First response: median 2.0 h, 90% within 19.0 h (5 new case(s)).",
    "14 message(s) received (7-day average 1.9); 8 new case(s).",
)


def _week(n: float) -> float:
    """The daily average of n over the 7 days before DAY."""
    return n / 7


def _berlin_config(path: Path) -> Path:
    """The config file with [digest] timezone = Europe/Berlin appended (for the CLI and page)."""
    with path.open("a", encoding="utf-8") as config:
        config.write(f'[digest]\ntimezone = "{TIMEZONE}"\n')
    return path


@pytest.fixture
def store(tmp_path: Path, store_url: str) -> Iterator[Store]:
    opened = open_store(load_settings(write_config(tmp_path, store_url)))
    seed_week(opened)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def digest(store: Store) -> Digest:
    return build_digest(store, DAY, TIMEZONE, TARGET_HOURS)


# The figures -------------------------------------------------------------------------------


def test_volumes_of_the_known_week(digest: Digest) -> None:
    assert (digest.day, digest.timezone, digest.target_hours) == (DAY, TIMEZONE, 4.0)
    # Messages received, whatever became of them. DAY: 10 person messages (M1 at exactly the
    # start, M2 M2b M3 M4 M4b M5 at 22:59:59, M7 M15 M16) + 3 screened + 1 quarantined = 14.
    # Not M6 (23:00:00, Nov 18). Week: 8 person (M12 at exactly the start, M12b M10 M10b M9
    # M8 M8b at 22:59:59 on Nov 16, M11) + 4 screened + 1 quarantined = 13; not M13
    # (22:59:59 on Nov 9), not the bounce of Nov 9, not M14 (Nov 5).
    assert digest.messages == Tally("messages", 14, _week(13))
    # Cases opened. DAY: C1 (the start) C2 C3 C4 C5 (the last second) C7 C15 C16 = 8; not C6.
    # Week: C12 (its start) C10 C9 C8 C11 = 5; not C13 (a second early), not C14.
    assert digest.cases == Tally("cases", 8, _week(5))
    # By case type, person messages only (cases, messages, then the week's averages):
    #   port_in      cases C1 C4 C5 = 3, messages M1 M4 M4b M5 = 4;
    #                week: cases C12 C9 C8 = 3, messages M12 M12b M9 M8 M8b = 5
    #   port_out     C2 = 1, M2 M2b = 2; week C11 = 1, M11 = 1
    #   csr_request  C3 = 1, M3 = 1; week C10 = 1, M10 M10b = 2
    #   bill_request C15, M15; port_out_pin C7, M7; records_update C16, M16: 1 and 1, week 0
    # Ordered by the day's messages, then cases, then name.
    assert digest.by_case_type == (
        Volume("port_in", 3, 4, _week(3), _week(5)),
        Volume("port_out", 1, 2, _week(1), _week(1)),
        Volume("bill_request", 1, 1, 0.0, 0.0),
        Volume("csr_request", 1, 1, _week(1), _week(2)),
        Volume("port_out_pin", 1, 1, 0.0, 0.0),
        Volume("records_update", 1, 1, 0.0, 0.0),
    )
    # By language:
    #   en  cases C1 C3 C5 C7 C15 = 5, messages M1 M3 M5 M7 M15 = 5;
    #       week cases C12 C10 C8 C11 = 4, messages M12 M12b M10 M10b M8 M8b M11 = 7
    #   de  C2 C16 = 2, M2 M2b M16 = 3; week C9 = 1, M9 = 1
    #   it  C4 = 1, M4 M4b = 2; week 0
    assert digest.by_language == (
        Volume("en", 5, 5, _week(4), _week(7)),
        Volume("de", 2, 3, _week(1), _week(1)),
        Volume("it", 1, 2, 0.0, 0.0),
    )
    # Screened: DAY bounce x2, auto_reply x1; week bounce (Nov 11, Nov 12), auto_reply
    # (Nov 12), mailing_list (Nov 16); the bounce of Nov 9 is outside.
    assert digest.screened == (
        Tally("bounce", 2, _week(2)),
        Tally("auto_reply", 1, _week(1)),
        Tally("mailing_list", 0, _week(1)),
    )


def test_what_the_bot_did_and_how_fast(digest: Digest) -> None:
    # Sent by the bot (automatic replies, by sent_at): DAY R1 (00:30) R2b R4 = 3; not R4b
    # (sent 23:00:00, Nov 18), not the notice N1 (kind notice). Week R12 R12b (22:59:59 on
    # Nov 16) = 2; not R13 (22:59:59 on Nov 9).
    # Reviewed on DAY (by reviewed_at): approved R2 R8 R10 = 3 (R7 was approved on Nov 18);
    # edited R3 = 1; rejected R9 R8b = 2. Week: approved R10b, edited R11 (22:59:59), none
    # rejected.
    assert digest.handling == (
        Tally("sent by the bot", 3, _week(2)),
        Tally("approved unchanged", 3, _week(1)),
        Tally("approved after edit", 1, _week(1)),
        Tally("rejected", 2, 0.0),
    )
    # Drafts reviewed on DAY by the case type of the message they answer:
    #   port_in: R8 approved, R9 rejected, R8b rejected -> 1 of 3
    #   csr_request: R10 approved, R3 edited -> 1 of 2
    #   port_out: R2 approved -> 1 of 1
    assert digest.acceptance == (
        Acceptance("port_in", 3, 1),
        Acceptance("csr_request", 2, 1),
        Acceptance("port_out", 1, 1),
    )
    assert [a.share for a in digest.acceptance] == [1 / 3, 1 / 2, 1.0]
    # First response, cases opened on DAY: first message received to first reply sent.
    #   C1  23:00 -> R1 00:30 (automatic)                          1.5 h  bot
    #   C2  08:00 -> R2 10:00 (approved; R2b, automatic, at 11:05) 2.0 h  not the bot
    #   C3  09:00 -> R3 15:00 (edited)                             6.0 h
    #   C4  12:00 -> R4 12:30 (automatic)                          0.5 h  bot
    #   C7  14:00 -> R7 09:00 on Nov 18 (the notice N1 at 14:00 is no reply)  19.0 h
    #   C5, C15, C16: no reply sent; not counted.
    # Sorted 0.5 1.5 2.0 6.0 19.0: median 2.0; nearest-rank p90 = the ceil(0.9 * 5) = 5th.
    assert digest.first_response == ResponseTimes(5, 2.0, 19.0)
    # The bot alone: 0.5 1.5 -> median 1.0; p90 = the ceil(0.9 * 2) = 2nd = 1.5.
    assert digest.first_response_bot == ResponseTimes(2, 1.0, 1.5)
    # Cases opened in the week:
    #   C12 Nov 9 23:00 -> R12 23:02               2 min = 1/30 h
    #   C10 Nov 13 12:00 -> R10b Nov 14 10:00      22.0 h (R10 went on DAY)
    #   C8  Nov 15 10:00 -> R8 Nov 17 09:30        47.5 h (R8b was rejected)
    #   C11 Nov 16 20:00 -> R11 22:59:59           10799 s
    #   C9: its only draft was rejected; not counted.
    # median = (10799 s + 22 h) / 2; p90 = the 4th of 4 = 47.5.
    week = digest.first_response_week
    assert week.cases == 4
    assert week.median == pytest.approx((10799 / 3600 + 22.0) / 2)
    assert week.p90 == 47.5


def test_backlog_at_the_end_of_the_day(digest: Digest) -> None:
    # At the end of DAY (Nov 17 23:00 UTC; DAY is long over, so not "now"): drafts created by
    # then and not reviewed by then:
    #   R14 (message of Nov 5 10:00, never reviewed)     301.0 h   past the target
    #   R7  (message 14:00, reviewed the day after)         9.0 h   past the target
    #   R16 (message 19:00: exactly 4 h, not past it)       4.0 h
    #   R15 (message 20:00)                                 3.0 h
    #   R5  (message 22:59:59)                              1 s
    # Not R6 (created 23:00:00), nor any draft reviewed on DAY, nor an automatic reply.
    # Oldest: Nov 5 10:00 to Nov 17 23:00 = 12 days 13 hours = 301 h.
    # Cases waiting on the customer, by updated_at:
    #   under 1 day  C2 (11:05)
    #   1-3 days     C8 (Nov 16 23:00: exactly one day)
    #   3-7 days     C9 (Nov 14 23:00: exactly three days)
    #   over 7 days  C12 (Nov 10 22:00), C13 (Nov 9 22:59:59)
    #   C6 was updated after the end of DAY: in no bucket.
    # Quarantined: one on DAY, one in the week.
    assert digest.backlog == Backlog(
        drafts_waiting=5,
        oldest_hours=301.0,
        past_target=2,
        waiting_customer=(
            Tally("under 1 day", 1, 0.0),
            Tally("1-3 days", 1, 0.0),
            Tally("3-7 days", 1, 0.0),
            Tally("over 7 days", 2, 0.0),
        ),
        quarantined=2,
    )


def test_findings_classifier_and_security(digest: Digest) -> None:
    # Missing items by case type (DAY; week):
    #   port_in      loa M1 M4 M5 = 3 (week M8b at 22:59:59 on Nov 16 = 1), invoice M4b = 1
    #                (week M8 M9 = 2); week only: bill, company_name, numbers_list, port_date
    #                -> six items, the top five kept: port_date (last by name) goes.
    #   port_out     account_pin M2 M2b = 2 (week M11 = 1; M6 on Nov 18 and M13 on Nov 9 out)
    #   csr_request  account_number M3 = 1 (week M10 = 1); authorization week M10b = 1
    #   records_update  new_address week M12 = 1
    # Case types ordered by the day's total: 4, 2, 1, 0.
    assert digest.forgotten == (
        (
            "port_in",
            (
                Tally("loa", 3, _week(1)),
                Tally("invoice", 1, _week(2)),
                Tally("bill", 0, _week(1)),
                Tally("company_name", 0, _week(1)),
                Tally("numbers_list", 0, _week(1)),
            ),
        ),
        ("port_out", (Tally("account_pin", 2, _week(1)),)),
        (
            "csr_request",
            (Tally("account_number", 1, _week(1)), Tally("authorization", 0, _week(1))),
        ),
        ("records_update", (Tally("new_address", 0, _week(1)),)),
    )
    # Rejection reasons: DAY address_mismatch M2, pin_mismatch M2b; week pin_mismatch M8b M9
    # (M13's is before the week). Ties on the day go to the week's count.
    assert digest.rejections == (
        Tally("pin_mismatch", 1, _week(2)),
        Tally("address_mismatch", 1, 0.0),
    )
    # Warnings: DAY loa_name_mismatch M1 M4, stale_bill M3; week stale_bill M8 M9,
    # invoice_mismatch M12.
    assert digest.warnings == (
        Tally("loa_name_mismatch", 2, 0.0),
        Tally("stale_bill", 1, _week(2)),
        Tally("invoice_mismatch", 0, _week(1)),
    )
    # Confidence of the person messages (bucket lower bounds inclusive):
    #   DAY  0.30 | 0.50 0.45 | 0.70 0.60 | 0.92 0.81 0.85 0.99 1.0
    #   week 0.40 | 0.55      | 0.62 0.75 | 0.90 0.83 0.95 0.88
    assert digest.confidence == (
        Tally("below 0.45", 1, _week(1)),
        Tally("0.45-0.60", 2, _week(1)),
        Tally("0.60-0.80", 2, _week(2)),
        Tally("0.80 and above", 5, _week(4)),
    )
    # Referred to an agent (action refer_to_agent): DAY M5 M7; week M8b.
    assert digest.referred == Tally("referred to an agent", 2, _week(1))
    # Reclassified by agents: DAY port_in -> port_out (M1, M4), csr_request -> port_out_pin
    # (M7); week port_in -> port_out (M8b, 22:59:59). Not the one at 23:00:00 (Nov 18), not
    # the "edited" correction.
    assert digest.reclassified == (
        Tally("port_in \u2192 port_out", 2, _week(1)),
        Tally("csr_request \u2192 port_out_pin", 1, 0.0),
    )
    # Security: DAY unverified_csr_request M3, suspicious_sequence M7; week
    # unverified_csr_request M10 (M6's suspicious_sequence is on Nov 18).
    assert digest.security == (
        Tally("unverified_csr_request", 1, _week(1)),
        Tally("suspicious_sequence", 1, 0.0),
    )


def test_chart_of_eight_days(digest: Digest) -> None:
    # Messages per Berlin day, and drafts waiting at each day's end (23:00 UTC):
    #   Nov 10  M12 (23:00 on Nov 9)                    1 | R14                      1
    #   Nov 11  bounce                                  1 | R14                      1
    #   Nov 12  bounce, auto_reply, quarantined         3 | R14                      1
    #   Nov 13  M10                                     1 | R14 R10                  2
    #   Nov 14  M9 M10b                                 2 | R14 R10 R9 (R10b done)   3
    #   Nov 15  M8                                      1 | R14 R10 R9 R8            4
    #   Nov 16  M11 M12b M8b mailing_list               4 | + R8b (22:59:59); R11
    #                                                     |   was reviewed 22:59:59  5
    #   Nov 17  (DAY)                                  14 | R14 R7 R16 R15 R5        5
    assert digest.chart == (
        DayPoint(date(2026, 11, 10), 1, 1),
        DayPoint(date(2026, 11, 11), 1, 1),
        DayPoint(date(2026, 11, 12), 3, 1),
        DayPoint(date(2026, 11, 13), 1, 2),
        DayPoint(date(2026, 11, 14), 2, 3),
        DayPoint(date(2026, 11, 15), 1, 4),
        DayPoint(date(2026, 11, 16), 4, 5),
        DayPoint(date(2026, 11, 17), 14, 5),
    )
    assert digest.headlines() == HEADLINES


def test_backlog_of_a_day_not_over_is_as_of_now(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built at 12:00 UTC on DAY: drafts created by then and not reviewed by then are R14,
    # R10 (reviewed 16:00) and R3 (created 09:00, reviewed 15:00). Oldest R14: Nov 5 10:00
    # to Nov 17 12:00 = 290 h. Past the target (message before 08:00): R14 and R10.
    # Waiting on the customer as of 12:00: C2 and C8 under a day, C9 (Nov 14 23:00) 1-3 days,
    # C12 (Nov 10 22:00) 3-7 days, C13 over 7.
    monkeypatch.setattr(bot.digest.queries, "utcnow", lambda: utc(17, 12))
    backlog = build_digest(store, DAY, TIMEZONE, TARGET_HOURS).backlog
    assert (backlog.drafts_waiting, backlog.oldest_hours, backlog.past_target) == (3, 290.0, 2)
    assert [t.day for t in backlog.waiting_customer] == [2, 1, 1, 1]
    chart = build_digest(store, DAY, TIMEZONE, TARGET_HOURS).chart
    assert chart[-1].backlog == 3


def test_quarantined_after_the_day_is_not_in_its_backlog(store: Store) -> None:
    with store.session() as session:
        session.add(
            MessageRow(
                mailbox="INBOX",
                dedupe_key="INBOX:<late@mail.example.com>",
                message_id="<late@mail.example.com>",
                sha256="0" * 64,
                size=100,
                received_at=utc(18, 6),
                status="quarantined",
                processed_at=utc(18, 6),
            )
        )
    assert build_digest(store, DAY, TIMEZONE, TARGET_HOURS).backlog.quarantined == 2


# The email ---------------------------------------------------------------------------------


def test_email_alternatives_inline_chart_and_headers(
    tmp_path: Path, store_url: str, digest: Digest
) -> None:
    identity = load_settings(write_config(tmp_path, store_url)).identity
    raw, message_id = digest_email(digest, identity, RECIPIENTS)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    # The long id is folded onto a continuation line (legal; the parser keeps the space).
    assert message["Message-ID"].strip() == message_id
    assert message["Subject"] == SUBJECT
    assert message["To"] == ", ".join(RECIPIENTS)
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    plain, related = message.iter_parts()
    assert isinstance(plain, EmailMessage) and isinstance(related, EmailMessage)
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, image = related.iter_parts()
    assert isinstance(html_part, EmailMessage) and isinstance(image, EmailMessage)
    assert html_part.get_content_type() == "text/html"
    assert image.get_content_type() == "image/png"
    text, html = plain.get_content(), html_part.get_content()
    assert isinstance(text, str) and isinstance(html, str)

    # The chart: the HTML's <img src="cid:..."> is the image part's Content-ID.
    cids = re.findall(r'<img src="cid:([^"]+)"', html)
    assert len(cids) == 1
    assert image["Content-ID"] == f"<{cids[0]}>"
    png = image.get_content()
    assert isinstance(png, bytes) and png.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(png)).size == (640, 240)
    assert "<script" not in html.lower()

    # The headline figures, in both alternatives.
    assert text.splitlines()[0] == SUBJECT
    for line in HEADLINES:
        assert f"* {line}" in text
    assert f"<title>{SUBJECT}</title>" in html
    for figure in ("oldest 301.0 h", "median 2.0 h", "90% within 19.0 h", "average 1.9"):
        assert figure in text
    for figure in ("oldest 301.0 h", ">2.0 h<", "90% within 19.0 h", "avg 1.9", "8 new cases"):
        assert figure in html
    assert re.search(r'font-weight:700;">5</div>\s*<div[^>]*>drafts waiting · <b>2</b>', html)
    assert re.search(r'font-weight:700;">14</div>\s*<div[^>]*>messages received', html)


def test_html_escapes_what_the_store_holds(tmp_path: Path, store_url: str, digest: Digest) -> None:
    hostile = replace(digest, warnings=(Tally("<script>alert(1)</script>", 1, 0.0),))
    identity = load_settings(write_config(tmp_path, store_url)).identity
    raw, _ = digest_email(hostile, identity, RECIPIENTS)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# The schedule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "due"),
    [
        # November, CET (UTC+1): 06:59 and 07:00 Berlin.
        (datetime(2026, 11, 18, 5, 59, tzinfo=UTC), date(2026, 11, 16)),
        (datetime(2026, 11, 18, 6, 0, tzinfo=UTC), date(2026, 11, 17)),
        # Saturday 24 October, still CEST (UTC+2): 07:00 Berlin is 05:00 UTC.
        (datetime(2026, 10, 24, 4, 59, tzinfo=UTC), date(2026, 10, 22)),
        (datetime(2026, 10, 24, 5, 0, tzinfo=UTC), date(2026, 10, 23)),
        # Sunday 25 October, clocks went back at 01:00 UTC: 07:00 Berlin is 06:00 UTC.
        (datetime(2026, 10, 25, 5, 0, tzinfo=UTC), date(2026, 10, 23)),
        (datetime(2026, 10, 25, 5, 59, tzinfo=UTC), date(2026, 10, 23)),
        (datetime(2026, 10, 25, 6, 0, tzinfo=UTC), date(2026, 10, 24)),
        # Sunday 29 March, clocks went forward: 07:00 Berlin is 05:00 UTC again.
        (datetime(2026, 3, 29, 4, 59, tzinfo=UTC), date(2026, 3, 27)),
        (datetime(2026, 3, 29, 5, 0, tzinfo=UTC), date(2026, 3, 28)),
        # Just after local midnight (23:30 UTC the evening before): still before 07:00.
        (datetime(2026, 11, 17, 23, 30, tzinfo=UTC), date(2026, 11, 16)),
    ],
)
def test_due_day_in_berlin(now: datetime, due: date) -> None:
    assert due_day(now, "07:00", TIMEZONE) == due


def test_day_window_across_the_changes_of_clock() -> None:
    # DAY: 00:00 CET to 00:00 CET. Sunday 25 October has 25 hours, Sunday 29 March 23.
    assert day_window(DAY, TIMEZONE) == (utc(16, 23), utc(17, 23))
    assert day_window(date(2026, 10, 25), TIMEZONE) == (
        datetime(2026, 10, 24, 22, tzinfo=UTC),
        datetime(2026, 10, 25, 23, tzinfo=UTC),
    )
    assert day_window(date(2026, 3, 29), TIMEZONE) == (
        datetime(2026, 3, 28, 23, tzinfo=UTC),
        datetime(2026, 3, 29, 22, tzinfo=UTC),
    )


def test_due_day_west_of_utc() -> None:
    # New York (EST, UTC-5): 22:30 on Nov 17 is 03:30 UTC on Nov 18, and Nov 16's digest
    # went at 07:00 that morning; 06:59 and 07:00 on Nov 18 are 11:59 and 12:00 UTC.
    zone = "America/New_York"
    assert due_day(datetime(2026, 11, 18, 3, 30, tzinfo=UTC), "07:00", zone) == date(2026, 11, 16)
    assert due_day(datetime(2026, 11, 18, 11, 59, tzinfo=UTC), "07:00", zone) == date(2026, 11, 16)
    assert due_day(datetime(2026, 11, 18, 12, 0, tzinfo=UTC), "07:00", zone) == date(2026, 11, 17)


def _digest_settings(
    tmp_path: Path, store_url: str, smtp: SmtpSink, recipients: list[str]
) -> Settings:
    return load_settings(
        write_config(tmp_path, store_url, smtp=smtp),
        environ={
            "PORTDESK_DIGEST__ENABLED": "true",
            "PORTDESK_DIGEST__RECIPIENTS": json.dumps(recipients),
            "PORTDESK_DIGEST__TIMEZONE": TIMEZONE,
            "PORTDESK_DIGEST__TIME": '"07:00"',
        },
    )


def _ledger(store: Store) -> list[tuple[date, str]]:
    """Each day in the ledger with the recipients it went to, comma-joined in order."""
    with store.session(readonly=True) as session:
        rows = session.exec(
            select(DigestRun).order_by(col(DigestRun.day), col(DigestRun.recipient))
        ).all()
    days: dict[date, list[str]] = {}
    for row in rows:
        days.setdefault(row.day, []).append(row.recipient)
    return [(day, ",".join(recipients)) for day, recipients in days.items()]


def test_send_digest_twice_sends_once(
    tmp_path: Path, store_url: str, store: Store, smtp_sink: SmtpSink
) -> None:
    settings = _digest_settings(tmp_path, store_url, smtp_sink, RECIPIENTS)
    sender = make_sender(settings.outbox)
    assert send_digest(store, settings, sender, DAY) is True
    assert send_digest(store, settings, sender, DAY) is False
    received = smtp_sink.messages
    assert sorted(rcpt for m in received for rcpt in m.rcpt_tos) == sorted(RECIPIENTS)
    assert len(received) == len(RECIPIENTS)
    assert {m.message["Subject"] for m in received} == {SUBJECT}
    assert {m.message["Auto-Submitted"] for m in received} == {"auto-generated"}
    assert _ledger(store) == [(DAY, ",".join(RECIPIENTS))]


def test_failed_send_leaves_no_ledger_row(
    tmp_path: Path, store_url: str, store: Store, smtp_sink: SmtpSink
) -> None:
    settings = _digest_settings(tmp_path, store_url, smtp_sink, RECIPIENTS)
    sender = make_sender(settings.outbox)
    smtp_sink.refuse(451, "4.3.0 try later")
    assert send_digest(store, settings, sender, DAY) is False
    assert smtp_sink.refused_count >= 1
    assert smtp_sink.messages == []
    assert _ledger(store) == []
    smtp_sink.accept()
    assert send_digest(store, settings, sender, DAY) is True
    assert sorted(rcpt for m in smtp_sink.messages for rcpt in m.rcpt_tos) == sorted(RECIPIENTS)
    assert [day for day, _ in _ledger(store)] == [DAY]


def test_send_due_digest_makes_up_a_missed_day_once(
    tmp_path: Path,
    store_url: str,
    store: Store,
    smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boss = RECIPIENTS[:1]
    settings = _digest_settings(tmp_path, store_url, smtp_sink, boss)
    sender = make_sender(settings.outbox)
    clock = [utc(18, 8, 30)]
    monkeypatch.setattr(bot.digest.schedule, "utcnow", lambda: clock[0])
    # Disabled: nothing, whatever is due.
    disabled = settings.model_copy(
        update={"digest": settings.digest.model_copy(update={"enabled": False})}
    )
    assert send_due_digest(store, disabled, sender) is False
    assert smtp_sink.messages == []
    # The daemon was down at 07:00 on Nov 18; started at 09:30 Berlin, it makes DAY up.
    assert send_due_digest(store, settings, sender) is True
    # A second start (or a second worker) the same morning, and 06:59 the next day: nothing.
    for now in (utc(18, 9), utc(19, 5, 59)):
        clock[0] = now
        assert send_due_digest(store, settings, sender) is False
    # 07:00 on Nov 19: Nov 18's digest. On Nov 18: M6 (23:00:00 on the 17th) is its one
    # message; at its end R5 R15 R16 R14 R6 wait (R7 was approved at 09:00), all received
    # more than 4 h before Nov 18 23:00 UTC.
    clock[0] = utc(19, 6)
    assert send_due_digest(store, settings, sender) is True
    assert [m.message["Subject"] for m in smtp_sink.messages] == [
        SUBJECT,
        "portdesk digest 2026-11-18: 1 messages, 5 waiting, 5 past target",
    ]
    assert [m.rcpt_tos for m in smtp_sink.messages] == [boss, boss]
    assert [day for day, _ in _ledger(store)] == [DAY, date(2026, 11, 18)]


class _OneRecipientDown:
    """A sender whose relay refuses one recipient until it is told otherwise."""

    def __init__(self, refused: str) -> None:
        self.refused: str | None = refused
        self.sent: list[str] = []

    def send(self, raw: bytes, envelope_from: str, recipient: str) -> str:
        if recipient == self.refused:
            raise SendError(f"recipient refused: {recipient}")
        self.sent.append(recipient)
        return recipient


def test_a_recipient_who_got_the_digest_does_not_get_it_again(
    tmp_path: Path, store_url: str, store: Store, smtp_sink: SmtpSink
) -> None:
    settings = _digest_settings(tmp_path, store_url, smtp_sink, RECIPIENTS)
    sender = _OneRecipientDown(RECIPIENTS[1])
    send_digest(store, settings, sender, DAY)
    sender.refused = None
    send_digest(store, settings, sender, DAY)
    assert sorted(sender.sent) == sorted(RECIPIENTS)


def test_a_digest_that_failed_to_build_is_sent_next_time(
    tmp_path: Path,
    store_url: str,
    store: Store,
    smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = _digest_settings(tmp_path, store_url, smtp_sink, RECIPIENTS)
    sender = make_sender(settings.outbox)

    def broken(*args: object) -> Digest:
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(bot.digest.schedule, "build_digest", broken)
        with pytest.raises(RuntimeError):
            send_digest(store, settings, sender, DAY)
    assert send_digest(store, settings, sender, DAY) is True


# The command -------------------------------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path, store_url: str) -> Path:
    path = _berlin_config(write_config(tmp_path, store_url))
    seeded = open_store(load_settings(path))
    try:
        seed_week(seeded)
    finally:
        seeded.close()
    return path


def test_digest_print(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--date", "2026-11-17", "--print", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == SUBJECT
    for line in HEADLINES:
        assert f"* {line}" in out
    assert "Day: 2026-11-17 (Europe/Berlin)" in out


def test_digest_html_file(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "digest.html"
    argv = ["digest", "--date", "2026-11-17", "--html", str(target), "--config", str(config)]
    assert main(argv) == 0
    assert capsys.readouterr().out == f"{SUBJECT}: written to {target}\n"
    html = target.read_text(encoding="utf-8")
    found = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(found) == 1
    png = base64.b64decode(found[0], validate=True)
    assert png.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(png)).size == (640, 240)
    assert "<script" not in html.lower()
    assert f"<title>{SUBJECT}</title>" in html


def test_digest_bad_date(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--date", "17.11.2026", "--config", str(config)]) == 1
    assert "--date '17.11.2026': use YYYY-MM-DD" in capsys.readouterr().err


# The review page ---------------------------------------------------------------------------


@pytest.fixture
def desk(tmp_path: Path, store_url: str) -> ReviewDesk:
    desk = ReviewDesk(tmp_path, store_url, None)
    desk.settings = load_settings(_berlin_config(desk.config))
    seeded = desk.store()
    try:
        seed_week(seeded)
    finally:
        seeded.close()
    return desk


def test_digest_page_for_managers_only(desk: ReviewDesk) -> None:
    query = "?date=2026-11-17"
    with desk.serving() as url:
        anonymous = Client(url, follow=False).get("/digest" + query)
        assert anonymous.status == 303
        assert anonymous.headers["location"].startswith("/login")

        agent = Client(url)
        assert agent.login(AGENT[0]).status == 200
        assert agent.get("/digest" + query).status == 403
        assert agent.get("/digest/chart.png" + query).status == 403

        manager = Client(url)
        assert manager.login(MANAGER[0]).status == 200
        page = manager.get("/digest" + query)
        assert page.status == 200
        assert page.headers["content-type"].startswith("text/html")
        assert f"<title>{SUBJECT}</title>" in page.text
        assert '<img src="/digest/chart.png?date=2026-11-17"' in page.text
        assert "<script" not in page.text.lower()
        # Its own policy: the email's inline styles render, and nothing may run.
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "style-src 'unsafe-inline'" in policy
        assert "script-src" not in policy

        with manager.opener.open(url + "/digest/chart.png" + query, timeout=30) as response:
            assert response.status == 200
            assert response.headers["content-type"] == "image/png"
            png = response.read()
        assert png.startswith(PNG_SIGNATURE)
        assert Image.open(io.BytesIO(png)).size == (640, 240)
