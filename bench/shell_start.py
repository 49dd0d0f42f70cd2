"""`attune today --short` on ten years of history against `attune --version`, from a shell.

The line is meant for a shell prompt or a status bar, which runs it again and again, so it must
start about as fast as the command does at all. Both are launched in turn, in a new order each
round, from compiled bytecode; prints the medians and the ratio of medians, and the median of
each round's ratio.

A prompt asks far more often than the file changes, so the line is answered from the summary
kept beside the data file (`attune.json.glance`), written by the first, untimed, run. Two more
cases are timed in the same rounds and reported beside the target, without one of their own:
the data file found without --data (in the user data folder, which costs the command a look-up
of that folder), and the first line after a save, when the summary is stale and the whole file
is read (the summary is removed before each of those runs, untimed).

    python bench/shell_start.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
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
from tui.store.glance import glance_path_for  # noqa: E402

TARGET = 1.0
VERSION = "attune --version"
SHORT = "attune today --short"
DEFAULT_FILE = "  ... without --data"
AFTER_A_SAVE = "  ... just after a save"


def attune() -> list[str]:
    installed = Path(sys.executable).parent / "attune"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]


def time_once(command: list[str], environment: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, check=True, capture_output=True, stdin=subprocess.DEVNULL, env=environment
    )
    return time.perf_counter() - started


def default_file_environment(folder: Path, history: Path) -> dict[str, str] | None:
    """An environment in which the data file's default place is a copy of `history` in
    `folder`, or None where the platform's user data folder does not follow XDG_DATA_HOME."""
    environment = {**os.environ, "XDG_DATA_HOME": str(folder)}
    environment.pop("ATTUNE_DATA", None)
    probe = "from tui.paths import default_data_path; print(default_data_path())"
    found = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=True
    ).stdout.strip()
    if not Path(found).is_relative_to(folder):
        return None
    Path(found).parent.mkdir(parents=True)
    shutil.copyfile(history, found)
    return environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    use_compiled_bytecode()
    with tempfile.TemporaryDirectory() as folder:
        history = Path(folder) / "attune.json"
        write_history(history)
        saved_just_now = Path(folder) / "saved" / "attune.json"
        saved_just_now.parent.mkdir()
        shutil.copyfile(history, saved_just_now)
        commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
            VERSION: ([*attune(), "--version"], None),
            SHORT: ([*attune(), "today", "--short", "--data", str(history)], None),
            AFTER_A_SAVE: ([*attune(), "today", "--short", "--data", str(saved_just_now)], None),
        }
        environment = default_file_environment(Path(folder) / "user-data", history)
        if environment is not None:
            commands[DEFAULT_FILE] = ([*attune(), "today", "--short"], environment)
        for command, environment in commands.values():  # warm the file cache before timing
            time_once(command, environment)
        stale_summary = Path(glance_path_for(saved_just_now))
        timings: dict[str, list[float]] = {name: [] for name in commands}
        order = list(commands)
        shuffler = random.Random(7)
        for _ in range(runs):
            shuffler.shuffle(order)
            for name in order:
                if name == AFTER_A_SAVE:
                    stale_summary.unlink()
                timings[name].append(time_once(*commands[name]))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, median in medians.items():
        ratio = "" if name == VERSION else f" ({median / medians[VERSION]:.2f}x)"
        print(f"{name:>24}: median {median * 1000:.1f} ms over {runs} runs{ratio}")
    if DEFAULT_FILE not in medians:
        print(f"{DEFAULT_FILE:>24}: not timed (the user data folder ignores XDG_DATA_HOME here)")
    short, version = timings[SHORT], timings[VERSION]
    ratio = medians[SHORT] / medians[VERSION]
    print(
        f"{'ratio':>24}: {ratio:.2f}x; round by round {paired_ratio(short, version):.2f}x "
        f"(target: at most {TARGET}x)"
    )


if __name__ == "__main__":
    main()
