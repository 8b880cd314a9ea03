"""No leak of account data over the whole corpus, through the real daemon path.

One end-to-end test: every message of the test suite (tests/cases, single files and threads,
and the shared corpus folders mime, replies, bounces and not-bounces) is delivered, as our
receiving server would deliver it (DMARC passed), into a Maildir and processed by
`portdesk once` against an inventory built from the corpus itself: one account per sender,
holding every number that sender mentions, with values that cannot appear by chance. Even
accounts authorise their sender, odd ones someone else. Then every drafted or sent row of the
outbox is read: no port-out PIN anywhere, no account's data to anyone but its own verified
sender, notices only to contacts of record and without account data. The test also proves it
can fail: some verified sender did receive its account's data, and some unverified request was
referred.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from sqlmodel import col, select

from bot.cli import main
from bot.config import load_settings
from bot.extract import extract_facts
from bot.parse import ParseError
from bot.parse.redact import redact_raw
from bot.pipeline import read, screen_context
from bot.store.opening import open_store
from bot.store.tables import DisclosureRow, MessageRow, OutboxRow
from tests.conftest import CORPUS
from tests.factories import AUTHSERV_ID, write_config

CASES = Path(__file__).resolve().parent / "cases"
SHARED = ("mime", "replies", "bounces", "not-bounces")
COLUMNS = (
    "number_e164",
    "account_id",
    "company_name",
    "address_line",
    "city",
    "postcode",
    "country",
    "carrier",
    "authorized_emails",
    "migration_code",
    "cvp_code",
    "port_out_pin",
    "twilio_subaccount_sid",
)
# Who the corpus messages are: a sender whose address the inventory cannot hold is skipped.
_ADDRESS = re.compile(r"^[^@\s;,<>\"]+@[^@\s;,<>\"]+\.[^@\s;,<>\"]+$")


@dataclass
class Account:
    """One corpus sender's account: the numbers its messages mention, unmistakable values."""

    index: int
    sender: str
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (E.164, ISO region)

    @property
    def verified(self) -> bool:
        return self.index % 2 == 0

    @property
    def authorised(self) -> str:
        return self.sender if self.verified else f"owner{self.index}@records.example"

    @property
    def company(self) -> str:
        return f"Sealedco {self.index:04d} Holdings"

    @property
    def address_line(self) -> str:
        return f"{self.index} Vaultkeeper Lane"

    @property
    def postcode(self) -> str:
        return f"LK{self.index:04d}"

    @property
    def carrier(self) -> str:
        return f"Carrier{self.index:04d}"

    @property
    def migration_code(self) -> str | None:
        italian = any(region == "IT" for _e164, region in self.numbers)
        return f"VLT{self.index:07d}QZ" if italian else None

    @property
    def cvp_code(self) -> str | None:
        portuguese = any(region == "PT" for _e164, region in self.numbers)
        return f"98765{self.index:07d}" if portuguese else None

    @property
    def pin(self) -> str:
        return f"PQ{self.index:04d}ZX"

    def data(self) -> dict[str, str]:
        """What only its verified sender may read (the PIN is checked apart: nobody may)."""
        values = {
            "company_name": self.company,
            "address_line": self.address_line,
            "postcode": self.postcode,
            "carrier": self.carrier,
        }
        if self.migration_code:
            values["migration_code"] = self.migration_code
        if self.cvp_code:
            values["cvp_code"] = self.cvp_code
        return values

    def csv_rows(self) -> Iterator[list[str]]:
        for e164, region in self.numbers:
            yield [
                e164,
                f"ACCT-{self.index:04d}",
                self.company,
                self.address_line,
                "Lockton",
                self.postcode,
                region,
                self.carrier,
                self.authorised,
                (self.migration_code or "") if region == "IT" else "",
                (self.cvp_code or "") if region == "PT" else "",
                self.pin,
                "",
            ]


@dataclass(frozen=True)
class Delivery:
    """One corpus message as our server hands it over, and who sent it (when a person did)."""

    source: Path
    raw: bytes
    sender: str


@dataclass(frozen=True)
class Row:
    """One outbox row with everything a reader of it sees, whitespace folded."""

    id: int
    kind: str
    recipient: str
    action: str
    status: str
    message: int
    text: str


def corpus_files() -> list[Path]:
    """Every .eml of the suite, threads in their order (their folders sort 01, 02, ...)."""
    files = sorted(CASES.rglob("*.eml"))
    for folder in SHARED:
        files += sorted((CORPUS / folder).rglob("*.eml"))
    return files


def first_pass(files: list[Path], config: Path) -> tuple[list[Delivery], list[Account]]:
    """Pure: who sends each message and which numbers it names; no store is touched."""
    context = screen_context(load_settings(config))
    deliveries: list[Delivery] = []
    accounts: dict[str, Account] = {}
    owner: dict[str, Account] = {}
    for path in files:
        raw = path.read_bytes()
        try:
            screened = read(redact_raw(raw)[0], context)
        except ParseError:
            deliveries.append(Delivery(path, raw, ""))
            continue
        mail = screened.mail
        sender = mail.sender.email.lower() if mail.sender else ""
        deliveries.append(Delivery(path, raw, sender))
        if screened.verdict is not None or not _ADDRESS.match(sender):
            continue
        for number in extract_facts(mail, "US").numbers:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(number.e164))
            if number.e164 in owner or not region or len(region) != 2 or not region.isalpha():
                continue
            account = accounts.get(sender)
            if account is None:
                account = accounts[sender] = Account(len(accounts), sender)
            account.numbers.append((number.e164, region))
            owner[number.e164] = account
    return deliveries, list(accounts.values())


def write_inventory(path: Path, accounts: list[Account]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(row for account in accounts for row in account.csv_rows())


def deliver(maildir: Path, deliveries: list[Delivery]) -> None:
    """Into new/, in corpus order, each with our server's DMARC pass for its From domain."""
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for index, item in enumerate(deliveries):
        raw = item.raw
        if item.sender:
            domain = item.sender.rsplit("@", 1)[-1]
            header = f"Authentication-Results: {AUTHSERV_ID}; dmarc=pass header.from={domain}\r\n"
            raw = header.encode("ascii") + raw
        (maildir / "new" / f"{index:05d}.{item.source.stem}").write_bytes(raw)


def readable(row: OutboxRow) -> Row:
    message = message_from_bytes(row.raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    texts = [str(message.get("Subject", ""))]
    for part in message.walk():
        assert isinstance(part, EmailMessage)
        if part.is_multipart():
            continue
        if part.get_content_maintype() != "text":
            # An attachment: its decoded bytes, so nothing in it escapes the search either.
            payload = part.get_payload(decode=True)
            texts.append(payload.decode("latin-1") if isinstance(payload, bytes) else "")
            continue
        content = part.get_content()
        assert isinstance(content, str)
        texts.append(content)
        if part.get_content_subtype() == "html":
            texts.append(html.unescape(re.sub(r"<[^>]*>", " ", content)))
    assert row.id is not None
    return Row(
        row.id,
        row.kind,
        row.recipient.lower(),
        row.action,
        row.status,
        row.reply_to_message,
        " ".join(" ".join(texts).split()),
    )


def found(value: str, text: str) -> bool:
    """`value` as a word of `text`, or (codes) written with spaces, dots or dashes inside."""
    bounded = rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])"
    if re.search(bounded, text, re.IGNORECASE):
        return True
    return " " not in value and value.lower() in re.sub(r"[\s.\-]", "", text).lower()


def test_no_account_data_reaches_anyone_not_verified_for_it(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CSRs are sent by the bot here, not held for review, so that disclosures are audited too.
    monkeypatch.setenv(
        "PORTDESK_REVIEW__SEND_ACTIONS",
        '["ask_missing", "send_instructions", "acknowledge", "send_csr"]',
    )
    maildir = tmp_path / "Maildir"
    config = write_config(tmp_path, store_url, maildir=maildir)
    files = corpus_files()
    assert len(files) > 700, f"the corpus is incomplete: {len(files)} messages"
    deliveries, accounts = first_pass(files, config)
    verified = [a for a in accounts if a.verified]
    unverified = [a for a in accounts if not a.verified]
    assert len(verified) >= 10 and len(unverified) >= 10, "too few accounts to mean anything"
    assert any(a.migration_code for a in accounts) and any(a.cvp_code for a in accounts)

    inventory = tmp_path / "inventory.csv"
    write_inventory(inventory, accounts)
    assert main(["inventory", "import", str(inventory), "--config", str(config)]) == 0
    deliver(maildir, deliveries)
    assert main(["once", "--config", str(config)]) == 0

    store = open_store(load_settings(config))
    try:
        rows = [readable(r) for r in store.replies()]
        with store.session(readonly=True) as session:
            messages = list(session.exec(select(MessageRow).order_by(col(MessageRow.id))).all())
            audited = list(session.exec(select(DisclosureRow)).all())
    finally:
        store.close()
    source = {m.id: m.locator or "" for m in messages}
    where = {
        r.id: f"outbox row {r.id} ({r.kind} {r.action} to {r.recipient}, {r.status}) answering "
        f"{Path(source.get(r.message, '?')).name}"
        for r in rows
    }

    # Every message reached an end state, none was set aside.
    quarantined = [(m.locator, m.error) for m in messages if m.status == "quarantined"]
    assert not quarantined, f"quarantined: {quarantined}"
    assert not [m.locator for m in messages if m.status == "stored"]
    answered = [m for m in messages if m.status != "screened"]
    assert len(messages) > 700 and len(answered) > 100, (len(messages), len(answered))

    leaks: list[str] = []
    authorised = {a.authorised for a in accounts}
    for row in rows:
        for account in accounts:
            if found(account.pin, row.text):
                leaks.append(f"{where[row.id]}: PIN {account.pin} of account {account.index}")
            if row.kind == "reply" and row.recipient == account.authorised:
                continue
            for name, value in account.data().items():
                if found(value, row.text):
                    leaks.append(
                        f"{where[row.id]}: {name} {value!r} of account {account.index}"
                        f" (authorised: {account.authorised})"
                    )
        if row.kind == "notice" and row.recipient not in authorised:
            leaks.append(f"{where[row.id]}: a notice to an address no account authorises")
        elif row.kind not in ("reply", "notice"):
            leaks.append(f"{where[row.id]}: unknown kind {row.kind!r}")
    for disclosure in audited:
        if disclosure.recipient.lower() not in {a.sender for a in verified}:
            leaks.append(f"audited disclosure {disclosure.id} to {disclosure.recipient}")
    assert not leaks, "\n".join(leaks)

    # The test can fail: verified senders did get their data, unverified requests were referred.
    disclosed = [
        (row.id, account.index)
        for row in rows
        for account in verified
        if row.kind == "reply"
        and row.recipient == account.sender
        and found(account.company, row.text)
    ]
    referred = [m for m in answered if m.action == "refer_to_agent" and _unverified(m)]
    notices = [row for row in rows if row.kind == "notice"]
    print(
        f"no-leak: {len(messages)} messages, {len(answered)} answered, {len(rows)} outbox rows "
        f"({len(notices)} notices), {len(accounts)} accounts, {len(disclosed)} disclosures, "
        f"{len(referred)} unverified referrals, {len(audited)} audited disclosures"
    )
    assert disclosed, "no verified sender ever received its account's data"
    assert audited, "no disclosure was audited"
    assert referred, "no request from an unverified sender was referred"


def _unverified(message: MessageRow) -> bool:
    result: dict[str, Any] = json.loads(message.result_json or "{}")
    security = result.get("security")
    if not isinstance(security, dict):
        return False
    because = security.get("not_verified_because") or []
    return not security.get("verified") and bool(security.get("withheld")) and bool(because)
