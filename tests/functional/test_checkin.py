"""The Check-in pane driven with the keys a couple would press, on a clock the test moves."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import CLOCK_ONLY
from tui.core.speaking import Phase
from tui.dialogs.confirm import ConfirmDialog
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane
from tui.store import Store

from ..conftest import Launcher, make_settings
from .helpers import (
    open_pane_answering_its_offer,
    pane_key,
    read_data_file,
    screen_text,
    widget_text,
)
from .test_agenda import rate, settle


@pytest.fixture
def set_up_path(clock_only_set_up_path: Path) -> Path:
    """These tests are of the speaking clock alone: the plan's "clock only" check-in."""
    return clock_only_set_up_path


def pane_of(app: AttuneApp) -> CheckinPane:
    return app.screen.query_one(CheckinPane)


async def start_checkin(app: AttuneApp, pilot) -> CheckinPane:
    """Wait for the dashboard, then press space: the first turn starts."""
    await pilot.pause()
    await pilot.press("space")
    return pane_of(app)


def spy_on_bell(app: AttuneApp, monkeypatch: pytest.MonkeyPatch) -> list[None]:
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    return rings


async def run_for(pane: CheckinPane, clock: FixedClock, seconds: int, pilot) -> None:
    """Let `seconds` pass with a tick each second, as the screen's timer would."""
    for _ in range(seconds):
        clock.advance(1)
        pane.tick()
    await pilot.pause()


async def test_a_whole_check_in_with_the_keys(
    set_up_path: Path, clock: FixedClock, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = launch(set_up_path)
    rings = spy_on_bell(app, monkeypatch)
    async with app.run_test(size=(100, 34)) as pilot:
        pane = await start_checkin(app, pilot)
        assert pane.talk is not None and pane.talk.phase is Phase.SPEAKING
        assert "Sam is speaking" in screen_text(app)

        # Four turns of five minutes; each runs over by a few seconds before the hand-over.
        for turn, overtime in enumerate([3, 20, 0, 7]):
            await run_for(pane, clock, 5 * 60 + overtime, pilot)
            assert len(rings) == turn + 1, "the bell rings once, when the time is up"
            if overtime:
                assert "TIME'S UP" in screen_text(app)
                assert f"+0:{overtime:02d}" in screen_text(app)
            await pilot.press("n" if turn % 2 else "enter")
            assert pane.talk.phase is Phase.REFLECT_BACK
            if turn == 1:
                await pilot.press("a")  # the speaker asks for another try
            await run_for(pane, clock, 40, pilot)
            await pilot.press("enter")

        assert pane.talk.phase is Phase.WRAPPING_UP
        assert "Go on when you are both ready" in screen_text(app)
        await pilot.press("enter")  # on to the ratings, one partner at a time
        await rate(app, pilot, 4, "[bold]closer[/]")
        await rate(app, pilot, 3)
        await pilot.press("x")  # we got stuck
        await pilot.press("enter")  # the last step: enter finishes
        await pilot.pause()
        assert pane.talk.phase is Phase.FINISHED
        text = screen_text(app)
        assert "Check-in finished" in text and "[bold]closer[/]" in text
        assert "consider inviting a therapist" in text
        await pilot.press("space")  # back to the plan: the history lists this check-in
        assert "22 Nov" in screen_text(app)

    assert len(rings) == 4
    stored = next(iter(read_data_file(set_up_path)["checkins"].values()))
    assert stored["status"] == "finished"
    assert [turn["speaker"] for turn in stored["turns"]] == ["a", "b", "a", "b"]
    assert [turn["spoken_ms"] for turn in stored["turns"]] == [303_000, 320_000, 300_000, 307_000]
    assert [turn["reflect_attempts"] for turn in stored["turns"]] == [1, 2, 1, 1]
    assert stored["ratings"] == [
        {"partner": "a", "score": 4, "note": "[bold]closer[/]"},
        {"partner": "b", "score": 3, "note": ""},
    ]
    assert stored["stuck"] is True


async def test_a_key_pressed_as_the_window_appears_reaches_the_pane(
    set_up_path: Path, launch: Launcher
) -> None:
    # Pressed by an auto-pilot that starts with the app, before the dashboard settles:
    # focus must already be on the pane's main widget, not on the tab bar on its way there.
    app = launch(set_up_path)
    phases = []

    async def press_space_at_once(pilot) -> None:
        await pilot.press("space")
        await pilot.pause()
        talk = pane_of(app).talk
        phases.append(talk.phase if talk else None)
        app.exit()

    await app.run_async(headless=True, size=(80, 24), auto_pilot=press_space_at_once)
    assert phases == [Phase.SPEAKING]


async def test_cooling_off_shows_when_to_come_back_and_resumes_the_turn(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        pane = await start_checkin(app, pilot)
        await run_for(pane, clock, 60, pilot)
        await pilot.press("c")
        text = screen_text(app)
        assert "Cooling-off" in text and "Back at 10:51" in text
        await run_for(pane, clock, 20 * 60, pilot)
        assert "The break is over" in screen_text(app)
        await pilot.press("space")
        assert pane.talk.phase is Phase.SPEAKING
        assert pane.talk.remaining_ms() == 4 * 60_000
    stored = next(iter(read_data_file(set_up_path)["checkins"].values()))
    assert stored["cooling_offs"] == 1


async def test_escape_abandons_after_asking_and_keeps_the_turns(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        pane = await start_checkin(app, pilot)
        await run_for(pane, clock, 90, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert pane.talk.phase is Phase.SPEAKING
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert pane.talk is None
    stored = next(iter(read_data_file(set_up_path)["checkins"].values()))
    assert stored["status"] == "abandoned"
    assert [turn["spoken_ms"] for turn in stored["turns"]] == [90_000]


async def test_an_interrupted_check_in_is_offered_on_relaunch(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        pane = await start_checkin(app, pilot)
        await run_for(pane, clock, 120, pilot)
        await pilot.press("enter", "enter")  # hand over, heard: Alex's turn is running
        await run_for(pane, clock, 30, pilot)
    app.store.close()  # the app is gone without finishing: Alex's running turn is lost

    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(relaunched.screen, ConfirmDialog)
        assert "stopped after 1 turn" in relaunched.screen.message
        await pilot.press("y")
        await pilot.pause()
        pane = pane_of(relaunched)
        assert "Alex speaks next" in screen_text(relaunched)
        await pilot.press("space")
        assert pane.talk.speaker == "b" and pane.talk.turn_index == 1
        assert [turn.spoken_ms for turn in pane.talk.record.turns] == [120_000]


async def test_markup_like_names_and_notes_show_literally(
    data_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(data_path, clock) as store:
        store.set_up(
            make_settings("[/]", "[@click=app.quit]x", agenda=CLOCK_ONLY),
            created=clock.now().isoformat(),
        )
    app = launch(data_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        text = screen_text(app)
        assert "[/] is speaking" in text
        assert "Next: [@click=app.quit]x" in text
        assert app.is_running


async def test_the_plan_can_be_changed_with_the_arrows_and_is_saved(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.press("right", "down", "right", "right", "down", "left")
        text = screen_text(app)
        assert "◀ Alex ▶" in text and "◀ 7 min ▶" in text and "◀ 1 each ▶" in text
        await pilot.press("space")
        assert pane_of(app).talk.speaker == "b"
    settings = read_data_file(set_up_path)["settings"]["1"]
    assert (settings["turn_minutes"], settings["rounds"]) == (7, 1)


async def test_quitting_during_a_check_in_asks_first(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.press("space", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and pane_of(app).talk.phase is Phase.SPEAKING
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_a_long_name_is_cut_short_and_every_plan_row_stays_visible(
    data_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(data_path, clock) as store:
        long_name = "Bartholomew-Alexander Featherstonehaugh"
        store.set_up(
            make_settings(long_name, "Alex", agenda=CLOCK_ONLY), created=clock.now().isoformat()
        )
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Bartholomew-Al…" in text
        assert "Weekly on" in text, "the seventh row must not be pushed out of the card"


async def test_a_check_in_before_the_rollover_hour_shows_and_ticks_one_logical_day(
    set_up_path: Path,
) -> None:
    # Monday 00:52, before the 04:00 rollover: for the couple it is still Sunday evening.
    late = FixedClock(pendulum.datetime(2026, 11, 23, 0, 52, tz="Europe/London"))
    with Store.open(set_up_path, late) as store:
        store.update_settings(rounds=1, reflect_back_minutes=0)
    store = Store.open(set_up_path, late)
    app = AttuneApp(store, late)
    try:
        async with app.run_test(size=(100, 34)) as pilot:
            await pilot.pause()
            assert "Next check-in: today (Sunday 22 November)" in screen_text(app)
            await open_pane_answering_its_offer(app, pilot, RitualsPane, accept=True)
            await pilot.press(pane_key(CheckinPane), "space", "enter", "enter", "enter")
            await rate(app, pilot, 4)
            await rate(app, pilot, 4)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("space")  # from the summary back to the plan and its history
            await pilot.pause()
            text = screen_text(app)
            assert "22 Nov" in text and "23 Nov" not in text, text
            assert "Next check-in: in 1 week (Sunday 29 November)" in text
    finally:
        store.close()
    stored = read_data_file(set_up_path)
    ticked_days = {document["day"] for document in stored["days"].values()}
    assert ticked_days == {"2026-11-22"}, "the weekly check-in ritual is ticked for Sunday"


async def test_keeping_on_talking_returns_to_the_running_turn_and_records_nothing_finished(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        pane = await start_checkin(app, pilot)
        await run_for(pane, clock, 30, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "ending the talk asks first"
        clock.advance(10)
        await pilot.press("escape")
        await pilot.pause()
        assert pane.talk is not None and pane.talk.phase is Phase.SPEAKING
        assert "Sam is speaking" in screen_text(app)
        (stored,) = read_data_file(set_up_path)["checkins"].values()
        assert stored["status"] == "in_progress" and stored["turns"] == []

        await pilot.press("enter")  # the turn hands over as usual: the rest can be spoken
        await pilot.pause()
        assert pane.talk.phase is Phase.REFLECT_BACK
        (stored,) = read_data_file(set_up_path)["checkins"].values()
        assert len(stored["turns"]) == 1 and stored["turns"][0]["spoken_ms"] == 40_000


async def test_of_two_unfinished_check_ins_the_newest_is_offered(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    from tui.core.checkins import CheckinPlan, CheckinRecord

    plan = CheckinPlan(
        first_speaker="a",
        turn_ms=300_000,
        rounds=1,
        reflect_back_ms=0,
        heated_limit_ms=2_700_000,
        cooling_off_ms=1_200_000,
    )
    with Store.open(set_up_path, clock) as store:
        for record_id, started in (("old", "2026-11-15T10:00:00+00:00"), ("new", clock.now())):
            store.save_checkin(CheckinRecord(id=record_id, started_at=str(started), plan=plan))
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Sunday 22 November" in app.screen.message, app.screen.message


async def test_the_hint_lines_and_the_footer_show_the_keys_of_the_moment(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    def live_keys() -> dict[str, str]:
        return {
            key: bound.binding.description
            for key, bound in app.screen.active_bindings.items()
            if bound.node is pane_of(app)
        }

    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        plan_keys = widget_text(app, "#plan-keys")
        assert plan_keys == "↑ line up · ↓ line down · ← less · → more · space start · o steps"
        assert live_keys() == {"space": "Start", "o": "Steps"}

        pane = await start_checkin(app, pilot)
        assert widget_text(app, "#talk-keys") == (
            "space pause · enter hand over · c cooling-off · + more time · - less time · "
            "esc abandon · f end talk · x stuck"
        )
        assert live_keys()["space"] == "Pause" and "a" not in live_keys()

        await pilot.press("space")
        assert widget_text(app, "#talk-keys").startswith("space carry on · enter hand over")
        await pilot.press("space", "enter")
        assert widget_text(app, "#talk-keys").startswith("space pause · enter heard · a try again")
        assert (live_keys()["enter"], live_keys()["a"]) == ("Heard", "Try again")

        await pilot.press("c")
        assert widget_text(app, "#cooling-view .hint") == (
            "space come back · + more time · - less time · esc abandon · x stuck"
        )
        assert "c" not in live_keys(), "c comes back from the break: the view's own key"
        await pilot.press("c")
        assert pane.talk.phase is Phase.REFLECT_BACK

        await pilot.press("f", "y", "enter")  # end the talk, on to the ratings
        await settle(pilot)
        assert (
            widget_text(app, "#agenda-view .hint") == "esc abandon · s skip step · r rate · x stuck"
        )
        await rate(app, pilot, 4)
        await rate(app, pilot, 4)
        assert widget_text(app, "#agenda-view .hint") == (
            "esc abandon · enter finish · s skip step · x stuck"
        ), "both are in: the week is finished with enter"
        await pilot.press("enter")
        await pilot.pause()
        assert (
            widget_text(app, "#summary-view .hint")
            == "space plan next · ↓ scroll down · ↑ scroll up"
        )
        assert live_keys() == {}, "after finishing, no key of the check-in is live"
        await pilot.press("space")
        assert (
            widget_text(app, "#plan-keys").endswith("space start · p past weeks · o steps")
            and pane.talk is None
        )


async def test_the_heated_talk_notice_names_the_cooling_off_key(
    set_up_path: Path, clock: FixedClock, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(set_up_path, clock) as store:
        store.update_settings(turn_minutes=30, heated_limit_minutes=5)
    app = launch(set_up_path)
    notices: list[str] = []
    async with app.run_test(size=(100, 34)) as pilot:
        pane = await start_checkin(app, pilot)
        monkeypatch.setattr(pane, "notify", lambda message, **_options: notices.append(message))
        await run_for(pane, clock, 5 * 60, pilot)
        assert "past your limit: time for a cooling-off?" in screen_text(app)
    assert notices == [
        "You have talked past your agreed limit since the last break. Press c for a cooling-off."
    ]
