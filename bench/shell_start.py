"""`attune today --short` on ten years of history against `attune --version`, from a shell.

The line is meant for a shell prompt or a status bar, which runs it again and again, so it must
start about as fast as the command does at all. Both are launched in turn, in a new order each
round, from compiled bytecode; prints the medians and the ratio of medians, and the median of
each round's ratio.

    python bench/shell_start.py [--runs 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.history import write_history  # noqa: E402
from bench.startup import paired_ratio, use_compiled_bytecode  # noqa: E402

TARGET = 1.5


def attune() -> list[str]:
    installed = Path(sys.executable).parent / "attune"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]


def time_once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    use_compiled_bytecode()
    with tempfile.TemporaryDirectory() as folder:
        history = Path(folder) / "attune.json"
        write_history(history)
        commands = {
            "attune --version": [*attune(), "--version"],
            "attune today --short": [*attune(), "today", "--short", "--data", str(history)],
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
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, median in medians.items():
        print(f"{name:>22}: median {median * 1000:.1f} ms over {runs} runs")
    short, version = timings["attune today --short"], timings["attune --version"]
    ratio = medians["attune today --short"] / medians["attune --version"]
    print(
        f"{'ratio':>22}: {ratio:.2f}x; round by round {paired_ratio(short, version):.2f}x "
        f"(target: at most {TARGET}x)"
    )


if __name__ == "__main__":
    main()
