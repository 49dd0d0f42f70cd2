"""Killing Attune mid-turn loses at most that turn: the relaunch offers to resume."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import msgspec

from tui.core.checkins import CLOCK_ONLY

from .conftest import ATTUNE, set_up_file, start_a_check_in
from .terminal import EXIT_MARKER, Terminal, pids_of


def test_a_kill_mid_turn_keeps_the_earlier_turns(terminal: Terminal, tmp_path: Path) -> None:
    data = set_up_file(tmp_path, agenda=CLOCK_ONLY)
    start_a_check_in(terminal, data)

    (pid,) = pids_of(ATTUNE, str(data))
    os.kill(pid, signal.SIGKILL)
    terminal.wait_for(f"{EXIT_MARKER} 137]")
    stored = next(iter(msgspec.json.decode(data.read_bytes())["checkins"].values()))
    assert stored["status"] == "in_progress"
    assert [turn["speaker"] for turn in stored["turns"]] == ["a"]
    terminal.stop()

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("An unfinished check-in")
    terminal.wait_for("Close as it stands")
    terminal.keys("y")
    terminal.wait_for("Alex speaks next")
    terminal.keys("Space")
    terminal.wait_for("Alex is speaking")
    assert "turn 2 of 4" in terminal.text()
