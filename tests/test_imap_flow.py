"""Against a real Dovecot and SMTP sink: deliver, process, reply, thread, mark, resync."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

from bot.outbox.sent_copies import file_sent_copies
from bot.store.opening import open_store
from tests.drive import run_pass
from tests.factories import SettingsFactory, porting_mail, write_config
from tests.servers.dovecot import OAUTH_TOKEN, OAUTH_USER, DovecotServer, Mailbox
from tests.servers.smtp_sink import ReceivedMessage, SmtpSink

KEYWORD = b"$PortdeskProcessed"


def plain_text(received: ReceivedMessage) -> str:
    body = received.message.get_body(("plain",))
    assert body is not None, "reply has no text/plain part"
    return str(body.get_content())


def test_customer_gets_an_answer_and_their_reply_joins_the_case(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(imap=imap_mailbox, smtp=smtp_sink)
    first_id = "<first.1@mail.acme-dental.example>"
    imap_mailbox.append(
        "INBOX",
        porting_mail(
            message_id=first_id,
            subject="Port request",
            body=(
                "Hello, we would like to port our main line from Comcast to you. "
                "What do you need?\n"
            ),
        ),
    )
    processed, sent = run_pass(settings)
    assert [p.action for p in processed] == ["ask_missing"]
    [reply] = smtp_sink.wait_for(1)
    assert reply.rcpt_tos == ["jane@acme-dental.example"]
    assert reply.message["In-Reply-To"] == first_id
    assert reply.message["Auto-Submitted"] == "auto-replied"
    assert reply.message["X-Auto-Response-Suppress"] == "All"
    assert reply.message["X-Portdesk-Loop"] == "support@portdesk.example"
    assert reply.message["Subject"] == "Re: Port request [#P-1001]"
    assert reply.message["Message-ID"].endswith("@portdesk.example>")
    text = plain_text(reply)
    # It asks for exactly what is missing: the numbers, in full with the country code.
    assert "phone numbers" in text and "country code" in text
    assert sent[0].message_id == reply.message["Message-ID"]
    # Marked on the server after the store committed, never deleted, never \Seen by us.
    [flags] = imap_mailbox.flags().values()
    assert KEYWORD in flags and b"\\Seen" not in flags

    imap_mailbox.append(
        "INBOX",
        porting_mail(
            subject="Re: Port request [#P-1001]",
            in_reply_to=reply.message["Message-ID"],
            references=f"{first_id} {reply.message['Message-ID']}",
            body=(
                "It is +1 415 555 0142.\n\nOn Mon, Nov 16, 2026 at 9:00 AM Porting Support "
                "<support@portdesk.example> wrote:\n> Before we can go ahead\n"
            ),
        ),
    )
    processed, _ = run_pass(settings)
    # The answer joins the case; the port still lacks the LOA and the rest, so it asks again.
    assert [(p.case, p.action) for p in processed] == [("P-1001", "ask_missing")]
    second = smtp_sink.wait_for(2)[1]
    assert "(415) 555-0142" in plain_text(second)
    assert second.message["Subject"] == "Re: Port request [#P-1001]"


def test_a_second_pass_finds_nothing_new_and_sends_nothing_again(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(imap=imap_mailbox, smtp=smtp_sink)
    for n in range(3):
        imap_mailbox.append("INBOX", porting_mail(sender=f"c{n}@acme-dental.example"))
    first, _ = run_pass(settings)
    second, sent_again = run_pass(settings)
    assert len(first) == 3
    assert second == [] and sent_again == []
    assert len(smtp_sink.messages) == 3


def test_uidvalidity_change_resyncs_by_message_id_without_duplicates(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(
        imap=imap_mailbox, smtp=smtp_sink, overrides={"PORTDESK_SOURCE__IMAP__FOLDER": "Support"}
    )
    imap_mailbox.create_folder("Support")
    mails = [porting_mail(sender=f"c{n}@acme-dental.example") for n in range(3)]
    for raw in mails:
        imap_mailbox.append("Support", raw)
    run_pass(settings)
    store = open_store(settings)
    cursor = store.cursor("support/Support")
    assert cursor is not None
    old_validity = cursor.uidvalidity

    # The server renumbers the folder: recreate it with the same mail plus one new message.
    with imap_mailbox.session() as client:
        client.delete_folder("Support")
        client.create_folder("Support")
    for raw in [*mails, porting_mail(sender="new@acme-dental.example")]:
        imap_mailbox.append("Support", raw)
    processed, _ = run_pass(settings)

    assert [p.subject for p in processed] == ["Port request"]
    assert len(smtp_sink.messages) == 4
    cursor = store.cursor("support/Support")
    assert cursor is not None and cursor.uidvalidity != old_validity


def test_oversize_message_is_referred_to_an_agent_not_downloaded(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(
        imap=imap_mailbox,
        smtp=smtp_sink,
        overrides={"PORTDESK_SOURCE__IMAP__MAX_MESSAGE_BYTES": "4096"},
    )
    big = porting_mail(attachments=(("loa.pdf", "application/pdf", b"%PDF-1.4\n" + b"0" * 20_000),))
    imap_mailbox.append("INBOX", big)
    [processed], _ = run_pass(settings)
    assert processed.action == "refer_to_agent"
    assert processed.reply_status == "awaiting_review"
    store = open_store(settings)
    [row] = store.quarantined()
    assert row.oversize and row.size > 20_000
    # Only the headers were downloaded.
    assert len(store.load(row.id or 0).raw) < 4096
    with store.session() as session:
        from bot.store.tables import CaseRow

        case = session.get(CaseRow, row.case_id)
        assert case is not None and case.needs_agent
        assert "too large to download" in (case.agent_reason or "")
    assert smtp_sink.messages == []
    # Still on the server, marked, so nothing is lost and nothing is fetched again.
    assert KEYWORD in imap_mailbox.flags()[imap_mailbox.uids()[0]]


def test_move_marking_puts_processed_mail_in_its_folder(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(
        imap=imap_mailbox, smtp=smtp_sink, overrides={"PORTDESK_SOURCE__IMAP__MARK": '"move"'}
    )
    imap_mailbox.append("INBOX", porting_mail())
    run_pass(settings)
    assert imap_mailbox.message_count("INBOX") == 0
    assert imap_mailbox.message_count("Processed") == 1


def test_automated_mail_is_recorded_and_never_answered(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    settings = settings_for(imap=imap_mailbox, smtp=smtp_sink)
    imap_mailbox.append(
        "INBOX", porting_mail(headers={"Auto-Submitted": "auto-replied"}, subject="Out of office")
    )
    processed, sent = run_pass(settings)
    assert [p.action for p in processed] == ["no_reply"]
    assert sent == [] and smtp_sink.messages == []
    assert open_store(settings).counts() == {"screened": 1}


def test_bounce_of_our_reply_flags_its_case_for_an_agent(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(imap=imap_mailbox, smtp=smtp_sink)
    imap_mailbox.append("INBOX", porting_mail(sender="gone@acme-dental.example"))
    run_pass(settings)
    [reply] = smtp_sink.wait_for(1)
    dsn = (
        "From: MAILER-DAEMON@mx.example.net\r\nTo: support@portdesk.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn.7@mx.example.net>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; "
        'boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n'
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        "Final-Recipient: rfc822; gone@acme-dental.example\r\nAction: failed\r\n"
        "Status: 5.1.1\r\n\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {reply.message['Message-ID']}\r\n\r\n--b--\r\n"
    ).encode()
    imap_mailbox.append("INBOX", dsn)
    processed, _ = run_pass(settings)
    assert [p.action for p in processed] == ["no_reply"]
    store = open_store(settings)
    with store.session() as session:
        from bot.store.tables import CaseRow

        case = session.get(CaseRow, 1)
        assert case is not None
        assert case.needs_agent and case.agent_reason == "a reply to this case bounced"
    assert len(smtp_sink.messages) == 1


def test_rate_limit_holds_further_automatic_replies_for_review(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(
        imap=imap_mailbox,
        smtp=smtp_sink,
        overrides={"PORTDESK_SCREEN__MAX_AUTO_REPLIES_PER_ADDRESS": "2"},
    )
    for n in range(4):
        imap_mailbox.append("INBOX", porting_mail(subject=f"Port request {n}"))
    processed, _ = run_pass(settings)
    assert [p.reply_status for p in processed] == [
        "queued",
        "queued",
        "awaiting_review",
        "awaiting_review",
    ]
    assert len(smtp_sink.messages) == 2


def test_xoauth2_login_with_a_token_from_the_configured_command(
    dovecot: DovecotServer, smtp_sink: SmtpSink, tmp_path: Path, store_url: str
) -> None:
    dovecot.append(
        "INBOX", porting_mail(sender="oauth-customer@acme-dental.example"), user=OAUTH_USER
    )
    mailbox = Mailbox(dovecot, OAUTH_USER)
    config = write_config(tmp_path, store_url, imap=mailbox, smtp=smtp_sink)
    text = config.read_text().replace(
        f'password_file = "{tmp_path / "imap-password"}"',
        f'auth = "xoauth2"\noauth_token_command = ["printf", "{OAUTH_TOKEN}"]',
    )
    config.write_text(text)
    from bot.config import load_settings

    processed, _ = run_pass(load_settings(config, environ={}))
    assert len(processed) == 1 and processed[0].reply_status == "queued"
    assert (
        message_from_bytes(smtp_sink.wait_for(1)[0].original_content, policy=default)["To"]
        == "oauth-customer@acme-dental.example"
    )


def test_the_thread_adds_up_an_loa_sent_later_completes_the_case(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(imap=imap_mailbox, smtp=smtp_sink)
    imap_mailbox.append(
        "INBOX",
        porting_mail(
            message_id="<t1@mail.acme-dental.example>",
            body="Please port (217) 555-0100 to you. SMS needed: yes. It is a landline.",
        ),
    )
    run_pass(settings)
    [first] = smtp_sink.wait_for(1)
    loa = (Path(__file__).parent / "fixtures" / "documents" / "loa_fillable.pdf").read_bytes()
    imap_mailbox.append(
        "INBOX",
        porting_mail(
            subject="Re: Port our numbers [#P-1001]",
            in_reply_to=first.message["Message-ID"],
            body="Here is the signed LOA.",
            attachments=(("LOA.pdf", "application/pdf", loa),),
        ),
    )
    run_pass(settings)
    store = open_store(settings)
    case = store.find_case((), "[#P-1001]", "P")
    assert case is not None
    # The first message's number and answers and the second message's LOA are one case now.
    assert [n.e164 for n in case.facts.numbers] == ["+12175550100"]
    assert case.facts.answers.sms_needed is True and case.facts.answers.wireless is False
    assert [d.kind for d in case.facts.documents] == ["loa"]


def test_a_copy_of_each_reply_lands_once_in_the_sent_folder(
    settings_for: SettingsFactory, imap_mailbox: Mailbox, smtp_sink: SmtpSink
) -> None:
    settings = settings_for(
        imap=imap_mailbox, smtp=smtp_sink, overrides={"PORTDESK_SOURCE__IMAP__SENT_FOLDER": "Sent"}
    )
    imap_mailbox.append("INBOX", porting_mail(message_id="<copy.1@mail.acme-dental.example>"))
    run_pass(settings)
    [reply] = smtp_sink.wait_for(1)
    [copy] = imap_mailbox.fetch_bodies("Sent").values()
    # The very bytes that were sent, marked read so that it does not show as new mail.
    assert message_from_bytes(copy)["Message-ID"] == reply.message["Message-ID"]
    assert [b"\\Seen" in flags for flags in imap_mailbox.flags("Sent").values()] == [True]
    run_pass(settings)
    assert imap_mailbox.message_count("Sent") == 1


def test_a_copy_owed_while_the_server_was_down_is_filed_once_it_is_back(
    settings_for: SettingsFactory,
    imap_mailbox: Mailbox,
    smtp_sink: SmtpSink,
    dovecot: DovecotServer,
) -> None:
    settings = settings_for(
        imap=imap_mailbox, smtp=smtp_sink, overrides={"PORTDESK_SOURCE__IMAP__SENT_FOLDER": "Sent"}
    )
    imap_mailbox.append("INBOX", porting_mail(message_id="<copy.2@mail.acme-dental.example>"))
    _, [sent] = run_pass(settings)
    assert imap_mailbox.message_count("Sent") == 1
    # As if the store had not recorded the copy (a crash right after the append), and the
    # server then went down: the copy stays owed, and nothing is raised.
    store = open_store(settings)
    store.reply_sent(sent.reply_id, keep_copy=True)
    dovecot.stop()
    try:
        assert file_sent_copies(store, settings) == 0
        assert [pk for pk, _, _ in store.pending_copies()] == [sent.reply_id]
    finally:
        dovecot.start()
    assert file_sent_copies(store, settings) == 1
    assert store.pending_copies() == []
    # The copy was already there: found by its Message-ID, not appended twice.
    assert imap_mailbox.message_count("Sent") == 1
