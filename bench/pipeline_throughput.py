"""Pipeline throughput: bare mail-parser vs the pure pipeline vs the full Runner path, per message.

Corpus: the 22 sample messages, the real client replies, 100 real bounces and 200 generated plain
text porting requests. Three measurements over the same bytes, in the same run:

  (a) mailparser.parse_from_bytes                       the baseline
  (b) bot.pipeline.read + respond (respond only for mail that was not screened)
  (c) Runner over a Maildir source into a fresh SQLite store: connect + ingest + process_pending

Run from the repository root:  python -m bench.pipeline_throughput [--reps N] [--runner-reps N]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import mailparser

from bench._common import REPO, Sample, mixed_corpus, quiet_logging, settings_for, write_maildir
from bench._stats import Stats, elapsed_note, heading, ratio, verdict
from bot.config import Settings
from bot.model import CaseContext
from bot.pipeline import read, respond, screen_context
from bot.runner import Runner
from bot.sources import make_source
from bot.store import Store

TARGET_RATIO = 5.0


def time_parse(raws: Sequence[bytes]) -> float:
    started = time.perf_counter()
    for raw in raws:
        mailparser.parse_from_bytes(raw)
    return time.perf_counter() - started


def time_pipeline(raws: Sequence[bytes], settings: Settings) -> tuple[float, int]:
    """Seconds for read (+ respond) over all of `raws`, and how many raised."""
    context = screen_context(settings)
    case = CaseContext(token="P-1")
    failures = 0
    started = time.perf_counter()
    for raw in raws:
        try:
            screened = read(raw, context)
            if screened.verdict is None:
                respond(screened.mail, case, settings)
        except Exception:
            failures += 1
    return time.perf_counter() - started, failures


@dataclass(frozen=True, slots=True)
class RunnerPass:
    ingest_s: float
    process_s: float
    stored: int
    statuses: dict[str, int]
    cases: int
    largest_case: int

    @property
    def total_s(self) -> float:
        return self.ingest_s + self.process_s


def time_runner(maildir: Path, workdir: Path, tag: str) -> RunnerPass:
    """One pass of the real per-message path into a brand-new SQLite store."""
    settings = settings_for(workdir / f"cfg-{tag}", maildir=maildir)
    # Creating the database (Alembic migrations) is start-up cost, not per-message: untimed.
    store = Store(f"sqlite:///{workdir / f'store-{tag}.sqlite'}")
    runner = Runner(settings, store, make_source(settings))
    try:
        started = time.perf_counter()
        runner.connect()
        stored = runner.ingest()
        ingested = time.perf_counter()
        runner.process_pending()
        processed = time.perf_counter()
    finally:
        runner.disconnect()
    statuses = store.counts()
    store.close()
    cases, largest = case_sizes(workdir / f"store-{tag}.sqlite")
    return RunnerPass(ingested - started, processed - ingested, stored, statuses, cases, largest)


def case_sizes(database: Path) -> tuple[int, int]:
    """Cases opened, and the most messages in one case: a sanity check on threading."""
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute(
            "SELECT count(*) FROM message WHERE case_id IS NOT NULL GROUP BY case_id"
        ).fetchall()
    return len(rows), max((int(r[0]) for r in rows), default=0)


def profile_runner(samples: Sequence[Sample], workdir: Path) -> None:
    """Where (c) spends its time: one pass under cProfile, portdesk's own functions only."""
    maildir = workdir / "maildir-profile"
    write_maildir(maildir, [s.raw for s in samples])
    time_runner(maildir, workdir, "profile-warmup")
    profiler = cProfile.Profile()
    profiler.enable()
    time_runner(maildir, workdir, "profile")
    profiler.disable()
    heading(f"cProfile of one (c) pass over {len(samples)} text messages (cumulative, ms/msg)")
    stats = pstats.Stats(profiler)
    rows = [
        (cumulative, func)
        for func, (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items()  # type: ignore[attr-defined]
        if func[0].startswith(str(REPO))
    ]
    for cumulative, (filename, line, name) in sorted(rows, reverse=True)[:18]:
        where = f"{Path(filename).relative_to(REPO)}:{line}"
        print(f"  {cumulative / len(samples) * 1000:8.3f}  {name:28} {where}")
    print("  (profiling inflates every figure; compare rows with each other, not with the table)")


def run_group(
    label: str, samples: Sequence[Sample], workdir: Path, reps: int, runner_reps: int
) -> tuple[float, float]:
    """Measure and print one group; returns the ratios (c)/(a) and (b)/(a) for the target."""
    raws = [s.raw for s in samples]
    n = len(raws)
    settings = settings_for(workdir / f"pure-{label}", maildir=workdir / "unused")
    maildir = workdir / f"maildir-{label}"
    write_maildir(maildir, raws)

    # Warm-up (imports, regex compilation, phonenumbers metadata, Jinja templates): untimed.
    time_parse(raws)
    time_pipeline(raws, settings)
    time_runner(maildir, workdir, f"{label}-warmup")

    parse_runs: list[float] = []
    pipe_runs: list[float] = []
    failures = 0
    for _ in range(reps):  # interleaved so that drift affects both alike
        parse_runs.append(time_parse(raws))
        seconds, failures = time_pipeline(raws, settings)
        pipe_runs.append(seconds)
    passes = [time_runner(maildir, workdir, f"{label}-{rep}") for rep in range(runner_reps)]

    a = Stats.of([s / n * 1000 for s in parse_runs])
    b = Stats.of([s / n * 1000 for s in pipe_runs])
    c = Stats.of([p.total_s / n * 1000 for p in passes])
    c_ingest = Stats.of([p.ingest_s / n * 1000 for p in passes])
    c_process = Stats.of([p.process_s / n * 1000 for p in passes])
    origins = Counter(s.origin for s in samples)

    heading(f"{label}: {n} messages ({', '.join(f'{k} {v}' for k, v in origins.items())})")
    print(f"{'':44}{'ratio':>8}{'median ms/msg':>15}{'best':>9}")
    rows = (
        ("(a) mailparser.parse_from_bytes [baseline]", a),
        ("(b) pure pipeline: read + respond", b),
        ("(c) Runner, Maildir -> SQLite, per message", c),
        ("    of which ingest (read file, store raw)", c_ingest),
        ("    of which process_pending", c_process),
    )
    for name, stats in rows:
        print(f"{name:44}{ratio(stats.median, a.median):>8}{stats.median:>15.3f}{stats.best:>9.3f}")
    last = passes[-1]
    print(f"  (a),(b): median of {reps} passes; (c): median of {runner_reps}, fresh store each.")
    print(f"  (b) messages that raised: {failures}")
    print(f"  (c) stored {last.stored}/{n}; end states: {dict(sorted(last.statuses.items()))}")
    print(f"      cases opened {last.cases}; the largest holds {last.largest_case} messages")
    if last.stored < n:
        print("      (messages with the same Message-ID and body are stored once, by design)")
    return c.median / a.median, b.median / a.median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="passes for (a) and (b)")
    parser.add_argument("--runner-reps", type=int, default=3, help="passes for (c)")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile one (c) pass over text messages"
    )
    args = parser.parse_args()
    wall = time.perf_counter()
    quiet_logging()
    corpus = mixed_corpus()
    text = [s for s in corpus if s.text]
    print("pipeline_throughput: per-message cost, as ratios to bare mailparser.parse_from_bytes")
    print(
        "  text message = every leaf part is text/plain or text/html, no attachment, no message/*"
    )
    with tempfile.TemporaryDirectory(prefix="portdesk-bench-") as tmp:
        workdir = Path(tmp)
        text_c, text_b = run_group("text messages", text, workdir, args.reps, args.runner_reps)
        run_group("all", corpus, workdir, args.reps, args.runner_reps)
        if args.profile:
            profile_runner(text, workdir)
    heading("target: full pipeline under 5x the bare parse time, text messages")
    print(f"  (b) pure pipeline       {text_b:.2f}x  {verdict(text_b < TARGET_RATIO)}")
    print(f"  (c) full Runner path    {text_c:.2f}x  {verdict(text_c < TARGET_RATIO)}")
    elapsed_note(time.perf_counter() - wall)


if __name__ == "__main__":
    main()
