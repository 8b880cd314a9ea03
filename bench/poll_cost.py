"""Poll cost: one Runner.ingest() with no new mail, in a 20,000-message folder vs a 200-message one.

Both folders live on one throwaway Dovecot 2.3 (maildir storage). Each runner connects, ingests
everything once, then polls repeatedly with nothing new; the small and the large folder are
polled alternately so that drift affects both alike.

Fill (default "maildir"): the messages are delivered as Maildir files (written to tmp/, renamed
into new/, owned by Dovecot's mail user) before the first SELECT that counts, so Dovecot
indexes them itself; "--fill append" uses IMAP MULTIAPPEND in batches instead (slower).

Initial ingest (default): a real Runner.ingest() of every message (stored, not processed).
"--set-cursor" skips it and sets the store cursor with Store.set_cursor() instead.

Run from the repository root:  python -m bench.poll_cost [--polls N] [--fill maildir|append]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from bench._common import generated_porting_messages, quiet_logging, settings_for
from bench._stats import Stats, elapsed_note, heading, ratio, verdict
from bot.runner import Runner
from bot.sources import make_source
from bot.store import Store
from tests.servers.dovecot import DovecotServer, Mailbox

SMALL = 200
LARGE = 20_000
TARGET_RATIO = 2.0
APPEND_BATCH = 500


def folder_messages(count: int, tag: str) -> list[bytes]:
    """`count` distinct porting requests (200 varied bodies, each Message-ID unique)."""
    templates = generated_porting_messages(200, seed=11)
    return [
        templates[n % len(templates)].replace(
            b"Message-ID: <bench.", f"Message-ID: <{tag}.{n}.".encode(), 1
        )
        for n in range(count)
    ]


def fill_maildir(server: DovecotServer, mailbox: Mailbox, raws: Sequence[bytes]) -> None:
    """Deliver as Maildir files into the user's INBOX, the way a local delivery agent does."""
    mailbox.message_count()  # the first login creates ~/Maildir with Dovecot's own ownership
    maildir = server.directory / "mail" / mailbox.user / "Maildir"
    owner = maildir.stat()
    pid = os.getpid()
    for n, raw in enumerate(raws):
        name = f"{1_700_000_000 + n}.M{n}P{pid}.bench,S={len(raw)}"
        temp = maildir / "tmp" / name
        temp.write_bytes(raw)
        os.chown(temp, owner.st_uid, owner.st_gid)
        temp.chmod(0o600)
        temp.rename(maildir / "new" / name)


def fill_append(mailbox: Mailbox, raws: Sequence[bytes]) -> None:
    with mailbox.session() as client:
        for start in range(0, len(raws), APPEND_BATCH):
            client.multiappend("INBOX", list(raws[start : start + APPEND_BATCH]))


def first_select(mailbox: Mailbox) -> tuple[float, int]:
    """Seconds for the first SELECT (Dovecot indexes new mail here) and the message count."""
    with mailbox.session() as client:
        started = time.perf_counter()
        status = client.select_folder("INBOX", readonly=True)
        return time.perf_counter() - started, int(status[b"EXISTS"])


@dataclass
class Folder:
    label: str
    mailbox: Mailbox
    runner: Runner
    store: Store
    store_path: Path
    fill_s: float = 0.0
    index_s: float = 0.0
    connect_s: float = 0.0
    initial_s: float = 0.0
    initial_note: str = ""


def prepare(
    label: str, count: int, server: DovecotServer, workdir: Path, *, fill: str, set_cursor: bool
) -> Folder:
    mailbox = server.new_mailbox(f"poll-{label}")
    raws = folder_messages(count, label)
    started = time.perf_counter()
    if fill == "append":
        fill_append(mailbox, raws)
    else:
        fill_maildir(server, mailbox, raws)
    fill_s = time.perf_counter() - started
    index_s, exists = first_select(mailbox)
    if exists != count:
        raise RuntimeError(f"{label}: Dovecot shows {exists} messages, expected {count}")
    settings = settings_for(workdir / label, imap=mailbox)
    store_path = workdir / f"{label}.sqlite"
    store = Store(f"sqlite:///{store_path}")
    runner = Runner(settings, store, make_source(settings))
    folder = Folder(label, mailbox, runner, store, store_path, fill_s, index_s)
    started = time.perf_counter()
    runner.connect()
    folder.connect_s = time.perf_counter() - started
    started = time.perf_counter()
    if set_cursor:
        assert runner._uidvalidity is not None
        with mailbox.session() as client:
            client.select_folder("INBOX", readonly=True)
            last_uid = max(int(u) for u in client.search(["ALL"]))
        store.set_cursor(runner.mailbox, runner._uidvalidity, last_uid)
        folder.initial_note = f"cursor set directly to UID {last_uid} (nothing stored)"
    else:
        stored = runner.ingest()
        if stored != count:
            raise RuntimeError(f"{label}: initial ingest stored {stored}, expected {count}")
        folder.initial_note = f"Runner.ingest() stored all {stored} (status 'stored')"
    folder.initial_s = time.perf_counter() - started
    return folder


def time_call(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def mark_all_processed(folder: Folder) -> None:
    """Emulates a store where every message was processed and marked (direct SQL UPDATE)."""
    with sqlite3.connect(folder.store_path) as db:
        db.execute("UPDATE message SET status = 'processed', server_marked = 1")


def cycle(runner: Runner) -> None:
    """What the watcher does on every wake-up besides waiting."""
    if runner.ingest():
        raise RuntimeError("new mail appeared during the benchmark")
    runner.process_pending()
    runner.mark_on_server()


def bare_search(client: Any, last_uid: int) -> None:
    client.search(["UID", f"{last_uid + 1}:*"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=300, help="polls per folder and measure")
    parser.add_argument("--fill", choices=["maildir", "append"], default="maildir")
    parser.add_argument("--set-cursor", action="store_true", help="skip the initial ingest")
    args = parser.parse_args()
    wall = time.perf_counter()
    quiet_logging()
    print(f"poll_cost: Runner.ingest() with nothing new, {LARGE:,} vs {SMALL} messages in INBOX")
    with tempfile.TemporaryDirectory(prefix="portdesk-bench-") as tmp, DovecotServer() as server:
        workdir = Path(tmp)
        small = prepare("small", SMALL, server, workdir, fill=args.fill, set_cursor=args.set_cursor)
        large = prepare("large", LARGE, server, workdir, fill=args.fill, set_cursor=args.set_cursor)
        folders = (small, large)
        try:
            # Bare protocol reference: the UID SEARCH a poll sends, on its own connection.
            bare_clients = {}
            for f in folders:
                client = f.mailbox.connect()
                client.select_folder("INBOX", readonly=True)
                bare_clients[f.label] = (client, max(int(u) for u in client.search(["ALL"])))

            ingest: dict[str, list[float]] = {f.label: [] for f in folders}
            bare: dict[str, list[float]] = {f.label: [] for f in folders}
            for f in folders:  # warm-up
                f.runner.ingest()
            for _ in range(args.polls):
                for f in folders:
                    ingest[f.label].append(time_call(f.runner.ingest))
                    client, last = bare_clients[f.label]
                    bare[f.label].append(time_call(partial(bare_search, client, last)))

            # The watcher's whole wake-up (ingest + process_pending + mark_on_server), once the
            # store holds every message as processed and marked.
            full: dict[str, list[float]] = {f.label: [] for f in folders}
            for f in folders:
                mark_all_processed(f)
                cycle(f.runner)
            for _ in range(args.polls):
                for f in folders:
                    full[f.label].append(time_call(partial(cycle, f.runner)))
            for client, _last in bare_clients.values():
                client.logout()
        finally:
            for f in folders:
                f.runner.disconnect()
                f.store.close()

        report(folders, ingest, bare, full, args)
    elapsed_note(time.perf_counter() - wall)


def report(
    folders: Sequence[Folder],
    ingest: dict[str, list[float]],
    bare: dict[str, list[float]],
    full: dict[str, list[float]],
    args: argparse.Namespace,
) -> None:
    small, large = folders
    heading(f"steady-state poll, median of {args.polls} (ms); ratio = large / small")
    print(f"{'':50}{'ratio':>8}{'small':>9}{'large':>9}{'p90 s/l':>15}")

    def row(name: str, samples: dict[str, list[float]]) -> float:
        s, g = Stats.of(samples[small.label]), Stats.of(samples[large.label])
        p90 = f"{s.p90 * 1000:.2f}/{g.p90 * 1000:.2f}"
        line = f"{name:50}{ratio(g.median, s.median):>8}"
        print(f"{line}{s.median * 1000:>9.3f}{g.median * 1000:>9.3f}{p90:>15}")
        return g.median / s.median

    headline = row("Runner.ingest(), nothing new  [the figure]", ingest)
    row("bare imapclient UID SEARCH n:*  [protocol floor]", bare)
    row("watcher wake-up: ingest+process_pending+mark", full)
    s_in, g_in = Stats.of(ingest[small.label]), Stats.of(ingest[large.label])
    s_bare, g_bare = Stats.of(bare[small.label]), Stats.of(bare[large.label])
    print(
        f"  Runner.ingest() vs bare SEARCH: small {ratio(s_in.median, s_bare.median)}, "
        f"large {ratio(g_in.median, g_bare.median)}"
    )
    heading("set-up (once per folder, seconds)")
    for f in folders:
        print(
            f"  {f.label:6} fill ({args.fill}) {f.fill_s:6.1f}  first EXAMINE "
            f"{f.index_s:5.2f}  Runner.connect() {f.connect_s:5.2f}  initial {f.initial_s:6.1f}"
            f"  [{f.initial_note}]"
        )
    if not args.set_cursor:
        print("  watcher wake-up: every stored row was set to processed+marked by a SQL UPDATE")
    heading(f"target: poll in {LARGE:,} messages at most {TARGET_RATIO:g}x the poll in {SMALL}")
    print(f"  Runner.ingest() large/small = {headline:.2f}x  {verdict(headline <= TARGET_RATIO)}")


if __name__ == "__main__":
    main()
