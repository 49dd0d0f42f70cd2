"""Check-in records: who opens next, the trend series, when the next one is due, and the
check-ins the pane starts, resumes and closes."""

from __future__ import annotations

from datetime import datetime

import pendulum
import pytest
from msgspec.structs import replace

from tui.core.checkins import (
    CLOCK_ONLY,
    CLOCK_ONLY_MEETING,
    FULL_AGENDA,
    CheckinHistory,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    checkin_to_resume,
    closed_as_it_stands,
    due_in_words,
    has_answered,
    interrupted_in_words,
    new_checkin,
    ratings_revealed,
    shown_rating,
)
from tui.core.glance import next_checkin_date
from tui.core.models import AgendaStep
from tui.core.text import InvalidText, clean_note

from ..conftest import make_settings

PLAN = CheckinPlan("a", 300_000, 2, 60_000, 2_700_000, 1_200_000)


def record(
    first: str,
    status: CheckinStatus,
    spoken_a: int = 0,
    spoken_b: int = 0,
    scores: tuple[int, int] | None = None,
    day: int = 1,
) -> CheckinRecord:
    turns = (TurnRecord("a", 300_000, spoken_a, ""), TurnRecord("b", 300_000, spoken_b, ""))
    ratings = (Rating("a", scores[0]), Rating("b", scores[1])) if scores else ()
    return CheckinRecord(
        id=f"c{day}",
        started_at=f"2026-11-{day:02d}T19:00:00+00:00",
        plan=replace(PLAN, first_speaker=first),
        turns=turns,
        status=status,
        ratings=ratings,
    )


def test_whoever_opened_last_time_listens_first() -> None:
    assert CheckinHistory([]).next_first_speaker() == "a"
    history = CheckinHistory(
        [record("a", CheckinStatus.FINISHED, day=1), record("b", CheckinStatus.FINISHED, day=8)]
    )
    assert history.next_first_speaker() == "a"
    abandoned_last = CheckinHistory(
        [record("b", CheckinStatus.FINISHED, day=1), record("a", CheckinStatus.ABANDONED, day=8)]
    )
    assert abandoned_last.next_first_speaker() == "a"


def test_rating_and_talk_share_series_skip_unrated_and_abandoned() -> None:
    history = CheckinHistory(
        [
            record("a", CheckinStatus.FINISHED, 300_000, 100_000, (4, 2), day=1),
            record("a", CheckinStatus.ABANDONED, 50_000, 0, None, day=8),
            record("b", CheckinStatus.CLOSED, 100_000, 100_000, None, day=15),
            record("a", CheckinStatus.FINISHED, 200_000, 200_000, (5, 4), day=22),
        ]
    )
    assert history.ratings("a", weeks=12) == [4, 5]
    assert history.ratings("b", weeks=1) == [4]
    assert history.talk_shares("a", weeks=12) == [0.75, 0.5, 0.5]


def test_a_partner_who_passed_leaves_a_gap_so_both_partners_weeks_line_up() -> None:
    passed = replace(
        record("b", CheckinStatus.FINISHED, day=8), ratings=(Rating("a", 3),), passed=("b",)
    )
    history = CheckinHistory(
        [
            record("a", CheckinStatus.FINISHED, scores=(4, 2), day=1),
            passed,
            record("a", CheckinStatus.FINISHED, scores=(5, 4), day=15),
        ]
    )
    assert history.ratings("a", weeks=12) == [4, 3, 5]
    assert history.ratings("b", weeks=12) == [2, None, 4]
    assert history.ratings("b", weeks=2) == [None, 4]


def test_a_rating_is_shown_only_once_both_partners_are_in() -> None:
    alone = replace(
        record("a", CheckinStatus.IN_PROGRESS, day=8), ratings=(Rating("a", 2, "far apart"),)
    )
    assert has_answered(alone, "a") and not has_answered(alone, "b")
    assert not ratings_revealed(alone)
    assert shown_rating(alone, "a") is None and shown_rating(alone, "b") is None
    # Closed as it stood, or finished with the ratings step skipped: still never shown.
    for ended in (
        closed_as_it_stands(alone, "2026-11-08T20:00:00+00:00"),
        replace(alone, status=CheckinStatus.FINISHED),
    ):
        assert shown_rating(ended, "a") is None
        assert CheckinHistory([ended]).ratings("a", weeks=4) == []
    both = replace(alone, passed=("b",))
    assert ratings_revealed(both)
    assert shown_rating(both, "a") == Rating("a", 2, "far apart")
    assert shown_rating(both, "b") is None, "a pass has no score"
    assert CheckinHistory([replace(both, status=CheckinStatus.FINISHED)]).ratings("a", weeks=4) == [
        2
    ]


@pytest.mark.parametrize(
    "today,weekday,last,expected,words",
    [
        ("2026-11-22", "sunday", None, "2026-11-22", "today"),
        ("2026-11-21", "sunday", None, "2026-11-22", "tomorrow"),
        ("2026-11-19", "sunday", "2026-11-15", "2026-11-22", "in 3 days"),
        ("2026-11-22", "sunday", "2026-11-22", "2026-11-29", "in 1 week"),
        ("2026-11-22", "sunday", "2026-11-01", "2026-11-08", "overdue by 2 weeks"),
        # Held on Friday, two days early: that was this week's; the next is a week on Sunday.
        ("2026-11-20", "sunday", "2026-11-20", "2026-11-29", "in 1 week 2 days"),
        # Held three days early (Thursday), or three days late (Wednesday), one day late.
        ("2026-11-19", "sunday", "2026-11-19", "2026-11-29", "in 1 week 3 days"),
        ("2026-11-25", "sunday", "2026-11-25", "2026-11-29", "in 4 days"),
        ("2026-11-23", "sunday", "2026-11-23", "2026-11-29", "in 6 days"),
    ],
)
def test_when_the_next_check_in_is_due(
    today: str, weekday: str, last: str | None, expected: str, words: str
) -> None:
    today_date = pendulum.parse(today).date()
    last_date = pendulum.parse(last).date() if last else None
    due = next_checkin_date(today_date, weekday, last_date)
    assert due.isoformat() == expected
    assert due_in_words(today_date, due) == words


def test_notes_keep_line_breaks_and_refuse_escape_codes() -> None:
    assert clean_note("  felt [b]close[/]\n\nthanks  ") == "felt [b]close[/]\n\nthanks"
    assert clean_note("   ") == ""
    with pytest.raises(InvalidText, match="control characters"):
        clean_note("\x1b[2Jgone")
    with pytest.raises(InvalidText, match="at most 2000"):
        clean_note("x" * 2001)


def test_the_newest_unfinished_check_in_is_the_one_to_resume() -> None:
    assert checkin_to_resume([]) is None
    finished = record("a", CheckinStatus.FINISHED, day=1)
    assert checkin_to_resume([finished]) is None
    older = record("a", CheckinStatus.IN_PROGRESS, day=8)
    newer = record("b", CheckinStatus.IN_PROGRESS, day=15)
    closed = record("a", CheckinStatus.CLOSED, day=22)
    newer_with_agenda = replace(newer, agenda=FULL_AGENDA)
    assert checkin_to_resume([finished, older, newer_with_agenda, closed]) is newer_with_agenda
    # The clock alone left from before the ratings step walks to it when resumed.
    assert (newer.agenda, newer.step) == (CLOCK_ONLY, AgendaStep.TALK)
    assert checkin_to_resume([finished, older, newer, closed]) == replace(
        newer, agenda=CLOCK_ONLY_MEETING
    )


def test_a_new_check_in_is_saved_with_this_weeks_plan_and_no_turns() -> None:
    settings = make_settings(turn_minutes=7, rounds=1, reflect_back_minutes=0)
    started = new_checkin(settings, "b", "2026-11-22T10:30:00+00:00")
    assert started.plan == CheckinPlan("b", 420_000, 1, 0, 2_700_000, 1_200_000)
    assert (started.status, started.turns, started.ended_at) == (
        CheckinStatus.IN_PROGRESS,
        (),
        None,
    )
    assert started.started_at == "2026-11-22T10:30:00+00:00"
    assert len(started.id) == 32 and started.id != new_checkin(settings, "b", "").id


def test_an_interrupted_check_in_closed_as_it_stands_keeps_its_turns() -> None:
    interrupted = record("a", CheckinStatus.IN_PROGRESS, 120_000, 30_000, day=8)
    closed = closed_as_it_stands(interrupted, "2026-11-08T20:00:00+00:00")
    assert closed.status is CheckinStatus.CLOSED
    assert closed.ended_at == "2026-11-08T20:00:00+00:00"
    assert closed.turns == interrupted.turns and closed.ratings == ()


def test_an_interrupted_check_in_in_words() -> None:
    two_turns = record("a", CheckinStatus.IN_PROGRESS, day=8)
    assert interrupted_in_words(two_turns) == (
        "A check-in started Sunday 8 November at 19:00 stopped after 2 turns"
    )
    one_turn = replace(two_turns, turns=two_turns.turns[:1])
    assert interrupted_in_words(one_turn).endswith("stopped after 1 turn")


def test_the_last_completed_check_in_and_when_it_ended() -> None:
    from tui.core.checkins import closed_as_it_stands, last_completed_before, last_ended_at

    settings = make_settings()
    older = closed_as_it_stands(
        new_checkin(settings, "a", "2026-11-08T19:00:00+00:00"), "2026-11-08T20:00:00+00:00"
    )
    # Started later in the world, though earlier on the clock face of its own time zone.
    newer = closed_as_it_stands(
        new_checkin(settings, "b", "2026-11-15T10:00:00-08:00"), "2026-11-15T11:00:00-08:00"
    )
    running = new_checkin(settings, "a", "2026-11-22T19:00:00+00:00")
    records = [newer, running, older]
    assert last_completed_before(records, running.id) == newer
    assert last_completed_before(records, newer.id) == older
    assert last_completed_before([running]) is None
    assert last_ended_at(records) == datetime.fromisoformat("2026-11-15T11:00:00-08:00")
    assert last_ended_at([running]) is None


def test_the_day_of_the_check_in_before_counts_in_the_couples_days() -> None:
    from tui.core.checkins import closed_as_it_stands, previous_checkin_day

    settings = make_settings()
    # 00:30 on Monday before the 04:00 rollover still belongs to Sunday.
    late = closed_as_it_stands(
        new_checkin(settings, "a", "2026-11-16T00:30:00+00:00"), "2026-11-16T01:30:00+00:00"
    )
    current = new_checkin(settings, "b", "2026-11-22T19:00:00+00:00")
    day = previous_checkin_day([late, current], current.id, "Europe/London", 4)
    assert day is not None and day.isoformat() == "2026-11-15"
    assert previous_checkin_day([current], current.id, "Europe/London", 4) is None
