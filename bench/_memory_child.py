"""The child processes of bench.peak_memory: every mode imports the same modules (this file's).

    python -m bench._memory_child build  --workdir DIR [--attachment-mb 25]
    python -m bench._memory_child idle   --workdir DIR
    python -m bench._memory_child parse  --workdir DIR --message FILE
    python -m bench._memory_child runner --workdir DIR --maildir DIR
    python -m bench._memory_child trace  --workdir DIR --maildir DIR

Each prints one JSON line. Peak RSS is reported both as getrusage ru_maxrss and as VmHWM from
/proc/self/status (the high-water mark of this process's own address space).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import mailparser

import bot.runner
import bot.store.repository
from bench._common import REPO, quiet_logging, settings_for, write_maildir
from bot.runner import Runner
from bot.sources import make_source
from bot.store import Store
from tests.factories import porting_mail

MB = 1024 * 1024
P = ParamSpec("P")
R = TypeVar("R")


def peak_rss() -> dict[str, float]:
    hwm = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) / 1024
    # Linux reports ru_maxrss in KiB.
    return {"maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "hwm_mb": hwm}


# build ------------------------------------------------------------------------------------------


def build_message(attachment_bytes: int, payload: bytes | None = None) -> bytes:
    """A porting request with one attachment: random bytes (like a scan), or `payload`."""
    if payload is None:
        payload = random.Random(attachment_bytes).randbytes(attachment_bytes)
    return porting_mail(
        subject="Signed LOA for our port",
        body="Hello, the signed LOA for +1 217 555 0140 is attached. Thanks, Dana\n",
        attachments=(("LOA-signed.pdf", "application/pdf", payload),),
    )


def loa_pdf(side: int, pages: int = 10) -> bytes:
    """A real LOA PDF: text on every page, and a noise image (incompressible) by the signature."""
    # Imported here so that only the build child loads reportlab; the measured ones never do.
    from PIL import Image
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(side)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    lines = (
        "Business name: Acme Dental Group LLC",
        "Authorized signer (print): Dana Whitfield",
        "Service address: 12 High Street, Springfield, IL 62704",
        "Current carrier: Prairie Telephone Co.   Account number: 8842-1190-07",
        "Numbers to port: (217) 555-0140, (217) 555-0141, (217) 555-0142",
        "I authorize Portdesk Example Communications to act as my agent to port the numbers",
        "listed above from the current carrier. I am authorized to sign for this account.",
    )
    for page in range(pages):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(72, 720, f"Letter of Agency (LOA), page {page + 1}")
        canvas.setFont("Helvetica", 11)
        for n, line in enumerate(lines):
            canvas.drawString(72, 690 - 16 * n, line)
        noise = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        canvas.drawString(72, 420, "Signature:")
        canvas.drawImage(ImageReader(noise), 150, 380, width=160, height=80)
        canvas.drawString(72, 360, "Date: November 2, 2026")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def loa_pdf_of_size(target: int) -> bytes:
    side = int((target / 10 / 3) ** 0.5)
    first = loa_pdf(side)
    return loa_pdf(int(side * (target / len(first)) ** 0.5))


def attachment_for_wire_size(target: int) -> int:
    """Attachment bytes that make the whole message about `target` bytes.

    The stdlib encodes base64 in lines of 76 characters plus a newline: 77 bytes per 57 bytes.
    """
    overhead = len(build_message(57)) - 77
    return (target - overhead) // 77 * 57


def build(workdir: Path, attachment_mb: float) -> dict[str, Any]:
    specs = [
        (f"{attachment_mb:g} MiB attachment", int(attachment_mb * MB)),
        ("25 MB message (attachment ~18 MB)", attachment_for_wire_size(25_000_000)),
        ("29.9 MB message, largest accepted", attachment_for_wire_size(29_900_000)),
    ]
    pdf = loa_pdf_of_size(14 * MB)
    cases = []
    for n, (label, size) in enumerate([*specs, ("real 10-page PDF LOA under the 15 MiB cap", 0)]):
        raw = build_message(len(pdf), pdf) if size == 0 else build_message(size)
        path = workdir / f"message-{n}.eml"
        path.write_bytes(raw)
        maildir = workdir / f"maildir-{n}"
        write_maildir(maildir, [raw])
        cases.append(
            {
                "label": label,
                "path": str(path),
                "maildir": str(maildir),
                "wire_bytes": len(raw),
                "attachment_bytes": size or len(pdf),
            }
        )
    return {"cases": cases}


# idle, parse, runner ----------------------------------------------------------------------------


def parse(message: Path) -> dict[str, Any]:
    raw = message.read_bytes()
    parsed = mailparser.parse_from_bytes(raw)
    return {**peak_rss(), "attachments": len(parsed.attachments)}


def run_runner(maildir: Path, workdir: Path) -> dict[str, int]:
    settings = settings_for(workdir / "config", maildir=maildir)
    store = Store(f"sqlite:///{workdir / 'store.sqlite'}")
    runner = Runner(settings, store, make_source(settings))
    try:
        runner.connect()
        runner.ingest()
        runner.process_pending()
        runner.mark_on_server()
    finally:
        runner.disconnect()
    counts = store.counts()
    store.close()
    return counts


# trace ------------------------------------------------------------------------------------------


@dataclass
class _Frame:
    name: str
    start: int
    highest: int = 0


@dataclass
class StagePeaks:
    """Traced-memory peak of each wrapped stage (nested stages count in their parents too)."""

    stack: list[_Frame] = field(default_factory=list)
    peaks: dict[str, tuple[float, float]] = field(default_factory=dict)

    def wrap(self, name: str, func: Callable[P, R]) -> Callable[P, R]:
        @wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with self.stage(name):
                return func(*args, **kwargs)

        return wrapper

    def current(self) -> str:
        try:
            return self.stack[-1].name
        except IndexError:
            return "(none)"

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        current, peak = tracemalloc.get_traced_memory()
        if self.stack:
            self.stack[-1].highest = max(self.stack[-1].highest, peak)
        self.stack.append(_Frame(name, start=current))
        tracemalloc.reset_peak()
        try:
            yield
        finally:
            frame = self.stack.pop()
            highest = max(frame.highest, tracemalloc.get_traced_memory()[1])
            if self.stack:
                self.stack[-1].highest = max(self.stack[-1].highest, highest)
            old_peak, old_growth = self.peaks.get(name, (0.0, 0.0))
            self.peaks[name] = (
                max(old_peak, highest / MB),
                max(old_growth, (highest - frame.start) / MB),
            )


class PeakSampler(threading.Thread):
    """Every 2 ms: snapshot when traced memory is 8% + 4 MB above the best snapshot of the stage.

    The step keeps snapshots (each ~1 s with this many traces) few; the report prints the traced
    size at which each snapshot was taken, so how close it came to the stage's peak is visible.
    """

    def __init__(self, peaks: StagePeaks) -> None:
        super().__init__(name="peak-sampler", daemon=True)
        self.peaks = peaks
        self.stop = threading.Event()
        self.best: dict[str, tuple[int, tracemalloc.Snapshot]] = {}

    def run(self) -> None:
        while not self.stop.wait(0.002):
            current = tracemalloc.get_traced_memory()[0]
            stage = self.peaks.current()
            best = self.best.get(stage)
            if best is None or current > best[0] * 1.08 + 4 * MB:
                self.best[stage] = (current, tracemalloc.take_snapshot())


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/lib/python3.11/", f"{REPO}/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def top_allocations(snapshot: tracemalloc.Snapshot, limit: int = 6) -> list[dict[str, Any]]:
    snapshot = snapshot.filter_traces((tracemalloc.Filter(False, tracemalloc.__file__),))
    top = []
    for stat in snapshot.statistics("traceback")[:limit]:
        frames = list(stat.traceback)  # most recent call last
        here = frames[-1]
        ours = next((f for f in reversed(frames) if f.filename.startswith(str(REPO / "bot"))), None)
        top.append(
            {
                "mb": stat.size / MB,
                "at": f"{_short(here.filename)}:{here.lineno}",
                "via": f"{_short(ours.filename)}:{ours.lineno}" if ours else "",
            }
        )
    return top


def trace(maildir: Path, workdir: Path) -> dict[str, Any]:
    peaks = StagePeaks()
    # Names the runner calls through its module, and the methods it runs on itself and the store.
    patches: tuple[tuple[object, str, str], ...] = (
        (bot.runner, "read", "pipeline.read (redact, parse, screen)"),
        (bot.runner, "respond", "pipeline.respond (extract..draft)"),
        (bot.runner, "compose_reply", "compose_reply"),
        (Runner, "ingest", "Runner.ingest"),
        (bot.store.repository.Store, "ingest", "Store.ingest"),
        (bot.store.repository.Store, "load", "Store.load"),
        (bot.store.repository.Store, "record_answer", "Store.record_answer"),
    )
    for owner, attribute, label in patches:
        setattr(owner, attribute, peaks.wrap(label, getattr(owner, attribute)))

    tracemalloc.start(7)  # deep enough to reach portdesk's frame above the stdlib parsers
    sampler = PeakSampler(peaks)
    sampler.start()
    with peaks.stage("whole run"):
        statuses = run_runner(maildir, workdir)
    sampler.stop.set()
    sampler.join()
    tracemalloc.stop()
    snapshots = sorted(sampler.best.items(), key=lambda item: -item[1][0])
    return {
        **peak_rss(),
        "statuses": statuses,
        "stages": peaks.peaks,
        "snapshots": [
            {"stage": stage, "traced_mb": size / MB, "top": top_allocations(snapshot)}
            for stage, (size, snapshot) in snapshots[:2]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["build", "idle", "parse", "runner", "trace"])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--message", type=Path)
    parser.add_argument("--maildir", type=Path)
    parser.add_argument("--attachment-mb", type=float, default=25.0)
    args = parser.parse_args()
    quiet_logging()
    result: dict[str, Any]
    if args.mode == "build":
        result = build(args.workdir, args.attachment_mb)
    elif args.mode == "idle":
        result = peak_rss()
    elif args.mode == "parse":
        result = parse(args.message)
    elif args.mode == "runner":
        result = {"statuses": run_runner(args.maildir, args.workdir)}
        result.update(peak_rss())
    else:
        result = trace(args.maildir, args.workdir)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
