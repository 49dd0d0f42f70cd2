"""Killing Attune during the agenda's first step keeps what was written: the relaunch offers to
resume, and the appreciations are back on screen."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import msgspec

from .conftest import ATTUNE, set_up_file
from .terminal import EXIT_MARKER, Terminal, pids_of


def test_a_kill_during_the_appreciations_keeps_them(terminal: Terminal, tmp_path: Path) -> None:
    data = set_up_file(tmp_path)
    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("This week's check-in")
    terminal.keys("Space")
    terminal.wait_for("Step 1 of 6 · Appreciations")
    terminal.keys("w")
    terminal.wait_for("Sam appreciates Alex for…")
    terminal.type("the tea in bed")
    terminal.keys("Tab", "Tab", "Tab")  # past Sam's two other lines, to Alex's first
    terminal.wait_for_cursor("Alex appreciates Sam for…", rows_up=1)
    terminal.type("fixing the gate")
    terminal.keys("C-s")
    terminal.wait_for("• fixing the gate")
    assert "• the tea in bed" in terminal.text()

    (pid,) = pids_of(ATTUNE, str(data))
    os.kill(pid, signal.SIGKILL)
    terminal.wait_for(f"{EXIT_MARKER} 137]")
    (stored,) = msgspec.json.decode(data.read_bytes())["checkins"].values()
    assert stored["status"] == "in_progress" and stored["step"] == "appreciations"
    assert stored["appreciations"] == [
        {"by": "a", "text": "the tea in bed"},
        {"by": "b", "text": "fixing the gate"},
    ]
    terminal.stop()

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("An unfinished check-in")
    terminal.wait_for("Close as it stands")
    terminal.keys("y")
    terminal.wait_for("Step 1 of 6 · Appreciations")
    terminal.wait_for("• fixing the gate")
    assert "• the tea in bed" in terminal.text()
