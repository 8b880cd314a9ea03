"""A known week in the store, for tests/test_digest.py: rows written directly, no pipeline.

The digest day is DAY = Tuesday 2026-11-17 in Europe/Berlin (CET, UTC+1 since the October
change), so its window is [2026-11-16 23:00 UTC, 2026-11-17 23:00 UTC) and the week before it
is [2026-11-09 23:00 UTC, 2026-11-16 23:00 UTC). Every time below is UTC; "Nov 16" in a
comment means the Berlin day. Rows just inside and just outside each boundary (22:59:59 and
23:00:00) prove the window: a UTC day would count them differently.

Labels (C1, M1, R1, ...) are used in the hand calculations in tests/test_digest.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session

from bot.store import Store
from bot.store.tables import CaseRow, CorrectionRow, FindingRow, MessageRow, OutboxRow

DAY = date(2026, 11, 17)
TIMEZONE = "Europe/Berlin"
TARGET_HOURS = 4.0


def utc(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """An instant in November 2026, UTC."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC)


class WeekBuilder:
    """Adds rows in one session; returns their ids so later rows can point at them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.case_of: dict[int, int] = {}
        self.count = 0

    def _next(self) -> int:
        self.count += 1
        return self.count

    def case(
        self,
        case_type: str,
        language: str,
        opened: datetime,
        *,
        status: str = "answered",
        updated: datetime | None = None,
    ) -> int:
        n = self._next()
        row = CaseRow(
            case_type=case_type,
            status=status,
            customer_email=f"customer{n}@acme-dental.example",
            language=language,
            opened_at=opened,
            updated_at=updated or opened,
        )
        self.session.add(row)
        self.session.flush()
        assert row.id is not None
        return row.id

    def message(
        self,
        received: datetime,
        *,
        case: int | None = None,
        status: str = "processed",
        case_type: str | None = None,
        language: str | None = None,
        confidence: float | None = None,
        action: str | None = None,
        screen: str | None = None,
    ) -> int:
        n = self._next()
        row = MessageRow(
            mailbox="INBOX",
            dedupe_key=f"INBOX:<m{n}@mail.example.com>",
            message_id=f"<m{n}@mail.example.com>",
            sha256=f"{n:064x}",
            size=1000,
            received_at=received,
            status=status,
            sender=f"sender{n}@acme-dental.example",
            subject=f"message {n}",
            case_id=case,
            screen_name=screen,
            screen_reason=f"screened by {screen}" if screen else None,
            case_type=case_type,
            confidence=confidence,
            language=language,
            action=action,
            error="boom" if status == "quarantined" else None,
            processed_at=received,
        )
        self.session.add(row)
        self.session.flush()
        assert row.id is not None
        if case is not None:
            self.case_of[row.id] = case
        return row.id

    def reply(
        self,
        message: int,
        *,
        created: datetime,
        automatic: bool,
        sent: datetime | None = None,
        reviewed: datetime | None = None,
        outcome: str | None = None,
        kind: str = "reply",
    ) -> int:
        n = self._next()
        if outcome == "rejected":
            status = "rejected"
        elif sent is not None:
            status = "sent"
        elif automatic or reviewed is not None:
            status = "queued"
        else:
            status = "awaiting_review"
        row = OutboxRow(
            case_id=self.case_of[message],
            reply_to_message=message,
            kind=kind,
            message_id=f"<r{n}@portdesk.example>",
            recipient=f"to{n}@acme-dental.example",
            subject=f"Re: message {message}",
            raw=b"Subject: reply\r\n\r\nreply\r\n",
            action="ask_missing",
            template="ask_missing",
            status=status,
            automatic=automatic,
            created_at=created,
            sent_at=sent,
            reviewed_by="ana@portdesk.example" if reviewed is not None else None,
            reviewed_at=reviewed,
            review_outcome=outcome,
        )
        self.session.add(row)
        self.session.flush()
        assert row.id is not None
        return row.id

    def finding(self, message: int, at: datetime, case_type: str, kind: str, key: str) -> None:
        self.session.add(
            FindingRow(message_pk=message, at=at, case_type=case_type, kind=kind, key=key)
        )

    def correction(
        self, message: int, at: datetime, before: str, after: str, *, kind: str = "reclassified"
    ) -> None:
        self.session.add(
            CorrectionRow(
                case_id=self.case_of[message],
                message_pk=message,
                at=at,
                agent="ana@portdesk.example",
                kind=kind,
                before=before,
                after=after,
                case_type=after,
            )
        )


def seed_week(store: Store) -> None:
    """The known week; tests/test_digest.py works out every figure from these rows."""
    with store.session() as session:
        w = WeekBuilder(session)
        wc = "waiting_customer"

        # Cases --------------------------------------------------------------------------------
        # Opened on DAY (8): C1 C2 C3 C4 C5 C7 C15 C16.
        c1 = w.case("port_in", "en", utc(16, 23))  # exactly the day's start: DAY
        c2 = w.case("port_out", "de", utc(17, 8), status=wc, updated=utc(17, 11, 5))
        c3 = w.case("csr_request", "en", utc(17, 9))
        c4 = w.case("port_in", "it", utc(17, 12))
        c5 = w.case("port_in", "en", utc(17, 22, 59, 59), status="open")  # last second: DAY
        c7 = w.case("port_out_pin", "en", utc(17, 14), status="open")
        c15 = w.case("bill_request", "en", utc(17, 20), status="open")
        c16 = w.case("records_update", "de", utc(17, 19), status="open")
        # Opened the day after (Nov 18, 00:00 Berlin): in nothing but its own day.
        c6 = w.case("port_out", "en", utc(17, 23), status=wc, updated=utc(18, 10))
        # Opened in the week (5): C12 C10 C9 C8 C11.
        c12 = w.case("port_in", "en", utc(9, 23), status=wc, updated=utc(10, 22))  # week start
        c10 = w.case("csr_request", "en", utc(13, 12))
        c9 = w.case("port_in", "de", utc(14, 8), status=wc, updated=utc(14, 23))
        c8 = w.case("port_in", "en", utc(15, 10), status=wc, updated=utc(16, 23))
        c11 = w.case("port_out", "en", utc(16, 20))
        # Opened before the week: one second before its start (Nov 9), and long before (Nov 5).
        c13 = w.case("port_out", "en", utc(9, 22, 59, 59), status=wc)
        c14 = w.case("number_removal", "en", utc(5, 10), status="open")

        # Person messages (status processed) ---------------------------------------------------
        # On DAY (10).
        m1 = w.message(
            utc(16, 23),
            case=c1,
            case_type="port_in",
            language="en",
            confidence=0.92,
            action="send_instructions",
        )
        m2 = w.message(
            utc(17, 8),
            case=c2,
            case_type="port_out",
            language="de",
            confidence=0.70,
            action="ask_missing",
        )
        m2b = w.message(
            utc(17, 11),
            case=c2,
            case_type="port_out",
            language="de",
            confidence=0.81,
            action="acknowledge",
        )
        m3 = w.message(
            utc(17, 9),
            case=c3,
            case_type="csr_request",
            language="en",
            confidence=0.50,
            action="send_csr",
        )
        m4 = w.message(
            utc(17, 12),
            case=c4,
            case_type="port_in",
            language="it",
            confidence=0.85,
            action="acknowledge",
        )
        m4b = w.message(
            utc(17, 22, 50),
            case=c4,
            case_type="port_in",
            language="it",
            confidence=0.45,
            action="acknowledge",
        )
        m5 = w.message(
            utc(17, 22, 59, 59),
            case=c5,
            case_type="port_in",
            language="en",
            confidence=0.30,
            action="refer_to_agent",
        )
        m7 = w.message(
            utc(17, 14),
            case=c7,
            case_type="port_out_pin",
            language="en",
            confidence=0.60,
            action="refer_to_agent",
        )
        m15 = w.message(
            utc(17, 20),
            case=c15,
            case_type="bill_request",
            language="en",
            confidence=0.99,
            action="ask_missing",
        )
        m16 = w.message(
            utc(17, 19),
            case=c16,
            case_type="records_update",
            language="de",
            confidence=1.0,
            action="ask_missing",
        )
        # In the week (8).
        m12 = w.message(
            utc(9, 23),
            case=c12,
            case_type="port_in",
            language="en",
            confidence=0.90,
            action="send_instructions",
        )
        m12b = w.message(
            utc(16, 22, 30),
            case=c12,
            case_type="port_in",
            language="en",
            confidence=0.83,
            action="acknowledge",
        )
        m10 = w.message(
            utc(13, 12),
            case=c10,
            case_type="csr_request",
            language="en",
            confidence=0.55,
            action="send_csr",
        )
        m10b = w.message(
            utc(14, 9),
            case=c10,
            case_type="csr_request",
            language="en",
            confidence=0.95,
            action="acknowledge",
        )
        m9 = w.message(
            utc(14, 8),
            case=c9,
            case_type="port_in",
            language="de",
            confidence=0.62,
            action="ask_missing",
        )
        m8 = w.message(
            utc(15, 10),
            case=c8,
            case_type="port_in",
            language="en",
            confidence=0.88,
            action="ask_missing",
        )
        m8b = w.message(
            utc(16, 22, 59, 59),
            case=c8,
            case_type="port_in",
            language="en",
            confidence=0.40,
            action="refer_to_agent",
        )
        m11 = w.message(
            utc(16, 20),
            case=c11,
            case_type="port_out",
            language="en",
            confidence=0.75,
            action="ask_missing",
        )
        # Outside: the day after (Nov 18), just before the week (Nov 9), long before (Nov 5).
        m6 = w.message(
            utc(17, 23),
            case=c6,
            case_type="port_out",
            language="en",
            confidence=0.90,
            action="ask_missing",
        )
        m13 = w.message(
            utc(9, 22, 59, 59),
            case=c13,
            case_type="port_out",
            language="en",
            confidence=0.90,
            action="send_instructions",
        )
        m14 = w.message(
            utc(5, 10),
            case=c14,
            case_type="number_removal",
            language="en",
            confidence=0.70,
            action="ask_missing",
        )

        # Screened and quarantined messages ----------------------------------------------------
        # On DAY: bounce x2, auto_reply x1; quarantined x1.
        w.message(utc(17, 3), status="screened", screen="bounce")
        w.message(utc(17, 4), status="screened", screen="auto_reply")
        w.message(utc(17, 6), status="screened", screen="bounce")
        w.message(utc(17, 5), status="quarantined")
        # In the week: bounce Nov 11 and Nov 12, auto_reply Nov 12, mailing_list Nov 16;
        # quarantined Nov 12.
        w.message(utc(11, 10), status="screened", screen="bounce")
        w.message(utc(12, 9), status="screened", screen="auto_reply")
        w.message(utc(12, 11), status="screened", screen="bounce")
        w.message(utc(16, 12), status="screened", screen="mailing_list")
        w.message(utc(12, 10), status="quarantined")
        # Outside the week (Nov 9): counted nowhere.
        w.message(utc(9, 22), status="screened", screen="bounce")

        # Replies and drafts -------------------------------------------------------------------
        # Sent by the bot.
        w.reply(m1, created=utc(16, 23), automatic=True, sent=utc(17, 0, 30))  # R1
        w.reply(m2b, created=utc(17, 11), automatic=True, sent=utc(17, 11, 5))  # R2b
        w.reply(m4, created=utc(17, 12), automatic=True, sent=utc(17, 12, 30))  # R4
        w.reply(m4b, created=utc(17, 22, 50), automatic=True, sent=utc(17, 23))  # R4b: Nov 18
        w.reply(m12, created=utc(9, 23), automatic=True, sent=utc(9, 23, 2))  # R12
        w.reply(m12b, created=utc(16, 22, 30), automatic=True, sent=utc(16, 22, 59, 59))  # R12b
        w.reply(m13, created=utc(9, 22, 59, 59), automatic=True, sent=utc(9, 22, 59, 59))  # R13
        # A notice to a contact of record (kind notice), sent by the bot: not a reply.
        w.reply(m7, created=utc(17, 14), automatic=True, sent=utc(17, 14), kind="notice")  # N1
        # Drafts reviewed on DAY.
        w.reply(
            m2,
            created=utc(17, 8),
            automatic=False,
            reviewed=utc(17, 10),
            outcome="approved",
            sent=utc(17, 10),
        )  # R2
        w.reply(
            m3,
            created=utc(17, 9),
            automatic=False,
            reviewed=utc(17, 15),
            outcome="edited",
            sent=utc(17, 15),
        )  # R3
        w.reply(
            m10,
            created=utc(13, 12),
            automatic=False,
            reviewed=utc(17, 16),
            outcome="approved",
            sent=utc(17, 16),
        )  # R10
        w.reply(
            m9, created=utc(14, 8), automatic=False, reviewed=utc(17, 11), outcome="rejected"
        )  # R9
        w.reply(
            m8,
            created=utc(15, 10),
            automatic=False,
            reviewed=utc(17, 9, 30),
            outcome="approved",
            sent=utc(17, 9, 30),
        )  # R8
        w.reply(
            m8b,
            created=utc(16, 22, 59, 59),
            automatic=False,
            reviewed=utc(17, 8, 30),
            outcome="rejected",
        )  # R8b
        # Drafts reviewed in the week.
        w.reply(
            m10b,
            created=utc(14, 9),
            automatic=False,
            reviewed=utc(14, 10),
            outcome="approved",
            sent=utc(14, 10),
        )  # R10b
        w.reply(
            m11,
            created=utc(16, 20),
            automatic=False,
            reviewed=utc(16, 22, 59, 59),
            outcome="edited",
            sent=utc(16, 22, 59, 59),
        )  # R11
        # Created on DAY, reviewed the day after: still waiting at the end of DAY.
        w.reply(
            m7,
            created=utc(17, 14),
            automatic=False,
            reviewed=utc(18, 9),
            outcome="approved",
            sent=utc(18, 9),
        )  # R7
        # Still awaiting review.
        w.reply(m5, created=utc(17, 22, 59, 59), automatic=False)  # R5
        w.reply(m15, created=utc(17, 20), automatic=False)  # R15
        w.reply(m16, created=utc(17, 19), automatic=False)  # R16
        w.reply(m14, created=utc(5, 10), automatic=False)  # R14
        w.reply(m6, created=utc(17, 23), automatic=False)  # R6: created the day after

        # Findings -----------------------------------------------------------------------------
        def findings(message: int, at: datetime, case_type: str, *pairs: tuple[str, str]) -> None:
            for kind, key in pairs:
                w.finding(message, at, case_type, kind, key)

        miss, warn, rej, sec = "missing", "warning", "rejection", "security"
        # On DAY.
        findings(m1, utc(16, 23), "port_in", (miss, "loa"), (warn, "loa_name_mismatch"))
        findings(m4, utc(17, 12), "port_in", (miss, "loa"), (warn, "loa_name_mismatch"))
        findings(m5, utc(17, 22, 59, 59), "port_in", (miss, "loa"))
        findings(m4b, utc(17, 22, 50), "port_in", (miss, "invoice"))
        findings(m2, utc(17, 8), "port_out", (miss, "account_pin"), (rej, "address_mismatch"))
        findings(m2b, utc(17, 11), "port_out", (miss, "account_pin"), (rej, "pin_mismatch"))
        findings(
            m3,
            utc(17, 9),
            "csr_request",
            (miss, "account_number"),
            (warn, "stale_bill"),
            (sec, "unverified_csr_request"),
        )
        findings(m7, utc(17, 14), "port_out_pin", (sec, "suspicious_sequence"))
        # In the week.
        findings(m8b, utc(16, 22, 59, 59), "port_in", (miss, "loa"), (rej, "pin_mismatch"))
        findings(
            m8,
            utc(15, 10),
            "port_in",
            (miss, "invoice"),
            (miss, "bill"),
            (miss, "company_name"),
            (warn, "stale_bill"),
        )
        findings(
            m9,
            utc(14, 8),
            "port_in",
            (miss, "invoice"),
            (miss, "numbers_list"),
            (miss, "port_date"),
            (warn, "stale_bill"),
            (rej, "pin_mismatch"),
        )
        findings(m11, utc(16, 20), "port_out", (miss, "account_pin"))
        findings(
            m10,
            utc(13, 12),
            "csr_request",
            (miss, "account_number"),
            (sec, "unverified_csr_request"),
        )
        findings(m10b, utc(14, 9), "csr_request", (miss, "authorization"))
        findings(
            m12, utc(9, 23), "records_update", (miss, "new_address"), (warn, "invoice_mismatch")
        )
        # Outside: the day after and before the week.
        findings(m6, utc(17, 23), "port_out", (miss, "account_pin"), (sec, "suspicious_sequence"))
        findings(m13, utc(9, 22, 59, 59), "port_out", (miss, "account_pin"), (rej, "pin_mismatch"))

        # Corrections --------------------------------------------------------------------------
        w.correction(m1, utc(17, 10), "port_in", "port_out")
        w.correction(m4, utc(17, 13), "port_in", "port_out")
        w.correction(m7, utc(17, 15), "csr_request", "port_out_pin")
        w.correction(m8b, utc(16, 22, 59, 59), "port_in", "port_out")  # the week
        w.correction(m6, utc(17, 23), "other", "port_in")  # the day after
        w.correction(m3, utc(17, 15), "draft text", "edited text", kind="edited")  # not a type
