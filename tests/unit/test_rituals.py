"""Rituals: cadences, the logical day, streaks across skips, weeks and DST, and completion."""

from __future__ import annotations

import pendulum
import pytest

from tui.core.days import logical_day
from tui.core.rituals import (
    Cadence,
    CellState,
    Mark,
    MarkBook,
    Ritual,
    Track,
    Who,
    cell_state,
    progress,
    week_start_of,
    year_of_weeks,
)
from tui.core.text import InvalidText

SUNDAY = pendulum.date(2026, 11, 22)


def track(cadence: Cadence, created: str = "2026-01-01", person: str = "together") -> Track:
    ritual = Ritual("r1", "Talk time", cadence, Who.TOGETHER, 0, created)
    return Track(ritual, person)


def mark_days(book: MarkBook, last: pendulum.Date, pattern: str) -> None:
    """Mark days ending at `last` from a pattern read left (oldest) to right: D done,
    S skipped, X not done, . nothing entered."""
    marks = {"D": Mark.DONE, "S": Mark.SKIPPED, "X": Mark.NOT_DONE}
    for offset, symbol in enumerate(reversed(pattern)):
        if symbol in marks:
            book.set(last.subtract(days=offset), "r1", "together", marks[symbol])


def test_cadences_and_due_days() -> None:
    assert Cadence.daily().is_due(SUNDAY)
    assert Cadence.weekly(3).is_due(SUNDAY)
    assert Cadence.on(0, 3).is_due(SUNDAY.subtract(days=6))  # Monday
    assert not Cadence.on(0, 3).is_due(SUNDAY)
    assert [
        Cadence.daily().describe(),
        Cadence.weekly(1).describe(),
        Cadence.weekly(3).describe(),
        Cadence.on(3, 0).describe(),
    ] == ["daily", "weekly", "3× a week", "Mon, Thu"]
    with pytest.raises(InvalidText):
        Cadence.weekly(8)
    with pytest.raises(InvalidText):
        Cadence.on()


@pytest.mark.parametrize(
    "moment,expected",
    [
        ("2026-11-22T03:59:00", "2026-11-21"),
        ("2026-11-22T04:00:00", "2026-11-22"),
        ("2026-11-22T23:59:00", "2026-11-22"),
        # The night the clocks go forward in London (01:00 -> 02:00 on 29 March 2026).
        ("2026-03-29T03:30:00", "2026-03-28"),
        # The night they go back (02:00 -> 01:00 on 25 October 2026): 01:30 happens twice.
        ("2026-10-25T01:30:00", "2026-10-24"),
    ],
)
def test_the_rollover_hour_and_daylight_saving(moment: str, expected: str) -> None:
    local = pendulum.parse(moment, tz="Europe/London")
    assert logical_day(local, rollover_hour=4).to_date_string() == expected


def test_daily_streak_counts_days_and_skips_neither_count_nor_break() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY.subtract(days=1), "DDXDDSDD")
    result = progress(track(Cadence.daily()), book, SUNDAY)
    # Today is not entered yet, so it does not break the run of yesterday and before.
    assert (result.current, result.best, result.unit) == (4, 4, "d")


def test_a_missed_day_breaks_the_streak_and_today_counts_once_done() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "DDD.DD")
    assert progress(track(Cadence.daily()), book, SUNDAY).current == 2
    assert progress(track(Cadence.daily()), book, SUNDAY).best == 3


def test_streak_across_the_spring_daylight_saving_change() -> None:
    book = MarkBook()
    last = pendulum.date(2026, 3, 31)
    mark_days(book, last, "DDDDDD")  # 26 March .. 31 March, across the 29 March change
    assert progress(track(Cadence.daily()), book, last).current == 6


def test_weekday_rituals_count_only_their_days() -> None:
    book = MarkBook()
    mondays_and_thursdays = Cadence.on(0, 3)
    for weeks_ago in range(3):
        monday = week_start_of(SUNDAY, "monday").subtract(days=7 * weeks_ago)
        book.set(monday, "r1", "together", Mark.DONE)
        book.set(monday.add(days=3), "r1", "together", Mark.DONE)
    result = progress(track(mondays_and_thursdays), book, SUNDAY)
    assert (result.current, result.best) == (6, 6)


def test_n_times_a_week_streaks_in_weeks() -> None:
    book = MarkBook()
    this_monday = week_start_of(SUNDAY, "monday")
    # Four weeks ago: only once (breaks); then three weeks with 2+ ticks; this week once so far.
    plan = {4: 1, 3: 2, 2: 3, 1: 2, 0: 1}
    for weeks_ago, times in plan.items():
        for day in range(times):
            book.set(
                this_monday.subtract(days=7 * weeks_ago).add(days=day), "r1", "together", Mark.DONE
            )
    twice = track(Cadence.weekly(2), created="2026-09-01")
    result = progress(twice, book, SUNDAY)
    assert result.unit == "wk"
    assert (result.current, result.best) == (3, 3), "this week (1 of 2 so far) is not over yet"


def test_a_week_in_progress_does_not_break_the_weekly_streak() -> None:
    book = MarkBook()
    wednesday = SUNDAY.subtract(days=4)
    last_monday = week_start_of(wednesday, "monday").subtract(days=7)
    book.set(last_monday, "r1", "together", Mark.DONE)
    result = progress(track(Cadence.weekly(1), created="2026-10-01"), book, wednesday)
    assert result.current == 1


def test_a_week_with_a_skip_does_not_break_the_weekly_streak() -> None:
    book = MarkBook()
    this_monday = week_start_of(SUNDAY, "monday")
    book.set(this_monday, "r1", "together", Mark.DONE)
    book.set(this_monday.subtract(days=5), "r1", "together", Mark.SKIPPED)  # away last week
    book.set(this_monday.subtract(days=14), "r1", "together", Mark.DONE)
    result = progress(track(Cadence.weekly(1), created="2026-10-01"), book, SUNDAY)
    assert result.current == 2


def test_the_week_start_setting_moves_week_boundaries() -> None:
    assert week_start_of(SUNDAY, "monday") == pendulum.date(2026, 11, 16)
    assert week_start_of(SUNDAY, "sunday") == SUNDAY


def test_completion_over_30_days_excludes_skips() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "D" * 20 + "S" * 5 + "." * 5)
    result = progress(track(Cadence.daily()), book, SUNDAY)
    # Today has nothing entered yet and is not over, so it is not held against anyone.
    assert result.completion_30 == pytest.approx(20 / 24)
    weekly = progress(track(Cadence.weekly(2)), book, SUNDAY)
    assert weekly.completion_30 == 1.0  # 20 done against 2 a week: capped at 100%


def test_completion_ignores_days_before_the_ritual_existed() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "DD")
    assert progress(track(Cadence.daily(), created="2026-11-21"), book, SUNDAY).completion_30 == 1


def test_cell_states_keep_not_done_and_not_entered_apart() -> None:
    book = MarkBook()
    daily = track(Cadence.daily(), created="2026-11-10")
    created = pendulum.date(2026, 11, 10)
    book.set(SUNDAY.subtract(days=1), "r1", "together", Mark.NOT_DONE)
    book.set(SUNDAY.subtract(days=3), "r1", "together", Mark.SKIPPED)
    states = [
        cell_state(daily, book, SUNDAY.subtract(days=offset), SUNDAY, created)
        for offset in (-1, 0, 1, 2, 3, 20)
    ]
    assert states == [
        CellState.FUTURE,
        CellState.OPEN,
        CellState.NOT_DONE,
        CellState.MISSED,
        CellState.SKIPPED,
        CellState.BEFORE,
    ]


def test_the_year_heatmap_has_53_weeks_ending_with_today() -> None:
    weeks = year_of_weeks(SUNDAY, "monday")
    assert len(weeks) == 53 and all(len(week) == 7 for week in weeks)
    assert SUNDAY in weeks[-1] and weeks[0][0].weekday() == 0


def test_ticks_backfilled_before_the_ritual_was_added_extend_its_streak() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "DSDD")
    result = progress(track(Cadence.daily(), created="2026-11-22"), book, SUNDAY)
    assert (result.current, result.best) == (3, 3)
