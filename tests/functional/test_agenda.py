"""The weekly meeting's guided agenda driven with the keys a couple would press: every step in
order, the hidden ratings, skipping, the clock alone, choosing steps, and resuming after a kill
at each step from exactly the bytes the kill leaves on disk."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from msgspec.structs import replace
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import Appreciation, CheckinStatus, Rating, Wish, new_checkin
from tui.core.models import AgendaStep
from tui.core.requests import Request, StepKind, add_step, new_request
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.core.speaking import Phase
from tui.dialogs.agenda import (
    AgendaDialog,
    AppreciationsDialog,
    HiddenRatingDialog,
    WishesDialog,
)
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.past_meetings import PastMeetingsDialog
from tui.dialogs.request import RequestDialog
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane
from tui.store import Store
from tui.widgets.checkin_views import SummaryView

from ..conftest import Launcher
from .helpers import pane_key, read_data_file, screen_text, widget_text

SIZE = (100, 34)
SMALLEST = (80, 24)
"""The smallest window Attune supports."""
ALL_STEPS = [step.value for step in AgendaStep]
ANY_SCORE = re.compile(r"\b[1-5] of 5\b")
"""How a revealed rating reads ("4 of 5"): before the reveal no such text may show."""

KEPT_REQUEST = "Call me at lunch on Wednesdays"
STREAK_RITUAL = "Evening walk"


# --- driving the app ---------------------------------------------------------------------------


def pane_of(app: AttuneApp) -> CheckinPane:
    return app.screen.query_one(CheckinPane)


async def settle(pilot) -> None:
    """A dialog pushed or dismissed needs a frame to mount and one to lay out."""
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a person would."""
    await pilot.press(*("space" if character == " " else character for character in text))


async def start_meeting(app: AttuneApp, pilot) -> CheckinPane:
    """Wait for the dashboard, then press space: the agenda's first step shows."""
    await pilot.pause()
    await pilot.press("space")
    await settle(pilot)
    return pane_of(app)


async def run_for(pane: CheckinPane, clock: FixedClock, seconds: int, pilot) -> None:
    """Let `seconds` pass with a tick each second, as the screen's timer would."""
    for _ in range(seconds):
        clock.advance(1)
        pane.tick()
    await pilot.pause()


def step_line(app: AttuneApp) -> str:
    return widget_text(app, "#agenda-step-line")


async def write_appreciations(app: AttuneApp, pilot, first: list[str], second: list[str]) -> None:
    """`w`, then type each partner's lines (the first speaker's three fields come first)."""
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, AppreciationsDialog)
    for lines in (first, second):
        for number in range(3):
            if number < len(lines):
                await type_text(pilot, lines[number])
            await pilot.press("tab")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(app.screen, AppreciationsDialog), "the appreciations were saved"


async def make_request(app: AttuneApp, pilot, need: str, ask: str) -> None:
    """`w` at the requests step opens the Requests pane's dialog; the first partner asks."""
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, RequestDialog)
    for field, value in (("need", need), ("ask", ask)):
        app.screen.query_one(f"#{field}", Input).value = value
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(app.screen, RequestDialog), "the request was saved"


async def open_rating(app: AttuneApp, pilot) -> HiddenRatingDialog:
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(app.screen, HiddenRatingDialog)
    return app.screen


async def fill_rating(pilot, score: int | None, note: str = "") -> None:
    """In the open rating dialog: a score (None passes), then the note."""
    if score is not None:
        await pilot.press(str(score))
    await pilot.press("tab")
    await type_text(pilot, note)
    if score is None:
        await pilot.press("tab", "space")  # the pass checkbox


async def save_dialog(app: AttuneApp, pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def rate(app: AttuneApp, pilot, score: int | None, note: str = "") -> None:
    await open_rating(app, pilot)
    await fill_rating(pilot, score, note)
    await save_dialog(app, pilot)
    assert not isinstance(app.screen, HiddenRatingDialog), "the rating was saved"


async def write_wishes(app: AttuneApp, pilot, first: str, second: str) -> None:
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, WishesDialog)
    await type_text(pilot, first)
    await pilot.press("tab")
    await type_text(pilot, second)
    await save_dialog(app, pilot)
    assert not isinstance(app.screen, WishesDialog), "the wishes were saved"


async def talk_through(app: AttuneApp, pilot, pane: CheckinPane, clock: FixedClock) -> None:
    """Every turn of the default plan (two rounds of five minutes each), handed over and heard,
    the clock moving as it would."""
    await pilot.press("space")
    assert pane.talk is not None and pane.talk.phase is Phase.SPEAKING
    for _turn in range(4):
        await run_for(pane, clock, 5 * 60, pilot)
        await pilot.press("enter")
        assert pane.talk.phase is Phase.REFLECT_BACK
        await run_for(pane, clock, 30, pilot)
        await pilot.press("enter")
    assert pane.talk.phase is Phase.WRAPPING_UP


async def end_talk_early(app: AttuneApp, pilot) -> None:
    """At the talk's first turn: start it, `f` (End talk), confirm; the agenda waits to go on."""
    await pilot.press("space", "f")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmDialog)
    await pilot.press("y")
    await settle(pilot)


async def open_pane(app: AttuneApp, pilot, pane: type) -> None:
    """Show a pane; a first visit that offers something to start from is declined."""
    await pilot.press(pane_key(pane))
    await settle(pilot)
    if isinstance(app.screen, ConfirmDialog):
        await pilot.press("n")
        await settle(pilot)


def the_checkin(path: Path) -> dict:
    (stored,) = read_data_file(path)["checkins"].values()
    return stored


def assert_ratings_hidden(app: AttuneApp, *hidden: str) -> None:
    """No rating and none of the `hidden` notes is anywhere on the screen."""
    text = screen_text(app)
    assert not ANY_SCORE.search(text), text
    for note in hidden:
        assert note not in text, text


# --- what the couple had before this week ------------------------------------------------------


def kept_request(today: date) -> Request:
    """Alex asked, Sam agreed and kept it two days ago: a win since the last check-in."""
    asked = new_request(
        "kept-request",
        asker="b",
        need="to hear from you in the day",
        ask=KEPT_REQUEST,
        day=today - timedelta(days=6),
    )
    agreed = add_step(asked, StepKind.DOABLE, "a", today - timedelta(days=5))
    return add_step(agreed, StepKind.KEPT, "a", today - timedelta(days=2))


def seed_wins(path: Path, clock: FixedClock) -> None:
    """A kept request and a daily ritual done together the last three days."""
    today = clock.now().date()
    walk = Ritual(
        id="evening-walk",
        name=STREAK_RITUAL,
        cadence=Cadence.daily(),
        who=Who.TOGETHER,
        position=0,
        created=(today - timedelta(days=10)).isoformat(),
    )
    with Store.open(path, clock) as store:
        store.save_request(kept_request(today))
        store.save_rituals([walk])
        for days_ago in (1, 2, 3):
            day = (today - timedelta(days=days_ago)).isoformat()
            store.set_mark(day, walk.id, "together", Mark.DONE)


def save_last_weeks_checkin(path: Path, clock: FixedClock, scores: tuple[int, int]) -> None:
    """A check-in finished a week ago, opened by Alex: this week Sam speaks (and rates) first."""
    with Store.open(path, clock) as store:
        started = clock.now().subtract(weeks=1)
        record = new_checkin(store.settings(), "b", started.isoformat())
        store.save_checkin(
            replace(
                record,
                status=CheckinStatus.FINISHED,
                ended_at=started.add(minutes=40).isoformat(),
                step=record.agenda[-1],
                ratings=(Rating("a", scores[0]), Rating("b", scores[1])),
            )
        )


# --- the whole meeting -------------------------------------------------------------------------


async def test_the_whole_agenda_from_the_keyboard(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    seed_wins(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        pane = await start_meeting(app, pilot)
        assert step_line(app) == "Step 1 of 6 · Appreciations   next: Wins and moments"
        assert "Sam appreciates Alex for:" in screen_text(app)

        await write_appreciations(
            app, pilot, ["the tea in bed", "listening to my day"], ["fixing the gate"]
        )
        text = screen_text(app)
        assert "• the tea in bed" in text and "• listening to my day" in text
        assert "• fixing the gate" in text
        stored = the_checkin(set_up_path)
        assert stored["step"] == "appreciations" and stored["status"] == "in_progress"
        assert stored["appreciations"] == [
            {"by": "a", "text": "the tea in bed"},
            {"by": "a", "text": "listening to my day"},
            {"by": "b", "text": "fixing the gate"},
        ]

        await pilot.press("enter")
        assert step_line(app).startswith("Step 2 of 6 · Wins and moments")
        text = screen_text(app)
        assert KEPT_REQUEST in text
        assert STREAK_RITUAL in text and "3 days running" in text
        assert the_checkin(set_up_path)["step"] == "wins"

        await pilot.press("enter")
        assert step_line(app).startswith("Step 3 of 6 · The talk")
        assert "Sam speaks next" in screen_text(app)
        await talk_through(app, pilot, pane, clock)
        assert "Every turn is spoken" in screen_text(app)
        assert [turn["spoken_ms"] for turn in the_checkin(set_up_path)["turns"]] == [300_000] * 4

        await pilot.press("enter")
        assert step_line(app).startswith("Step 4 of 6 · Requests")
        assert "Waiting for an answer" in screen_text(app)
        await make_request(app, pilot, "to feel chosen", "A walk together on Sunday mornings")
        assert "Made at this check-in" in screen_text(app)
        data = read_data_file(set_up_path)
        (made,) = [
            request for request in data["requests"].values() if request["id"] != "kept-request"
        ]
        assert made["ask"] == "A walk together on Sunday mornings" and made["asker"] == "a"
        assert the_checkin(set_up_path)["requests_made"] == [made["id"]]

        await pilot.press("enter")
        assert step_line(app).startswith("Step 5 of 6 · Ratings, revealed together")
        assert "Next: Sam rates" in screen_text(app)
        await rate(app, pilot, 4, "we laughed again")
        assert "Sam has answered" in screen_text(app)
        assert "Alex has not answered yet" in screen_text(app)
        assert_ratings_hidden(app, "we laughed again")
        assert the_checkin(set_up_path)["ratings"] == [
            {"partner": "a", "score": 4, "note": "we laughed again"}
        ]
        await rate(app, pilot, 2)
        text = screen_text(app)
        assert "Both are in" in text
        assert re.search(r"Sam\s+4 of 5\s+we laughed again", text), text
        assert re.search(r"Alex\s+2 of 5", text), text

        await pilot.press("enter")
        assert step_line(app) == "Step 6 of 6 · Looking ahead"
        await write_wishes(app, pilot, "a picnic in the park", "an evening without phones")
        text = screen_text(app)
        assert "Sam: a picnic in the park" in text and "Alex: an evening without phones" in text

        await pilot.press("enter")  # the last step: enter finishes
        await settle(pilot)
        assert pane.talk is not None and pane.talk.phase is Phase.FINISHED
        text = screen_text(app)
        assert "Check-in finished" in text
        assert not pane.query_one("#agenda-step-line").display
        assert re.search(r"Sam\s+10:00\s+0:00\s+4 of 5\s+we laughed again", text), text
        assert re.search(r"Alex\s+10:00\s+0:00\s+2 of 5", text), text
        assert "• the tea in bed" in text and "• fixing the gate" in text
        assert "1 request came true (kept); 1 ritual streak running" in text
        assert "Sam: A walk together on Sunday mornings" in text
        assert "Sam: a picnic in the park" in text and "Alex: an evening without phones" in text
        assert "Skipped this week" not in text

        await pilot.press("space")  # from the summary back to the plan and its history
        await settle(pilot)
        history = screen_text(app)
        # The week's row: each partner's talk time and rating, then the appreciations given.
        assert "♥ appreciations given" in history, history
        assert re.search(r"22 Nov\s+10:00 4/5\s+10:00 2/5\s+3\b", history), history

        await open_pane(app, pilot, RitualsPane)
        text = screen_text(app)
        assert "Sam: a picnic in the park" in text
        assert "Alex: an evening without phones" in text

    stored = the_checkin(set_up_path)
    assert stored["status"] == "finished" and stored["ended_at"]
    assert stored["agenda"] == ALL_STEPS and stored["step"] == "looking_ahead"
    assert stored["skipped"] == [] and stored["passed"] == []
    assert [turn["speaker"] for turn in stored["turns"]] == ["a", "b", "a", "b"]
    assert [turn["heard"] for turn in stored["turns"]] == [True] * 4
    assert len(stored["appreciations"]) == 3
    assert stored["ratings"] == [
        {"partner": "a", "score": 4, "note": "we laughed again"},
        {"partner": "b", "score": 2, "note": ""},
    ]
    assert stored["requests_made"] == [made["id"]]
    assert stored["wishes"] == [
        {"by": "a", "text": "a picnic in the park"},
        {"by": "b", "text": "an evening without phones"},
    ]


async def test_the_step_line_names_each_step_and_the_next_at_80_columns(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SMALLEST) as pilot:
        await start_meeting(app, pilot)
        lines = []
        for _step in AgendaStep:
            lines.append(step_line(app))
            assert lines[-1] in screen_text(app), "the whole line shows, on one row"
            if lines[-1].startswith("Step 6"):
                break
            await pilot.press("s")
    assert lines == [
        "Step 1 of 6 · Appreciations   next: Wins and moments",
        "Step 2 of 6 · Wins and moments   next: The talk",
        "Step 3 of 6 · The talk   next: Requests",
        "Step 4 of 6 · Requests   next: Ratings, revealed together",
        "Step 5 of 6 · Ratings, revealed together   next: Looking ahead",
        "Step 6 of 6 · Looking ahead",
    ]


# --- ratings revealed together -----------------------------------------------------------------


async def skip_to_ratings(app: AttuneApp, pilot) -> None:
    await start_meeting(app, pilot)
    await pilot.press("s", "s", "s", "s")
    assert step_line(app).startswith("Step 5 of 6 · Ratings")


async def test_no_rating_or_note_shows_before_both_are_in(
    set_up_path: Path, launch: Launcher
) -> None:
    secret = "I felt far away"
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await skip_to_ratings(app, pilot)
        await rate(app, pilot, 4, secret)
        assert "Sam has answered" in screen_text(app)
        assert_ratings_hidden(app, secret)

        await pilot.press("x")  # noting the talk got stuck redraws the step
        await settle(pilot)
        assert_ratings_hidden(app, secret)
        await pilot.press("x")

        dialog = await open_rating(app, pilot)
        assert "Alex, your rating" in screen_text(app)
        assert_ratings_hidden(app, secret)
        await pilot.press("escape")  # Alex is not ready yet: back to the step, still hidden
        await settle(pilot)
        assert app.screen is not dialog
        assert_ratings_hidden(app, secret)

        await pilot.resize_terminal(*SMALLEST)
        await settle(pilot)
        assert_ratings_hidden(app, secret)
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)

        await open_rating(app, pilot)
        await fill_rating(pilot, 2, "tired")
        text = screen_text(app)
        assert "4 of 5" not in text and secret not in text, "Alex sees only their own answer"
        await save_dialog(app, pilot)
        text = screen_text(app)
        assert "Both are in" in text and "4 of 5" in text and secret in text
        assert "2 of 5" in text and "tired" in text


async def test_a_partner_who_passes_is_revealed_as_passed(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await skip_to_ratings(app, pilot)
        await rate(app, pilot, None)
        assert "Sam has answered" in screen_text(app)
        assert "passed" not in screen_text(app), "a pass stays hidden like a rating"
        await rate(app, pilot, 3, "a calm week")
        text = screen_text(app)
        assert re.search(r"Sam\s+passed", text), text
        assert re.search(r"Alex\s+3 of 5\s+a calm week", text), text
    stored = the_checkin(set_up_path)
    assert stored["passed"] == ["a"]
    assert stored["ratings"] == [{"partner": "b", "score": 3, "note": "a calm week"}]


async def test_the_reveal_shows_the_change_from_last_week(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    save_last_weeks_checkin(set_up_path, clock, (3, 3))
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await skip_to_ratings(app, pilot)
        assert "Next: Sam rates" in screen_text(app)
        await rate(app, pilot, 4)
        await rate(app, pilot, 2)
        text = screen_text(app)
        assert "4 of 5 (up 1 from last week)" in text
        assert "2 of 5 (down 1 from last week)" in text


# --- skipping, the clock alone, choosing steps -------------------------------------------------


async def test_every_step_can_be_skipped_and_the_summary_says_which(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        pane = await start_meeting(app, pilot)
        for number in range(1, 7):
            assert step_line(app).startswith(f"Step {number} of 6")
            await pilot.press("s")
            await settle(pilot)
        assert pane.talk is not None and pane.talk.phase is Phase.FINISHED
        text = screen_text(app)
        assert "Check-in finished" in text
        assert (
            "Skipped this week: Appreciations, Wins and moments, The talk, Requests, Ratings, "
            "revealed together, Looking ahead" in " ".join(text.split())
        )
    stored = the_checkin(set_up_path)
    assert stored["status"] == "finished"
    assert stored["skipped"] == ALL_STEPS
    assert stored["turns"] == [] and stored["ratings"] == []


async def test_the_clock_only_check_in_is_the_talk_then_the_ratings_revealed_together(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "◀ all six steps ▶" in screen_text(app)
        await pilot.press("up", "right")  # from the first row up to the last: Steps
        assert "◀ clock only ▶" in screen_text(app)
        assert read_data_file(set_up_path)["settings"]["1"]["agenda"] == ["talk"]

        await pilot.press("space")
        pane = pane_of(app)
        assert pane.talk is not None and pane.talk.phase is Phase.SPEAKING
        assert "Sam is speaking" in screen_text(app)
        assert step_line(app) == "Step 1 of 2 · The talk   next: Ratings, revealed together"

        await run_for(pane, clock, 90, pilot)
        await pilot.press("f")  # end the talk: it asks first, and the turn so far counts
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert pane.talk.phase is Phase.WRAPPING_UP and not pane.talk.is_running
        await pilot.press("enter")
        assert step_line(app) == "Step 2 of 2 · Ratings, revealed together"
        await rate(app, pilot, 4, "close")
        await rate(app, pilot, None)
        text = screen_text(app)
        assert re.search(r"Sam\s+4 of 5\s+close", text) and re.search(r"Alex\s+passed", text)
        await pilot.press("enter")  # the last step: enter finishes
        await settle(pilot)
        assert pane.talk.phase is Phase.FINISHED
        text = screen_text(app)
        assert "Check-in finished" in text and "close" in text
        assert "Skipped this week" not in text and "Appreciations" not in text
    stored = the_checkin(set_up_path)
    assert stored["status"] == "finished" and stored["agenda"] == ["talk", "ratings"]
    assert [turn["spoken_ms"] for turn in stored["turns"]] == [90_000]
    assert stored["ratings"] == [{"partner": "a", "score": 4, "note": "close"}]
    assert stored["passed"] == ["b"]


async def test_choosing_two_steps_makes_a_two_step_meeting(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, AgendaDialog)
        # Focus starts on Appreciations (kept): untick Wins, The talk, Requests and Looking ahead.
        await pilot.press("tab", "space", "tab", "space", "tab", "space", "tab", "tab", "space")
        await save_dialog(app, pilot)
        assert not isinstance(app.screen, AgendaDialog)
        assert "2 of 6 steps" in screen_text(app)
        assert read_data_file(set_up_path)["settings"]["1"]["agenda"] == [
            "appreciations",
            "ratings",
        ]
        await pilot.press("space")
        await settle(pilot)
        assert step_line(app) == "Step 1 of 2 · Appreciations   next: Ratings, revealed together"
        await pilot.press("enter")
        assert step_line(app) == "Step 2 of 2 · Ratings, revealed together"
    assert the_checkin(set_up_path)["agenda"] == ["appreciations", "ratings"]


# --- resuming after a kill ---------------------------------------------------------------------


async def enter_at(step: AgendaStep, app: AttuneApp, pilot, clock: FixedClock) -> None:
    """Go to `step` (ending the talk early on the way) and enter what the step takes."""
    pane = await start_meeting(app, pilot)
    for earlier in list(AgendaStep)[: list(AgendaStep).index(step)]:
        if earlier is AgendaStep.TALK:
            await end_talk_early(app, pilot)
        elif earlier is AgendaStep.RATINGS:
            await rate(app, pilot, 3)
            await rate(app, pilot, 3)
        await pilot.press("enter")
        await settle(pilot)
    assert step_line(app).startswith(f"Step {list(AgendaStep).index(step) + 1} of 6")
    if step is AgendaStep.APPRECIATIONS:
        await write_appreciations(app, pilot, ["the tea in bed", "the garden"], ["a kind word"])
    elif step is AgendaStep.TALK:
        await pilot.press("space")
        await run_for(pane, clock, 100, pilot)
        await pilot.press("enter", "enter")  # handed over, heard: Alex's turn runs
    elif step is AgendaStep.REQUESTS:
        await make_request(app, pilot, "to feel chosen", "A walk together on Sunday mornings")
    elif step is AgendaStep.RATINGS:
        await rate(app, pilot, 4, "we laughed again")
    elif step is AgendaStep.LOOKING_AHEAD:
        await write_wishes(app, pilot, "a picnic in the park", "an evening without phones")


SHOWN_BEFORE_THE_KILL: dict[AgendaStep, tuple[str, ...]] = {
    AgendaStep.TALK: ("Alex is speaking", "turn 2 of 4"),
}
"""Where a step shows something else before the kill than after it (see `WHAT_WAS_ENTERED`)."""
WHAT_WAS_ENTERED: dict[AgendaStep, tuple[str, ...]] = {
    AgendaStep.APPRECIATIONS: ("• the tea in bed", "• the garden", "• a kind word"),
    AgendaStep.WINS: ("Wins since the last check-in",),
    # Alex's running turn is lost with the kill; Sam's, handed over, is kept.
    AgendaStep.TALK: ("Alex speaks next", "turn 2 of 4"),
    AgendaStep.REQUESTS: ("Made at this check-in", "Sam: A walk together on Sunday mornings"),
    AgendaStep.RATINGS: ("Sam has answered", "Alex has not answered yet"),
    AgendaStep.LOOKING_AHEAD: ("Sam: a picnic in the park", "Alex: an evening without phones"),
}


def copy_as_a_kill_leaves_it(source: Path, folder: Path) -> Path:
    """The bytes on disk now, in a fresh place: every change is saved at once, so a kill
    leaves exactly these."""
    folder.mkdir(mode=0o700)
    copy = folder / "attune.json"
    copy.write_bytes(source.read_bytes())
    copy.chmod(0o600)
    return copy


@pytest.mark.parametrize("step", list(AgendaStep), ids=[step.value for step in AgendaStep])
async def test_a_kill_at_each_step_resumes_there_with_what_was_entered(
    step: AgendaStep, set_up_path: Path, clock: FixedClock, launch: Launcher, tmp_path: Path
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await enter_at(step, app, pilot, clock)
        for entered in SHOWN_BEFORE_THE_KILL.get(step, WHAT_WAS_ENTERED[step]):
            assert entered in screen_text(app), "the entry shows before the kill"
        left_behind = copy_as_a_kill_leaves_it(set_up_path, tmp_path / "after-the-kill")
    assert the_checkin(left_behind)["step"] == step.value

    relaunched = launch(left_behind)
    async with relaunched.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(relaunched.screen, ConfirmDialog)
        assert "An unfinished check-in" in screen_text(relaunched)
        await pilot.press("y")
        await settle(pilot)
        number = list(AgendaStep).index(step) + 1
        assert step_line(relaunched).startswith(f"Step {number} of 6")
        text = screen_text(relaunched)
        for entered in WHAT_WAS_ENTERED[step]:
            assert entered in text, text
        if step is AgendaStep.RATINGS:
            assert_ratings_hidden(relaunched, "we laughed again")
        talk = pane_of(relaunched).talk
        assert talk is not None and talk.record.step is step
        if step is AgendaStep.TALK:
            assert [turn.spoken_ms for turn in talk.record.turns] == [100_000]


async def test_a_long_summary_scrolls_with_the_keys_at_80_columns(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SMALLEST) as pilot:
        await start_meeting(app, pilot)
        await write_appreciations(
            app, pilot, ["the tea", "the walk", "the call"], ["the gate", "the dinner", "the song"]
        )
        await pilot.press(
            "enter", *"ssss"
        )  # on to the wins; skip them, the talk, requests, ratings
        await settle(pilot)
        await write_wishes(app, pilot, "a picnic", "a quiet evening")
        await pilot.press("enter")  # the last step: finish
        await settle(pilot)
        summary = pane_of(app).query_one(SummaryView)
        assert summary.has_focus and summary.max_scroll_y > 0, "longer than the window"
        assert "a quiet evening" not in screen_text(app)

        await pilot.press("down", "j", "down", "j", "down", "j", "down", "j", "down", "j")
        await settle(pilot)
        assert summary.scroll_y > 0
        for _ in range(summary.max_scroll_y):
            await pilot.press("down")
        await settle(pilot)
        assert "Alex: a quiet evening" in screen_text(app)

        await pilot.press(*["up", "k"] * summary.max_scroll_y)
        await settle(pilot)
        assert summary.scroll_y == 0 and "Check-in finished" in screen_text(app)


async def test_past_check_ins_can_be_reread_week_by_week(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(set_up_path, clock) as store:
        for weeks_ago, (appreciated, wish, scores) in enumerate(
            [
                ("the [b]tea[/b]", "a long walk", (4, 3)),
                ("the garden gate", "a slow breakfast", (2, 5)),
            ],
            start=1,
        ):
            started = clock.now().subtract(weeks=weeks_ago)
            record = new_checkin(store.settings(), "a", started.isoformat())
            store.save_checkin(
                replace(
                    record,
                    status=CheckinStatus.FINISHED,
                    ended_at=started.add(minutes=40).isoformat(),
                    step=record.agenda[-1],
                    ratings=(Rating("a", scores[0]), Rating("b", scores[1], "closer")),
                    appreciations=(Appreciation("a", appreciated),),
                    wishes=(Wish("b", wish),),
                    skipped=(AgendaStep.REQUESTS,),
                )
            )
    app = launch(set_up_path)
    async with app.run_test(size=SMALLEST) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsDialog)
        text = screen_text(app)
        assert "15 Nov 2026" in text and "8 Nov 2026" in text, "the newest week first"
        assert "the [b]tea[/b]" in text, "last week's appreciation, shown literally"
        assert "4/5, up 2" in text and "3/5, down 2" in text and "closer" in text
        assert "the garden gate" not in text

        await pilot.press("down")
        await settle(pilot)
        text = screen_text(app)
        assert "the garden gate" in text and "the [b]tea[/b]" not in text
        await pilot.press("tab", "down", "down", "down", "down", "down", "down", "down", "down")
        await settle(pilot)
        assert "Alex: a slow breakfast" in screen_text(app)
        assert "Skipped this week: Requests" in screen_text(app)

        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PastMeetingsDialog)
        assert pane_of(app).talk is None, "rereading changes nothing"


async def test_the_past_weeks_key_comes_with_the_first_check_in_held(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "p past weeks" not in widget_text(app, "#plan-keys")
        await pilot.press("p")
        await settle(pilot)
        assert not isinstance(app.screen, PastMeetingsDialog), "nothing to reread yet"
        await pilot.press("space", *"ssssss")  # a meeting held, every step skipped
        await settle(pilot)
        await pilot.press("space")  # from the summary back to the plan
        await settle(pilot)
        assert "p past weeks" in widget_text(app, "#plan-keys")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsDialog)
        assert "Skipped this week" in screen_text(app)
