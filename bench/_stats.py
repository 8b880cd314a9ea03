"""Statistics and report lines for the benchmarks (stdlib only: safe for a small launcher)."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass

# Statistics -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stats:
    """Summary of a list of samples (seconds, or whatever unit they were taken in)."""

    n: int
    median: float
    p90: float
    best: float
    worst: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        if not samples:
            raise ValueError("no samples")
        ordered = sorted(samples)
        return cls(
            n=len(ordered),
            median=statistics.median(ordered),
            p90=percentile(ordered, 90),
            best=ordered[0],
            worst=ordered[-1],
        )


def percentile(samples: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile (the same as numpy's default)."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * pct / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline > 0 else "n/a"


def verdict(met: bool) -> str:
    return "MET" if met else "MISSED"


def heading(title: str) -> None:
    print()
    print(title)
    print("-" * len(title))


def elapsed_note(seconds: float) -> None:
    print(f"\n(benchmark wall time {seconds:.1f} s; Python {sys.version.split()[0]})")
