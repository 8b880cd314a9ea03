"""Review page server time with 10,000 waiting drafts: the queue (first and a deep page) and a
case page, against the login page (a template and no database work) in the same run.

The store is filled by the real pipeline with one referred PIN request, then cloned to 10,000
waiting cases (tests.review_desk.fill_queue); the page runs under uvicorn on loopback as
`portdesk review` runs it, and each request is timed from send to last byte (median and p90
of 60). Target: under 100 ms median for both pages.

Run: python -m bench.review_pages [--database URL] [--drafts N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench._common import quiet_logging
from bench._stats import Stats
from tests.factories import porting_mail
from tests.review_desk import Client, ReviewDesk, fill_queue

PIN_BODY = (
    "Hi,\n\nwe are moving +1 202 555 0142 to a new carrier and they need the port-out PIN. "
    "Please send us the port out PIN for this number.\n\nJane"
)
REPEAT = 60


def timed(client: Client, path: str) -> Stats:
    for _ in range(5):
        client.get(path)
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        page = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        assert page.status == 200, (path, page.status)
    return Stats.of(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", help="a SQLAlchemy URL (default: a fresh SQLite file)")
    parser.add_argument("--drafts", type=int, default=10_000)
    args = parser.parse_args()
    quiet_logging()
    with tempfile.TemporaryDirectory(prefix="portdesk-bench-review-") as folder:
        work = Path(folder)
        url = args.database or f"sqlite:///{work / 'portdesk.sqlite'}"
        desk = ReviewDesk(work, url, None)
        desk.deliver(
            porting_mail(sender="Jane <jane@acme-dental.example>", subject="PIN", body=PIN_BODY)
        )
        desk.process()
        started = time.perf_counter()
        fill_queue(desk.store(), args.drafts - 1)
        seconds = time.perf_counter() - started
        print(f"filled {args.drafts} waiting drafts in {seconds:.1f} s ({url.split(':')[0]})")
        with desk.serving() as site:
            client = Client(site)
            client.login()
            first = client.get("/").text
            assert f'<span class="count">{args.drafts}</span>' in first
            case_id = re.findall(r'href="/case/(\d+)"', first)[0]
            deep = "/"
            for _ in range(args.drafts // 50 // 2):
                found = re.search(r'<a href="([^"]+)" rel="next">', client.get(deep).text)
                assert found
                deep = found.group(1).replace("&amp;", "&")
            baseline = timed(client, "/login")
            rows = [
                ("queue, first page", timed(client, "/")),
                (f"queue, page {args.drafts // 100 + 1}", timed(client, deep)),
                ("queue, filtered by draft action", timed(client, "/?action=refer_to_agent")),
                ("case page", timed(client, f"/case/{case_id}")),
            ]
    print(f"\nbaseline: login page median {baseline.median:.1f} ms (p90 {baseline.p90:.1f})")
    print(f"{'page':<34} {'median ms':>10} {'p90 ms':>8} {'x login':>8}  target <100 ms")
    for name, stats in rows:
        verdict = "met" if stats.median < 100 else "NOT met"
        ratio = stats.median / baseline.median
        print(f"{name:<34} {stats.median:>10.1f} {stats.p90:>8.1f} {ratio:>8.1f}  {verdict}")
    worst = max(statistics.median([s.median]) for _, s in rows)
    print(f"\nslowest median {worst:.1f} ms")


if __name__ == "__main__":
    main()
