"""The review page end to end, as an agent uses it: headless Chromium against the page on loopback.

Each test builds an installation (tests.review_desk.ReviewDesk) whose store is filled by the real
pipeline from customer mail delivered into a Maildir; replies go to the test's SMTP sink. Then
Chromium signs in through the login form and works the queue: edits and approves, approves with
the keyboard, rejects, reclassifies, and tries what a page without a session or a token may not.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; no browser is downloaded. One
browser serves the module, each test gets a fresh context (cookies, storage).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlmodel import col, select

from bot.cli import main
from bot.store.tables import CaseRow, OutboxRow
from tests.factories import porting_mail
from tests.review_desk import AGENT, PASSWORD, ReviewDesk
from tests.servers.smtp_sink import ReceivedMessage, SmtpSink

CHROMIUM = Path(os.environ.get("PORTDESK_CHROMIUM", "/usr/bin/chromium"))
# Playwright's own waits (clicks, expect) give up after this long, in milliseconds.
WAIT_MS = 10_000

PIN_BODY = (
    "Hi,\n\nwe are moving +1 202 555 0142 to a new carrier and they need the port-out PIN. "
    "Please send us the port out PIN for this number.\n\nJane"
)
CSR_BODY = (
    "Hello,\n\nour new provider asked for the Customer Service Record (CSR) of our numbers "
    "+1 202 555 0143 and +1 202 555 0144. Could you send us the CSR please?\n\nThanks,\nSam"
)
CSR_SHORT_BODY = (
    "Hello, please send me the CSR (customer service record) for +1 202 555 0150. Thank you, Mia"
)
PORT_IN_BODY = "Hello, please port +1 202 555 0161 to you. Thanks, Mike"

JANE = "jane@acme-dental.example"
SAM = "sam@lee-bakery.example"
MIA = "mia@ross-florist.example"
MIKE = "mike@ortega-plumbing.example"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI is set, so this fails instead of skipping", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context per test: no cookies or storage carried over."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(WAIT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desk(tmp_path: Path, store_url: str, smtp_sink: SmtpSink) -> ReviewDesk:
    """Four customers wrote; three drafts wait for an agent, one reply went out at once.

    Waiting times are set back so that the queue's order differs from the order of case ids:
    Mia has waited longest (past the response target), then Jane, then Sam.
    """
    desk = ReviewDesk(tmp_path, store_url, smtp_sink)
    desk.deliver(porting_mail(sender=f"Jane Doe <{JANE}>", subject="Port-out PIN", body=PIN_BODY))
    desk.deliver(porting_mail(sender=f"Mike Ortega <{MIKE}>", subject="Port in", body=PORT_IN_BODY))
    desk.deliver(porting_mail(sender=f"Sam Lee <{SAM}>", subject="CSR request", body=CSR_BODY))
    desk.deliver(
        porting_mail(sender=f"Mia Ross <{MIA}>", subject="CSR please", body=CSR_SHORT_BODY)
    )
    desk.process()
    # The port-in's request for what is missing may go alone; it is the only mail sent.
    sent = smtp_sink.wait_for(1, timeout=10)
    assert [m.rcpt_tos for m in sent] == [[MIKE]]
    smtp_sink.clear()
    waiting = waiting_drafts(desk)
    assert sorted(waiting) == sorted([JANE, SAM, MIA])
    assert {row.action for row in waiting.values()} == {"refer_to_agent"}
    backdate(desk, {MIA: 5.0, JANE: 2.0, SAM: 1.0})
    return desk


# Helpers -----------------------------------------------------------------------------------


def waiting_drafts(desk: ReviewDesk) -> dict[str, OutboxRow]:
    """The drafts awaiting review, by recipient."""
    return {r.recipient: r for r in outbox(desk) if r.status == "awaiting_review"}


def outbox(desk: ReviewDesk) -> list[OutboxRow]:
    with desk.store().session(readonly=True) as session:
        return list(session.exec(select(OutboxRow).order_by(col(OutboxRow.id))))


def case_of(desk: ReviewDesk, customer: str) -> int:
    with desk.store().session(readonly=True) as session:
        case = session.exec(select(CaseRow).where(CaseRow.customer_email == customer)).one()
        assert case.id is not None
        return case.id


def backdate(desk: ReviewDesk, hours_by_customer: dict[str, float]) -> None:
    """Make cases look as if they had waited this many hours (time passing, for the queue)."""
    with desk.store().session() as session:
        for customer, hours in hours_by_customer.items():
            case = session.exec(select(CaseRow).where(CaseRow.customer_email == customer)).one()
            assert case.waiting_since is not None
            case.waiting_since -= timedelta(hours=hours)
            session.add(case)


def log_in(page: Page, base: str, email: str = AGENT[0]) -> None:
    """Through the login form, as a person would; ends on the queue."""
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Waiting for an agent"))).to_be_visible()
    expect(page).to_have_url(base + "/")


def queue_customers(page: Page) -> list[str]:
    return page.locator("table.queue tbody tr td:nth-child(6)").all_inner_texts()


def open_case(page: Page, base: str, case_id: int) -> None:
    page.goto(f"{base}/case/{case_id}")
    expect(page.locator("#draft-text")).to_be_visible()


def plain_body(received: ReceivedMessage) -> str:
    body = received.message.get_body(("plain",))
    assert isinstance(body, EmailMessage)
    content = body.get_content()
    assert isinstance(content, str)
    return content


def html_body(received: ReceivedMessage) -> str:
    body = received.message.get_body(("html",))
    assert isinstance(body, EmailMessage)
    content = body.get_content()
    assert isinstance(content, str)
    return content


def nothing_more_arrives(sink: SmtpSink, count: int, seconds: float = 1.0) -> None:
    """The sink still holds `count` messages after a while (what was not sent stays unsent)."""
    time.sleep(seconds)
    assert len(sink.messages) == count, [m.rcpt_tos for m in sink.messages]


def history(page: Page) -> list[str]:
    return page.locator("ul.history li").all_inner_texts()


def our_mail(page: Page) -> list[str]:
    return page.locator("ul.replies li").all_inner_texts()


def export_corrections(
    desk: ReviewDesk, capsys: pytest.CaptureFixture[str]
) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["classifier", "export-corrections", "--config", str(desk.config)]) == 0
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# Tests -------------------------------------------------------------------------------------


def test_an_agent_opens_the_oldest_case_edits_the_draft_and_the_customer_gets_the_edit(
    desk: ReviewDesk, smtp_sink: SmtpSink, page: Page, capsys: pytest.CaptureFixture[str]
) -> None:
    edit = "Our porting lead Ana will call you at 3 pm today about this request."
    mia_case, jane_case = case_of(desk, MIA), case_of(desk, JANE)
    with desk.serving() as base:
        log_in(page, base)
        # Oldest first: by how long each case has waited, not by case number.
        assert queue_customers(page) == [MIA, JANE, SAM]
        expect(page.locator(".queue-head .count")).to_have_text("3")
        first = page.locator("table.queue tbody tr").first
        expect(first).to_have_class(re.compile(r"\boverdue\b"))
        token = first.locator("td:nth-child(2) a").inner_text()
        first.get_by_role("link", name=token).click()

        expect(page).to_have_url(f"{base}/case/{mia_case}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(token)
        expect(page.locator(".thread")).to_contain_text("+1 202 555 0150")
        draft = page.locator("#draft-text")
        before = draft.input_value()
        assert before.strip() and edit not in before
        draft.fill(before.rstrip() + "\n\n" + edit + "\n")
        page.get_by_role("button", name=re.compile("Approve and send")).click()

        # The page goes on to the next case in the queue and says what happened.
        expect(page).to_have_url(f"{base}/case/{jane_case}")
        expect(page.locator(".flash")).to_have_text(f"{token}: Edited and sent.")
        received = smtp_sink.wait_for(1, timeout=10)
        assert len(received) == 1
        mail = received[0]
        assert mail.rcpt_tos == [MIA]
        assert MIA in str(mail.message["To"])
        assert token in str(mail.message["Subject"])
        assert edit in plain_body(mail)
        # The first line of the draft survived the edit; the HTML alternative carries it too.
        assert before.strip().splitlines()[0] in plain_body(mail)
        assert edit in html_body(mail)

        page.goto(f"{base}/case/{mia_case}")
        expect(page.get_by_text("No draft waits for review in this case.")).to_be_visible()
        assert any(f"{AGENT[0]} · edited" in line for line in history(page)), history(page)
        assert any("sent" in line and f"by {AGENT[0]}" in line for line in our_mail(page))
        page.goto(base + "/")
        assert queue_customers(page) == [JANE, SAM]

    (row,) = [r for r in outbox(desk) if r.recipient == MIA]
    assert (row.status, row.reviewed_by) == ("sent", AGENT[0])
    corrections = export_corrections(desk, capsys)
    assert [(c["label"], c["style"]) for c in corrections] == [("csr_request", "agent-edited")]


def test_the_a_key_approves_the_draft_unchanged_but_not_while_typing(
    desk: ReviewDesk, smtp_sink: SmtpSink, page: Page
) -> None:
    jane_case = case_of(desk, JANE)
    with desk.serving() as base:
        log_in(page, base)
        # j moves to the second row of the queue, o opens it.
        rows = page.locator("table.queue tbody tr")
        expect(rows.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
        page.keyboard.press("j")
        expect(rows.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
        expect(rows.nth(0)).not_to_have_class(re.compile(r"\bcurrent\b"))
        page.keyboard.press("o")
        expect(page).to_have_url(f"{base}/case/{jane_case}")

        shown = page.locator("#draft-text").input_value()
        draft_id = int(page.locator("#approve input[name=draft_id]").input_value())
        # r puts the cursor in the reason field: an "a" typed there is text, not an approval.
        page.keyboard.press("r")
        expect(page.locator("#reject-reason")).to_be_focused()
        page.keyboard.press("a")
        expect(page.locator("#reject-reason")).to_have_value("a")
        expect(page).to_have_url(f"{base}/case/{jane_case}")
        assert smtp_sink.messages == []
        # Escape leaves the field; now the key is a shortcut.
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement === document.body") is True
        page.keyboard.press("a")
        expect(page.locator(".flash")).to_contain_text("Approved and sent.")
        # On to the case after Jane's in the queue: Sam's (Mia waited longer, so came before).
        expect(page).to_have_url(f"{base}/case/{case_of(desk, SAM)}")

        received = smtp_sink.wait_for(1, timeout=10)
        assert len(received) == 1
        assert received[0].rcpt_tos == [JANE]
        assert plain_body(received[0]).strip() == shown.strip()
        (row,) = [r for r in outbox(desk) if r.id == draft_id]
        assert row.status == "sent"
        assert str(received[0].message["Message-ID"]) == row.message_id

        page.goto(f"{base}/case/{jane_case}")
        lines = history(page)
        assert any(f"{AGENT[0]} · approved" in line for line in lines), lines
        assert not any("edited" in line for line in lines), lines
    nothing_more_arrives(smtp_sink, 1, seconds=0.5)


def test_a_rejected_draft_is_never_sent_and_the_reason_is_kept(
    desk: ReviewDesk, smtp_sink: SmtpSink, page: Page
) -> None:
    reason = "Sender is not on the account; I asked the contact of record to write to us."
    sam_case = case_of(desk, SAM)
    with desk.serving() as base:
        log_in(page, base)
        open_case(page, base, sam_case)
        expect(page.locator(".case-head")).to_contain_text(SAM)
        # An empty reason is refused by the form itself: nothing is submitted.
        page.get_by_role("button", name=re.compile("^Reject")).click()
        assert page.locator("#reject-reason").evaluate("e => e.validity.valueMissing") is True
        expect(page).to_have_url(f"{base}/case/{sam_case}")

        page.locator("#reject-reason").fill(reason)
        page.get_by_role("button", name=re.compile("^Reject")).click()
        expect(page.locator(".flash")).to_contain_text("draft rejected.")

        page.goto(f"{base}/case/{sam_case}")
        expect(page.get_by_text("No draft waits for review in this case.")).to_be_visible()
        assert any(f"{AGENT[0]} · rejected: {reason}" in line for line in history(page)), history(
            page
        )
        mail = our_mail(page)
        assert len(mail) == 1
        assert "rejected" in mail[0] and f"by {AGENT[0]}" in mail[0] and f"({reason})" in mail[0]
        page.goto(base + "/")
        assert queue_customers(page) == [MIA, JANE]

        # Another approval sends whatever is due: the rejected draft is not among it.
        open_case(page, base, case_of(desk, JANE))
        page.get_by_role("button", name=re.compile("Approve and send")).click()
        expect(page.locator(".flash")).to_contain_text("Approved and sent.")
        received = smtp_sink.wait_for(1, timeout=10)
    nothing_more_arrives(smtp_sink, 1)
    assert [m.rcpt_tos for m in smtp_sink.messages] == [[JANE]]
    assert received[0].rcpt_tos == [JANE]
    (row,) = [r for r in outbox(desk) if r.recipient == SAM]
    assert (row.status, row.reviewed_by, row.review_note) == ("rejected", AGENT[0], reason)
    assert row.sent_at is None


def test_reclassifying_redrafts_for_the_new_case_type_and_exports_a_correction(
    desk: ReviewDesk, smtp_sink: SmtpSink, page: Page, capsys: pytest.CaptureFixture[str]
) -> None:
    jane_case = case_of(desk, JANE)
    with desk.serving() as base:
        log_in(page, base)
        open_case(page, base, jane_case)
        expect(page.locator(".case-head .type")).to_have_text("port_out_pin")
        before = page.locator("#draft-text").input_value()
        old_id = page.locator("#approve input[name=draft_id]").input_value()

        page.locator("select[name=case_type]").select_option("port_in")
        page.get_by_role("button", name="Reclassify").click()

        expect(page.locator(".flash")).to_have_text(
            "Reclassified as port_in: rules and draft redone."
        )
        expect(page).to_have_url(f"{base}/case/{jane_case}")
        expect(page.locator(".case-head .type")).to_have_text("port_in")
        expect(page.locator("select[name=case_type]")).to_have_value("port_in")
        after = page.locator("#draft-text").input_value()
        assert after.strip() and after != before
        assert page.locator("#approve input[name=draft_id]").input_value() != old_id
        # Redrafted for a port-in: the draft now asks for what is missing.
        expect(page.locator("#approve .action")).to_have_text("ask_missing")
        assert any("reclassified: port_out_pin → port_in" in line for line in history(page))

    # Still a draft for review: reclassifying sends nothing.
    assert smtp_sink.messages == []
    assert waiting_drafts(desk)[JANE].action == "ask_missing"
    corrections = export_corrections(desk, capsys)
    assert len(corrections) == 1
    assert corrections[0]["label"] == "port_in"
    assert corrections[0]["style"] == "agent-reclassified"
    assert "port-out PIN" in corrections[0]["text"]


def test_without_a_session_or_a_csrf_token_nothing_happens(
    desk: ReviewDesk, smtp_sink: SmtpSink, page: Page
) -> None:
    jane_case = case_of(desk, JANE)
    draft_id = waiting_drafts(desk)[JANE].id
    assert draft_id is not None
    with desk.serving() as base:
        # A POST without a session is refused before the token is even looked at.
        refused = page.request.post(
            f"{base}/case/{jane_case}/approve", form={"draft_id": str(draft_id)}
        )
        assert refused.status == 401
        page.goto(f"{base}/case/{jane_case}")
        expect(page).to_have_url(f"{base}/login?next=%2Fcase%2F{jane_case}")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(page.locator("#draft-text")).to_have_count(0)

        # Signing in from there leads back to the case asked for.
        page.get_by_label("Email").fill(AGENT[0])
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(f"{base}/case/{jane_case}")

        # Signed in, but no token: the session's cookie alone does not make an action.
        forged = page.request.post(
            f"{base}/case/{jane_case}/approve",
            form={"draft_id": str(draft_id), "text": "Your PIN is 123456."},
        )
        assert forged.status == 403
        assert "The form has expired" in forged.text()
        wrong = page.request.post(
            f"{base}/case/{jane_case}/reject",
            form={"draft_id": str(draft_id), "reason": "forged", "csrf": "not-the-token"},
        )
        assert wrong.status == 403
        # A form another script puts into the page, without the token, is refused too.
        with page.expect_navigation() as navigation:
            page.evaluate(
                """([action, draftId]) => {
                    const form = document.createElement("form");
                    form.method = "post";
                    form.action = action;
                    const field = document.createElement("input");
                    field.name = "draft_id";
                    field.value = draftId;
                    form.appendChild(field);
                    document.body.appendChild(form);
                    form.submit();
                }""",
                [f"/case/{jane_case}/approve", str(draft_id)],
            )
        response = navigation.value
        assert response is not None and response.status == 403

        open_case(page, base, jane_case)
        assert history(page) == ["No agent has acted on this case yet."]

    assert smtp_sink.messages == []
    assert waiting_drafts(desk)[JANE].id == draft_id
