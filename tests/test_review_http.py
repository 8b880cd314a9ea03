"""The review page over HTTP: who may see what, forms that need their token, the queue's order,
filters and pages, agents' actions and their history, and what a customer's mail cannot do there.

The page runs under uvicorn on loopback against a store filled by the real pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.tables import OutboxRow
from tests.factories import AUTHSERV_ID, porting_mail
from tests.review_desk import AGENT, MANAGER, PASSWORD, Client, ReviewDesk, fill_queue
from tests.servers.smtp_sink import SmtpSink

PIN_BODY = (
    "Hi,\n\nwe are moving +1 202 555 0142 to a new carrier and they need the port-out PIN. "
    "Please send us the port out PIN for this number.\n\nJane"
)


@pytest.fixture
def desk(tmp_path: Path, store_url: str, smtp_sink: SmtpSink) -> ReviewDesk:
    desk = ReviewDesk(tmp_path, store_url, smtp_sink)
    desk.deliver(
        porting_mail(sender="Jane <jane@acme-dental.example>", subject="PIN", body=PIN_BODY)
    )
    desk.process()
    return desk


@pytest.fixture
def site(desk: ReviewDesk) -> Iterator[str]:
    with desk.serving() as url:
        yield url


def waiting_case(client: Client) -> tuple[int, int]:
    """The oldest waiting case and its draft id, read from the queue and the case page."""
    queue = client.get("/")
    case_id = int(re.findall(r'href="/case/(\d+)"', queue.text)[0])
    page = client.get(f"/case/{case_id}")
    draft = re.search(r'name="draft_id" value="(\d+)"', page.text)
    assert draft, "the case shows no draft"
    return case_id, int(draft.group(1))


def drafts(desk: ReviewDesk) -> list[OutboxRow]:
    return [r for r in desk.store().replies() if r.kind == "reply"]


# Sessions ----------------------------------------------------------------------------------


def test_nothing_but_the_login_page_answers_without_a_session(site: str) -> None:
    anonymous = Client(site, follow=False)
    for path in ("/", "/case/1", "/case/1/next", "/audit", "/case/1/message/1/attachment/0"):
        page = anonymous.get(path)
        assert page.status == 303, path
        assert page.headers["location"].startswith("/login"), path
    for path in ("/case/1/approve", "/case/1/reject", "/case/1/note", "/logout"):
        assert anonymous.post(path, {"draft_id": "1"}).status == 401, path
    assert anonymous.get("/login").status == 200


def test_the_session_cookie_is_signed_httponly_and_samesite(site: str) -> None:
    client = Client(site, follow=False)
    page = client.login()
    assert page.status == 303
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/").status == 200
    # A tampered cookie is no session.
    for item in client.jar:
        assert item.value is not None
        item.value = item.value[:-4] + ("AAAA" if not item.value.endswith("AAAA") else "BBBB")
    assert client.get("/").status == 303


def test_pages_carry_security_headers(site: str) -> None:
    page = Client(site).get("/login")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"


def test_wrong_passwords_lock_the_account_and_unknown_addresses_read_the_same(site: str) -> None:
    client = Client(site)
    unknown = client.login("nobody@portdesk.example", PASSWORD)
    wrong = client.login(AGENT[0], "not the password at all")
    assert unknown.status == wrong.status == 401
    assert "Wrong email or password." in unknown.text and "Wrong email or password." in wrong.text
    for _ in range(4):
        client.login(AGENT[0], "still not the password")
    locked = client.login(AGENT[0], PASSWORD)
    assert locked.status == 401 and "locked" in locked.text
    # Another agent is not affected.
    assert Client(site).login(MANAGER[0], PASSWORD).status == 200


def test_a_disabled_agent_is_signed_out_at_the_next_request(site: str, desk: ReviewDesk) -> None:
    client = Client(site)
    assert client.login().status == 200
    assert main(["agents", "disable", AGENT[0], "--config", str(desk.config)]) == 0
    assert client.get("/").url.endswith("/login?next=%2F")


def test_a_form_without_the_session_token_is_refused(site: str, desk: ReviewDesk) -> None:
    client = Client(site)
    client.login()
    case_id, draft_id = waiting_case(client)
    for token in ({}, {"csrf": "forged-token"}):
        refused = client.post(f"/case/{case_id}/approve", {"draft_id": str(draft_id), **token})
        assert refused.status == 403
    assert [d.status for d in drafts(desk)] == ["awaiting_review"]


def test_only_managers_see_the_disclosure_audit(site: str) -> None:
    agent = Client(site)
    agent.login()
    assert agent.get("/audit").status == 403
    manager = Client(site)
    manager.login(MANAGER[0])
    page = manager.get("/audit")
    assert page.status == 200 and "Disclosures of account data" in page.text


# Actions -----------------------------------------------------------------------------------


def test_approving_sends_the_draft_and_records_who(
    site: str, desk: ReviewDesk, smtp_sink: SmtpSink
) -> None:
    client = Client(site)
    client.login()
    case_id, draft_id = waiting_case(client)
    draft = next(d for d in drafts(desk) if d.id == draft_id)
    text = re.search(
        r'<textarea name="text"[^>]*>(.*?)</textarea>', client.get(f"/case/{case_id}").text, re.S
    )
    assert text is not None
    import html

    page = client.post(
        f"/case/{case_id}/approve",
        {"draft_id": str(draft_id), "text": html.unescape(text.group(1)), "csrf": client.csrf("/")},
    )
    assert page.status == 200
    sent = smtp_sink.wait_for(1, timeout=10)
    assert sent[0].rcpt_tos == ["jane@acme-dental.example"]
    assert sent[0].message["Message-ID"] == draft.message_id
    row = next(d for d in drafts(desk) if d.id == draft_id)
    assert (row.status, row.reviewed_by) == ("sent", AGENT[0])
    history = client.get(f"/case/{case_id}").text
    assert f"{AGENT[0]} · approved" in history
    # The case has left the queue.
    assert f'href="/case/{case_id}"' not in client.get("/").text


def test_rejecting_needs_a_reason_and_sends_nothing(
    site: str, desk: ReviewDesk, smtp_sink: SmtpSink
) -> None:
    client = Client(site)
    client.login()
    case_id, draft_id = waiting_case(client)
    token = client.csrf("/")
    page = client.post(f"/case/{case_id}/reject", {"draft_id": str(draft_id), "csrf": token})
    assert "Say why" in page.text
    client.post(
        f"/case/{case_id}/reject",
        {"draft_id": str(draft_id), "reason": "wrong customer", "csrf": token},
    )
    assert [d.status for d in drafts(desk)] == ["rejected"]
    assert "wrong customer" in client.get(f"/case/{case_id}").text
    assert all(m.rcpt_tos != ["jane@acme-dental.example"] for m in smtp_sink.messages)


def test_assign_and_note_appear_in_the_history_with_who(site: str) -> None:
    client = Client(site)
    client.login()
    case_id, _ = waiting_case(client)
    token = client.csrf("/")
    client.post(f"/case/{case_id}/assign", {"csrf": token})
    client.post(f"/case/{case_id}/note", {"csrf": token, "text": "called the customer <b>back</b>"})
    page = client.get(f"/case/{case_id}").text
    assert f"{AGENT[0]} · assigned" in page
    assert "called the customer &lt;b&gt;back&lt;/b&gt;" in page
    assert f'href="/case/{case_id}"' in client.get("/?assignee=me").text
    assert f'href="/case/{case_id}"' not in client.get("/?assignee=none").text


def test_an_agent_approving_a_csr_is_the_one_the_audit_names(
    tmp_path: Path, store_url: str, smtp_sink: SmtpSink
) -> None:
    desk = ReviewDesk(tmp_path, store_url, smtp_sink)
    inventory = Path(__file__).resolve().parent / "fixtures" / "security" / "inventory.csv"
    assert main(["inventory", "import", str(inventory), "--config", str(desk.config)]) == 0
    body = "Hello, please send the CSR (customer service record) for +1 202 555 0142. Jane"
    raw = porting_mail(sender="Jane <ops@acme-dental.example>", subject="CSR", body=body)
    header = f"Authentication-Results: {AUTHSERV_ID}; dmarc=pass header.from=acme-dental.example"
    desk.deliver(header.encode() + b"\r\n" + raw)
    desk.process()
    with desk.serving() as url:
        client = Client(url)
        client.login()
        case_id, draft_id = waiting_case(client)
        page = client.get(f"/case/{case_id}").text
        assert "Discloses" in page and "482913" not in page
        client.post(
            f"/case/{case_id}/approve", {"draft_id": str(draft_id), "csrf": client.csrf("/")}
        )
    smtp_sink.wait_for(1, timeout=10)
    audit = desk.store().disclosures()
    assert [(a.actor, a.recipient) for a in audit] == [(AGENT[0], "ops@acme-dental.example")]


# What customers send ---------------------------------------------------------------------


def test_html_mail_is_shown_as_text_and_attachments_only_download(
    tmp_path: Path, store_url: str, smtp_sink: SmtpSink
) -> None:
    desk = ReviewDesk(tmp_path, store_url, smtp_sink)
    raw = porting_mail(
        sender="Jane <jane@acme-dental.example>",
        subject="PIN",
        body=PIN_BODY,
        attachments=(("evil.html", "text/html", b"<script>alert(1)</script>"),),
    ).replace(b"Jane\n", b"Jane <script>alert('x')</script><img src=x onerror=alert(2)>\n")
    desk.deliver(raw)
    desk.process()
    with desk.serving() as url:
        client = Client(url)
        client.login()
        case_id, _ = waiting_case(client)
        page = client.get(f"/case/{case_id}").text
        assert "<script>alert" not in page and "<img src=x" not in page
        link = re.search(r'href="(/case/\d+/message/\d+/attachment/\d+)"', page)
        assert link is not None
        download = client.get(link.group(1))
        assert download.headers["content-type"] == "application/octet-stream"
        assert download.headers["content-disposition"].startswith("attachment;")


# The queue -------------------------------------------------------------------------------


def test_the_queue_pages_oldest_first_without_gaps_and_filters(site: str, desk: ReviewDesk) -> None:
    fill_queue(desk.store(), 120)
    client = Client(site)
    client.login()
    seen: list[int] = []
    ages: list[str] = []
    path = "/"
    while path:
        page = client.get(path).text
        assert "Waiting for an agent" in page
        seen.extend(int(i) for i in dict.fromkeys(re.findall(r'href="/case/(\d+)"', page)))
        ages.extend(re.findall(r'<td class="age">([^<]*)</td>', page))
        found = re.search(r'<a href="([^"]+)" rel="next">', page)
        path = found.group(1).replace("&amp;", "&") if found else ""
    assert len(seen) == len(set(seen)) == 121
    # The clones waited since 1 Nov (oldest first, in the order they were made); the real
    # case arrived last.
    assert seen == [*sorted(seen[:-1]), seen[-1]]
    assert '<span class="count">121</span>' in client.get("/").text
    assert '<span class="count">121</span>' in client.get("/?case_type=port_out_pin").text
    assert '<span class="count">0</span>' in client.get("/?case_type=port_in").text
    assert '<span class="count">121</span>' in client.get("/?action=refer_to_agent").text
    assert '<span class="count">0</span>' in client.get("/?language=de").text


def test_reclassifying_to_a_csr_request_sends_the_contact_of_record_a_notice(
    tmp_path: Path, store_url: str, smtp_sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every draft waits for an agent, whatever the classifier made of the message.
    monkeypatch.setenv("PORTDESK_REVIEW__SEND_ACTIONS", "[]")
    desk = ReviewDesk(tmp_path, store_url, smtp_sink)
    inventory = Path(__file__).resolve().parent / "fixtures" / "security" / "inventory.csv"
    assert main(["inventory", "import", str(inventory), "--config", str(desk.config)]) == 0
    body = (
        "Hello,\n\ncalls to +1 202 555 0142 drop after about ten minutes since Monday. "
        "Can you check the line?\n\nJane"
    )
    raw = porting_mail(
        sender="Jane <jane@acme-dental.example>", subject="Calls dropping", body=body
    )
    authenticated = (
        f"Authentication-Results: {AUTHSERV_ID}; dmarc=pass header.from=acme-dental.example\r\n"
    )
    desk.deliver(authenticated.encode() + raw)
    desk.process()
    assert [r.kind for r in desk.store().replies()] == ["reply"], "a line fault: no notice"
    with desk.serving() as site:
        client = Client(site)
        client.login()
        case_id, draft_id = waiting_case(client)
        form = {"draft_id": str(draft_id), "case_type": "csr_request", "csrf": client.csrf("/")}
        assert client.post(f"/case/{case_id}/reclassify", form).status == 200
        # Jane is authorised but not the contact of record: the contact hears of it, at once.
        received = smtp_sink.wait_for(1, timeout=10)
        assert received[0].rcpt_tos == ["ops@acme-dental.example"]
        notices = [r for r in desk.store().replies() if r.kind == "notice"]
        assert [(n.recipient, n.status) for n in notices] == [("ops@acme-dental.example", "sent")]
        # The new draft still waits for an agent.
        assert [r.status for r in drafts(desk)] == ["awaiting_review"]
        # Another reclassification of the same message does not notify twice.
        _, draft_id = waiting_case(client)
        form = {"draft_id": str(draft_id), "case_type": "port_out_pin", "csrf": client.csrf("/")}
        assert client.post(f"/case/{case_id}/reclassify", form).status == 200
        assert len([r for r in desk.store().replies() if r.kind == "notice"]) == 1
