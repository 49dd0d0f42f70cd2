"""The speaking clock on a fake clock: whole check-ins, overtime, pauses, breaks, stalls, and
the moves each moment allows."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from tui.clock import FixedClock
from tui.core.checkin_moves import Move, make_move, open_moves
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating
from tui.core.speaking import Event, IllegalMove, Phase, SpeakingClock

MINUTE = 60


def plan(**changes: int | str) -> CheckinPlan:
    values: dict = dict(
        first_speaker="a",
        turn_ms=5 * 60_000,
        rounds=2,
        reflect_back_ms=60_000,
        heated_limit_ms=45 * 60_000,
        cooling_off_ms=20 * 60_000,
    )
    values.update(changes)
    return CheckinPlan(**values)


def new_clock(clock: FixedClock, **changes: int | str) -> SpeakingClock:
    record = CheckinRecord(id="c1", started_at=clock.now().isoformat(), plan=plan(**changes))
    return SpeakingClock(record, clock)


def test_a_full_two_round_check_in(clock: FixedClock) -> None:
    talk = new_clock(clock)
    assert (talk.phase, talk.speaker, talk.next_speaker) == (Phase.READY, "a", "b")
    talk.start()
    for speaker, seconds in [("a", 4 * MINUTE), ("b", 5 * MINUTE), ("a", 3 * MINUTE), ("b", 61)]:
        assert talk.phase is Phase.SPEAKING and talk.speaker == speaker
        clock.advance(seconds)
        talk.hand_over()
        assert talk.phase is Phase.REFLECT_BACK and talk.speaker == speaker
        clock.advance(40)
        talk.confirm_heard()
    assert talk.phase is Phase.WRAPPING_UP
    talk.record = replace(talk.record, ratings=(Rating("a", 4, "felt closer"), Rating("b", 3)))
    talk.finish(clock.now().isoformat())

    record = talk.record
    assert record.status is CheckinStatus.FINISHED
    assert [turn.speaker for turn in record.turns] == ["a", "b", "a", "b"]
    assert [turn.spoken_ms for turn in record.turns] == [240_000, 300_000, 180_000, 61_000]
    assert all(turn.heard for turn in record.turns)
    assert record.spoken_ms("a") == 420_000 and record.spoken_ms("b") == 361_000
    assert record.ratings[0].note == "felt closer"


def test_overtime_counts_up_and_the_bell_event_comes_once(clock: FixedClock) -> None:
    talk = new_clock(clock, turn_ms=60_000)
    talk.start()
    clock.advance(59)
    assert talk.poll() == [] and talk.remaining_ms() == 1000
    clock.advance(1)
    assert talk.poll() == [Event.TIME_UP]
    clock.advance(23)
    assert talk.poll() == []
    assert talk.overtime_ms() == 23_000 and talk.remaining_ms() == -23_000
    talk.hand_over()
    assert talk.record.turns[0].overtime_ms == 23_000
    assert talk.record.turns[0].planned_ms == 60_000


def test_pause_stops_the_turn_clock(clock: FixedClock) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(60)
    talk.toggle_pause()
    assert talk.phase is Phase.PAUSED
    clock.advance(600)
    assert talk.remaining_ms() == 4 * 60_000
    talk.toggle_pause()
    assert talk.phase is Phase.SPEAKING
    clock.advance(30)
    assert talk.remaining_ms() == 3 * 60_000 + 30_000
    talk.hand_over()
    assert talk.record.turns[0].spoken_ms == 90_000


def test_add_and_take_a_minute(clock: FixedClock) -> None:
    talk = new_clock(clock, turn_ms=2 * 60_000)
    talk.start()
    talk.add_minute()
    assert talk.remaining_ms() == 3 * 60_000
    talk.take_minute()
    talk.take_minute()
    assert talk.remaining_ms() == 60_000
    with pytest.raises(IllegalMove, match="shorter than one minute"):
        talk.take_minute()
    clock.advance(70)
    assert talk.poll() == [Event.TIME_UP]
    talk.add_minute()  # back to time left: the bell may ring again at the new end
    assert talk.remaining_ms() == 50_000
    clock.advance(50)
    assert talk.poll() == [Event.TIME_UP]


def test_cooling_off_and_resume_where_the_talk_stopped(clock: FixedClock) -> None:
    talk = new_clock(clock, heated_limit_ms=10 * 60_000, turn_ms=15 * 60_000)
    talk.start()
    clock.advance(10 * MINUTE)
    assert talk.cooling_off_suggested
    assert Event.HEATED_LIMIT_REACHED in talk.poll()
    assert talk.poll() == []
    talk.start_cooling_off()
    assert talk.phase is Phase.COOLING_OFF
    assert talk.cooling_off_ends_at == "2026-11-22T11:00:00+00:00"
    clock.advance(19 * MINUTE)
    assert talk.cooling_off_remaining_ms() == 60_000
    assert talk.remaining_ms() == 5 * 60_000, "the turn does not run during the break"
    clock.advance(MINUTE)
    assert talk.poll() == [Event.COOLING_OFF_OVER]
    talk.resume_after_cooling_off()
    assert talk.phase is Phase.SPEAKING and talk.speaker == "a"
    assert talk.remaining_ms() == 5 * 60_000
    assert not talk.cooling_off_suggested, "the heated-talk limit restarts after a break"
    assert talk.record.cooling_offs == 1


def test_a_five_second_stall_changes_nothing(clock: FixedClock) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(2)
    before = talk.remaining_ms()
    clock.advance(5)  # the event loop was stuck: no tick, no poll
    assert talk.remaining_ms() == before - 5000
    clock.stall_wall_clock(3600)  # someone changed the system clock
    assert talk.remaining_ms() == before - 5000


def test_abandon_keeps_the_turns_so_far(clock: FixedClock) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(3 * MINUTE)
    talk.hand_over()
    talk.confirm_heard()
    clock.advance(MINUTE)
    talk.abandon()
    assert talk.phase is Phase.ABANDONED
    assert talk.record.status is CheckinStatus.ABANDONED
    assert [(turn.speaker, turn.spoken_ms) for turn in talk.record.turns] == [
        ("a", 180_000),
        ("b", 60_000),
    ]
    with pytest.raises(IllegalMove):
        talk.start()


def test_asking_for_another_reflect_back(clock: FixedClock) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(MINUTE)
    talk.hand_over()
    clock.advance(50)
    talk.ask_again()
    assert talk.remaining_ms() == 60_000
    talk.confirm_heard()
    assert talk.record.turns[0].reflect_attempts == 2
    assert talk.record.turns[0].heard is True


def test_without_reflect_back_turns_follow_each_other(clock: FixedClock) -> None:
    talk = new_clock(clock, reflect_back_ms=0, rounds=1)
    talk.start()
    talk.hand_over()
    assert talk.phase is Phase.SPEAKING and talk.speaker == "b"
    talk.hand_over()
    assert talk.phase is Phase.WRAPPING_UP
    assert talk.record.turns[0].heard is None


def test_ending_early_counts_the_running_turn(clock: FixedClock) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(2 * MINUTE)
    talk.end_talking()
    assert talk.phase is Phase.WRAPPING_UP
    assert talk.record.turns[0].spoken_ms == 120_000


def test_a_resumed_check_in_continues_with_the_next_turn(clock: FixedClock) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(MINUTE)
    talk.hand_over()
    talk.confirm_heard()
    clock.advance(30)  # the crash: b's running turn is lost
    resumed = SpeakingClock(talk.record, clock)
    assert resumed.phase is Phase.READY and resumed.speaker == "b"
    resumed.start()
    assert resumed.turn_index == 1


@pytest.mark.parametrize(
    "action",
    [
        "toggle_pause",
        "hand_over",
        "confirm_heard",
        "ask_again",
        "add_minute",
        "take_minute",
        "resume_after_cooling_off",
    ],
)
def test_moves_that_make_no_sense_before_starting_are_refused(
    clock: FixedClock, action: str
) -> None:
    talk = new_clock(clock)
    with pytest.raises(IllegalMove):
        getattr(talk, action)()
    assert talk.phase is Phase.READY


def test_under_way_running_overtime_and_the_last_minute(clock: FixedClock) -> None:
    talk = new_clock(clock, turn_ms=2 * 60_000)
    assert talk.is_under_way and not talk.is_running
    talk.start()
    assert talk.is_running and not talk.is_in_last_minute()
    clock.advance(60)
    assert talk.is_in_last_minute() and not talk.is_in_overtime()
    talk.toggle_pause()
    assert not talk.is_running and talk.is_in_last_minute(), "a paused turn keeps its state"
    talk.toggle_pause()
    clock.advance(61)
    assert talk.is_in_overtime() and not talk.is_in_last_minute()
    talk.start_cooling_off()
    assert talk.is_running and talk.is_in_overtime(), "the break counts down; the turn waits"
    talk.resume_after_cooling_off()
    talk.hand_over()
    clock.advance(30)
    assert talk.is_in_last_minute() and not talk.is_in_overtime()
    clock.advance(60)
    assert not talk.is_in_overtime(), "a reflect-back has no overtime"
    talk.abandon()
    assert not talk.is_under_way and not talk.is_running


def moves_in(talk: SpeakingClock | None) -> set[str]:
    return {str(move) for move in open_moves(talk)}


def test_each_moment_opens_its_own_moves(clock: FixedClock) -> None:
    assert moves_in(None) == {"start"}
    talk = new_clock(clock)
    assert moves_in(talk) == {"start", "abandon"}
    talk.start()
    during_a_turn = {"add_minute", "take_minute", "cooling_off", "abandon"}
    assert moves_in(talk) == {"pause", "hand_over", *during_a_turn}
    talk.toggle_pause()
    assert moves_in(talk) == {"carry_on", "hand_over", *during_a_turn}
    talk.toggle_pause()
    talk.hand_over()
    assert moves_in(talk) == {"pause", "confirm_heard", "ask_again", *during_a_turn}
    talk.toggle_pause()
    assert moves_in(talk) == {"carry_on", "confirm_heard", *during_a_turn}, "no new try paused"
    talk.start_cooling_off()
    assert moves_in(talk) == {"come_back", "add_minute", "take_minute", "abandon"}
    talk.end_talking()
    assert moves_in(talk) == {"abandon"}
    talk.finish(clock.now().isoformat())
    assert moves_in(talk) == {"plan_next"}


def test_every_open_move_can_be_made(clock: FixedClock) -> None:
    steps = ("start", "toggle_pause", "toggle_pause", "hand_over", "start_cooling_off")

    def at_moment(index: int) -> SpeakingClock:
        # A reflect-back of two minutes: a minute can be taken from it as from a turn.
        talk = new_clock(clock, reflect_back_ms=2 * 60_000)
        for step in steps[:index]:
            getattr(talk, step)()
        return talk

    for index in range(len(steps) + 1):
        for move in open_moves(at_moment(index)) - {Move.PLAN_NEXT}:
            make_move(at_moment(index), move)


def test_only_what_changes_the_record_is_saved(clock: FixedClock) -> None:
    talk = new_clock(clock)
    assert make_move(talk, Move.START) is True
    assert make_move(talk, Move.ADD_MINUTE) is False
    assert make_move(talk, Move.TAKE_MINUTE) is False
    assert make_move(talk, Move.HAND_OVER) is True
    assert talk.record.turns[0].planned_ms == 5 * 60_000
    with pytest.raises(IllegalMove):
        make_move(talk, Move.PLAN_NEXT)


def test_ending_the_talk_counts_the_running_turn_and_finishing_keeps_what_it_holds(
    clock: FixedClock,
) -> None:
    talk = new_clock(clock)
    talk.start()
    clock.advance(90)
    with pytest.raises(IllegalMove):
        talk.finish(clock.now().isoformat())  # a turn is running: the talk is ended first
    talk.end_talking()
    talk.record = replace(talk.record, ratings=(Rating("a", 2), Rating("b", 3)), stuck=True)
    ended = clock.now().isoformat()
    talk.finish(ended)
    assert talk.phase is Phase.FINISHED and not talk.is_under_way
    assert talk.record.status is CheckinStatus.FINISHED and talk.record.stuck
    assert talk.record.ended_at == ended and len(talk.record.ratings) == 2
    assert [turn.spoken_ms for turn in talk.record.turns] == [90_000]
    with pytest.raises(IllegalMove):
        talk.finish(ended)
