"""FAQ search per keystroke over the whole shipped content.

Types several queries one character at a time (each prefix is a keystroke's search) and times
`tui.core.faq.search`, with a naive case-insensitive substring scan over the same entries as a
baseline in the same run. Target: under 5 ms a keystroke.

    python bench/faq_search.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui.core.faq import load_faq, search  # noqa: E402

QUERIES = (
    "how long does healing take",
    "therepy",
    "abuse",
    "love languages",
    "cooling off after a heated talk",
    "restorative consequence",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    entries = load_faq()
    texts = [(entry.question + "\n" + entry.answer).lower() for entry in entries]
    ours: list[float] = []
    naive: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                typed = query[:end]
                started = time.perf_counter()
                search(entries, typed)
                ours.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                [text for text in texts if typed.lower() in text]
                naive.append((time.perf_counter() - started) * 1000)
    ordered = sorted(ours)
    print(f"{len(entries)} entries, {len(ours)} keystrokes")
    print(
        f"search: median {statistics.median(ours):.3f} ms, p95 "
        f"{ordered[int(len(ordered) * 0.95)]:.3f} ms, max {ordered[-1]:.3f} ms "
        "(target: under 5 ms)"
    )
    print(
        f"naive substring scan: median {statistics.median(naive):.3f} ms "
        f"({statistics.median(ours) / statistics.median(naive):.0f}x its time, for typo "
        "tolerance, ranking and highlighting)"
    )


if __name__ == "__main__":
    main()
