"""The Rituals pane with the keys a couple would press; then the file and a relaunch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.segment import Segment
from textual.message import Message
from textual.widgets import Button, Checkbox

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.dialogs.ritual import RitualDialog
from tui.keys import hint_line
from tui.panes.agreements import AgreementsPane
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane
from tui.store import Store
from tui.store.ritual_documents import day_cells
from tui.widgets.ritual_grid import DayHeader, RitualGrid, RitualRow
from tui.widgets.year_heatmap import YearHeatmap

from ..conftest import Launcher, make_settings
from .helpers import (
    open_pane_answering_its_offer,
    pane_key,
    read_data_file,
    screen_text,
    widget_text,
)


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
    await open_pane_answering_its_offer(app, pilot, RitualsPane, accept_starters)
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
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        row = pane_of(relaunched).grid.rows[0]
        assert [state.value for state in row.view.states[-3:]] == ["skipped", "done", "done"]
        assert "✓" in screen_text(relaunched)


async def test_untick_clears_the_cell_and_the_future_is_refused(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        pane = await open_rituals(app, pilot)
        await pilot.press("space", "space")
        assert pane.grid.rows[0].view.states[-1].value == "open"
        # A tick after midnight, before the 04:00 rollover, counts for the day before.
        clock.advance(15 * 3600)  # Monday 01:30
        pane.reload()
        await pilot.pause()
        assert pane.board.days[-1].isoformat() == "2026-11-22"
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
        assert pane.grid.rows[0].view.states[-1].value == "done", "history survives archiving"

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
        await pilot.press(*"Sea swim", "tab", "down")  # "A number of times a week"
        assert times.display and not row.display
        await pilot.press("down")  # "On chosen days"
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
        # Every step of the agenda skipped still makes a check-in held this week.
        await pilot.press(pane_key(CheckinPane), "space", *"ssssss")
        await pilot.pause()
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        weekly = next(
            row for row in pane_of(app).grid.rows if row.track.ritual.name == "Weekly check-in"
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


async def grid_geometry(app: AttuneApp, pilot) -> tuple[list[date], int, str, set[tuple[int, int]]]:
    """What the Rituals grid draws: its days, the width before the header's first day, the
    first row as rendered, and the set of the rows' (name, partner) column widths (one pair
    when every mark sits under its day)."""
    await pilot.pause()
    pane = pane_of(app)
    header = pane.query_one(DayHeader)
    rows = pane.grid.rows
    first_row = str(rows[0].render())
    widths = {(row.view.name_width, row.view.who_width) for row in rows}
    return header.days, header.lead_width, first_row, widths


async def test_the_grid_sizes_itself_when_shown_after_a_lapse_logged_in_agreements(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_rituals(app, pilot)
        before = await grid_geometry(app, pilot)
        await open_pane_answering_its_offer(app, pilot, AgreementsPane, accept=True)
        await pilot.press("s", "1", "s", "2", "l", "enter")  # sign by both, log a lapse
        await pilot.pause()
        await pilot.press(pane_key(RitualsPane))
        assert await grid_geometry(app, pilot) == before, "sized to the pane as it is shown"
        assert any(row.track.ritual.kind.value == "repair" for row in pane_of(app).grid.rows)


async def test_the_grid_sizes_itself_when_shown_after_a_check_in_finishes(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_rituals(app, pilot)
        before = await grid_geometry(app, pilot)
        # Every step of the agenda skipped still makes a check-in held this week.
        await pilot.press(pane_key(CheckinPane), "space", *"ssssss")
        await pilot.pause()
        await pilot.press(pane_key(RitualsPane))
        assert await grid_geometry(app, pilot) == before, "sized to the pane as it is shown"


async def test_the_grid_moves_its_own_cursor_and_tells_the_pane(
    set_up_path: Path, launch: Launcher
) -> None:
    moves: list[tuple[int, int]] = []

    def note(message: Message) -> None:
        if isinstance(message, RitualGrid.CursorMoved):
            moves.append((message.row, message.column))

    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), message_hook=note) as pilot:
        pane = await open_rituals(app, pilot)
        grid = pane.grid
        assert app.focused is grid, "the grid has the keyboard"
        today = len(pane.board.days) - 1
        assert (grid.cursor_row, grid.cursor_column) == (0, today)
        await pilot.press("down", "down", "down", "left")
        await pilot.pause()
        assert (grid.cursor_row, grid.cursor_column) == (3, today - 1)
        assert moves[-1] == (3, today - 1), "each move is announced"
        detail = widget_text(app, "#ritual-detail")
        assert detail.startswith("One act in your partner's love language · Sam")
        assert "Saturday 21 November: before this ritual began" in detail
        assert "Alex's love language is not recorded yet (L)" in detail
        await pilot.press("up", "up", "up", "up", "right", "right")  # it stops at the edges
        await pilot.pause()
        assert (grid.cursor_row, grid.cursor_column) == (0, today)
        assert widget_text(app, "#ritual-detail").startswith("Talk time, phones away")


async def test_only_the_keys_that_work_now_are_offered(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_rituals(app, pilot, accept_starters=False)

        def hint() -> str:
            return widget_text(app, "#ritual-keys")

        assert hint() == "a add · v show archived · L love languages", "no ritual: nothing to tick"
        assert "No rituals yet. Press a to add one." in screen_text(app)
        await pilot.press("space", "K")  # nothing happens, nothing breaks
        await pilot.press("a", *"Walk", "enter")
        await pilot.pause()
        await pilot.press("a", *"Dance", "enter")
        await pilot.pause()
        assert pane.grid.cursor_row == 1, "the cursor goes to the new ritual"
        assert hint() == hint_line(pane)
        assert "K move up" in hint() and "J move down" not in hint(), "the last cannot go down"
        assert hint().startswith("space tick · s skip day · x not done · a add · e edit")
        footer = screen_text(app).splitlines()[-1]
        assert "Tick" in footer and "Skip day" in footer

        await pilot.press("K")
        await pilot.pause()
        assert [row.track.ritual.name for row in pane.grid.rows] == ["Dance", "Walk"]
        assert pane.grid.cursor_row == 0, "the cursor follows the ritual it moved"
        assert "J move down" in hint() and "K move up" not in hint()
    positions = {
        doc["name"]: doc["position"] for doc in read_data_file(set_up_path)["rituals"].values()
    }
    assert positions == {"Dance": 0, "Walk": 1}


def cell_segment(row: RitualRow, glyph: str) -> Segment:
    """The first drawn piece of `row` that shows `glyph`, with its style."""
    strip = row.render_lines(row.region.reset_offset)[0]
    return next(segment for segment in strip if glyph in segment.text)


async def test_a_theme_change_restyles_the_grid_and_the_year_at_once(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_rituals(app, pilot)
        await pilot.press("space", "left", "s", "left", "x")
        await pilot.pause()
        row = pane.grid.rows[0]
        heatmap = pane.query_one(YearHeatmap)

        def colours() -> tuple[str, ...]:
            return tuple(
                str(style.color.triplet.hex) if style.color and style.color.triplet else ""
                for style in (
                    cell_segment(row, "✓").style,
                    cell_segment(row, "~").style,
                    heatmap.get_component_rich_style("year-heatmap--done", partial=True),
                )
            )

        def theme_colours() -> tuple[str, ...]:
            variables = app.get_css_variables()
            return tuple(variables[name].lower() for name in ("success", "warning", "success"))

        assert colours() == theme_colours()
        dark = colours()
        app.theme = "nord"
        await pilot.pause()
        await pilot.pause()
        assert colours() == theme_colours() != dark, "nord's colours, without a restart"
        assert "✓" in str(row.render()) and "~" in str(row.render()), "the glyphs stay"


async def test_at_80_columns_each_partner_is_named_whole_in_a_column_of_their_own(
    data_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings("Alexandrina", "Mary Ann"), created=clock.now().isoformat())
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_rituals(app, pilot)
        rows = {str(row.render()).rstrip() for row in pane.grid.rows}
        each = [row for row in rows if "Ask a feelings" in row]
        assert len(each) == 2
        assert all(" A " in row or " M " in row for row in each), each
        assert not any("Alexan" in row or "Mary A" in row for row in rows), "no name cut short"
        assert all("…" not in row or row.split("…")[0][-1] != " " for row in rows)
        assert "Ask a feelings…" in each[0], "the ritual's name ends at a word, then …"
        await pilot.press("down")
        await pilot.pause()
        legend = widget_text(app, "#ritual-legend")
        assert "A Alexandrina · M Mary Ann" in legend, "the legend says who is who"
        detail = widget_text(app, "#ritual-detail")
        assert "Ask a feelings question, not a logistics one · Alexandrina" in detail


async def test_at_80_columns_short_names_show_in_full(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_rituals(app, pilot)
        lines = screen_text(app).splitlines()
        sam = [line for line in lines if "Ask a feelings…" in line and " Sam " in line]
        alex = [line for line in lines if "Ask a feelings…" in line and " Alex " in line]
        assert len(sam) == len(alex) == 1
        assert "Cook a meal together" in screen_text(app)
        assert "A Alex" not in widget_text(app, "#ritual-legend"), "nothing to explain"
        assert len(pane.board.days) == 7 and "100%" not in lines[4] and "30d" in lines[4]


async def test_the_grid_refits_when_the_window_is_resized(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_rituals(app, pilot)
        await pilot.press("down")
        assert len(pane.board.days) == 7
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert len(pane.board.days) > 7 and pane.board.days[-1] == date(2026, 11, 22)
        assert "Talk time, phones away (15 min)" in screen_text(app), "room for whole names"
        assert pane.grid.cursor_row == 1, "the cursor stays on its ritual"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        days, lead, _row, widths = await grid_geometry(app, pilot)
        assert len(days) == 7 and widths == {(20, 4)} and lead == 26
