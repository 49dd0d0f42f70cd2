"""Faults while the app runs: the disk fills, the file turns read-only, the folder vanishes.

Each time the couple is told in words that the change was not saved, the screen goes on
showing what is on disk, and the same key works once the fault is gone.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tui.app import AttuneApp
from tui.store import storage

from ..conftest import Launcher
from .helpers import read_data_file, screen_text
from .test_agreements import open_agreements, stored_agreements
from .test_rituals import day_marks, open_rituals


def failing_saves(monkeypatch: pytest.MonkeyPatch, code: int) -> Callable[[], None]:
    """Make every save fail with `code` until the returned function is called."""
    real = storage.write_atomically

    def refuse(path: Path, payload: bytes, retire: object = None) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(storage, "write_atomically", refuse)
    return lambda: monkeypatch.setattr(storage, "write_atomically", real)


@contextmanager
def folder_gone(path: Path) -> Iterator[None]:
    """Move the data file's folder away (as a deleted folder or an unplugged disk), then back."""
    aside = path.parent.with_name(path.parent.name + "-away")
    shutil.move(path.parent, aside)
    try:
        yield
    finally:
        shutil.move(aside, path.parent)


def today_cell(app: AttuneApp) -> str:
    """The cell under the cursor (today, on the first row): [✓] once ticked, [○] before."""
    row = next(line for line in screen_text(app).splitlines() if "Talk time, phones" in line)
    return row[row.index("[") : row.index("]") + 1]


FAULTS = {
    "disk full": (errno.ENOSPC, "the disk is full"),
    "read-only file": (errno.EACCES, "read-only"),
    "read-only disk": (errno.EROFS, "mounted read-only"),
}


@pytest.mark.parametrize("code,words", FAULTS.values(), ids=FAULTS.keys())
async def test_a_tick_that_cannot_be_saved_is_not_shown_and_works_after(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_rituals(app, pilot)
        before = set_up_path.read_bytes()
        fault_gone = failing_saves(monkeypatch, code)
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "Not saved" in text and words in text
        assert set_up_path.read_bytes() == before
        assert today_cell(app) == "[○]", "the screen must not show a tick the disk lacks"

        fault_gone()
        app.clear_notifications()
        await pilot.press("space")
        await pilot.pause()
        assert today_cell(app) == "[✓]"
        assert "Not saved" not in screen_text(app)
    assert day_marks(set_up_path)["2026-11-22"], "the tick reached the file"


async def test_when_the_folder_disappears_nothing_is_lost_once_it_is_back(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_rituals(app, pilot)
        rituals_before = read_data_file(set_up_path)["rituals"]
        with folder_gone(set_up_path):
            await pilot.press("space")
            await pilot.pause()
            text = screen_text(app)
            assert "no longer exists" in text and "saves it in full" in text
            assert today_cell(app) == "[○]"
            assert not set_up_path.parent.exists()
        app.clear_notifications()
        await pilot.press("space")
        await pilot.pause()
        assert today_cell(app) == "[✓]"
    assert read_data_file(set_up_path)["rituals"] == rituals_before, "nothing saved earlier is lost"
    assert day_marks(set_up_path)["2026-11-22"]


async def test_a_plan_change_that_cannot_be_saved_keeps_the_old_plan(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await pilot.pause()
        fault_gone = failing_saves(monkeypatch, errno.ENOSPC)
        await pilot.press("down", "right")  # turn length 5 -> 6 minutes
        await pilot.pause()
        text = screen_text(app)
        assert "Plan not changed" in text and "5 min" in text and "6 min" not in text
        fault_gone()
        await pilot.press("right")
        await pilot.pause()
        assert "6 min" in screen_text(app)
    assert read_data_file(set_up_path)["settings"]["1"]["turn_minutes"] == 6


async def test_a_signature_that_cannot_be_saved_is_not_shown(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await open_agreements(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"We talk weekly", "enter")
        await pilot.pause()
        fault_gone = failing_saves(monkeypatch, errno.EROFS)
        await pilot.press("s", "1")
        await pilot.pause()
        text = screen_text(app)
        assert "Not saved" in text and "PROPOSED" in text
        assert stored_agreements(set_up_path)[0]["signatures"] == []
        fault_gone()
        await pilot.press("s", "1")
        await pilot.pause()
        await pilot.press("s", "2")
        await pilot.pause()
        assert "ACTIVE" in screen_text(app)
    assert sorted(stored_agreements(set_up_path)[0]["signatures"]) == ["a", "b"]


async def test_a_theme_that_cannot_be_saved_is_undone(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await pilot.pause()
        fault_gone = failing_saves(monkeypatch, errno.ENOSPC)
        app.theme = "nord"
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert "Theme not saved" in screen_text(app)
        fault_gone()
        app.theme = "nord"
        await pilot.pause()
    assert read_data_file(set_up_path)["settings"]["1"]["theme"] == "nord"


async def test_a_finished_check_in_that_cannot_be_saved_stays_open_and_finishes_after(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One fault is enough here: how each fault is told is the ticks' test above.
    code, words = FAULTS["disk full"]
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("space", *"sssss")  # every step but the last skipped
        await pilot.pause()
        assert "Step 6 of 6 · Looking ahead" in screen_text(app)
        fault_gone = failing_saves(monkeypatch, code)
        await pilot.press("enter")  # the last step: enter finishes
        await pilot.pause()
        text = screen_text(app)
        assert "not saved, so not finished yet" in text and words in text
        assert "Check-in finished" not in text, "the screen must not show what the disk lacks"
        assert "Step 6 of 6 · Looking ahead" in text, "the meeting stays where it was"
        (stored,) = read_data_file(set_up_path)["checkins"].values()
        assert (stored["status"], stored["step"]) == ("in_progress", "looking_ahead")

        fault_gone()
        app.clear_notifications()
        await pilot.press("enter")
        await pilot.pause()
        assert "Check-in finished" in screen_text(app)
    (stored,) = read_data_file(set_up_path)["checkins"].values()
    assert stored["status"] == "finished" and stored["ended_at"]
