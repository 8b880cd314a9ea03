"""Tests of the real-server fixtures themselves: Dovecot IMAP, the SMTP sink and ports."""

from __future__ import annotations

import smtplib
import socket
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.servers import plugin
from tests.servers.dovecot import (
    OAUTH_TOKEN,
    OAUTH_USER,
    DovecotError,
    DovecotServer,
    Mailbox,
)
from tests.servers.ports import LOOPBACK, free_port
from tests.servers.smtp_sink import SmtpSink

# Errors an imapclient connection raises once the server side is gone.
_DROPPED = (IMAPClient.AbortError, IMAPClient.Error, OSError)


def _raw_message(n: int) -> bytes:
    # CRLF line ends (what IMAP transmits), an 8-bit UTF-8 body and a folded
    # header, so "unchanged" means byte-for-byte, not just "same text".
    return (
        f"From: Customer {n} <customer{n}@example.test>\r\n"
        "To: support@example.test\r\n"
        f"Subject: Order {n} is late,\r\n"
        " please help\r\n"
        f"Message-ID: <order-{n}@example.test>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"Grüße, message {n}.\r\n"
        "Second line.\r\n"
    ).encode()


def _wait_for_exists(client: Any, timeout: float) -> list[Any]:
    """Collect IDLE responses until an EXISTS arrives or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    seen: list[Any] = []
    while (remaining := deadline - time.monotonic()) > 0:
        responses = client.idle_check(timeout=remaining)
        seen.extend(responses)
        if any(len(r) > 1 and r[1] == b"EXISTS" for r in responses):
            return seen
    return seen


# ---------------------------------------------------------------- IMAP


def test_append_three_and_read_back_unchanged(imap_mailbox: Mailbox) -> None:
    raws = [_raw_message(n) for n in (1, 2, 3)]
    uids = [imap_mailbox.append("INBOX", raw) for raw in raws]

    assert uids == sorted(uids) and len(set(uids)) == 3
    assert imap_mailbox.uids() == uids
    assert imap_mailbox.message_count() == 3
    with imap_mailbox.session() as client:
        client.select_folder("INBOX", readonly=True)
        fetched = client.fetch(uids, ["BODY.PEEK[]"])
    assert [fetched[u][b"BODY[]"] for u in uids] == raws
    # PEEK must not have marked anything \Seen.
    assert imap_mailbox.flags() == {u: frozenset() for u in uids}


def test_imap_mailbox_is_fresh_and_isolated(imap_mailbox: Mailbox, dovecot: DovecotServer) -> None:
    assert imap_mailbox.message_count() == 0
    assert imap_mailbox.folders() == ["INBOX"]
    other = dovecot.new_mailbox("other")
    other.append("INBOX", _raw_message(9))
    assert imap_mailbox.uids() == []
    assert other.uids() == [1]


def test_folders_and_flags(imap_mailbox: Mailbox) -> None:
    imap_mailbox.create_folder("Processed")
    imap_mailbox.create_folder("Processed")  # idempotent
    seen = imap_mailbox.append("Processed", _raw_message(1), flags=[b"\\Seen"])
    unseen = imap_mailbox.append("Processed", _raw_message(2))

    assert sorted(imap_mailbox.folders()) == ["INBOX", "Processed"]
    assert imap_mailbox.flags("Processed") == {seen: {b"\\Seen"}, unseen: frozenset()}
    assert imap_mailbox.message_count("INBOX") == 0
    assert imap_mailbox.fetch_bodies("Processed")[unseen] == _raw_message(2)


def test_idle_notices_append_from_another_connection(imap_mailbox: Mailbox) -> None:
    watcher = imap_mailbox.connect()
    try:
        watcher.select_folder("INBOX")
        watcher.idle()
        uid = imap_mailbox.append("INBOX", _raw_message(1))
        responses = _wait_for_exists(watcher, timeout=10)
        watcher.idle_done()
        assert (1, b"EXISTS") in responses, responses
        assert watcher.search(["ALL"]) == [uid]
    finally:
        watcher.logout()


def test_xoauth2_and_oauthbearer_accept_right_token_only(dovecot: DovecotServer) -> None:
    for mech_login in ("oauth2_login", "oauthbearer_login"):
        with IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10) as client:
            getattr(client, mech_login)(OAUTH_USER, OAUTH_TOKEN)
            assert client.select_folder("INBOX")[b"EXISTS"] >= 0
        with (
            IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10) as client,
            pytest.raises(LoginError, match="AUTHENTICATIONFAILED"),
        ):
            getattr(client, mech_login)(OAUTH_USER, "ya29.wrong-token")


def test_password_change_takes_effect_at_once(imap_mailbox: Mailbox) -> None:
    # E.g. a rotated OAuth token: the old secret must stop working immediately.
    old = imap_mailbox.password
    imap_mailbox.server.add_user(imap_mailbox.user, "n3w-secret")
    assert imap_mailbox.password == "n3w-secret"
    with (
        IMAPClient(imap_mailbox.host, port=imap_mailbox.port, ssl=False, timeout=10) as client,
        pytest.raises(LoginError),
    ):
        client.login(imap_mailbox.user, old)
    assert imap_mailbox.message_count() == 0  # logs in with the new password


def test_kick_drops_connections(imap_mailbox: Mailbox) -> None:
    client = imap_mailbox.connect()
    client.select_folder("INBOX")
    assert imap_mailbox.connection_count() == 1

    assert imap_mailbox.kick() is True
    assert imap_mailbox.connection_count() == 0
    with pytest.raises(_DROPPED):
        client.noop()
    client.shutdown()
    # Nothing left to kick; the mailbox is still usable.
    assert imap_mailbox.kick() is False
    assert imap_mailbox.message_count() == 0


@pytest.mark.parametrize("graceful", [True, False], ids=["graceful", "abrupt"])
def test_restart_keeps_mail_and_port(dovecot: DovecotServer, graceful: bool) -> None:
    mailbox = dovecot.new_mailbox("restart")
    uids = [mailbox.append("INBOX", _raw_message(n)) for n in (1, 2)]
    port, pid = dovecot.port, dovecot.pid
    client = mailbox.connect()
    client.select_folder("INBOX")

    dovecot.restart(graceful=graceful)

    assert dovecot.port == port
    assert dovecot.pid != pid
    with pytest.raises(_DROPPED):
        client.noop()
    client.shutdown()
    assert mailbox.uids() == uids
    assert list(mailbox.fetch_bodies().values()) == [_raw_message(1), _raw_message(2)]


def test_outage_window_refuses_connections(dovecot: DovecotServer) -> None:
    mailbox = dovecot.new_mailbox("outage")
    dovecot.stop()
    try:
        assert not dovecot.running
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((dovecot.host, dovecot.port), timeout=2).close()
    finally:
        dovecot.start()
    assert mailbox.message_count() == 0


def test_start_failure_reports_log_tail() -> None:
    with DovecotServer() as server:
        server.stop()
        # Occupy the port so the restart on the same port cannot bind.
        with socket.socket() as blocker:
            blocker.bind((LOOPBACK, server.port))
            blocker.listen()
            with pytest.raises(DovecotError, match="Address already in use") as info:
                server.start()
        assert "log tail" in str(info.value)
        assert not server.running


def test_missing_dovecot_skips_locally_and_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(plugin, "DOVECOT_BINARY", tmp_path / "no-dovecot")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        plugin._require_dovecot()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        plugin._require_dovecot()


# ---------------------------------------------------------------- SMTP


def _email(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "support@example.test"
    msg["To"] = "customer@example.test"
    msg["Subject"] = subject
    msg.set_content("Your order ships tomorrow.\n")
    return msg


def test_smtp_sink_records_message(smtp_sink: SmtpSink) -> None:
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=10) as client:
        client.send_message(
            _email("Re: order 1"),
            from_addr="bounce@example.test",
            to_addrs=["customer@example.test", "cc@example.test"],
        )

    [received] = smtp_sink.wait_for(1, timeout=5)
    assert received.mail_from == "bounce@example.test"
    assert received.rcpt_tos == ["customer@example.test", "cc@example.test"]
    assert received.message["Subject"] == "Re: order 1"
    assert received.message.get_content() == "Your order ships tomorrow.\n"
    assert b"Subject: Re: order 1\r\n" in received.original_content


@pytest.mark.parametrize("stage", ["DATA", "RCPT"])
def test_smtp_sink_refuses_then_accepts(smtp_sink: SmtpSink, stage: str) -> None:
    smtp_sink.refuse(451, "4.3.0 try later", stage="DATA" if stage == "DATA" else "RCPT")
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=10) as client:
        if stage == "DATA":
            with pytest.raises(smtplib.SMTPDataError) as data_err:
                client.send_message(_email("refused"))
            assert (data_err.value.smtp_code, data_err.value.smtp_error) == (
                451,
                b"4.3.0 try later",
            )
        else:
            with pytest.raises(smtplib.SMTPRecipientsRefused) as rcpt_err:
                client.send_message(_email("refused"))
            assert rcpt_err.value.recipients == {"customer@example.test": (451, b"4.3.0 try later")}
    assert smtp_sink.messages == []
    assert smtp_sink.refused_count == 1

    smtp_sink.accept()
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=10) as client:
        client.send_message(_email("accepted"))
    [received] = smtp_sink.wait_for(1, timeout=5)
    assert received.message["Subject"] == "accepted"


def test_smtp_sink_wait_for_times_out(smtp_sink: SmtpSink) -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="got 0 message"):
        smtp_sink.wait_for(1, timeout=0.2)
    assert time.monotonic() - started < 2


# ---------------------------------------------------------------- ports


def test_free_port_is_bindable() -> None:
    port = free_port()
    with socket.socket() as sock:
        sock.bind((LOOPBACK, port))
