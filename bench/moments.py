"""The Moments pane on ten years of history (about 2,600 moments).

Three timings, medians and p95 over many runs:

- a filter or search keystroke: the pane filters every moment and lists the result (the work
  done between the key and the repaint, plus drawing the lines in view), one character of a
  search at a time and the kind filter cycled; target under 10 ms median;
- the patterns view for a year: counting and drawing it; target under 50 ms;
- adding a moment, until the write is durable (`Store.save_moment`); target p95 under 10 ms.

    python bench/moments.py [--runs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.history import write_history  # noqa: E402
from tui.app import AttuneApp  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.core.moment_patterns import PatternPeriod  # noqa: E402
from tui.core.moments import MomentKind, new_moment  # noqa: E402
from tui.panes.moments import MomentsPane  # noqa: E402
from tui.store import Store  # noqa: E402
from tui.widgets.moment_list import MomentList  # noqa: E402
from tui.widgets.moment_patterns import MomentPatternsView  # noqa: E402

SEARCHES = ("dinner", "#work-late", "walk together", "phones")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(name: str, values: list[float], target: str) -> None:
    print(
        f"{name:>32}: median {statistics.median(values):6.2f} ms   "
        f"p95 {percentile(values, 0.95):6.2f} ms   ({target})"
    )


async def in_the_pane(store: Store, clock: SystemClock, runs: int) -> dict[str, list[float]]:
    app = AttuneApp(store, clock)
    timings: dict[str, list[float]] = {"keystroke": [], "patterns": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        pane = app.screen.query_one(MomentsPane)
        listing = pane.query_one(MomentList)
        search = pane.query_one("#moment-search")
        height = listing.size.height
        typed = [text[:end] for text in SEARCHES for end in range(1, len(text) + 1)]
        for run in range(runs):
            text = typed[run % len(typed)]
            started = time.perf_counter()
            with search.prevent(search.Changed):
                search.value = text
            if run % 5 == 0:
                pane.action_kind()
            pane.show_moments()
            for line in range(height):
                listing.render_line(line)
            timings["keystroke"].append((time.perf_counter() - started) * 1000)
        pane.action_clear()
        pane.action_patterns()
        await pilot.pause()
        view = pane.query_one(MomentPatternsView)
        pane._pattern_period = PatternPeriod.YEAR
        for _ in range(max(20, runs // 10)):
            started = time.perf_counter()
            pane._show_patterns()
            view.render()
            timings["patterns"].append((time.perf_counter() - started) * 1000)
    return timings


def adding(store: Store, clock: SystemClock, runs: int) -> list[float]:
    timings = []
    for number in range(runs):
        now = clock.now()
        moment = new_moment(
            uuid.uuid4().hex,
            at=now,
            now=now,
            who="both",
            kind=MomentKind.CONNECTION,
            what_happened=f"A benchmark moment {number}",
            tags=("bench",),
        )
        started = time.perf_counter()
        store.save_moment(moment)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attune.json"
        size = write_history(path)
        clock = SystemClock()
        store = Store.open(path, clock)
        store.take_daily_backup()
        moments = len(store.moments())
        in_pane = asyncio.run(in_the_pane(store, clock, runs))
        added = adding(store, clock, runs)
        store.close()
    print(f"history: 10 years, {size / 1e6:.1f} MB, {moments:,} moments; {runs} runs each")
    report("filter or search keystroke", in_pane["keystroke"], "target: median under 10 ms")
    report("patterns for a year", in_pane["patterns"], "target: under 50 ms")
    report("add a moment, durable", added, "target: p95 under 10 ms")


if __name__ == "__main__":
    main()
