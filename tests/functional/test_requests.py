"""The Requests pane: ask, answer not as asked, offer an alternative, accept it, make it a
ritual, tick it, see it counted as a win, and find it all again after a relaunch."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.requests import StepKind, add_step, new_request
from tui.dialogs.agreement import AgreementDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.request import AlternativeDialog, AnswerDialog, RequestDialog
from tui.dialogs.ritual import RitualDialog
from tui.panes.requests import RequestsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import PANE_CLASSES
from tui.store import Store
from tui.widgets.choices import ChoiceButton

from ..conftest import Launcher
from .helpers import discard_the_form, read_data_file, screen_text, widget_text

HOSTILE = (
    "[bold]",
    "[/]",
    "[@click=app.quit]x[/]",
    "\x1b[2J",
    "💞👩\u200d❤\ufe0f\u200d👨",
    "x" * 5000,
    "",
)
REQUESTS_KEY = str(PANE_CLASSES.index(RequestsPane) + 1)
RITUALS_KEY = str(PANE_CLASSES.index(RitualsPane) + 1)


async def open_requests(app: AttuneApp, pilot) -> RequestsPane:
    await pilot.pause()
    await pilot.press(REQUESTS_KEY)
    await pilot.pause()
    return app.screen.query_one(RequestsPane)


def stored_requests(path: Path) -> list[dict]:
    return list(read_data_file(path).get("requests", {}).values())


async def fill(app: AttuneApp, pilot, **fields: str) -> None:
    for field, value in fields.items():
        app.screen.query_one(f"#{field.replace('_', '-')}", Input).value = value
    await pilot.pause()


async def choose(app: AttuneApp, pilot, name: str) -> None:
    button = next(b for b in app.screen.query(ChoiceButton) if b.name == name)
    button.value = True
    await pilot.pause()


async def ask(app: AttuneApp, pilot, need: str, request: str, hurt: str = "") -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, RequestDialog)
    await fill(app, pilot, hurt=hurt, need=need, ask=request)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_from_a_hurt_to_a_ritual_ticked_and_counted_as_a_win(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_requests(app, pilot)
        assert "No requests yet" in screen_text(app)
        await ask(
            app,
            pilot,
            need="to feel that my day matters to you",
            request="Ask about my day at dinner, every evening",
            hurt="I felt alone when dinner went by in silence",
        )
        text = screen_text(app)
        assert "ASKED" in text and "Sam asks Alex" in text

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, AnswerDialog) and "Alex’s answer" in screen_text(app)
        await choose(app, pilot, StepKind.NOT_AS_ASKED.value)
        await fill(app, pilot, reason="Evenings are when I unwind")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "NOT AS ASKED" in screen_text(app)

        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AlternativeDialog)
        await pilot.press(*"Ask about your day on our Sunday walk", "enter")
        await pilot.pause()
        assert "ALTERNATIVE" in screen_text(app)

        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "AGREED" in text and "Sam accepted the alternative" in text

        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RitualDialog)
        assert dialog.query_one("#name", Input).value == "Ask about your day on our Sunday walk"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Ritual: Ask about your day on our Sunday walk" in screen_text(app)
        assert "streak 0 d" in screen_text(app)

        await pilot.press(RITUALS_KEY)
        await pilot.pause()
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # the starter rituals: not now
            await pilot.press("n")
            await pilot.pause()
        rituals = app.screen.query_one(RitualsPane)
        row = next(
            row
            for row in rituals.grid.rows
            if row.track.ritual.name == "Ask about your day on our Sunday walk"
        )
        rituals.grid.move_cursor_to(rituals.grid.rows.index(row))
        await pilot.press("space")  # today is Sunday 22 November
        await pilot.pause()

        await pilot.press(REQUESTS_KEY)
        await pilot.pause()
        text = screen_text(app)
        assert "streak 1 d" in text
        assert "Wins this month: 1" in text

    (stored,) = stored_requests(set_up_path)
    assert [step["kind"] for step in stored["steps"]] == [
        "not as asked",
        "alternative",
        "accepted",
        "became ritual",
    ]
    ritual_ids = [r["id"] for r in read_data_file(set_up_path)["rituals"].values()]
    assert stored["steps"][-1]["linked_id"] in ritual_ids

    app.store.close()
    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(120, 40)) as pilot:
        await open_requests(relaunched, pilot)
        text = screen_text(relaunched)
        assert "Wins this month: 1" in text and "streak 1 d" in text
        assert "Evenings are when I unwind" in text


async def test_doable_then_kept_counts_a_win_and_closed_ones_hide(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await open_requests(app, pilot)
        await ask(app, pilot, need="closeness", request="A hug when you get home today")
        await pilot.press("r", "ctrl+s")  # doable, as asked, is the first answer
        await pilot.pause()
        assert "AGREED" in screen_text(app)
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "Wins this month: 1" in text and "Nothing open" in text
        await pilot.press("v")
        await pilot.pause()
        assert "KEPT" in screen_text(app)
        assert not pane.check_action("confirm", ("withdrawn",)), "a kept request is closed"
    assert [s["kind"] for s in stored_requests(set_up_path)[0]["steps"]] == ["doable", "kept"]


async def test_let_me_think_shows_the_day_due_and_a_withdrawal_keeps_the_thread(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_requests(app, pilot)
        await ask(app, pilot, need="rest", request="Take the kids on Saturday mornings")
        await pilot.press("r")
        await pilot.pause()
        await choose(app, pilot, StepKind.THINKING.value)
        await fill(app, pilot, answer_by="2027-01-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose a day to answer by" in screen_text(app), "too far ahead"
        await fill(app, pilot, answer_by="2026-11-25")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "answer due Wed 25 Nov" in screen_text(app)
        await pilot.press("delete")  # answered already: kept, so no delete
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        await pilot.press("w", "y")
        await pilot.pause()
        assert "Nothing open" in screen_text(app)
    (stored,) = stored_requests(set_up_path)
    assert [s["kind"] for s in stored["steps"]] == ["let me think", "withdrawn"]


async def test_an_agreed_request_becomes_an_agreement_proposal(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    today = clock.now().date()
    with Store.open(set_up_path, clock) as store:
        request = new_request("r1", asker="b", need="calm", ask="No phones in bed", day=today)
        store.save_request(add_step(request, StepKind.DOABLE, "a", today))
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_requests(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, AgreementDialog)
        assert app.screen.query_one("#wording", Input).value == "No phones in bed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Agreement: No phones in bed" in screen_text(app)
    data = read_data_file(set_up_path)
    (agreement,) = data["agreements"].values()
    (stored,) = data["requests"].values()
    assert stored["steps"][-1]["linked_id"] == agreement["id"]


async def test_a_request_without_a_when_is_nudged_not_refused(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_requests(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert "Ask about my day at dinner" in screen_text(app), "an example is shown"
        await fill(app, pilot, need="to matter", ask="Care more")
        assert "something your partner can do" in widget_text(app, "#ask-nudges")
        assert "when or how often" in widget_text(app, "#ask-nudges")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Care more" in screen_text(app)
        await pilot.press("delete", "y")  # not answered yet: made by mistake, deleted
        await pilot.pause()
    assert stored_requests(set_up_path) == []


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_text_in_every_field_is_refused_in_words_or_kept_literally(
    set_up_path: Path, launch: Launcher, text: str
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_requests(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(app, pilot, hurt=text, need=text, ask=text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, RequestDialog):
            assert app.screen.query_one("#form-problem").render(), "refused in words"
            await fill(app, pilot, hurt=text, need="closeness", ask="A hug tonight")
            await pilot.press("ctrl+s")
            await pilot.pause()
        if isinstance(app.screen, RequestDialog):
            await fill(app, pilot, hurt="")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.is_running
        await pilot.press("r")
        await pilot.pause()
        await choose(app, pilot, StepKind.NOT_AS_ASKED.value)
        await fill(app, pilot, reason=text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, AnswerDialog):
            await fill(app, pilot, reason="")
            await pilot.press("ctrl+s")
            await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await fill(app, pilot, alternative=text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        refused = isinstance(app.screen, AlternativeDialog)
        if refused:
            await discard_the_form(pilot)
        assert app.is_running
        shown = screen_text(app)
    (stored,) = stored_requests(set_up_path)
    steps = stored.get("steps", [])
    kept = [
        stored["need"],
        stored["ask"],
        stored.get("hurt", ""),
        *(s.get("text", "") for s in steps),
    ]
    for value in kept:
        assert "\x1b" not in value
    if not refused:
        assert steps[-1]["text"] == text.strip()
        if len(text) < 20 and text.strip():
            assert text.strip() in shown, "shown literally, not as markup"


async def test_an_answer_due_shows_overdue_the_day_after(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    today = clock.now().date()
    with Store.open(set_up_path, clock) as store:
        request = new_request("r1", asker="a", need="calm", ask="Tidy up by 9pm", day=today)
        store.save_request(
            add_step(request, StepKind.THINKING, "b", today, answer_by=today + timedelta(days=1))
        )
    clock.advance(2 * 24 * 3600)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_requests(app, pilot)
        text = screen_text(app)
        assert "OVERDUE" in text and "answer overdue since Mon 23 Nov" in text
