"""Shared helpers for the benchmarks: corpus, settings and logging (imports the product)."""

from __future__ import annotations

import email
import logging
import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings, load_settings
from tests.factories import porting_mail, write_config
from tests.servers.dovecot import Mailbox

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "inbox" / "new"
# The shared corpus sits beside the repository, as for the tests (or PORTDESK_CORPUS).
CORPUS = Path(os.environ.get("PORTDESK_CORPUS", REPO.parent / "shared" / "corpus"))


def quiet_logging() -> None:
    """Silence portdesk's loggers: end states are read from the store and reported instead.

    No handler is installed here, so warnings and quarantine errors would otherwise go to stderr
    through logging's last-resort handler, in the middle of the report.
    """
    logging.getLogger("bot").setLevel(logging.CRITICAL)


# Settings ---------------------------------------------------------------------------------------


def settings_for(
    directory: Path, *, imap: Mailbox | None = None, maildir: Path | None = None
) -> Settings:
    """Settings written as TOML by the test factory and loaded as production loads them.

    Without IMAP the source is the given Maildir; the store is `directory`/portdesk.sqlite and
    the outbox is always kind "files".
    """
    directory.mkdir(parents=True, exist_ok=True)
    store_url = f"sqlite:///{directory / 'portdesk.sqlite'}"
    path = write_config(directory, store_url, imap=imap, maildir=maildir)
    return load_settings(path, environ={})


# Corpus -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sample:
    """One message of the benchmark corpus."""

    origin: str
    raw: bytes
    text: bool


def is_text_message(raw: bytes) -> bool:
    """No attachments: every leaf part is text/plain or text/html, none is an attachment.

    Decided with the stdlib parser, independently of the code under test. Reports such as
    bounces (message/delivery-status, message/rfc822 parts) count as not text.
    """
    message = email.message_from_bytes(raw)
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype.startswith("message/"):
            return False
        if part.is_multipart():
            continue
        if ctype not in ("text/plain", "text/html"):
            return False
        if (part.get_content_disposition() or "") == "attachment" or part.get_filename():
            return False
    return True


def example_messages() -> list[bytes]:
    files = sorted(p for p in EXAMPLES.iterdir() if p.is_file() and not p.name.startswith("."))
    return [p.read_bytes() for p in files]


def _corpus_files(folder: str) -> list[Path]:
    """The corpus folder's messages; a missing corpus stops the run, since a bench over fewer
    messages than another run's is no comparison with it."""
    files = sorted((CORPUS / folder).glob("*.eml"))
    if not files:
        raise SystemExit(f"no corpus messages in {CORPUS / folder}: set PORTDESK_CORPUS")
    return files


def reply_messages() -> list[bytes]:
    return [p.read_bytes() for p in _corpus_files("replies")]


def bounce_messages(count: int = 100) -> list[bytes]:
    """`count` bounces spread evenly over the sorted folder (every kind of MTA, not the first)."""
    files = _corpus_files("bounces")
    step = max(1, len(files) // count)
    return [p.read_bytes() for p in files[::step][:count]]


_FIRST = ["Jane", "Omar", "Lena", "Carlos", "Mei", "Tom", "Aisha", "Pavel", "Rosa", "Ken", "Ines"]
_LAST = ["Doe", "Okafor", "Berg", "Ruiz", "Chen", "Hall", "Khan", "Novak", "Silva", "Ito", "Moreau"]
_COMPANY = [
    "acme-dental",
    "northwind-law",
    "bluebird-vet",
    "harbor-cafe",
    "summit-realty",
    "oakridge-clinic",
    "pinecrest-auto",
    "lakeside-hotel",
    "redfern-design",
    "ironwood-build",
]
_AREA = ["212", "312", "415", "646", "702", "617", "305", "503", "206", "512", "720", "404"]
_CARRIERS = ["Bayline Telecom", "Northgate Voice", "a cable company", "our old VoIP provider"]


def _number(rng: random.Random) -> str:
    area, line = rng.choice(_AREA), f"01{rng.randrange(100):02d}"
    style = rng.randrange(4)
    if style == 0:
        return f"+1 {area} 555 {line}"
    if style == 1:
        return f"({area}) 555-{line}"
    if style == 2:
        return f"{area}.555.{line}"
    return f"1-{area}-555-{line}"


def _body(rng: random.Random, first: str, company: str) -> tuple[str, str]:
    numbers = [_number(rng) for _ in range(rng.randrange(1, 4))]
    listed = ", ".join(numbers)
    carrier = rng.choice(_CARRIERS)
    account = f"{rng.randrange(10**7, 10**8)}"
    kind = rng.randrange(6)
    if kind == 0:
        return (
            "Port our numbers",
            f"Hello,\n\nWe would like to port {listed} to you from {carrier}.\n"
            f"Our account number there is {account}. What else do you need?\n\nThanks,\n{first}",
        )
    if kind == 1:
        return (
            "Porting request",
            f"Hi team,\n\nPlease move our main line {numbers[0]} over. The service address is "
            f"{rng.randrange(10, 999)} Main Street, Springfield. Account name {company}.\n"
            f"Authorized user: {first}.\n\nBest regards,\n{first}\n{company}",
        )
    if kind == 2:
        return (
            "Port out to another carrier",
            f"We are leaving and need to port {listed} out to a new provider.\n"
            "Can you send us the account number and PIN we need for the port-out?\n\n"
            f"{first}",
        )
    if kind == 3:
        return (
            "Status of our port?",
            f"Hi,\n\nwe submitted a port for {listed} two weeks ago and have not heard back.\n"
            "Is there a firm order commitment date yet? Our customers keep calling the old "
            f"carrier ({carrier}).\n\nRegards,\n{first}",
        )
    if kind == 4:
        return (
            "Port rejected",
            f"Our port request for {numbers[0]} was rejected by {carrier}: the reason given was "
            "'account number mismatch'. We double-checked and the account number is "
            f"{account}. Please resubmit.\n\n-- \n{first}\nSent from my phone",
        )
    return (
        "Question about porting",
        f"Hello! How long does it usually take to port a toll-free number like "
        f"{numbers[0]}? And do you need a copy of the latest bill?\n\n"
        f"> On Monday you wrote:\n> Thanks for contacting support.\n\n{first}",
    )


def generated_porting_messages(count: int = 200, seed: int = 7) -> list[bytes]:
    """Plain-text porting requests with varied bodies; US 555-01xx numbers only."""
    rng = random.Random(seed)
    messages = []
    for n in range(count):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        company = rng.choice(_COMPANY)
        subject, body = _body(rng, first, company)
        messages.append(
            porting_mail(
                sender=f"{first} {last} <{first.lower()}.{n}@{company}.example>",
                subject=subject,
                body=body + "\n",
                message_id=f"<bench.{seed}.{n}@{company}.example>",
            )
        )
    return messages


def mixed_corpus(generated: int = 200, bounces: int = 100) -> list[Sample]:
    samples: list[Sample] = []
    groups: Iterable[tuple[str, list[bytes]]] = (
        ("examples", example_messages()),
        ("replies", reply_messages()),
        ("bounces", bounce_messages(bounces)),
        ("generated", generated_porting_messages(generated)),
    )
    for origin, raws in groups:
        samples.extend(Sample(origin, raw, is_text_message(raw)) for raw in raws)
    return samples


def write_maildir(folder: Path, raws: Sequence[bytes], host: str = "bench") -> None:
    """A Maildir holding `raws` in new/, named so that name order is list order."""
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for n, raw in enumerate(raws):
        (folder / "new" / f"{1_700_000_000 + n}.M{n}P1.{host}").write_bytes(raw)
