"""Answering a request on ten years of history: from the key to the step being durable.

The timed call is `Store.add_step`, what the answer dialog's Save makes: it checks the step
against the request as stored, replaces that one request's document and returns once the new
file has replaced the old one and both are flushed to disk. Each round asks a fresh request
(untimed) and answers it "doable" (timed), so every answer meets a request still open, on a
file holding the generated history (about two requests a month, five moments a week).

    python bench/requests.py [--answers 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.history import write_history  # noqa: E402
from bench.tick import percentile  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.core.requests import StepKind, new_request  # noqa: E402
from tui.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=200)
    answers = parser.parse_args().answers
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attune.json"
        size = write_history(path)
        clock = SystemClock()
        store = Store.open(path, clock)
        store.take_daily_backup()
        history = len(store.requests())
        today = clock.now().date()
        timings = []
        for _ in range(answers + 1):
            request = new_request(
                uuid.uuid4().hex, asker="a", need="rest", ask="Tea in bed on Sundays", day=today
            )
            store.save_request(request)
            started = time.perf_counter()
            store.add_step(request.id, StepKind.DOABLE, "b", today)
            timings.append((time.perf_counter() - started) * 1000)
        store.close()
    timings = timings[1:]  # the first builds the index from request ids to documents
    print(
        f"history: 10 years, {size / 1e6:.1f} MB, {history} requests; {answers} answers, "
        "each durable"
    )
    print(
        f"answer: median {statistics.median(timings):6.2f} ms   "
        f"p95 {percentile(timings, 0.95):6.2f} ms   (target: p95 under 10 ms)"
    )


if __name__ == "__main__":
    main()
