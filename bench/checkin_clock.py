"""The speaking clock over a long turn in a real terminal: drift against the monotonic clock, CPU.

Starts a 30-minute turn in Attune (tmux, 100x30), samples the screen every 50 ms for the given
duration, decodes the big digits, and times each change of the displayed second against the
moment the monotonic clock says it should change. Because the clock is computed from a deadline,
the lag should stay inside one display tick (0.2 s) plus the sampling interval for the whole run,
with no growth from the first minute to the last. CPU time comes from /proc for the app process,
compared with the same app idle on its plan screen, measured first in the same run.

    python bench/checkin_clock.py [--minutes 10] [--idle-seconds 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rich.console import Console  # noqa: E402
from textual.renderables.digits import Digits  # noqa: E402

from tests.e2e.terminal import Terminal, pids_of  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.core.models import Partners, Settings  # noqa: E402
from tui.panes.checkin import TICK_SECONDS  # noqa: E402
from tui.store import Store  # noqa: E402
from tui.widgets.checkin_views import clock_face  # noqa: E402

TURN_SECONDS = 30 * 60
SAMPLE_SECONDS = 0.05


def digit_faces() -> dict[tuple[str, str, str], int]:
    """Every face the turn clock can show (as its three rows of glyphs) -> seconds remaining."""
    console = Console(width=40, color_system=None, file=open(os.devnull, "w"))
    faces = {}
    for seconds in range(TURN_SECONDS + 1):
        with console.capture() as capture:
            console.print(Digits(clock_face(seconds * 1000 - 999)))
        rows = tuple(row.rstrip() for row in capture.get().splitlines()[:3])
        faces[rows] = seconds  # type: ignore[index]
    return faces


def read_face(screen: str, faces: dict[tuple[str, str, str], int]) -> int | None:
    lines = [line.strip().rstrip() for line in screen.splitlines()]
    for index in range(len(lines) - 2):
        key = (lines[index], lines[index + 1], lines[index + 2])
        if key in faces:
            return faces[key]
    return None


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--idle-seconds", type=float, default=60)
    arguments = parser.parse_args()
    faces = digit_faces()
    attune = Path(sys.executable).parent / "attune"

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "attune.json"
        clock = SystemClock()
        with Store.open(data, clock) as store:
            store.set_up(
                Settings(Partners("Sam", "Alex"), time_zone=clock.time_zone, turn_minutes=30),
                created=clock.now().isoformat(),
            )
        terminal = Terminal(Path(folder))
        terminal.start([str(attune), "--data", str(data)], columns=100, rows=30)
        try:
            terminal.wait_for("This week's check-in")
            (pid,) = pids_of(attune, str(data))

            idle_cpu_start, idle_wall_start = cpu_seconds(pid), time.monotonic()
            time.sleep(arguments.idle_seconds)
            idle_share = (cpu_seconds(pid) - idle_cpu_start) / (time.monotonic() - idle_wall_start)

            terminal.keys("Space")
            started = time.monotonic()
            cpu_start = cpu_seconds(pid)
            lags: list[tuple[float, float]] = []
            shown = None
            while (now := time.monotonic()) - started < arguments.minutes * 60:
                face = read_face(terminal.text(), faces)
                if face is not None and face != shown:
                    if shown is not None:
                        due = started + (TURN_SECONDS - face)
                        lags.append((now - started, now - due))
                    shown = face
                time.sleep(SAMPLE_SECONDS)
            wall = time.monotonic() - started
            running_share = (cpu_seconds(pid) - cpu_start) / wall
        finally:
            terminal.stop()

    first = [lag for at, lag in lags if at < 60]
    last = [lag for at, lag in lags if at > wall - 60]
    every = [lag for _at, lag in lags]
    print(f"run: {wall / 60:.1f} min, {len(lags)} second changes seen")
    median_lag = statistics.median(every) * 1000
    print(
        f"lag of the display behind the monotonic clock: median {median_lag:.0f} ms, "
        f"max {max(every) * 1000:.0f} ms (one display tick is {TICK_SECONDS * 1000:.0f} ms, "
        f"sampling {SAMPLE_SECONDS * 1000:.0f} ms)"
    )
    drift = statistics.median(last) - statistics.median(first)
    print(
        f"drift, last minute against first minute (medians): {drift * 1000:+.0f} ms "
        "(target: 0 ms beyond one display tick)"
    )
    print(
        f"CPU: {running_share * 100:.2f}% of one core while the clock runs "
        f"(target at most 1.5%); idle on the plan screen {idle_share * 100:.2f}%"
    )


if __name__ == "__main__":
    main()
