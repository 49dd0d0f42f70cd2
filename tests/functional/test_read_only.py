"""A data file on a read-only disk opens to look: a banner says so, and every change says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import AttuneApp
from tui.panes.agreements import AgreementsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import READ_ONLY_NOTICE

from ..conftest import Launcher
from ..unit.test_data_paths import listing, read_only_disk
from .helpers import pane_key, screen_text
from .test_faults import today_cell
from .test_rituals import open_rituals


async def test_a_read_only_file_shows_a_banner_and_a_tick_says_it_cannot_be_saved(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_rituals(app, pilot)  # the starter rituals, saved while the disk was writable
    app.store.close()
    before = listing(set_up_path.parent)
    read_only_disk(monkeypatch, set_up_path.parent)

    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert READ_ONLY_NOTICE in " ".join(screen_text(app).split())
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "Not saved" in text and "can't be changed here" in text
        assert today_cell(app) == "[○]", "the screen must not show a tick the disk lacks"
    assert listing(set_up_path.parent) == before, "the file, its backups and lock: untouched"


async def test_a_writable_file_shows_no_read_only_banner(
    set_up_path: Path, launch: Launcher
) -> None:
    app: AttuneApp = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#read-only-banner")


async def test_a_read_only_file_offers_no_starter_set_it_could_not_keep(
    set_up_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.dialogs.confirm import ConfirmDialog

    read_only_disk(monkeypatch, set_up_path.parent)
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for pane in (RitualsPane, AgreementsPane, RitualsPane, AgreementsPane):
            await pilot.press(pane_key(pane))
            await pilot.pause()
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmDialog), "nothing is offered to keep"
