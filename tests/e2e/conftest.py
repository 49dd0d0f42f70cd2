"""Fixtures for driving the installed `attune` command in a real terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.clock import SystemClock
from tui.store import Store

from ..conftest import make_settings
from .terminal import Terminal, tmux_available

ATTUNE = Path(sys.executable).parent / "attune"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the tests of this folder, saying why, where there is no terminal or no command to
    drive (the suite's conftest marks them `e2e` and `slow`)."""
    skips = []
    if not tmux_available():
        skips.append(pytest.mark.skip(reason="tmux is not installed, so no real terminal"))
    if not ATTUNE.exists():
        skips.append(
            pytest.mark.skip(reason=f"the attune command is not installed beside {sys.executable}")
        )
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            for skip in skips:
                item.add_marker(skip)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A private tmux terminal, ended after the test."""
    driven = Terminal(tmp_path)
    yield driven
    driven.stop()


def set_up_file(tmp_path: Path, **settings: object) -> Path:
    """A data file that has been through the first-run setup, on the real clock."""
    data = tmp_path / "couple" / "attune.json"
    clock = SystemClock()
    with Store.open(data, clock) as store:
        store.set_up(make_settings(**settings), created=clock.now().isoformat())
    return data


def start_a_check_in(terminal: Terminal, data: Path) -> None:
    """Launch Attune on `data` (set up for the clock alone) and hand the first turn over: Alex is
    speaking."""
    terminal.start([str(ATTUNE), "--data", str(data)], columns=100, rows=30)
    terminal.wait_for("This week's check-in")
    terminal.keys("Space")
    terminal.wait_for("Sam is speaking")
    terminal.keys("Enter")
    terminal.wait_for("Reflect-back")
    terminal.keys("Enter")
    terminal.wait_for("Alex is speaking")
