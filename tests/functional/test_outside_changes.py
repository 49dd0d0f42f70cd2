"""The data file changed by another program (a file-sync tool) while the app is open."""

from __future__ import annotations

from pathlib import Path

import msgspec

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.speaking import Phase
from tui.dialogs.confirm import ConfirmDialog
from tui.panes.checkin import CheckinPane

from ..conftest import Launcher
from .helpers import read_data_file, screen_text
from .test_checkin import run_for
from .test_rituals import day_marks, open_rituals

RENAMED = "Walk together after dinner"


def rename_first_ritual_behind_the_app(path: Path) -> bytes:
    """What a sync tool bringing the other computer's copy would do: a new file, in place."""
    data = read_data_file(path)
    first = min(data["rituals"].values(), key=lambda ritual: ritual["position"])
    first["name"] = RENAMED
    payload = msgspec.json.encode(data)
    path.write_bytes(payload)
    return payload


def today_cell(app: AttuneApp, name: str) -> str:
    """The cell of ritual `name` under the cursor (today): [✓] once ticked, [○] before."""
    row = next(line for line in screen_text(app).splitlines() if name in line)
    return row[row.index("[") : row.index("]") + 1]


async def test_a_tick_over_a_file_changed_outside_offers_a_reload_and_then_saves(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_rituals(app, pilot)
        outside = rename_first_ritual_behind_the_app(set_up_path)

        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "the reload is offered"
        text = screen_text(app)
        assert "changed outside Attune" in text and "nothing was saved" in text
        assert "Reload now" in text
        assert set_up_path.read_bytes() == outside, "the outside change is not overwritten"

        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert RENAMED in screen_text(app), "the outside change shows"
        assert today_cell(app, RENAMED) == "[○]"

        await pilot.press("space")
        await pilot.pause()
        assert today_cell(app, RENAMED) == "[✓]"
    assert day_marks(set_up_path)["2026-11-22"], "the tick reached the file"
    assert RENAMED in {ritual["name"] for ritual in read_data_file(set_up_path)["rituals"].values()}


async def test_declining_the_reload_keeps_the_outside_file_and_the_screen_as_it_was(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_rituals(app, pilot)
        outside = rename_first_ritual_behind_the_app(set_up_path)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert today_cell(app, "Talk time, phones") == "[○]"
    assert set_up_path.read_bytes() == outside


def change_settings_behind_the_app(path: Path) -> None:
    """The other computer's copy, synced in: new names, another time zone, another theme."""
    data = read_data_file(path)
    settings = data["settings"]["1"]
    settings.update(partner_a="Robin", partner_b="Kai", time_zone="America/New_York")
    settings["theme"] = "nord"
    path.write_bytes(msgspec.json.encode(data))


async def test_a_reload_keeps_the_running_check_in_and_applies_the_settings_read_again(
    clock_only_set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    path = clock_only_set_up_path
    app = launch(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("space")
        pane = app.screen.query_one(CheckinPane)
        await run_for(pane, clock, 90, pilot)
        change_settings_behind_the_app(path)

        await pilot.press("enter")  # the hand-over finds the file changed: a reload is offered
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()

        pane = app.screen.query_one(CheckinPane)
        talk = pane.talk
        assert talk is not None and talk.phase is Phase.REFLECT_BACK, "the check-in goes on"
        await run_for(pane, clock, 20, pilot)
        assert talk.elapsed_ms() == 20_000, "its reflect-back runs on, uninterrupted"
        text = screen_text(app)
        assert "Reflect-back: Kai → Robin" in text, text
        assert app.screen.sub_title == "Robin & Kai" and "Robin & Kai" in text
        assert app.clock.time_zone == "America/New_York"
        assert app.theme == "nord"
        (stored,) = read_data_file(path)["checkins"].values()
        assert [turn["spoken_ms"] for turn in stored["turns"]] == [90_000], "saved once reloaded"

        await pilot.press("enter")  # heard: saving works again, and the next turn starts
        await pilot.pause()
        assert talk.phase is Phase.SPEAKING and "Kai is speaking" in screen_text(app)
    data = read_data_file(path)
    assert data["settings"]["1"]["partner_a"] == "Robin", "the outside change is kept"
    (stored,) = data["checkins"].values()
    assert [turn["heard"] for turn in stored["turns"]] == [True]
