"""`attune report` on ten years of history, from a shell, against `attune --version`.

The report of the last month (the one a couple brings to a session) and of all ten years, each
as Markdown and as JSON, written to standard output and thrown away. Every command is launched
in turn, in a new order each round, from compiled bytecode; prints the median wall time of
each, its ratio to `--version` (the floor: starting Python and the command at all), and
whether it stays under the target.

With `--protected` the history is protected with a passphrase first, and each report reads it
from the file named by ATTUNE_PASSPHRASE_FILE: unlocking (scrypt, about 0.4 s) is then part of
every run, and is what the target leaves room for.

    python bench/report.py [--runs 15] [--protected]
"""

from __future__ import annotations

import argparse
import os
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


def protect(history: Path, passphrase_file: Path) -> None:
    """Protect `history` with a passphrase kept in `passphrase_file`, named for every report."""
    from tui.clock import SystemClock
    from tui.store import Store
    from tui.store.protected_files import new_protection

    passphrase = "a passphrase of a usual length"
    with Store.open(history, SystemClock()) as store:
        store.change_protection(new_protection(passphrase, False)[0])
    passphrase_file.write_text(passphrase + "\n")
    os.environ["ATTUNE_PASSPHRASE_FILE"] = str(passphrase_file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--protected", action="store_true", help="protect the history first")
    arguments = parser.parse_args()
    runs = arguments.runs
    use_compiled_bytecode()
    with tempfile.TemporaryDirectory() as folder:
        history = Path(folder) / "attune.json"
        write_history(history)
        if arguments.protected:
            protect(history, Path(folder) / "passphrase")
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
