"""Killing Attune mid-turn loses at most that turn: the relaunch offers to resume."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import msgspec

from tui.clock import SystemClock
from tui.store import Store

from ..conftest import make_settings
from .conftest import ATTUNE
from .terminal import EXIT_MARKER, Terminal, pids_of


def test_a_kill_mid_turn_keeps_the_earlier_turns(terminal: Terminal, tmp_path: Path) -> None:
    data = tmp_path / "couple" / "attune.json"
    clock = SystemClock()
    with Store.open(data, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("This week's check-in")
    terminal.keys("Space")
    terminal.wait_for("Sam is speaking")
    terminal.keys("Enter")
    terminal.wait_for("Reflect-back")
    terminal.keys("Enter")
    terminal.wait_for("Alex is speaking")

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
