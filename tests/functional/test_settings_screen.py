"""The Settings screen: each field with good and hostile input, one save, and every pane at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import msgspec
import pendulum
import pytest
from textual.widgets import Input, OptionList, Select

from bench.history import build
from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpScreen
from tui.panes.rituals import RitualsPane
from tui.screens.main import MainScreen
from tui.screens.settings import DefaultPlanEditor, SettingsScreen
from tui.store import Store
from tui.store.atomic import write_atomically

from ..conftest import Launcher
from .helpers import open_pane_answering_its_offer, read_data_file, screen_text, widget_text

SIZE = (80, 24)


def stored_settings(path: Path) -> dict:
    return read_data_file(path)["settings"]["1"]


async def open_settings(app: AttuneApp, pilot) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def save(pilot) -> None:
    """Save, then let the dashboard apply what was saved."""
    await pilot.press("ctrl+s")
    for _ in range(3):
        await pilot.pause()


def typed(screen: SettingsScreen, field: str, text: str) -> None:
    """Put `text` in a field as a paste would, control characters and all."""
    screen.query_one(f"#{field}", Input).value = text


def problem(app: AttuneApp) -> str:
    return widget_text(app, "#settings-problem")


def rituals_today(app: AttuneApp) -> date:
    """The last column of the Rituals grid: the day it treats as today."""
    return app.screen.query_one(RitualsPane).board.days[-1]


# --- opening and leaving -----------------------------------------------------------------------


async def test_s_opens_settings_and_escape_goes_back_without_saving(
    set_up_path: Path, launch: Launcher
) -> None:
    before = set_up_path.read_bytes()
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {bound.binding.id for bound in app.screen.active_bindings.values()}
        assert "settings.open" in shown
        screen = await open_settings(app, pilot)
        await pilot.press("escape")  # nothing changed: back at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        screen = await open_settings(app, pilot)
        assert app.focused is screen.query_one("#first-name")
        await pilot.press("end", *["backspace"] * 3, *"Robin")  # a rename, typed
        for keep_writing in ("escape", "enter"):
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), "escape asks before dropping a rename"
            await pilot.press(keep_writing)
            await pilot.pause()
            assert app.screen is screen and app.focused is screen.query_one("#first-name")
            assert screen.query_one("#first-name", Input).value == "Robin"
        await pilot.press(*["backspace"] * 5, *"Sam")  # the name as it was: only the plan differs
        screen.query_one(DefaultPlanEditor).focus()
        await pilot.press("right")  # a longer turn
        await pilot.pause()
        assert screen.has_unsaved_changes(), "a change to the plan is a change too"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # discard
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Sam & Alex" in screen_text(app)
    assert set_up_path.read_bytes() == before


async def test_the_palette_offers_settings(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert "key S" in commands["Settings"].help
        commands["Settings"].callback()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_f1_shows_the_keys_of_settings(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Save every change" in app.screen.markdown
        assert "Copy your data file beside the daily backups now" in app.screen.markdown


async def test_saving_nothing_changed_writes_nothing(set_up_path: Path, launch: Launcher) -> None:
    before = set_up_path.read_bytes()
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await save(pilot)
        assert isinstance(app.screen, MainScreen)
    assert set_up_path.read_bytes() == before


# --- names -------------------------------------------------------------------------------------


async def test_a_rename_shows_at_once_everywhere_and_survives_a_relaunch(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pane_answering_its_offer(app, pilot, "2", accept=True)
        assert "Sam" in screen_text(app)
        screen = await open_settings(app, pilot)
        first = screen.query_one("#first-name", Input)
        first.value = ""
        await pilot.press(*"[bold]Robin[/]")
        await save(pilot)
        assert isinstance(app.screen, MainScreen)
        shown = screen_text(app)
        assert "[bold]Robin[/] & Alex" in shown, "the header, literally"
        assert "Sam" not in shown, "the Rituals pane redrew with the new name"
    app.store.close()  # the relaunch below needs the lock
    settings = stored_settings(set_up_path)
    assert (settings["partner_a"], settings["partner_b"]) == ("[bold]Robin[/]", "Alex")

    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[bold]Robin[/] & Alex" in screen_text(relaunched)
        screen = await open_settings(relaunched, pilot)
        assert screen.query_one("#first-name", Input).value == "[bold]Robin[/]"


async def test_a_rename_keeps_every_record_of_that_partner(
    data_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    data_path.parent.mkdir(parents=True)
    write_atomically(data_path, msgspec.json.encode(build(1, today=clock.now().date())))
    with Store.open(data_path, clock) as store:
        checkins_before, agreements_before = store.checkins(), store.agreements()
        marks_before = store.mark_book()._by_day
    app = launch(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "first-name", "Robin")
        await save(pilot)
    app.store.close()  # the relaunch below needs the lock
    relaunched = launch(data_path)
    async with relaunched.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        # The history table's columns are named by partner: Robin's column holds Sam's turns.
        assert "Robin" in screen_text(relaunched)
        assert "Sam" not in screen_text(relaunched)
    relaunched.store.close()
    with Store.open(data_path, clock) as store:
        assert store.settings().partners.a == "Robin"
        assert store.checkins() == checkins_before
        assert store.agreements() == agreements_before
        assert store.mark_book()._by_day == marks_before


@pytest.mark.parametrize(
    ("first", "second", "complaint", "field"),
    [
        ("", "Alex", "Please enter the first partner's name.", "first-name"),
        ("   ", "Alex", "Please enter the first partner's name.", "first-name"),
        ("x" * 41, "Alex", "at most 40 characters (this one has 41)", "first-name"),
        ("Sam", "sam", "The two names need to differ", "second-name"),
        ("Sam", "\x1b[2J\x1b[31m", "can't contain control characters", "second-name"),
        ("Sam\tSmith", "Alex", "can't contain control characters", "first-name"),
        ("Sam", "Al\ud800ex", "broken character", "second-name"),
    ],
)
async def test_names_that_cannot_be_kept_are_explained_and_nothing_is_saved(
    set_up_path: Path, launch: Launcher, first: str, second: str, complaint: str, field: str
) -> None:
    before = set_up_path.read_bytes()
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "first-name", first)
        typed(screen, "second-name", second)
        await save(pilot)
        assert app.screen is screen
        assert complaint in problem(app)
        assert app.focused is screen.query_one(f"#{field}")
    assert set_up_path.read_bytes() == before


# --- the time zone -----------------------------------------------------------------------------


async def test_typing_filters_the_zones_enter_takes_the_first_and_the_time_there_shows(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        zone = screen.query_one("#time-zone", Input)
        assert "It is 10:30 on Sunday 22 November there." in widget_text(app, "#time-zone-now")
        zone.value = ""
        zone.focus()
        await pilot.press(*"new york")
        matches = screen.query_one("#time-zone-matches", OptionList)
        assert [str(matches.get_option_at_index(0).prompt)] == ["America/New_York"]
        await pilot.press("enter")
        assert zone.value == "America/New_York"
        assert app.screen is screen, "Enter took the match; it did not save yet"
        assert "It is 05:30 on Sunday 22 November there." in widget_text(app, "#time-zone-now")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.clock.time_zone == "America/New_York"
    assert stored_settings(set_up_path)["time_zone"] == "America/New_York"


async def test_a_zone_can_be_chosen_from_the_list(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "time-zone", "kolk")
        await pilot.pause()
        screen.query_one("#time-zone-matches", OptionList).focus()
        await pilot.press("enter")
        assert screen.query_one("#time-zone", Input).value == "Asia/Kolkata"
        assert "It is 16:00" in widget_text(app, "#time-zone-now")


@pytest.mark.parametrize(
    ("zone", "complaint"),
    [
        ("[red]Mars/Base", "“[red]Mars/Base” is not a time zone Attune knows"),
        ("../../etc/passwd", "is not a time zone Attune knows"),
        ("\x1b[2J", "is not a time zone Attune knows"),
        ("x" * 5000, "is not a time zone Attune knows"),
        ("", "Please enter a time zone"),
    ],
)
async def test_a_zone_attune_does_not_know_is_explained(
    set_up_path: Path, launch: Launcher, zone: str, complaint: str
) -> None:
    before = set_up_path.read_bytes()
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "time-zone", zone)
        await pilot.pause()
        assert "Type or choose a time zone" in widget_text(app, "#time-zone-now")
        await save(pilot)
        assert app.screen is screen
        assert complaint in problem(app)
        assert app.focused is screen.query_one("#time-zone")
        assert app.clock.time_zone == "Europe/London"
    assert set_up_path.read_bytes() == before


async def test_a_zone_change_across_a_daylight_saving_change_moves_today(
    set_up_path: Path,
) -> None:
    # 06:30 UTC on Sunday 14 March 2027: 06:30 in London, 01:30 in New York, where the clocks
    # go forward at 2 am. An hour later it is 03:30 there, not 02:30.
    clock = FixedClock(pendulum.datetime(2027, 3, 14, 6, 30, tz="UTC"), time_zone="Europe/London")
    with Store.open(set_up_path, clock) as store:
        app = AttuneApp(store, clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_pane_answering_its_offer(app, pilot, "2", accept=True)
            assert rituals_today(app) == date(2027, 3, 14)
            screen = await open_settings(app, pilot)
            typed(screen, "time-zone", "America/New_York")
            typed(screen, "rollover-hour", "3")
            await pilot.pause()
            assert "So today counts as Saturday 13 March." in widget_text(app, "#today-counts-as")
            await save(pilot)
            assert rituals_today(app) == date(2027, 3, 13), "at once, in the new zone"
            clock.advance(3600)
            app.screen.follow_the_day()  # what the rollover timer does
            await pilot.pause()
            assert rituals_today(app) == date(2027, 3, 14)


# --- the hour a new day starts -----------------------------------------------------------------


async def test_a_new_rollover_hour_moves_today_in_the_rituals_grid_at_once(
    set_up_path: Path,
) -> None:
    clock = FixedClock(pendulum.datetime(2026, 11, 22, 0, 30, tz="Europe/London"))
    with Store.open(set_up_path, clock) as store:
        app = AttuneApp(store, clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_pane_answering_its_offer(app, pilot, "2", accept=True)
            assert rituals_today(app) == date(2026, 11, 21), "half past midnight: still Saturday"
            screen = await open_settings(app, pilot)
            explanation = widget_text(app, "#rollover-explanation")
            assert "a tick at 1 am still counts for the evening before" in explanation
            field = screen.query_one("#rollover-hour", Input)
            field.value = ""
            field.focus()
            await pilot.press("0")
            assert "So today counts as Sunday 22 November." in widget_text(app, "#today-counts-as")
            await save(pilot)
            assert rituals_today(app) == date(2026, 11, 22)

            screen = await open_settings(app, pilot)
            typed(screen, "rollover-hour", "1")
            await save(pilot)
            assert rituals_today(app) == date(2026, 11, 21)
    assert stored_settings(set_up_path)["day_rollover_hour"] == 1


@pytest.mark.parametrize("hour", ["24", "99", "-1", "4.5", "²", "four", "[b]4", ""])
async def test_an_hour_out_of_range_is_explained(
    set_up_path: Path, launch: Launcher, hour: str
) -> None:
    before = set_up_path.read_bytes()
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "rollover-hour", hour)
        await pilot.pause()
        assert widget_text(app, "#today-counts-as") == ""
        await save(pilot)
        assert "The hour a new day starts must be a whole number from 0 to 23." in problem(app)
        assert app.focused is screen.query_one("#rollover-hour")
    assert set_up_path.read_bytes() == before


# --- the choices -------------------------------------------------------------------------------


async def test_every_choice_is_saved_in_one_write_and_applied(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#week-start", Select).value = "sunday"
        screen.query_one("#checkin-weekday", Select).value = "wednesday"
        screen.query_one("#language-a", Select).value = "touch"
        screen.query_one("#language-b", Select).value = "acts"
        screen.query_one("#theme", Select).value = "nord"
        editor = screen.query_one(DefaultPlanEditor)
        editor.focus()
        await pilot.press("right")  # turn length: 5 -> 6 minutes
        await pilot.press("down", "down", "left")  # reflect-back: 1 minute -> none
        assert "6 min" in str(editor.render())
        assert "Speaks first" not in str(editor.render()), "chosen each week, not here"

        writes = []
        update = app.store.update_settings

        def counted(**changes: object):
            writes.append(changes)
            return update(**changes)

        app.store.update_settings = counted  # type: ignore[method-assign]
        await save(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.theme == "nord"
    assert writes == [
        {
            "love_language_a": "touch",
            "love_language_b": "acts",
            "week_start": "sunday",
            "checkin_weekday": "wednesday",
            "theme": "nord",
            "turn_minutes": 6,
            "reflect_back_minutes": 0,
        }
    ]
    settings = stored_settings(set_up_path)
    assert settings["week_start"] == "sunday"
    assert settings["checkin_weekday"] == "wednesday"
    assert (settings["love_language_a"], settings["love_language_b"]) == ("touch", "acts")
    assert (settings["turn_minutes"], settings["reflect_back_minutes"]) == (6, 0)


async def test_the_plan_stops_at_its_limits(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one(DefaultPlanEditor).focus()
        await pilot.press(*["left"] * 8)  # turn length: 5 minutes, down to 1 and no further
        await save(pilot)
    assert stored_settings(set_up_path)["turn_minutes"] == 1


async def test_a_setting_changed_elsewhere_meanwhile_is_not_written_back(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        app.theme = "gruvbox"  # what the palette's theme picker does, over the open screen
        await pilot.pause()
        typed(screen, "rollover-hour", "2")
        await save(pilot)
        assert app.theme == "gruvbox"
    settings = stored_settings(set_up_path)
    assert (settings["theme"], settings["day_rollover_hour"]) == ("gruvbox", 2)


async def test_every_change_survives_a_relaunch(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "second-name", "Alexis")
        typed(screen, "time-zone", "asia/kolkata")
        typed(screen, "rollover-hour", "0")
        screen.query_one("#week-start", Select).value = "saturday"
        screen.query_one("#checkin-weekday", Select).value = "friday"
        screen.query_one("#language-b", Select).value = "gifts"
        screen.query_one("#theme", Select).value = "dracula"
        await save(pilot)
    app.store.close()  # the relaunch below needs the lock

    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert relaunched.theme == "dracula"
        assert relaunched.clock.time_zone == "Asia/Kolkata"
        screen = await open_settings(relaunched, pilot)
        assert screen.query_one("#second-name", Input).value == "Alexis"
        assert screen.query_one("#time-zone", Input).value == "Asia/Kolkata"
        assert screen.query_one("#rollover-hour", Input).value == "0"
        assert screen.query_one("#week-start", Select).value == "saturday"
        assert screen.query_one("#checkin-weekday", Select).value == "friday"
        assert screen.query_one("#language-b", Select).value == "gifts"
        assert screen.query_one("#theme", Select).value == "dracula"


async def test_a_save_the_disk_refuses_is_explained_and_the_screen_stays(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        typed(screen, "first-name", "Robin")
        set_up_path.write_bytes(set_up_path.read_bytes() + b" ")  # another program's change
        await save(pilot)
        assert app.screen is screen
        assert "changed" in problem(app).lower()
        assert app.store.settings().partners.a == "Sam"


# --- your data ---------------------------------------------------------------------------------


async def test_your_data_shows_the_file_and_back_up_now_adds_a_copy(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_settings(app, pilot)
        size = set_up_path.stat().st_size
        assert widget_text(app, "#data-file") == f"{set_up_path} ({size} bytes)"
        # The daily copy, taken once the dashboard showed.
        assert widget_text(app, "#newest-backup").startswith(
            "Sunday 22 November 2026: attune-2026-11-22.json"
        )
        clock.advance(15 * 60)
        await pilot.press("ctrl+b")
        await pilot.pause()
        copy = set_up_path.parent / "backups" / "attune-2026-11-22-104500.json"
        assert copy.read_bytes() == set_up_path.read_bytes()
        assert widget_text(app, "#newest-backup").startswith(
            "Sunday 22 November 2026 at 10:45: attune-2026-11-22-104500.json"
        )
        assert "Backed up as attune-2026-11-22-104500.json." in [
            notification.message for notification in app._notifications
        ]
        assert app.screen is screen, "backing up does not leave the screen"


async def test_a_backup_that_cannot_be_written_is_explained(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await open_settings(app, pilot)
        folder = set_up_path.parent / "backups"
        for old in folder.iterdir():
            old.unlink()
        folder.rmdir()
        folder.write_text("in the way")
        app.screen.query_one("#back-up-now").press()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any("in the way" in message for message in messages)
        assert app.is_running


@pytest.mark.parametrize(
    ("key", "button", "form"),
    [("ctrl+r", "#write-report", "ReportDialog"), ("ctrl+t", "#write-calendar", "CalendarDialog")],
)
async def test_your_data_writes_the_report_and_the_calendar_file(
    set_up_path: Path, launch: Launcher, key: str, button: str, form: str
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        screen.query_one(button).press()
        await pilot.pause()
        assert type(app.screen).__name__ == form
        await pilot.press("ctrl+s")  # writes beside the data file, as the form suggests
        await pilot.pause()
        written = [path for path in set_up_path.parent.iterdir() if path.suffix in {".md", ".ics"}]
        assert len(written) == 1 and written[0].stat().st_mode & 0o777 == 0o600
