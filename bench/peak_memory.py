"""Peak memory (ru_maxrss) for ONE large message through the full path, each in a fresh process.

For each message, in separate subprocesses (bench/_memory_child.py) that all import the same
modules:
  (i)  idle    the interpreter after the imports, doing nothing            baseline
  (ii) parse   bare mailparser.parse_from_bytes of the message bytes       baseline
  (c)  runner  Runner over a Maildir holding only that message into a fresh SQLite store
               (connect, ingest, process_pending, mark_on_server)
and, for the largest message that is processed (every processed one with --trace-all), a
tracemalloc run of (c) reporting each stage's peak and the largest live allocations near it.

This launcher imports only the standard library and builds nothing itself: on Linux a child's
ru_maxrss starts at its parent's RSS at fork time, so a big parent would inflate every figure.
The messages are built by a child too; the attachment is random bytes (like a scanned PDF).

Run from the repository root:
    python -m bench.peak_memory [--no-trace | --trace-all] [--attachment-mb 25]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._stats import elapsed_note, heading

REPO = Path(__file__).resolve().parents[1]
TARGET_MB = 300.0
TRACED_BY_DEFAULT = "29.9 MB message, largest accepted"  # a label from bench/_memory_child.py
MAX_MESSAGE_BYTES = 30_000_000  # MaildirSource's default limit (bot/sources/maildir.py)


def run_child(mode: str, workdir: Path, *extra: str) -> tuple[dict[str, Any], float]:
    child_dir = Path(tempfile.mkdtemp(prefix=f"{mode}-", dir=workdir))
    command = [sys.executable, "-m", "bench._memory_child", mode, "--workdir", str(child_dir)]
    started = time.perf_counter()
    done = subprocess.run([*command, *extra], cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"child {mode} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attachment-mb", type=float, default=25.0)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument(
        "--trace-all", action="store_true", help="trace every processed message (~45 s each)"
    )
    args = parser.parse_args()
    wall = time.perf_counter()
    print("peak_memory: peak RSS of one large message through the full path, fresh process each")
    with tempfile.TemporaryDirectory(prefix="portdesk-bench-") as tmp:
        workdir = Path(tmp)
        built, build_s = run_child("build", workdir, "--attachment-mb", str(args.attachment_mb))
        idle, _ = run_child("idle", workdir)
        launcher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  launcher RSS {launcher:.0f} MB (children inherit it as a floor); "
            f"messages built in a child in {build_s:.1f} s"
        )
        verdicts: list[tuple[str, float]] = []
        for case in built["cases"]:
            parse, _ = run_child("parse", workdir, "--message", case["path"])
            runner, seconds = run_child("runner", workdir, "--maildir", case["maildir"])
            report_case(case, idle, parse, runner, seconds)
            if int(case["wire_bytes"]) <= MAX_MESSAGE_BYTES:
                verdicts.append((str(case["label"]), float(runner["maxrss_mb"])))
                largest = case["label"] == TRACED_BY_DEFAULT
                if not args.no_trace and (args.trace_all or largest):
                    trace, seconds = run_child("trace", workdir, "--maildir", case["maildir"])
                    report_trace(trace, seconds)
    heading(f"target: under {TARGET_MB:g} MB peak RSS for one message processed end to end")
    for label, peak in verdicts:
        over = peak - TARGET_MB
        state = "MET" if over < 0 else f"MISSED by {over:.0f} MB ({peak / TARGET_MB:.2f}x target)"
        print(f"  {label:36} {peak:6.0f} MB  {state}")
    elapsed_note(time.perf_counter() - wall)


def report_case(
    case: dict[str, Any],
    idle: dict[str, Any],
    parse: dict[str, Any],
    runner: dict[str, Any],
    seconds: float,
) -> None:
    idle_mb, parse_mb = float(idle["maxrss_mb"]), float(parse["maxrss_mb"])
    runner_mb = float(runner["maxrss_mb"])
    wire_mb = int(case["wire_bytes"]) / 1e6
    heading(
        f"{case['label']}: message {wire_mb:.1f} MB on the wire, "
        f"attachment {int(case['attachment_bytes']) / 1e6:.1f} MB"
    )
    if int(case["wire_bytes"]) > MAX_MESSAGE_BYTES:
        print(
            f"  over the {MAX_MESSAGE_BYTES / 1e6:g} MB message limit (the base64 size counts): "
            "the source hands the runner its headers only; the body is never parsed"
        )
    print(f"{'':38}{'vs idle':>9}{'vs parse':>10}{'ru_maxrss MB':>14}{'VmHWM MB':>10}")
    for name, result, vs_parse in (
        ("(i) idle after imports [baseline]", idle, ""),
        ("(ii) bare mailparser parse [baseline]", parse, "1.00x"),
        ("(c) Runner, Maildir -> SQLite", runner, f"{runner_mb / parse_mb:.2f}x"),
    ):
        mb = float(result["maxrss_mb"])
        print(
            f"{name:38}{mb / idle_mb:>8.2f}x{vs_parse:>10}{mb:>14.1f}"
            f"{float(result['hwm_mb']):>10.1f}"
        )
    print(
        f"  above idle: bare parse +{parse_mb - idle_mb:.0f} MB, runner +{runner_mb - idle_mb:.0f}"
        f" MB ({(runner_mb - idle_mb) / wire_mb:.1f}x the message); "
        f"end state {runner['statuses']}; runner child {seconds:.1f} s"
    )


def report_trace(trace: dict[str, Any], seconds: float) -> None:
    print(
        f"  tracemalloc run of (c) ({seconds:.0f} s; Python allocations only, RSS also holds "
        f"SQLite's copy and freed arenas; RSS under tracing {float(trace['maxrss_mb']):.0f} MB)"
    )
    print(f"    {'traced peak MB':>16}{'growth in stage':>17}  stage")
    stages = sorted(trace["stages"].items(), key=lambda item: -float(item[1][1]))
    for name, (peak, growth) in stages:
        print(f"    {float(peak):>16.1f}{float(growth):>17.1f}  {name}")
    for snap in trace["snapshots"]:
        print(
            f"    largest live allocations in '{snap['stage']}' "
            f"(snapshot at {float(snap['traced_mb']):.0f} MB traced):"
        )
        for item in snap["top"]:
            via = f"  (called from {item['via']})" if item["via"] else ""
            print(f"      {float(item['mb']):7.1f} MB  {item['at']}{via}")


if __name__ == "__main__":
    main()
