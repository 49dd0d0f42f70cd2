"""Start-up to the first full screen: Attune against a bare Textual app, in a real terminal.

Each program is launched in tmux (80x24) until the word "Check-in" is on screen; the two are
launched alternately so both see the same machine load. Prints the median of each and the ratio.

    python bench/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e.terminal import Terminal  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.core.models import Partners, Settings  # noqa: E402
from tui.store import Store  # noqa: E402

READY_WORD = "Check-in"


def attune_command(data: Path) -> list[str]:
    installed = Path(sys.executable).parent / "attune"
    if installed.exists():
        return [str(installed), "--data", str(data)]
    return [sys.executable, "-m", "tui", "--data", str(data)]


def time_to_first_screen(workdir: Path, command: list[str]) -> float:
    terminal = Terminal(workdir)
    started = time.monotonic()
    terminal.start(command, columns=80, rows=24)
    try:
        terminal.wait_for(READY_WORD, timeout=30, poll=0.005)
        return time.monotonic() - started
    finally:
        terminal.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        data = workdir / "attune.json"
        clock = SystemClock()
        with Store.open(data, clock) as store:
            store.set_up(
                Settings(Partners("Sam", "Alex"), time_zone=clock.time_zone),
                created=clock.now().isoformat(),
            )
        commands = {
            "bare textual app": [sys.executable, str(REPO / "bench" / "bare_app.py")],
            "attune": attune_command(data),
        }
        for command in commands.values():  # warm the file cache before timing
            time_to_first_screen(workdir, command)
        timings: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                timings[name].append(time_to_first_screen(workdir, command))

    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, values in timings.items():
        shown = " ".join(f"{value * 1000:.0f}" for value in values)
        print(f"{name:>16}: median {medians[name] * 1000:.0f} ms  (runs, ms: {shown})")
    ratio = medians["attune"] / medians["bare textual app"]
    print(f"{'ratio':>16}: {ratio:.3f}x the bare app (target: at most 1.15x)")


if __name__ == "__main__":
    main()
