"""`attune report` on ten years of history, from a shell, against `attune --version`.

The report of the last month (the one a couple brings to a session) and of all ten years, each
as Markdown and as JSON, written to standard output and thrown away. Every command is launched
in turn, in a new order each round, from compiled bytecode; prints the median wall time of
each, its ratio to `--version` (the floor: starting Python and the command at all), and
whether it stays under the target.

    python bench/report.py [--runs 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.history import write_history  # noqa: E402
from bench.shell_start import attune, time_once  # noqa: E402
from bench.startup import use_compiled_bytecode  # noqa: E402

TARGET_MS = 500
VERSION = "attune --version"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    use_compiled_bytecode()
    with tempfile.TemporaryDirectory() as folder:
        history = Path(folder) / "attune.json"
        write_history(history)
        report = [*attune(), "--data", str(history), "report"]
        # The history ends today; ten years and a few days back holds all of it.
        since = (date.today() - timedelta(days=3660)).isoformat()
        commands = {
            VERSION: [*attune(), "--version"],
            "report (last month, markdown)": report,
            "report (last month, json)": [*report, "--format", "json"],
            "report (10 years, markdown)": [*report, "--from", since],
            "report (10 years, json)": [*report, "--from", since, "--format", "json"],
        }
        for command in commands.values():  # warm the file cache before timing
            time_once(command)
        timings: dict[str, list[float]] = {name: [] for name in commands}
        order = list(commands)
        shuffler = random.Random(7)
        for _ in range(runs):
            shuffler.shuffle(order)
            for name in order:
                timings[name].append(time_once(commands[name]))
    medians = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    floor = medians[VERSION]
    for name, median in medians.items():
        if name == VERSION:
            print(f"{name:>30}: median {median:.1f} ms over {runs} runs (the floor)")
            continue
        verdict = "ok" if median < TARGET_MS else f"OVER {TARGET_MS} ms"
        print(f"{name:>30}: median {median:.1f} ms ({median / floor:.1f}x the floor) {verdict}")


if __name__ == "__main__":
    main()
