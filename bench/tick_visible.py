"""Key press to visible tick, in a real terminal, on ten years of history.

Attune runs in tmux (120x40) on a generated ten-year history. The Rituals pane is opened, then
space is pressed repeatedly on the first row's today cell (tick, untick, ...); after each press
the screen is captured as fast as tmux allows until that cell shows the new state. Each sample
includes one capture (a few ms), so the figures are upper bounds. Target: median under 30 ms.

    python bench/tick_visible.py [--presses 40]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.history import write_history  # noqa: E402
from bench.startup import use_compiled_bytecode  # noqa: E402
from tests.e2e.terminal import Terminal  # noqa: E402

ROW_NAME = "Talk time, phones away"


def cursor_cell(screen: str) -> str | None:
    """The glyph in brackets on the first ritual row: the cell under the cursor."""
    for line in screen.splitlines():
        if ROW_NAME in line and "[" in line:
            return line[line.index("[") + 1]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    presses = parser.parse_args().presses
    use_compiled_bytecode()
    attune = Path(sys.executable).parent / "attune"
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "attune.json"
        write_history(data)
        terminal = Terminal(Path(folder))
        terminal.start([str(attune), "--data", str(data)], columns=120, rows=40)
        try:
            terminal.wait_for("This week's check-in")
            terminal.keys("2")
            terminal.wait_for(ROW_NAME)
            time.sleep(1)
            latencies = []
            for _ in range(presses):
                before = cursor_cell(terminal.text())
                started = time.monotonic()
                subprocess.run(
                    ["tmux", "-S", str(terminal._socket), "send-keys", "-t", "attune", "Space"],
                    check=True,
                )
                while cursor_cell(terminal.text()) == before:
                    if time.monotonic() - started > 5:
                        raise SystemExit("the tick never appeared on screen")
                latencies.append((time.monotonic() - started) * 1000)
                time.sleep(0.2)
        finally:
            terminal.stop()
    ordered = sorted(latencies)
    median, p95 = statistics.median(ordered), ordered[int(len(ordered) * 0.95)]
    print(
        f"key press to visible tick, {presses} presses on 10 years of history: "
        f"median {median:.1f} ms, p95 {p95:.1f} ms (target: median under 30 ms)"
    )
    capture = []
    for _ in range(20):
        started = time.monotonic()
        subprocess.run(["tmux", "-V"], capture_output=True, check=True)
        capture.append((time.monotonic() - started) * 1000)
    print(f"for scale, one tmux client call takes {statistics.median(capture):.1f} ms here")


if __name__ == "__main__":
    main()
