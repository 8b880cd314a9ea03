"""Daily digest build time over a year of history: `build_digest(store, day, "UTC", 4.0)` for
a day in the middle of a store holding 1,000,000 messages. The baselines come from the same run:
the same build over a store of 10,000 messages (the same year and the same shape, so the ratio
shows how the digest scales with history) and a bare `SELECT count(*) FROM message` on the large
store.

The store is opened with bot.store.Store, so the migrations create the schema. It is then filled
by bulk SQL, not through the pipeline. On SQLite, Core's INSERT is run by the driver's
executemany in chunks of 20,000 messages, with the values converted by the columns' own bind
processors. On PostgreSQL it is a binary COPY, followed by VACUUM ANALYZE, as autovacuum would
have done within a year. A child process generates the next chunk while the current one is
written. The tables' plain indexes are dropped during the fill and created again after it, as a
restore does; the unique ones stay.

The history covers 2025:
- cases of one to three messages from the customer, with case types, languages, confidences
  and actions; 20% of the mail is screened and 0.1% quarantined;
- replies: 70% automatic and sent, the rest drafts an agent approved, edited or rejected; drafts
  not reviewed by the end of the data still wait (a few hundred);
- findings (missing items, warnings, rejection reasons, security) on about 40% of messages;
- corrections for edited and reclassified drafts.
Rows are as large as the real pipeline's: a reply's raw bytes are 1.7-4.7 KB of text and a
message's result_json about 1.2 KB.

The digest is built for 2025-07-02 in UTC: median of 5 builds after one warm-up. One more build
is then traced statement by statement to show where the time goes. `--explain` adds the plans
(EXPLAIN QUERY PLAN; EXPLAIN ANALYZE on PostgreSQL) of the slowest statement of the three
costliest parts. Target: under 5 s.

With `--database`, the database must be empty. The benchmark fills it, measures, then empties
it again; `--keep` leaves the large store in place.

Run: python -m bench.digest_build [--database URL] [--messages N] [--explain] [--keep]
(about 2 minutes of fill on SQLite, plus the builds).
"""

from __future__ import annotations

import argparse
import bisect
import linecache
import multiprocessing
import random
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from sqlalchemy import Connection, Dialect, Engine, LargeBinary, Table, event, insert
from sqlmodel import SQLModel

from bench._common import quiet_logging
from bench._stats import Stats, elapsed_note, ratio, verdict
from bot.digest.figures import Digest
from bot.digest.queries import build_digest
from bot.store import Store

T = TypeVar("T")
BASELINE = 10_000
START = datetime(2025, 1, 1, tzinfo=UTC)
YEAR = 365 * 86_400.0
DAY = date(2025, 7, 2)
TIMEZONE = "UTC"
TARGET_HOURS = 4.0
TARGET_SECONDS = 5.0
REPEAT = 5
CHUNK = 20_000
SEED = 2025

SCREENED, QUARANTINED = 0.20, 0.001
CASE_TYPES = (
    ("port_in", 30),
    ("port_status", 15),
    ("port_out", 10),
    ("port_rejection", 8),
    ("csr_request", 7),
    ("port_out_pin", 6),
    ("records_update", 5),
    ("bill_request", 5),
    ("port_in_twilio_transfer", 4),
    ("port_in_international", 3),
    ("other", 3),
    ("number_removal", 2),
    ("cancellation", 2),
)
LANGUAGES = (("en", 78), ("de", 8), ("fr", 6), ("es", 4), ("nl", 2), ("it", 2))
ACTIONS = (
    ("ask_missing", 40),
    ("acknowledge", 20),
    ("send_instructions", 15),
    ("refer_to_agent", 15),
    ("send_csr", 5),
    ("no_reply", 5),
)
SCREENS = (
    ("delivery-report", 25),
    ("autoreply-headers", 20),
    ("auto-submitted", 15),
    ("list-headers", 12),
    ("machine-sender", 10),
    ("precedence", 6),
    ("automated-subject", 5),
    ("null-sender", 3),
    ("x-loop", 2),
    ("own-mail", 1),
    ("auto-response-suppress", 1),
)
MISSING = (
    ("loa", 14),
    ("bill_or_csr", 14),
    ("port_date", 12),
    ("sms_needed", 10),
    ("wireless", 10),
    ("address", 8),
    ("rejection_notice", 6),
    ("company_name", 6),
    ("phone_numbers", 6),
    ("account_sid", 4),
    ("time_frame", 4),
    ("wireless_pin", 3),
    ("wireless_account_number", 3),
)
WARNINGS = (
    ("bill_age", 5),
    ("loa_age", 4),
    ("port_date_soon", 3),
    ("wireless_pin_expires", 2),
    ("malformed_sid", 1),
    ("secret_pasted", 1),
)
REJECTIONS = (
    ("BUSINESS_NAME_MISMATCH", 6),
    ("PASSCODE_PIN_INVALID", 5),
    ("ACCOUNT_NUMBER_MISMATCH", 5),
    ("ADDRESS_MISMATCH", 4),
    ("BTN_MISMATCH", 2),
    ("FOC_DATE_CONFLICT", 1),
)
# Requests for account data, which a sender who is not verified gets a security finding for.
GUARDED = ("port_out_pin", "csr_request", "port_out", "records_update")
OUTCOMES = (("approved", 70), ("edited", 20), ("rejected", 10))
AUTOMATIC = 0.83  # of the replies that are not referrals: overall about 70% of all replies


class Choice:
    """Weighted choices from a fixed table, cheaper than random.choices for one at a time."""

    def __init__(self, table: Sequence[tuple[str, int]]) -> None:
        self.keys = [k for k, _ in table]
        self.cumulative = list(accumulate(w for _, w in table))

    def __call__(self, rng: random.Random) -> str:
        return self.keys[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


CASE_TYPE, LANGUAGE, ACTION, SCREEN = (
    Choice(CASE_TYPES),
    Choice(LANGUAGES),
    Choice(ACTIONS),
    Choice(SCREENS),
)
MISSING_KEY, WARNING_KEY, REJECTION_KEY, OUTCOME = (
    Choice(MISSING),
    Choice(WARNINGS),
    Choice(REJECTIONS),
    Choice(OUTCOMES),
)


# Row contents as large as the real pipeline's -------------------------------------------------


WORDS = re.findall(
    r"\w+",
    "port porting number numbers carrier letter authorization signed bill record customer service "
    "account date time provider request please thank you we need the a to of and for your our "
    "from with this that when will can be is are on in by it once send reply attach copy recent "
    "current new old address name business company wireless pin code transfer landline toll free",
)


def _reply_raw(n: int) -> bytes:
    """A reply as composed (headers, text/plain and text/html), 1.8 to 4.6 KB like real ones,
    of varied words so that it compresses (PostgreSQL's TOAST) about as much as real text."""
    rng = random.Random(n)
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))).capitalize() + "."
        for _ in range(3 + n)
    ]
    text_part = "\r\n\r\n".join(paragraphs)
    html_part = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "From: Porting Desk <support@portdesk.example>\r\nTo: customer@client.example\r\n"
        "Subject: Re: Port our numbers [P-1024]\r\nMessage-ID: <portdesk.0@portdesk.example>\r\n"
        "In-Reply-To: <m1@client.example>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="===b==="\r\n\r\n--===b===\r\n'
        'Content-Type: text/plain; charset="utf-8"\r\n\r\n'
        f'{text_part}\r\n--===b===\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n'
        f"<html><body>{html_part}</body></html>\r\n--===b===--\r\n"
    ).encode()


def _result_json(case_type: str, action: str) -> str:
    """About 1.2 KB, the size of the pipeline's result_json."""
    number = '{"e164": "+14155550123", "country": "US", "type": "local", "source": "text"}'
    return (
        f'{{"message_id": "<m@client.example>", "case_type": "{case_type}", "confidence": 0.9, '
        f'"secondary_intents": [], "language": "en", "facts": {{"numbers": [{number}, {number}],'
        ' "account_sids": [], "identifiers": [], "answers": {"sms_needed": null, "wireless": '
        'null, "wireless_account_number": null, "pin_masked": null, "port_date": null, '
        '"port_date_text": null, "port_date_soon": false, "time_frame": null, "provider": '
        '"Bayline Telecom", "company_name": null, "address": {"street": "14 Sample Row", '
        '"city": "Springfield", "postcode": "62701", "region": "IL", "country": "US"}}, '
        '"documents": [], "mismatches": [], "numbers_missing_from_loa": [], '
        '"redacted_secrets": [], "attachments": []}, "missing": ["loa", "bill_or_csr"], '
        f'"warnings": [], "action": "{action}", "reasons": ["{case_type}: items missing"], '
        '"security": null, "route": "policy: replies are sent automatically"}'
    )


FACTS_JSON = (
    '{"numbers": [{"e164": "+14155550123", "country": "US", "type": "local"}], "answers": '
    '{"sms_needed": true, "wireless": false, "provider": "Bayline Telecom", "company_name": '
    '"Acme Dental", "address": {"street": "14 Sample Row", "city": "Springfield", "postcode": '
    '"62701", "region": "IL", "country": "US"}}, "documents": [{"kind": "loa", "pages": 2, '
    '"numbers": ["+14155550123"], "signed": true, "date": "2025-03-01"}]}'
) * 2
RAWS = [_reply_raw(n) for n in range(8)]
RESULTS = {(t, a): _result_json(t, a) for t, _ in CASE_TYPES for a, _ in ACTIONS}


# The history ------------------------------------------------------------------------------


@dataclass(slots=True)
class Rows:
    """One chunk of rows, in insert order (cases before the rows that refer to them)."""

    porting_case: list[dict[str, Any]] = field(default_factory=list)
    message: list[dict[str, Any]] = field(default_factory=list)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    finding: list[dict[str, Any]] = field(default_factory=list)
    correction: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        yield "porting_case", self.porting_case
        yield "message", self.message
        yield "outbox", self.outbox
        yield "finding", self.finding
        yield "correction", self.correction


@dataclass(frozen=True, slots=True)
class Reply:
    automatic: bool
    created: float  # seconds after START
    reviewed: float | None  # None: still waiting at the end of the data
    outcome: str | None
    sent: float | None
    reclassified_to: str | None


@dataclass(frozen=True, slots=True)
class Said:
    """One message from the customer: what the bot made of it and what it answered."""

    at: float
    processed: float
    action: str
    confidence: float
    findings: tuple[tuple[str, str], ...]
    reply: Reply | None
    notice: bool


def _at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def _weekday_time(rng: random.Random) -> float:
    """An instant of the year, weekends at 40% of a weekday's mail."""
    while True:
        t = rng.random() * YEAR
        if _at(t).weekday() < 5 or rng.random() < 0.4:
            return t


class History:
    """A year of mail, generated case by case and written in time order, chunk by chunk."""

    def __init__(self, messages: int, seed: int = SEED) -> None:
        self.rng = rng = random.Random(seed)
        self.counts: Counter[str] = Counter()
        quarantined = round(messages * QUARANTINED)
        automated = round(messages * SCREENED) + quarantined
        person = messages - automated
        # Each case's messages from the customer: the first opens it, the others follow days later.
        cases: list[list[float]] = []
        planned = 0
        while planned < person:
            t = _weekday_time(rng)
            times = [t]
            for _ in range(_per_case(rng) - 1):
                t += rng.expovariate(1 / (1.5 * 86_400))
                if t < YEAR:
                    times.append(t)
            times = times[: person - planned]
            cases.append(times)
            planned += len(times)
        # Case ids in the order the cases open, as the pipeline gives them; messages in the
        # order they arrive: (time, case index or -1, index within the case or quarantined).
        cases.sort(key=lambda times: times[0])
        self.cases = cases
        events = [(t, case, j) for case, times in enumerate(cases) for j, t in enumerate(times)]
        events += [(rng.random() * YEAR, -1, int(n < quarantined)) for n in range(automated)]
        events.sort()
        self.events = events
        self.end = YEAR  # "now" for the data: a draft not reviewed by then still waits
        self.pending: dict[int, tuple[list[Said], str, str, str]] = {}

    def __len__(self) -> int:
        return len(self.events)

    def chunks(self) -> Iterator[Rows]:
        rows = Rows()
        for pk, (t, case, j) in enumerate(self.events, start=1):
            if case < 0:
                self._automated(rows, pk, t, quarantined=bool(j))
            else:
                if j == 0:
                    self._open(rows, case)
                self._said(rows, pk, case, j)
            if len(rows.message) >= CHUNK:
                yield rows
                rows = Rows()
        if rows.message:
            yield rows

    # Cases ------------------------------------------------------------------------------------

    def _open(self, rows: Rows, case: int) -> None:
        rng = self.rng
        case_type, language = CASE_TYPE(rng), LANGUAGE(rng)
        customer = f"customer{rng.randrange(60_000)}@client{rng.randrange(5_000)}.example"
        said = [self._plan(case_type, t) for t in self.cases[case]]
        self.pending[case] = (said, case_type, language, customer)
        last = said[-1]
        reply = last.reply
        status = _case_status(last.action, reply is not None and reply.automatic)
        waiting = None
        if reply is not None and not reply.automatic and reply.reviewed is None:
            waiting = last.at
        touched = max(
            [s.processed for s in said]
            + [s.reply.reviewed for s in said if s.reply and s.reply.reviewed is not None]
        )
        rows.porting_case.append(
            {
                "id": case + 1,
                "case_type": case_type,
                "status": status,
                "customer_email": customer,
                "language": language,
                "needs_agent": waiting is not None or last.action == "refer_to_agent",
                "agent_reason": "a draft waits for review" if waiting is not None else None,
                "waiting_since": _at(waiting) if waiting is not None else None,
                "assignee": None,
                "facts_json": FACTS_JSON,
                "opened_at": _at(self.cases[case][0]),
                "updated_at": _at(min(touched, self.end)),
            }
        )
        self.counts["porting_case rows"] += 1
        self.counts[f"case {status}"] += 1

    def _plan(self, case_type: str, t: float) -> Said:
        rng = self.rng
        action = ACTION(rng)
        findings: list[tuple[str, str]] = []
        if action == "ask_missing":
            findings += [("missing", MISSING_KEY(rng)) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.10:
            findings.append(("warning", WARNING_KEY(rng)))
        if case_type == "port_rejection" and rng.random() < 0.8:
            findings.append(("rejection", REJECTION_KEY(rng)))
        if case_type in GUARDED and rng.random() < 0.15:
            findings.append(("security", f"unverified_{case_type}"))
        if rng.random() < 0.005:
            findings.append(("security", "suspicious"))
        processed = t + rng.uniform(1, 20)
        reply = None
        if action != "no_reply":
            created = processed + rng.uniform(0.05, 0.5)
            if action != "refer_to_agent" and rng.random() < AUTOMATIC:
                reply = Reply(True, created, None, None, created + rng.uniform(1, 10), None)
            else:
                # Agents review a draft within hours, a few take days.
                reviewed = created + min(96.0, rng.lognormvariate(1.4, 1.1)) * 3600
                if reviewed >= self.end:
                    reply = Reply(False, created, None, None, None, None)
                else:
                    outcome = OUTCOME(rng)
                    sent = reviewed + rng.uniform(1, 30) if outcome != "rejected" else None
                    moved = CASE_TYPE(rng) if rng.random() < 0.04 else None
                    reply = Reply(False, created, reviewed, outcome, sent, moved)
        notice = case_type in ("port_out", "port_out_pin") and rng.random() < 0.1
        return Said(
            t,
            processed,
            action,
            round(rng.uniform(0.3, 0.8) if action == "refer_to_agent" else _confident(rng), 3),
            tuple(dict.fromkeys(findings)),
            reply,
            notice,
        )

    # Messages ---------------------------------------------------------------------------------

    def _message(self, pk: int, t: float, **values: Any) -> dict[str, Any]:
        key = f"<m{pk}.bench@client.example>"
        row: dict[str, Any] = {
            "id": pk,
            "mailbox": "INBOX",
            "dedupe_key": key,
            "uidvalidity": 1,
            "uid": pk,
            "locator": None,
            "message_id": key,
            "sha256": f"{pk:064x}",
            "size": 2_000 + (pk * 7919) % 60_000,
            "oversize": False,
            "received_at": _at(t),
            "status": "processed",
            "sender": None,
            "subject": None,
            "case_id": None,
            "screen_name": None,
            "screen_reason": None,
            "case_type": None,
            "confidence": None,
            "language": None,
            "action": None,
            "result_json": None,
            "error": None,
            "error_detail": None,
            "attempts": 1,
            "processed_at": None,
            "server_marked": True,
            "claimed_by": None,
            "claimed_until": None,
        }
        row.update(values)
        return row

    def _automated(self, rows: Rows, pk: int, t: float, *, quarantined: bool) -> None:
        if quarantined:
            values: dict[str, Any] = {
                "status": "quarantined",
                "error": "parse",
                "error_detail": "Traceback (most recent call last): ...",
                "processed_at": _at(t + 2),
            }
            self.counts["quarantined"] += 1
        else:
            screen = SCREEN(self.rng)
            values = {
                "status": "screened",
                "screen_name": screen,
                "screen_reason": f"{screen} header present",
                "sender": "mailer-daemon@mx.client.example",
                "subject": "Automatic reply: Port our numbers",
                "action": "no_reply",
                "processed_at": _at(t + 2),
            }
            self.counts["screened"] += 1
        rows.message.append(self._message(pk, t, **values))

    def _said(self, rows: Rows, pk: int, case: int, j: int) -> None:
        plan, case_type, language, customer = self.pending[case]
        said = plan[j]
        if j == len(plan) - 1:
            del self.pending[case]
            self.cases[case] = []  # done with: let the memory go
        case_id = case + 1
        processed = _at(said.processed)
        rows.message.append(
            self._message(
                pk,
                said.at,
                sender=customer,
                subject="Port our numbers",
                case_id=case_id,
                case_type=case_type,
                confidence=said.confidence,
                language=language,
                action=said.action,
                result_json=RESULTS[case_type, said.action],
                processed_at=processed,
            )
        )
        self.counts["person messages"] += 1
        if said.findings:
            self.counts["messages with findings"] += 1
        for kind, key in said.findings:
            rows.finding.append(
                {
                    "id": self._next("finding"),
                    "message_pk": pk,
                    "at": processed,
                    "case_type": case_type,
                    "kind": kind,
                    "key": key,
                }
            )
        reply = said.reply
        if reply is not None:
            self._reply(rows, pk, case_id, reply, recipient=customer, action=said.action)
            if reply.outcome == "edited" or reply.reclassified_to:
                assert reply.reviewed is not None
                reclassified = reply.reclassified_to is not None
                rows.correction.append(
                    {
                        "id": self._next("correction"),
                        "case_id": case_id,
                        "message_pk": pk,
                        "at": _at(reply.reviewed),
                        "agent": "ana@portdesk.example",
                        "kind": "reclassified" if reclassified else "edited",
                        "before": case_type if reclassified else "the draft as the bot wrote it",
                        "after": reply.reclassified_to or "the draft as the agent sent it",
                        "case_type": reply.reclassified_to or case_type,
                        "subject": "Port our numbers",
                        "text": "Hello, please port +1 415 555 0123 to you. Thanks, Jane",
                        "language": language,
                    }
                )
        if said.notice:
            notice = Reply(True, said.processed + 0.5, None, None, said.processed + 5, None)
            self._reply(
                rows, pk, case_id, notice, recipient="contact@client.example", action="notice"
            )

    def _reply(
        self, rows: Rows, pk: int, case_id: int, reply: Reply, *, recipient: str, action: str
    ) -> None:
        kind = "notice" if action == "notice" else "reply"
        if reply.automatic:
            status = "sent"
        elif reply.reviewed is None:
            status = "awaiting_review"
        else:
            status = "rejected" if reply.outcome == "rejected" else "sent"
        outbox_id = self._next("outbox")
        rows.outbox.append(
            {
                "id": outbox_id,
                "case_id": case_id,
                "reply_to_message": pk,
                "kind": kind,
                "message_id": f"<portdesk.{outbox_id}@portdesk.example>",
                "recipient": recipient,
                "subject": "Re: Port our numbers",
                "raw": RAWS[outbox_id % len(RAWS)],
                "action": "ask_missing" if kind == "notice" else action,
                "template": f"{action}.j2",
                "status": status,
                "automatic": reply.automatic,
                "attempts": 1 if reply.sent is not None else 0,
                "next_attempt_at": None,
                "last_error": None,
                "created_at": _at(reply.created),
                "sent_at": _at(reply.sent) if reply.sent is not None else None,
                "claimed_by": None,
                "claimed_until": None,
                "disclosure_json": None,
                "reviewed_by": None if reply.reviewed is None else "ana@portdesk.example",
                "reviewed_at": None if reply.reviewed is None else _at(reply.reviewed),
                "review_note": "wrong case type" if reply.outcome == "rejected" else None,
                "review_outcome": reply.outcome,
            }
        )
        self.counts[f"{kind} {status}{' automatic' if reply.automatic else ''}"] += 1
        if reply.outcome:
            self.counts[f"draft {reply.outcome}"] += 1

    def _next(self, table: str) -> int:
        self.counts[f"{table} rows"] += 1
        return self.counts[f"{table} rows"]


def _per_case(rng: random.Random) -> int:
    """Messages from the customer in a case: one (55%), two (30%) or three (15%)."""
    r = rng.random()
    return 1 if r < 0.55 else 2 if r < 0.85 else 3


def _confident(rng: random.Random) -> float:
    return min(0.999, rng.betavariate(6, 1.6))


def _case_status(action: str, sent: bool) -> str:
    """As bot.runner._case_status decides it from the case's last message."""
    if action == "refer_to_agent":
        return "referred"
    if action == "acknowledge":
        return "complete"
    if not sent:
        return "awaiting_review"
    return "waiting_customer" if action == "ask_missing" else "answered"


# Filling the store ------------------------------------------------------------------------


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


FILLED = ("correction", "finding", "outbox", "raw_message", "case_event", "disclosure")
FILLED_LAST = ("message", "porting_case")


def empty(store: Store) -> None:
    """Delete every row the benchmark wrote (children first), so the next fill starts clean."""
    with store.engine.begin() as connection:
        if store.engine.dialect.name == "postgresql":
            names = ", ".join((*FILLED, *FILLED_LAST))
            connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY")
        else:
            for name in (*FILLED, *FILLED_LAST):
                connection.exec_driver_sql(f"DELETE FROM {name}")


# One table's rows of a chunk, ready for the driver: the statement and the values in its order.
Batch = tuple[str, str, list[tuple[Any, ...]]]


def fill(store: Store, messages: int) -> Counter[str]:
    """The year of history, written chunk by chunk in time order; returns what was written.

    A child process generates the rows and converts them for the driver while this one writes
    the previous chunk. The tables' plain indexes are dropped for the fill and created again
    after it, as a restore does (the unique ones stay): the schema ends as the migrations left it.
    """
    engine = store.engine
    with engine.begin() as connection:
        indexes = _plain_indexes(connection, [name for name, _ in Rows().tables()])
        for name in indexes:
            connection.exec_driver_sql(f"DROP INDEX {name}")
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[list[Batch] | Counter[str]] = context.Queue(maxsize=2)
    child = context.Process(target=_produce, args=(queue, messages, engine.dialect))
    child.start()
    try:
        write = _copy if engine.dialect.name == "postgresql" else _executemany
        counts = write(engine, queue, indexes.values())
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
    engine.dispose()
    return counts


def _produce(queue: multiprocessing.Queue[Any], messages: int, dialect: Dialect) -> None:
    """In the child: every chunk as driver-ready batches, then the counts."""
    history = History(messages)
    statements: dict[str, tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]] = {}
    for name, _ in Rows().tables():
        statements[name] = (
            _copy_statement(name)
            if dialect.name == "postgresql"
            else _insert_statement(name, dialect)
        )
    for rows in history.chunks():
        queue.put(
            [
                (name, statements[name][0], [statements[name][1](row) for row in values])
                for name, values in rows.tables()
                if values
            ]
        )
    history.counts["messages"] = len(history)
    queue.put(history.counts)


def _insert_statement(
    name: str, dialect: Dialect
) -> tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]:
    """Core's INSERT for the table, and a row's values converted by the columns' own bind
    processors: what Core's executemany would send, without its cost per row."""
    table = _table(name)
    compiled = insert(table).compile(dialect=dialect)
    assert compiled.positiontup is not None
    columns = list(compiled.positiontup)
    get = itemgetter(*columns)
    # Bytes go as they are (the driver takes them; a memoryview would not cross the queue).
    convert = [
        (i, f)
        for i, c in enumerate(columns)
        if not isinstance(table.c[c].type, LargeBinary)
        and (f := table.c[c].type.bind_processor(dialect)) is not None
    ]

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        out = list(get(row))
        for i, f in convert:
            out[i] = f(out[i])
        return tuple(out)

    return str(compiled), values


def _copy_statement(name: str) -> tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]:
    columns = [c.name for c in _table(name).columns]
    listed = ", ".join(f'"{c}"' for c in columns)
    return f"COPY {name} ({listed}) FROM STDIN (FORMAT BINARY)", itemgetter(*columns)


def _executemany(
    engine: Engine, queue: multiprocessing.Queue[Any], indexes: Iterable[str]
) -> Counter[str]:
    with engine.connect() as connection:
        # For the fill only, outside SQLAlchemy's transactions; the engine is disposed of
        # before anything is timed, so the digest runs with the store's own settings.
        sqlite: Any = connection.connection.driver_connection
        sqlite.execute("PRAGMA journal_mode=OFF")
        sqlite.execute("PRAGMA synchronous=OFF")
        sqlite.execute("PRAGMA cache_size=-262144")
        while not isinstance(batches := queue.get(timeout=300), Counter):
            with connection.begin():
                for _, statement, values in batches:
                    connection.exec_driver_sql(statement, values)
        for create in indexes:
            sqlite.execute(create)
        sqlite.execute("PRAGMA journal_mode=WAL")
    return batches


def _copy(
    engine: Engine, queue: multiprocessing.Queue[Any], indexes: Iterable[str]
) -> Counter[str]:
    raw = engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        # Binary COPY needs each column's type as the database has it.
        found = driver.execute(
            "SELECT table_name, column_name, udt_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        ).fetchall()
        udt = {(table, column): name for table, column, name in found}
        # Ends the transaction the query opened: each chunk's transaction() below is then a
        # transaction of its own, not a savepoint rolled back when the connection closes.
        driver.commit()
        types = {
            name: [udt[name, c.name] for c in _table(name).columns] for name, _ in Rows().tables()
        }
        while not isinstance(batches := queue.get(timeout=300), Counter):
            with driver.transaction(), driver.cursor() as cursor:
                for name, statement, values in batches:
                    with cursor.copy(statement) as copy:
                        copy.set_types(types[name])
                        for row in values:
                            copy.write_row(row)
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        for create in indexes:
            connection.exec_driver_sql(create)
        for name in ("porting_case", "message", "outbox", "finding", "correction"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {name}))"
            )
        # As autovacuum would have done within a year: statistics and the visibility map.
        connection.exec_driver_sql("VACUUM ANALYZE")
    return batches


def _plain_indexes(connection: Connection, tables: list[str]) -> dict[str, str]:
    """{name: CREATE INDEX statement} of the tables' indexes that no constraint owns."""
    if connection.dialect.name == "postgresql":
        query = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%(tables)s) AND NOT EXISTS (SELECT 1 FROM pg_constraint "
            "WHERE conindid = format('%%I.%%I', schemaname, indexname)::regclass)"
        )
        rows = connection.exec_driver_sql(query, {"tables": tables})
    else:
        marks = ", ".join("?" * len(tables))
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})"
        )
        rows = connection.exec_driver_sql(query, tuple(tables))
    return {str(name): str(create) for name, create in rows}


def database_size(store: Store) -> int:
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "postgresql":
            query = "SELECT pg_database_size(current_database())"
        else:
            query = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        return int(connection.exec_driver_sql(query).scalar_one())


def describe(c: Counter[str], seconds: float, size: int) -> str:
    messages = c["messages"]
    replies = sum(n for k, n in c.items() if k.startswith("reply "))
    automatic = c["reply sent automatic"]
    drafts = replies - automatic
    findings_share = c["messages with findings"] / messages
    return (
        f"{messages:,} messages in {seconds:.1f} s, {size / 2**30:.2f} GiB: "
        f"{c['porting_case rows']:,} cases, {c['person messages']:,} from customers, "
        f"{c['screened']:,} screened, {c['quarantined']:,} quarantined;\n"
        f"  {replies:,} replies ({automatic / max(replies, 1):.0%} automatic and sent; "
        f"{drafts:,} drafts: {c['draft approved']:,} approved, {c['draft edited']:,} edited, "
        f"{c['draft rejected']:,} rejected, {c['reply awaiting_review']:,} waiting) "
        f"and {c['outbox rows'] - replies:,} notices;\n"
        f"  {c['finding rows']:,} findings on {findings_share:.0%} of messages, "
        f"{c['correction rows']:,} corrections"
    )


# Timing -----------------------------------------------------------------------------------


def timed(run: Callable[[], T]) -> tuple[Stats, T]:
    """Median of REPEAT runs after one warm-up, in seconds, and what the last run returned."""
    result = run()
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = run()
        samples.append(time.perf_counter() - started)
    return Stats.of(samples), result


def count_messages(store: Store) -> Callable[[], int]:
    def run() -> int:
        with store.session(readonly=True) as session:
            return int(session.connection().exec_driver_sql(_COUNT).scalar_one())

    return run


_COUNT = "SELECT count(*) FROM message"


def digest(store: Store) -> Callable[[], Digest]:
    return lambda: build_digest(store, DAY, TIMEZONE, TARGET_HOURS)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a traced build: what it computes, its SQL, and the time until the next
    statement started (so the rows' fetch and their Python handling count with it)."""

    label: str
    sql: str
    parameters: Any
    seconds: float


def traced(store: Store) -> list[Statement]:
    """One build with every statement's time, labelled by the digest field that ran it."""
    marks: list[tuple[str, str, Any, float]] = []

    def before(_c: Any, _cur: Any, sql: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        marks.append((_label(), sql, parameters, time.perf_counter()))

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        build_digest(store, DAY, TIMEZONE, TARGET_HOURS)
        ended = time.perf_counter()
    finally:
        event.remove(store.engine, "before_cursor_execute", before)
    ends = [m[3] for m in marks[1:]] + [ended]
    return [
        Statement(label, sql, p, end - t)
        for (label, sql, p, t), end in zip(marks, ends, strict=True)
    ]


_HELPERS = {"build_digest", "count", "_grouped_counts", "grouped", "tally", "<lambda>"}
_FIELD = re.compile(r"\s*(\w+)=")


def _label() -> str:
    """`field > method > …`: the Digest field being computed and the _Queries methods under it."""
    field_name, inner = "?", []
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if Path(code.co_filename).parts[-3:] == ("bot", "digest", "queries.py"):
            if code.co_name == "build_digest":
                for line in range(frame.f_lineno, 0, -1):
                    found = _FIELD.match(linecache.getline(code.co_filename, line))
                    if found:
                        field_name = found.group(1)
                        break
            elif code.co_name not in _HELPERS:
                inner.append(code.co_name)
        frame = frame.f_back
    chain = [field_name, *(name for name in reversed(inner) if name != field_name)]
    return " > ".join(chain)


def by_label(statements: list[Statement]) -> list[list[Statement]]:
    """The statements grouped by label, the group that took longest first."""
    groups: dict[str, list[Statement]] = {}
    for s in statements:
        groups.setdefault(s.label, []).append(s)
    return sorted(groups.values(), key=lambda group: -sum(s.seconds for s in group))


def slowest(statements: list[Statement], n: int) -> list[Statement]:
    """The slowest statement of each of the n labels that took longest."""
    return [max(group, key=lambda s: s.seconds) for group in by_label(statements)[:n]]


def explain(store: Store, statement: Statement) -> str:
    postgres = store.engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    with store.session(readonly=True) as session:
        result = session.connection().exec_driver_sql(prefix + statement.sql, statement.parameters)
        if postgres:
            return "\n".join(str(row[0]) for row in result)
        return "\n".join(f"{row[0]:>3} {row[1]:>3}  {row[3]}" for row in result)


# Report -------------------------------------------------------------------------------------


def report_statements(statements: list[Statement], total: float, show: int = 12) -> None:
    groups = by_label(statements)
    print(f"\none traced build: {len(statements)} statements, {total:.2f} s")
    print(f"{'digest field > query method':<52} {'stmts':>5} {'seconds':>8} {'share':>6}")
    for group in groups[:show]:
        seconds = sum(s.seconds for s in group)
        print(f"{group[0].label:<52} {len(group):>5} {seconds:>8.3f} {seconds / total:>6.1%}")
    rest = [s for group in groups[show:] for s in group]
    if rest:
        seconds = sum(s.seconds for s in rest)
        others = f"({len(groups) - show} others)"
        print(f"{others:<52} {len(rest):>5} {seconds:>8.3f} {seconds / total:>6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", help="an empty database's SQLAlchemy URL (default: SQLite)")
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--explain", action="store_true", help="plans of the 3 slowest statements")
    parser.add_argument(
        "--keep", action="store_true", help="leave the large store filled (with --database)"
    )
    args = parser.parse_args()
    quiet_logging()
    # A `timeout` or a kill still empties the database and removes the 5 GB temporary store
    # (once the statement under way returns).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="portdesk-bench-digest-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'portdesk.sqlite'}"
        store = Store(url)
        dialect = store.engine.dialect
        version = ".".join(str(n) for n in dialect.server_version_info or ())
        backend = f"{dialect.name} {version}"
        if count_messages(store)() != 0:
            sys.exit(f"{url}: the message table is not empty; give an empty database")
        try:
            results: dict[int, tuple[Stats, Digest]] = {}
            for messages in (BASELINE, args.messages):
                empty(store)
                started = time.perf_counter()
                written = fill(store, messages)
                seconds = time.perf_counter() - started
                if (stored := count_messages(store)()) != messages:
                    sys.exit(f"{url}: {stored:,} messages stored after filling {messages:,}")
                print(f"filled {describe(written, seconds, database_size(store))} ({backend})")
                results[messages] = timed(digest(store))
            counted, _ = timed(count_messages(store))
            started = time.perf_counter()
            statements = traced(store)
            trace_total = time.perf_counter() - started
            plans = [(s, explain(store, s)) for s in slowest(statements, 3 if args.explain else 0)]
        finally:
            if not args.keep:
                empty(store)
            store.close()
    (small, _), (large, figures) = results[BASELINE], results[args.messages]
    print(f"\ndigest for {DAY} ({TIMEZONE}) on {backend}, median of {REPEAT} after one warm-up")
    print("  " + "\n  ".join(figures.headlines()))
    print(
        f"\n{'measure':<44} {'median s':>9} {'best s':>8} {'x small':>8} {'x count':>8}"
        f"  target < {TARGET_SECONDS:g} s"
    )
    rows = [
        (f"digest, {BASELINE:,} messages (baseline)", small, "—"),
        (f"SELECT count(*) FROM message, {args.messages:,}", counted, "—"),
        (
            f"digest, {args.messages:,} messages",
            large,
            verdict(large.median < TARGET_SECONDS),
        ),
    ]
    for name, stats, met in rows:
        x_small, x_count = ratio(stats.median, small.median), ratio(stats.median, counted.median)
        print(
            f"{name:<44} {stats.median:>9.4f} {stats.best:>8.4f} {x_small:>8} {x_count:>8}  {met}"
        )
    report_statements(statements, trace_total)
    for statement, plan in plans:
        print(f"\n{statement.label}: {statement.seconds:.3f} s\n{statement.sql}\n{plan}")
    elapsed_note(time.perf_counter() - began)


if __name__ == "__main__":
    main()
