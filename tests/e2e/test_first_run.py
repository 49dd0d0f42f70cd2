"""The installed `attune` command in a real terminal: setup, quit with q, relaunch."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from .terminal import EXIT_MARKER, Terminal, tmux_available

ATTUNE = Path(sys.executable).parent / "attune"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not tmux_available(), reason="tmux is not installed, so no real terminal"),
    pytest.mark.skipif(
        not ATTUNE.exists(),
        reason=f"the attune command is not installed beside {sys.executable}",
    ),
]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    driven = Terminal(tmp_path)
    yield driven
    driven.stop()


def test_setup_quit_and_relaunch(terminal: Terminal, tmp_path: Path) -> None:
    data = tmp_path / "home" / "attune.json"
    terminal.start([str(ATTUNE), "--data", str(data)], columns=80, rows=24)
    terminal.wait_for("Welcome to Attune")
    terminal.type("Sam")
    terminal.keys("Tab")
    terminal.type("Alex")
    terminal.keys("Enter")
    terminal.wait_for("Sam & Alex")
    terminal.keys("q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
    settings = orjson.loads(data.read_bytes())["settings"]["1"]
    assert (settings["partner_a"], settings["partner_b"]) == ("Sam", "Alex")
    terminal.stop()

    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("Sam & Alex")
    assert "Check-in" in terminal.text()
    terminal.keys("q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
