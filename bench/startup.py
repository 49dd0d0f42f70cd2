"""Start-up to the first full screen, in a real terminal: against a bare app, and with history.

Each program is launched in tmux (80x24) until the plan of the Check-in pane is on screen
("This week's check-in"; the bare app shows "Check-in"). Three programs are launched in turn, so
all see the same machine load: a bare Textual app with the same header, tabs and footer; Attune
on a freshly set-up file; Attune on ten years of generated history. Prints the medians and two
ratios: Attune (fresh file) against the bare app, and Attune with history against the fresh file,
each both as a ratio of medians and as the median of each round's ratio.

    python bench/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.history import write_history  # noqa: E402
from tests.e2e import terminal as e2e_terminal  # noqa: E402
from tests.e2e.terminal import Terminal, pids_of  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.core.models import Partners, Settings  # noqa: E402
from tui.store import Store  # noqa: E402

READY_WORDS = {"bare textual app": "Check-in"}
ATTUNE_READY = "This week's check-in"


def attune_command(data: Path) -> list[str]:
    installed = Path(sys.executable).parent / "attune"
    if installed.exists():
        return [str(installed), "--data", str(data)]
    return [sys.executable, "-m", "tui", "--data", str(data)]


def time_to_first_screen(workdir: Path, command: list[str], ready: str) -> float:
    # The screen is looked at every 5 ms: the tests' own pace (20 ms) is too coarse to time.
    e2e_terminal.POLL_SECONDS = 0.005
    terminal = Terminal(workdir)
    started = time.monotonic()
    terminal.start(command, columns=80, rows=24)
    try:
        terminal.wait_for(ready, timeout=30)
        return time.monotonic() - started
    finally:
        terminal.stop()
        wait_until_ended(command)


def wait_until_ended(command: list[str], timeout: float = 10.0) -> None:
    """Wait, untimed, for the program to finish leaving: Attune leaving on the SIGHUP of its
    closed terminal may take a few seconds, and the next launch would find the file locked."""
    deadline = time.monotonic() + timeout
    while pids_of(Path(command[0]), command[-1]) and time.monotonic() < deadline:
        time.sleep(0.05)


def use_compiled_bytecode() -> None:
    """Start every program from compiled bytecode, as an installed wheel does.

    `pip install .` writes the .pyc files at install time. A checkout run with
    PYTHONDONTWRITEBYTECODE set would instead recompile Attune's modules on every launch,
    a cost no user pays (and the one-file bare app barely pays).
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for folder in (REPO / "tui", REPO / "bench"):
        compileall.compile_dir(folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    use_compiled_bytecode()

    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        data = workdir / "attune.json"
        clock = SystemClock()
        with Store.open(data, clock) as store:
            store.set_up(
                Settings(Partners("Sam", "Alex"), time_zone=clock.time_zone),
                created=clock.now().isoformat(),
            )
        history = workdir / "history" / "attune.json"
        write_history(history)
        commands = {
            "bare textual app": [sys.executable, str(REPO / "bench" / "bare_app.py")],
            "attune": attune_command(data),
            "attune, 10 years": attune_command(history),
        }
        for name, command in commands.items():  # warm the file cache before timing
            time_to_first_screen(workdir, command, READY_WORDS.get(name, ATTUNE_READY))
        timings: dict[str, list[float]] = {name: [] for name in commands}
        order = list(commands)
        shuffler = random.Random(7)
        for _ in range(runs):
            # Each round launches all three, in a new order each time, so a burst of load on
            # this shared machine falls on one round rather than on one program.
            shuffler.shuffle(order)
            for name in order:
                ready = READY_WORDS.get(name, ATTUNE_READY)
                timings[name].append(time_to_first_screen(workdir, commands[name], ready))

    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, values in timings.items():
        shown = " ".join(f"{value * 1000:.0f}" for value in values)
        print(f"{name:>16}: median {medians[name] * 1000:.0f} ms  (runs, ms: {shown})")
    ratio = medians["attune"] / medians["bare textual app"]
    paired = paired_ratio(timings["attune"], timings["bare textual app"])
    print(
        f"{'attune':>16}: {ratio:.3f}x the bare app; round by round {paired:.3f}x "
        "(target: at most 1.15x)"
    )
    with_history = medians["attune, 10 years"] / medians["attune"]
    paired = paired_ratio(timings["attune, 10 years"], timings["attune"])
    print(
        f"{'with history':>16}: {with_history:.3f}x a fresh file; round by round {paired:.3f}x "
        "(target: at most 1.10x)"
    )


def paired_ratio(measured: list[float], baseline: list[float]) -> float:
    """The median of each round's ratio: steadier than a ratio of medians under bursts of load."""
    return statistics.median(m / b for m, b in zip(measured, baseline, strict=True))


if __name__ == "__main__":
    main()
