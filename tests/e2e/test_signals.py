"""Ended by a signal (SIGTERM, SIGHUP) or a closed window, Attune leaves as a quit does.

The terminal gets its normal screen, cursor and mouse back, nothing unsaved is lost, the file is
free for the next launch, and the exit status is the conventional 128 + the signal's number.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import msgspec
import pytest

from tui.core.checkins import CLOCK_ONLY

from .conftest import ATTUNE, set_up_file, start_a_check_in
from .terminal import EXIT_MARKER, Terminal, pids_of

# What a full-screen program switches on and must switch off again: the alternate screen, a
# hidden cursor and the mouse reporting (left on, each mouse movement types escape codes).
NORMAL_TERMINAL = {
    "alternate_on": "0",
    "cursor_flag": "1",
    "mouse_any_flag": "0",
    "mouse_all_flag": "0",
    "mouse_button_flag": "0",
    "mouse_standard_flag": "0",
    "mouse_sgr_flag": "0",
}


def terminal_modes(terminal: Terminal) -> dict[str, str]:
    """The modes of the terminal's window, as tmux tracks them."""
    shown = terminal._tmux(  # tmux's own view of the terminal, not what the screen shows
        "display-message",
        "-p",
        "-t",
        "attune",
        " ".join(f"#{{{name}}}" for name in NORMAL_TERMINAL),
    )
    return dict(zip(NORMAL_TERMINAL, shown.split(), strict=True))


@pytest.mark.parametrize(
    "number,status", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"]
)
def test_a_signal_restores_the_terminal_keeps_the_data_and_exits_128_plus_it(
    terminal: Terminal, tmp_path: Path, number: int, status: int
) -> None:
    data = set_up_file(tmp_path, agenda=CLOCK_ONLY)
    start_a_check_in(terminal, data)
    assert terminal_modes(terminal)["alternate_on"] == "1", "the app's screen is up"
    saved = data.read_bytes()

    (pid,) = pids_of(ATTUNE, str(data))
    os.kill(pid, number)
    terminal.wait_for(f"{EXIT_MARKER} {status}]")
    assert terminal_modes(terminal) == NORMAL_TERMINAL
    assert data.read_bytes() == saved, "intact, with everything saved before the signal"
    stored = next(iter(msgspec.json.decode(saved)["checkins"].values()))
    assert stored["status"] == "in_progress"
    terminal.stop()

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("An unfinished check-in")  # the lock was released: it opens at once


def test_a_signal_during_the_first_run_leaves_nothing_behind(
    terminal: Terminal, tmp_path: Path
) -> None:
    data = tmp_path / "home" / "attune" / "attune.json"
    terminal.start([str(ATTUNE), "--data", str(data)], columns=80, rows=24)
    terminal.wait_for("Welcome to Attune")
    (pid,) = pids_of(ATTUNE, str(data))
    os.kill(pid, signal.SIGTERM)
    terminal.wait_for(f"{EXIT_MARKER} 143]")
    assert terminal_modes(terminal) == NORMAL_TERMINAL
    assert not (tmp_path / "home").exists()


def test_quitting_the_first_run_leaves_nothing_behind(terminal: Terminal, tmp_path: Path) -> None:
    data = tmp_path / "home" / "attune" / "attune.json"
    terminal.start([str(ATTUNE), "--data", str(data)], columns=80, rows=24)
    terminal.wait_for("Welcome to Attune")
    assert (data.parent / "attune.json.lock").exists(), "held while the setup is open"
    terminal.keys("C-q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
    assert not (tmp_path / "home").exists()


def test_closing_the_window_ends_attune_and_frees_the_file(
    terminal: Terminal, tmp_path: Path
) -> None:
    data = set_up_file(tmp_path, agenda=CLOCK_ONLY)
    start_a_check_in(terminal, data)
    terminal._tmux("kill-window", "-t", "attune")  # the terminal goes away, then SIGHUP
    deadline = time.monotonic() + 15
    while pids_of(ATTUNE, str(data)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pids_of(ATTUNE, str(data)), "Attune ended with its window"
    terminal.stop()

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("An unfinished check-in")
