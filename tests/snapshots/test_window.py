"""Pictures of the window at 80x24, the smallest size Attune supports, with fixed data and time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.app import AttuneApp


def test_first_run_setup(snap_compare, data_path: Path, launch: Callable[[Path], AttuneApp]):
    assert snap_compare(launch(data_path), terminal_size=(80, 24))


def test_dashboard(snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]):
    assert snap_compare(launch(set_up_path), terminal_size=(80, 24))


def test_help(snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]):
    assert snap_compare(launch(set_up_path), press=["question_mark"], terminal_size=(80, 24))
