"""The `portdesk` command as people use it: the demo, process --json, quarantine, replay."""

from __future__ import annotations

import json
import shutil
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from bot import pipeline
from bot.cli import main
from bot.config import load_settings
from bot.store import Store
from bot.store.opening import open_store
from tests.conftest import CORPUS, EXAMPLES
from tests.databases import table_names
from tests.factories import porting_mail, write_config

AUTOMATED_EXAMPLES = 2


def maildir_with(tmp_path: Path, files: list[Path] | dict[str, bytes]) -> Path:
    folder = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    if isinstance(files, dict):
        for name, raw in files.items():
            (folder / "new" / name).write_bytes(raw)
    else:
        for index, path in enumerate(files):
            shutil.copy(path, folder / "new" / f"{index:05d}.{path.stem}")
    return folder


def test_demo_processes_the_sample_inbox_and_writes_replies(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, store_url, maildir=EXAMPLES)
    samples = sorted((EXAMPLES / "new").iterdir())
    samples = [p for p in samples if not p.name.startswith(".")]

    assert main(["once", "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert f"{len(samples)} new message(s) stored" in table
    for header in ("message", "case", "case type", "action", "reply"):
        assert header in table
    assert table.count("no_reply") == AUTOMATED_EXAMPLES

    replies = sorted((tmp_path / "outbox").glob("*.eml"))
    store = Store(store_url)
    assert len(replies) == len(store.replies("sent"))
    assert len(replies) > 0
    for path in replies:
        reply = message_from_bytes(path.read_bytes(), policy=default)
        assert reply["In-Reply-To"] and reply["Auto-Submitted"] == "auto-replied"
        assert "[#P-" in reply["Subject"]
    # The bundled inbox is read, never changed.
    assert sorted((EXAMPLES / "new").iterdir()) == sorted((EXAMPLES / "new").iterdir())

    assert main(["once", "--config", str(config)]) == 0
    assert "Nothing new to process" in capsys.readouterr().out


def test_the_follow_up_in_the_sample_inbox_joins_the_first_case(
    store_url: str, tmp_path: Path
) -> None:
    config = write_config(tmp_path, store_url, maildir=EXAMPLES)
    assert main(["once", "--config", str(config)]) == 0
    store = Store(store_url)
    with store.session() as session:
        from sqlmodel import select

        from bot.store.tables import MessageRow

        rows = session.exec(
            select(MessageRow).where(MessageRow.sender == "mike@ortegaplumbing.example")
        ).all()
    assert len(rows) == 2
    assert rows[0].case_id == rows[1].case_id


def test_every_real_world_message_ends_processed_screened_or_quarantined(
    store_url: str,
    tmp_path: Path,
) -> None:
    files = sorted((CORPUS / "mime").glob("*.eml")) + sorted((CORPUS / "bounces").glob("*.eml"))
    files += sorted((CORPUS / "not-bounces").glob("*.eml"))
    config = write_config(tmp_path, store_url, maildir=maildir_with(tmp_path, files))
    assert main(["once", "--config", str(config)]) == 0
    store = Store(store_url)
    counts = store.counts()
    assert set(counts) <= {"processed", "screened", "quarantined"}
    # Nothing is lost: every Message-ID in the corpus is in the store, in a final state.
    with store.session() as session:
        from sqlmodel import select

        from bot.store.tables import MessageRow

        stored_ids = set(session.exec(select(MessageRow.message_id)).all())
    corpus_ids = {_message_id(p) for p in files}
    assert corpus_ids <= stored_ids
    assert sum(counts.values()) >= len(corpus_ids)
    bounce_replies = [
        r for r in store.replies() if r.recipient.startswith(("mailer-daemon", "postmaster"))
    ]
    assert bounce_replies == []


def _message_id(path: Path) -> str:
    from email.parser import BytesHeaderParser

    return str(BytesHeaderParser().parsebytes(path.read_bytes()).get("Message-ID", "")).strip()


def test_one_failing_message_is_quarantined_and_the_rest_go_on(
    store_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = maildir_with(
        tmp_path,
        {
            "1.ok": porting_mail(sender="a@acme-dental.example"),
            "2.poison": porting_mail(sender="b@acme-dental.example", subject="POISON"),
            "3.ok": porting_mail(sender="c@acme-dental.example"),
            "4.empty": b"",
        },
    )
    config = write_config(tmp_path, store_url, maildir=folder)
    real_respond = pipeline.respond

    def flaky_respond(*args: object, **kwargs: object) -> object:
        mail = args[0]
        if getattr(mail, "subject", "") == "POISON":
            raise RuntimeError("classifier exploded")
        return real_respond(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("bot.runner.respond", flaky_respond)
    assert main(["once", "--config", str(config)]) == 0
    capsys.readouterr()

    assert main(["quarantine", "list", "--config", str(config)]) == 0
    listing = capsys.readouterr().out
    assert "RuntimeError: classifier exploded" in listing
    assert "unparseable" in listing
    store = Store(store_url)
    assert store.counts() == {"processed": 2, "quarantined": 2}
    [poison] = [r for r in store.quarantined() if "RuntimeError" in (r.error or "")]
    assert "Traceback" in (poison.error_detail or "")

    monkeypatch.setattr("bot.runner.respond", real_respond)
    assert main(["quarantine", "retry", "--config", str(config)]) == 0
    assert "Requeued 2; 1 processed, 1 quarantined again." in capsys.readouterr().out
    assert store.counts() == {"processed": 3, "quarantined": 1}


def test_process_json_reports_each_file_and_writes_nothing(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, store_url, maildir=maildir_with(tmp_path, {}))
    request = tmp_path / "request.eml"
    request.write_bytes(porting_mail(body="Please port +1 415 555 0123 and (415) 555-0124 to you."))
    bounce = CORPUS / "bounces" / "lhost-postfix-01.eml"

    assert main(["process", "--json", "--config", str(config), str(request), str(bounce)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(request), str(bounce)]
    first, second = lines
    assert first["case_type"] == "port_in"
    assert [n["e164"] for n in first["facts"]["numbers"]] == ["+14155550123", "+14155550124"]
    # A port-in needs more than numbers: the reply asks for exactly what is missing.
    assert first["action"] == "ask_missing"
    assert first["missing"] == ["loa", "bill_or_csr", "sms_needed", "wireless", "port_date"]
    assert first["draft"]["subject"].startswith("Re: Port request [#P-")
    assert second["action"] == "no_reply" and second["reason"]
    assert second["draft"] is None
    assert table_names(store_url) == []


def test_replay_runs_a_stored_message_through_the_current_pipeline(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = maildir_with(tmp_path, {"1": porting_mail()})
    config = write_config(tmp_path, store_url, maildir=folder)
    assert main(["once", "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["replay", "1", "--config", str(config)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["id"] == 1 and result["case_type"] == "port_in"
    assert "[#P-1001]" in result["draft"]["subject"]


def test_a_bad_configuration_stops_with_file_and_key(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, store_url)
    config.write_text(config.read_text() + "\n[review]\nsend_everything = true\n")
    assert main(["check-config", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "configuration error" in err
    assert str(config) in err


def test_check_config_tests_the_connections(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, store_url, maildir=maildir_with(tmp_path, {}))
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "store:" in out and "source: maildir: ok" in out and "outbox: files" in out


def test_a_pasted_auth_token_never_reaches_the_store_or_the_output(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "fedcba9876543210fedcba9876543210"
    raw = porting_mail(body=f"Port +1 415 555 0123 please. auth_token={token}")
    config = write_config(tmp_path, store_url, maildir=maildir_with(tmp_path, {"1": raw}))
    assert main(["once", "--config", str(config)]) == 0
    store = open_store(load_settings(config))
    assert token.encode() not in store.load(1).raw
    assert all(token.encode() not in reply.raw for reply in store.replies())
    assert (
        main(
            [
                "process",
                "--json",
                "--config",
                str(config),
                str(next(iter((tmp_path / "Maildir" / "new").iterdir()))),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert token not in out
    assert json.loads(out.splitlines()[-1])["facts"]["redacted_secrets"] == ["auth_token"]


def test_unrelated_customers_never_share_a_case(tmp_path: Path, store_url: str) -> None:
    no_id = porting_mail(sender="a@acme-dental.example").replace(b"Message-ID:", b"X-Old-Id:")
    folder = maildir_with(
        tmp_path,
        {
            "1": no_id,
            "2": porting_mail(sender="b@brightlane.example"),
            "3": porting_mail(sender="c@carterlogistics.example"),
        },
    )
    assert main(["once", "--config", str(write_config(tmp_path, store_url, maildir=folder))]) == 0
    store = Store(store_url)
    with store.session() as session:
        from sqlmodel import select

        from bot.store.tables import MessageRow

        cases = session.exec(select(MessageRow.case_id)).all()
    assert len(set(cases)) == 3
