"""The Therapy pane: the plan, sessions, practice and debriefs, things to raise, the session
soon in the tab, and writing a report or calendar file from a key or the palette."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.commands import WRITE_CALENDAR, WRITE_REPORT
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.report import ReportDialog
from tui.dialogs.therapy import AssignmentDialog, AttemptDialog, PlanDialog, SessionDialog
from tui.store import Store

from ..conftest import Launcher
from .helpers import discard_the_form, read_data_file, screen_text

THERAPY_KEY = "6"
HOSTILE = ("[bold]", "[/]", "[@click=app.quit]x[/]", "\x1b[2J", "x" * 5000, "💛 🌱", "")


def stored_therapy(path: Path) -> list[dict]:
    return list(read_data_file(path).get("therapy", {}).values())


async def open_therapy(pilot) -> None:
    await pilot.pause()
    await pilot.press(THERAPY_KEY)
    await pilot.pause()
    await pilot.pause()


def fill(app: AttuneApp, **fields: str) -> None:
    for field, text in fields.items():
        widget = app.screen.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            widget.text = text
        else:
            widget.value = text  # type: ignore[attr-defined]


async def test_a_plan_a_session_practice_and_a_debrief_survive_a_relaunch(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_therapy(pilot)
        assert "No practice or sessions yet" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanDialog)
        fill(
            app,
            **{
                "hopes-a": "To feel heard\n\nMore evenings together",
                "hopes-b": "To notice sooner",
                "therapist": "Dr Maya Okafor",
                "session-every": "2",
                "next-session": "2026-11-26 17:30",
            },
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Dr Maya Okafor" in screen_text(app) and "every 2 weeks" in screen_text(app)

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionDialog)
        fill(app, takeaways="Name the feeling first")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "SESSION" in screen_text(app) and "Name the feeling first" in screen_text(app)

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssignmentDialog)
        fill(app, what="Reflect back for ten minutes", until="2026-12-06")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "OPEN" in screen_text(app)

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, AttemptDialog)
        fill(app, worked="Slowing down", adjust="Start earlier")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "went 3 (so-so)" in text and "Slowing down" in text and "1 attempt" in text

    kinds = {document["type"]: document for document in stored_therapy(set_up_path)}
    assert kinds["plan"]["hopes_a"] == ["To feel heard", "More evenings together"]
    assert kinds["plan"]["session_every"] == 2
    assert kinds["session"]["takeaways"] == "Name the feeling first"
    assert kinds["assignment"]["attempts"][0]["adjust"] == "Start earlier"

    app.store.close()
    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(120, 40)) as pilot:
        await open_therapy(pilot)
        text = screen_text(relaunched)
        assert "Reflect back for ten minutes" in text and "To feel heard" in text


async def test_bad_input_is_refused_in_words_and_nothing_is_saved(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_therapy(pilot)
        await pilot.press("p")
        await pilot.pause()
        fill(app, **{"session-every": "9", "next-session": "Thursday"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 to 8 weeks apart" in screen_text(app)
        fill(app, **{"session-every": "2"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is not a day and time" in screen_text(app)
        await pilot.press("escape", "y")  # typed in: escape asks before discarding
        await pilot.press("s")
        await pilot.pause()
        fill(app, on="2030-01-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "once it has taken place" in screen_text(app)
        await pilot.press("escape", "y")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Please enter the practice" in screen_text(app)
    assert stored_therapy(set_up_path) == []


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_text_in_every_field_is_kept_or_refused_in_words(
    set_up_path: Path, launch: Launcher, text: str
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_therapy(pilot)
        for key, fields in (
            ("p", ("hopes-a", "hopes-b", "therapist", "approach", "contact")),
            ("s", ("takeaways",)),
            ("a", ("what",)),
        ):
            await pilot.press(key)
            await pilot.pause()
            fill(app, **dict.fromkeys(fields, text))
            await pilot.press("ctrl+s")
            await pilot.pause()
            if app.screen.is_modal:
                await discard_the_form(pilot)  # refused, in words: close the form
        if app.screen.query("TherapyList") and "OPEN" in screen_text(app):
            await pilot.press("d")
            await pilot.pause()
            fill(app, worked=text, adjust=text)
            await pilot.press("ctrl+s")
            await pilot.pause()
            if app.screen.is_modal:
                await discard_the_form(pilot)
        assert app.is_running
    for document in stored_therapy(set_up_path):
        for value in document.values():
            assert "\x1b" not in str(value)


async def test_stuck_check_ins_since_the_last_session_are_listed_to_raise(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    plan = CheckinPlan("a", 300_000, 1, 60_000, 2_700_000, 1_200_000)
    with Store.open(set_up_path, clock) as store:
        for number, day in enumerate(("2026-11-01", "2026-11-15"), 1):
            store.save_checkin(
                CheckinRecord(
                    f"c{number}",
                    f"{day}T19:00:00+00:00",
                    plan,
                    status=CheckinStatus.FINISHED,
                    stuck=True,
                )
            )
        from tui.core.therapy import new_session

        store.save_session(new_session("s1", date(2026, 11, 8), "", date(2026, 11, 22)))
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_therapy(pilot)
        text = screen_text(app)
        assert "Sun 15 Nov 2026: we got stuck" in text
        assert "Sun 1 Nov 2026" not in text


async def test_a_session_within_a_day_shows_in_the_tab(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(set_up_path, clock) as store:
        store.update_therapy_plan(next_session=datetime.fromisoformat("2026-11-23T09:00:00+00:00"))
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "Therapy (tomorrow 09:00)" in screen_text(app).split("\n")[1], "before a visit"
        clock.advance(2 * 24 * 3600)
        await open_therapy(pilot)
        assert "Therapy (" not in screen_text(app).split("\n")[1]


async def test_the_report_key_writes_a_private_file_and_asks_before_replacing(
    set_up_path: Path, launch: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_therapy(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReportDialog)
        assert app.screen.query_one("#from", Input).value == "2026-10-23"
        await pilot.press("ctrl+s")
        await pilot.pause()
        written = set_up_path.parent / "attune-report-2026-11-22.md"
        assert written.read_text().startswith("# Attune report: Sam & Alex")
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        # The toast wraps a long path: read what it says rather than the screen.
        assert any(str(written) in notice.message for notice in app._notifications)
        written.write_text("older")
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert written.read_text() == "older"
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert written.read_text().startswith("# Attune report")


async def test_the_palette_writes_a_report_and_a_calendar_file(
    set_up_path: Path, launch: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icalendar

    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert WRITE_REPORT.tooltip in commands
        commands[WRITE_CALENDAR.tooltip].callback()
        await pilot.pause()
        fill(app, time="20:30", sessions="3")
        await pilot.press("ctrl+s")
        await pilot.pause()
    calendar = icalendar.Calendar.from_ical(
        (set_up_path.parent / "attune-2026-11-22.ics").read_bytes()
    )
    (checkin,) = calendar.walk("VEVENT")
    assert checkin.decoded("dtstart").strftime("%A %H:%M") == "Sunday 20:30"
