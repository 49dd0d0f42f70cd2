"""The installed `attune` command in a real terminal: setup, quit with q, relaunch."""

from __future__ import annotations

from pathlib import Path

import msgspec

from .conftest import ATTUNE
from .terminal import EXIT_MARKER, Terminal


def test_setup_quit_and_relaunch(terminal: Terminal, tmp_path: Path) -> None:
    data = tmp_path / "home" / "attune.json"
    terminal.start([str(ATTUNE), "--data", str(data)], columns=80, rows=24)
    terminal.wait_for("Welcome to Attune")
    terminal.type("Sam")
    terminal.keys("Tab")
    terminal.wait_for_cursor("Second partner's name")
    terminal.type("Alex")
    terminal.keys("Enter")
    terminal.wait_for("Sam & Alex")
    terminal.keys("q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
    settings = msgspec.json.decode(data.read_bytes())["settings"]["1"]
    assert (settings["partner_a"], settings["partner_b"]) == ("Sam", "Alex")
    terminal.stop()

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("Sam & Alex")
    assert "Check-in" in terminal.text()
    terminal.keys("q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
