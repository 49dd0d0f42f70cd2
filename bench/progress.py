"""The Progress view on ten years of history, against a bare screen opened the same way.

Two timings, medians over several runs, at 80x24 and at 160x50:

- the first draw: from the key's action (`P`) to the end of the first frame that shows the
  charts (a callback the screen runs once it has been refreshed); the very first opening of a
  run, which also imports the plotting library, is reported apart; target under 150 ms;
- a period change: from `d`'s action to the end of the frame that shows the new period,
  with the whole record already read (it is read just after the first frame) and the new
  period's charts drawn ahead (they are drawn while the one before is on screen); target under
  50 ms. Also reported, without a target: `d` pressed again at once, before anything is drawn
  ahead ("change at once").

Each is given as wall time and as the CPU time the process spent, which the load of other
programs on a shared machine changes far less. The baseline, measured in turn with the same
steps in the same run, opens a screen with the same header, a line of text and the footer, and
changes that line: what any screen costs on this machine at this moment.

    python bench/progress.py [--runs 15]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from textual.app import ComposeResult  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Footer, Header, Static  # noqa: E402

from bench.history import write_history  # noqa: E402
from tui.app import AttuneApp  # noqa: E402
from tui.cli import resume_garbage_collection  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.screens.main import MainScreen  # noqa: E402
from tui.store import Store  # noqa: E402

SIZES = ((80, 24), (160, 50))


class BareScreen(Screen[None]):
    """The baseline: the same chrome as the Progress view, one line of text in between."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("3 months", id="line")
        yield Footer()

    def change(self, number: int) -> None:
        """What the baseline's period change does: new words on its line."""
        self.query_one("#line", Static).update(f"period {number}")


class Clocks:
    """Wall time and this process's CPU time, read together."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()


async def until_drawn(screen: Screen, started: Clocks) -> tuple[float, float]:
    """Milliseconds from `started` to the end of `screen`'s next refresh: wall time, and the
    CPU time this process spent (which other programs' load barely changes)."""
    drawn: list[Clocks] = []
    screen.call_after_refresh(lambda: drawn.append(Clocks()))
    while not drawn:
        await asyncio.sleep(0)
    return (drawn[0].wall - started.wall) * 1000, (drawn[0].cpu - started.cpu) * 1000


async def settle(app: AttuneApp) -> None:
    """Let the app finish what the last step started (the whole record read, a frame)."""
    for _ in range(3):
        await asyncio.sleep(0.05)
    while not all(node._message_queue.empty() for node in (app, *app.screen.walk_children())):
        await asyncio.sleep(0.01)


async def measure(
    store: Store, size: tuple[int, int], runs: int
) -> dict[str, list[tuple[float, float]]]:
    timings: dict[str, list[tuple[float, float]]] = {
        "first ever": [],
        "first draw": [],
        "bare first draw": [],
        "period change": [],
        "change at once": [],
        "bare change": [],
    }
    # As `attune` runs it: no collection during start-up, then everything made so far frozen.
    gc.disable()
    app = AttuneApp(store, SystemClock(), after_first_frame=resume_garbage_collection)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        for run in range(runs + 1):
            # The Progress view, as the P key opens it.
            started = Clocks()
            main.action_open_progress()
            progress = app.screen
            elapsed = await until_drawn(progress, started)
            timings["first ever" if run == 0 else "first draw"].append(elapsed)
            await settle(app)
            for _ in range(4):
                started = Clocks()
                progress.action_cycle_period()  # type: ignore[attr-defined]
                timings["period change"].append(await until_drawn(progress, started))
                await settle(app)
            # Pressed again at once, before the next period's charts are drawn ahead.
            for _ in range(4):
                started = Clocks()
                progress.action_cycle_period()  # type: ignore[attr-defined]
                timings["change at once"].append(await until_drawn(progress, started))
            await settle(app)
            app.pop_screen()
            await settle(app)
            # The baseline, the same steps.
            started = Clocks()
            bare = BareScreen()
            app.push_screen(bare)
            timings["bare first draw"].append(await until_drawn(bare, started))
            await settle(app)
            for number in range(4):
                started = Clocks()
                bare.change(number)
                timings["bare change"].append(await until_drawn(bare, started))
                await settle(app)
            app.pop_screen()
            await settle(app)
    return timings


def medians(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall time and the median CPU time."""
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    print(f"load average (1, 5, 15 min): {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attune.json"
        size = write_history(path)
        store = Store.open(path, SystemClock())
        print(f"history: 10 years, {size / 1e6:.1f} MB; {runs} runs each")
        for columns, rows in SIZES:
            timings = asyncio.run(measure(store, (columns, rows), runs))
            print(f"{columns}x{rows}:")
            for name, bare, target in (
                ("first draw", "bare first draw", "under 150 ms"),
                ("period change", "bare change", "under 50 ms"),
                ("change at once", "bare change", "none"),
            ):
                wall, cpu = medians(timings[name])
                bare_wall, bare_cpu = medians(timings[bare])
                print(
                    f"  {name:<14} median {wall:6.1f} ms wall, {cpu:6.1f} ms CPU   "
                    f"(bare screen {bare_wall:5.1f} ms wall, {bare_cpu:5.1f} ms CPU)   "
                    f"target: {target}"
                )
            if (columns, rows) == SIZES[0]:
                wall, cpu = timings["first ever"][0]
                print(
                    "  the run's first opening, which imports the plotting library: "
                    f"{wall:.1f} ms wall, {cpu:.1f} ms CPU"
                )
        store.close()
    print(f"load average (1, 5, 15 min): {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
