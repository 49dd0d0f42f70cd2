"""The Progress view: opened with P from any pane, every key pressed, the past check-in of a
week opened from it, its help and palette, NO_COLOR, and the data file left untouched."""

from __future__ import annotations

import gc
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList

from tui.clock import FixedClock
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating, TurnRecord
from tui.core.moments import MomentKind, new_moment
from tui.core.therapy import new_session
from tui.dialogs.help import HelpScreen
from tui.dialogs.past_meetings import PastMeetingsDialog
from tui.panes.faq import FaqPane
from tui.panes.moments import MomentsPane
from tui.screens.main import MainScreen
from tui.screens.progress import ProgressScreen
from tui.store import Store
from tui.widgets.progress_chart import ProgressChart

from ..conftest import Launcher, make_settings
from .helpers import pane_key, screen_text, widget_text

TODAY = date(2026, 11, 22)
PLAN = CheckinPlan("a", 300_000, 1, 60_000, 2_700_000, 1_200_000)
LONDON = ZoneInfo("Europe/London")


def checkin(number: int, day: date, a: int | None, b: int | None) -> CheckinRecord:
    started = f"{day.isoformat()}T19:00:00+00:00"
    ratings = tuple(Rating(p, s) for p, s in (("a", a), ("b", b)) if s is not None)
    return CheckinRecord(
        id=f"c{number}",
        started_at=started,
        plan=PLAN,
        turns=(
            TurnRecord("a", 300_000, 240_000, started),
            TurnRecord("b", 300_000, 300_000, started),
        ),
        status=CheckinStatus.FINISHED,
        ended_at=f"{day.isoformat()}T19:30:00+00:00",
        ratings=ratings,
        stuck=number == 3,
    )


def eight_weeks(path: Path, clock: FixedClock) -> None:
    """Eight weeks of a couple's record ending today: a check-in most Sundays (none three
    weeks ago), moments, and two therapy sessions."""
    with Store.open(path, clock) as store:
        for number, weeks_ago in enumerate((7, 6, 5, 4, 2, 1), start=1):
            day = TODAY - timedelta(days=7 * weeks_ago)
            store.save_checkin(checkin(number, day, 2 + number % 4, 3 if number != 5 else None))
        for number in range(12):
            at = datetime(2026, 11, 21, 20, tzinfo=LONDON) - timedelta(days=4 * number)
            kind = (MomentKind.CONNECTION, MomentKind.NEGLECT, MomentKind.REPAIR)[number % 3]
            store.save_moment(
                new_moment(
                    f"m{number}", at=at, now=at, who="both", kind=kind, what_happened="[bold]x"
                )
            )
        for number, weeks_ago in enumerate((5, 1)):
            day = TODAY - timedelta(days=7 * weeks_ago + 3)
            store.save_session(new_session(f"s{number}", day, "", TODAY))


@pytest.fixture
def history_path(set_up_path: Path, clock: FixedClock) -> Path:
    eight_weeks(set_up_path, clock)
    return set_up_path


async def open_progress(app, pilot) -> ProgressScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("P")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


async def test_every_key_of_the_progress_view(history_path: Path, launch: Launcher) -> None:
    before = history_path.read_bytes()
    app = launch(history_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        assert gc.isenabled(), "collection paused while the first frame was built, then resumed"
        text = screen_text(app)
        assert "3 months: 24 Aug 2026 to 22 Nov 2026, week by week." in text
        assert "How connected you felt (1 to 5)" in text
        assert screen.series is not None and len(screen.series) == 13
        assert screen.cursor == 12, "the cursor starts on this week"
        # This week has no check-in yet: nothing to open, and the legend says so.
        assert not screen.check_action("open_week", ())
        assert "week of 16 Nov 2026: ● Sam –  ▲ Alex –" in text

        await pilot.press("left")
        assert screen.cursor == 11
        assert "week of 9 Nov 2026: ● Sam 4  ▲ Alex 3" in screen_text(app)
        await pilot.press("h", "right", "l", "l")
        assert screen.cursor == 12, "the cursor stops at this week"
        await pilot.press("home")
        assert screen.cursor == 0 and "week of 24 Aug 2026" in screen_text(app)
        await pilot.press("h")
        assert screen.cursor == 0, "and at the first"
        await pilot.press("end")
        assert screen.cursor == 12

        # enter opens the week's check-in in the Check-in pane's past weeks.
        await pilot.press("left", "left")
        assert "week of 2 Nov 2026" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PastMeetingsDialog)
        listing = dialog.query_one("#past-list", OptionList)
        assert dialog.meetings[listing.highlighted or 0][1].id == "c5"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        # The charts scroll; each sentence is on screen in words.
        charts = screen.query_one("#progress-charts", VerticalScroll)
        await pilot.press("down", "j")
        assert charts.scroll_y == 2
        await pilot.press("up", "k")
        assert charts.scroll_y == 0
        await pilot.press("pagedown")
        assert charts.scroll_y > 2
        await pilot.press("pageup")
        assert charts.scroll_y == 0

        # d cycles the period: a year, everything, 4 weeks, and round again.
        for label, buckets in (("A year", 52), ("Everything", 8), ("4 weeks", 4), ("3 months", 13)):
            await pilot.press("d")
            assert screen_text(app).splitlines()[1].startswith(f" {label}:")
            assert len(screen.series) == buckets and screen.cursor == buckets - 1
        assert screen.sentences is not None
        assert screen.sentences.connection.startswith("Sam felt ")
        assert "1 week when you got stuck" in screen.sentences.talk
        # The next period's charts are drawn ahead while this one is read: d shows them, the
        # same as drawn afresh.
        chart = screen.query_one("#progress-connection ProgressChart", ProgressChart)
        screen._draw_next_ahead()
        await pilot.pause()
        ahead = [content for _picture, content in chart._drawings.values()]
        await pilot.press("d")
        assert screen.period.value == "a year"
        shown = chart.render()
        assert any(shown is content for content in ahead), "d drew nothing"
        chart._drawings.clear()
        afresh = chart.render()
        assert isinstance(shown, Content) and isinstance(afresh, Content)
        assert (shown.plain, shown.spans) == (afresh.plain, afresh.spans)
        # The last card, below the window's edge when the view opened, follows like the rest.
        await pilot.press("left")
        last_card = widget_text(app, "#progress-agreements .progress-words")
        assert "week of 9 Nov 2026: • 0 lapses  ✓ 0 repairs completed" in last_card
        assert screen.sentences.agreements in last_card

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert history_path.read_bytes() == before, "looking back changes nothing in the file"


async def test_everything_begins_with_the_first_record(
    history_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(history_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        await pilot.press("d", "d")
        assert screen.period.value == "everything"
        assert screen.series is not None and screen.series.starts[0] == date(2026, 9, 28)
        assert screen.sentences is not None
        # The first check-in was on Sunday 4 October, in the week beginning 28 September.
        assert screen.sentences.therapy == (
            "2 therapy sessions since October 2026, the last on Thursday 12 November 2026."
        )
        assert screen.sentences.therapy in widget_text(app, "#progress-heading")


async def test_opens_from_any_pane_and_its_help_and_palette(
    history_path: Path, launch: Launcher
) -> None:
    app = launch(history_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(pane_key(MomentsPane))
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Progress: show the next period" in commands
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Keys in Progress" in app.screen.markdown
        assert "Reread the check-in of the week under the cursor" in app.screen.markdown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert type(app.screen.current_pane) is MomentsPane, "back where they were"
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Progress" in titles
        # In the FAQ's search field a capital P is text, not the key.
        await pilot.press(pane_key(FaqPane))
        await pilot.pause()
        await pilot.press("slash", "P")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_new_couple_sees_empty_weeks_said_plainly(
    data_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings("[b]Sam[/b]", "Alex"), created=clock.now().isoformat())
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        text = screen_text(app)
        assert "No check-in in these 3 months, so there are no ratings to show." in text
        assert "● [b]Sam[/b] –" in text, "a name is shown as typed"
        assert not screen.check_action("open_week", ())
        await pilot.press("enter")
        assert app.screen is screen
        await pilot.press("d", "d")
        assert screen.series is not None and len(screen.series) == 1
        assert "No talk was timed since November 2026." in screen_text(app)


async def test_reads_without_colour(
    history_path: Path, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = launch(history_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        screen = await open_progress(app, pilot)
        await pilot.press("left", "pagedown", "pagedown", "d")
        await pilot.pause()
        text = screen_text(app)
        assert isinstance(app.screen, ProgressScreen) and screen.series is not None
        assert any(glyph in text for glyph in "●▲■+~○✓")


PLOTTING_ONLY_WHEN_SHOWN = """
import asyncio, sys
from pathlib import Path
from tests.conftest import FIXED_MOMENT
from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.store import Store

async def main() -> None:
    clock = FixedClock(FIXED_MOMENT, time_zone="Europe/London")
    with Store.open(Path(sys.argv[1]), clock) as store:
        app = AttuneApp(store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            print(sorted(name for name in sys.modules if "plotext" in name))
            await pilot.press("P")
            await pilot.pause()
            print(type(app.screen).__name__, "plotext" in sys.modules)

asyncio.run(main())
"""


def test_the_plotting_library_is_imported_only_when_the_view_is_shown(history_path: Path) -> None:
    # In a process of its own: this one has imported it for the other tests.
    ran = subprocess.run(
        [sys.executable, "-c", PLOTTING_ONLY_WHEN_SHOWN, str(history_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert ran.stdout.splitlines() == ["[]", "ProgressScreen True"]
