"""The Rituals pane with the keys a couple would press; then the file and a relaunch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Button, Checkbox

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.dialogs.ritual import RitualDialog
from tui.panes.rituals import RitualsPane
from tui.store.documents import day_cells
from tui.widgets.ritual_grid import DayHeader

from ..conftest import Launcher
from .helpers import open_pane_answering_its_offer, read_data_file, screen_text


def pane_of(app: AttuneApp) -> RitualsPane:
    return app.screen.query_one(RitualsPane)


def day_marks(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Each day in the file: {ritual key: {person: mark}}."""
    marks: dict[str, dict[str, dict[str, str]]] = {}
    for document in read_data_file(path).get("days", {}).values():
        by_ritual = marks.setdefault(document["day"], {})
        for (key, person), mark in day_cells(document).items():
            by_ritual.setdefault(key, {})[person] = mark
    return marks


def ritual_keys(path: Path) -> dict[str, str]:
    """Each ritual's short key, which day documents use in place of its id, by name."""
    return {doc["name"]: str(doc["key"]) for doc in read_data_file(path)["rituals"].values()}


async def open_rituals(app: AttuneApp, pilot, accept_starters: bool = True) -> RitualsPane:
    await open_pane_answering_its_offer(app, pilot, "2", accept_starters)
    return pane_of(app)


async def open_new_ritual_dialog(app: AttuneApp, pilot) -> RitualDialog:
    """The Rituals pane without the starter set, then `a`: the dialog for a new ritual."""
    await open_rituals(app, pilot, accept_starters=False)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, RitualDialog)
    return app.screen


async def test_tick_untick_backfill_refuse_tomorrow_and_skip(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_rituals(app, pilot)
        # First row: "Talk time, phones away", together; the cursor starts on today.
        await pilot.press("space")
        await pilot.press("left", "space")  # yesterday, forgotten, ticked now
        await pilot.press("left", "s")  # the day before: away, skipped
        await pilot.press("right", "right", "right", "space")  # the cursor stops at today
        await pilot.press("space")  # tick today again...
        text = screen_text(app)
        assert "streak 2 days" in text
        await pilot.press("down", "x")  # Sam's feelings question: explicitly not done today

    talk_time = ritual_keys(set_up_path)["Talk time, phones away (15 min)"]
    question = ritual_keys(set_up_path)["Ask a feelings question, not a logistics one"]
    marks = day_marks(set_up_path)
    assert marks["2026-11-22"][talk_time] == {"together": "done"}
    assert marks["2026-11-21"][talk_time] == {"together": "done"}
    assert marks["2026-11-20"][talk_time] == {"together": "skipped"}
    assert marks["2026-11-22"][question] == {"a": "not_done"}
    assert "2026-11-23" not in marks

    app.store.close()
    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        row = pane_of(relaunched)._rows[0]
        assert [state.value for state in row.view.states[-3:]] == ["skipped", "done", "done"]
        assert "✓" in screen_text(relaunched)


async def test_untick_clears_the_cell_and_the_future_is_refused(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        pane = await open_rituals(app, pilot)
        await pilot.press("space", "space")
        assert pane._rows[0].view.states[-1].value == "open"
        # A tick after midnight, before the 04:00 rollover, counts for the day before.
        clock.advance(15 * 3600)  # Monday 01:30
        pane.reload()
        await pilot.pause()
        assert pane._days[-1].isoformat() == "2026-11-22"
        await pilot.press("space")
    marks = day_marks(set_up_path)
    talk_time = ritual_keys(set_up_path)["Talk time, phones away (15 min)"]
    assert marks["2026-11-22"][talk_time] == {"together": "done"}
    assert "2026-11-23" not in marks


async def test_add_and_archive_a_ritual_and_history_survives(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_ritual_dialog(app, pilot)
        await pilot.press(*"[b]Dance[/b] class", "enter")
        await pilot.pause()
        pane = pane_of(app)
        assert "[b]Dance[/b] class" in screen_text(app)
        await pilot.press("space", "z")
        await pilot.pause()
        assert "[b]Dance[/b] class" not in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert "[b]Dance[/b] class" in screen_text(app)
        assert pane._rows[0].view.states[-1].value == "done", "history survives archiving"

    (stored,) = read_data_file(set_up_path)["rituals"].values()
    assert stored["name"] == "[b]Dance[/b] class" and stored["archived"] is True
    assert day_marks(set_up_path)["2026-11-22"][str(stored["key"])] == {"together": "done"}


async def test_the_ritual_dialog_asks_only_what_the_cadence_needs_and_fits_80_columns(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_new_ritual_dialog(app, pilot)
        times = dialog.query_one("#times-row")
        row = dialog.query_one("#weekday-row")
        assert not times.display and not row.display, "every day: nothing more to ask"
        await pilot.press(*"Sea swim", "tab", "down", "enter")  # "A number of times a week"
        assert times.display and not row.display
        await pilot.press("down", "enter")  # "On chosen days"
        await pilot.pause()
        assert row.display and not times.display
        days = list(row.query(Checkbox))
        assert [str(day.label) for day in days] == "Mon Tue Wed Thu Fri Sat Sun".split()
        assert sum(day.outer_size.width for day in days) <= row.content_size.width

        await pilot.press("tab", "tab", "tab", "tab", "tab")  # Mon..Fri
        await pilot.press("tab", "space", "tab", "space")  # Sat and Sun
        await pilot.pause()
        assert [day.value for day in days] == [False] * 5 + [True, True]
        dialog.query_one("#save", Button).press()
        await pilot.pause()

    (stored,) = read_data_file(set_up_path)["rituals"].values()
    assert stored["name"] == "Sea swim"
    assert stored["cadence"]["kind"] == "weekdays" and stored["cadence"]["weekdays"] == [5, 6]


async def test_finishing_a_check_in_ticks_the_weekly_check_in_ritual(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_rituals(app, pilot)
        await pilot.press("1", "space", "f")
        await pilot.pause()
        await pilot.press("4", "tab", "tab", "4", "tab", "tab", "tab", "enter")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        weekly = next(
            row for row in pane_of(app)._rows if row.track.ritual.name == "Weekly check-in"
        )
        assert weekly.view.states[-1].value == "done"
    checkin_ritual = ritual_keys(set_up_path)["Weekly check-in"]
    assert day_marks(set_up_path)["2026-11-22"][checkin_ritual] == {"together": "done"}


async def test_markup_and_escape_like_names_show_literally(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_ritual_dialog(app, pilot)
        await pilot.press(*"[@click=app.quit]x[/]", "enter")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#name").value = "bell\x07\x1b[2J"
        await pilot.press("enter")
        await pilot.pause()
        assert "control characters" in screen_text(app)
        assert app.is_running
    names = [doc["name"] for doc in read_data_file(set_up_path)["rituals"].values()]
    assert names == ["[@click=app.quit]x[/]"]


async def grid_geometry(app: AttuneApp, pilot) -> tuple[list[date], int, str, set[int]]:
    """What the Rituals grid draws: its days, the header's label width, the first row as
    rendered, and the set of the rows' label widths (one width when every mark sits under its
    day)."""
    await pilot.pause()
    pane = pane_of(app)
    header = pane.query_one(DayHeader)
    first_row = str(pane._rows[0].render())
    return header.days, header.label_width, first_row, {row.view.label_width for row in pane._rows}


async def test_the_grid_sizes_itself_when_shown_after_a_lapse_logged_in_agreements(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_rituals(app, pilot)
        before = await grid_geometry(app, pilot)
        await open_pane_answering_its_offer(app, pilot, "3", accept=True)
        await pilot.press("s", "1", "s", "2", "l", "enter")  # sign by both, log a lapse
        await pilot.pause()
        await pilot.press("2")
        assert await grid_geometry(app, pilot) == before, "sized to the pane as it is shown"
        assert any(row.track.ritual.kind.value == "repair" for row in pane_of(app)._rows)


async def test_the_grid_sizes_itself_when_shown_after_a_check_in_finishes(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_rituals(app, pilot)
        before = await grid_geometry(app, pilot)
        await pilot.press("1", "space", "f")
        await pilot.pause()
        await pilot.press("4", "tab", "tab", "4", "tab", "tab", "tab", "enter")
        await pilot.pause()
        await pilot.press("2")
        assert await grid_geometry(app, pilot) == before, "sized to the pane as it is shown"
