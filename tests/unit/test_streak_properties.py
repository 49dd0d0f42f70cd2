"""Streaks as days pass: the same marks always make the same runs, so a best streak never
shrinks, ticks filled in for the days before a ritual was added included."""

from __future__ import annotations

from datetime import timedelta

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.mark_book import MarkBook
from tui.core.rituals import Cadence, Mark, Ritual, Track, Who
from tui.core.streaks import progress

CREATED = pendulum.date(2026, 11, 2)
"""A Monday; the marks fall from four weeks before it to six weeks after."""
FIRST_OFFSET, LAST_OFFSET = -28, 42

cadences = st.one_of(
    st.just(Cadence.daily()),
    st.builds(
        lambda days: Cadence.on(*days),
        st.sets(st.integers(0, 6), min_size=1, max_size=6),
    ),
    st.builds(Cadence.weekly, st.integers(1, 7)),
)
marks = st.dictionaries(
    st.integers(FIRST_OFFSET, LAST_OFFSET),
    st.sampled_from(list(Mark)),
    max_size=50,
)


def track_of(cadence: Cadence) -> Track:
    ritual = Ritual("r1", "Walk", cadence, Who.TOGETHER, 0, CREATED.isoformat())
    return Track(ritual, "together")


def book_of(marked: dict[int, Mark]) -> MarkBook:
    return MarkBook(
        {
            CREATED + timedelta(days=offset): {("r1", "together"): mark}
            for offset, mark in marked.items()
        }
    )


@settings(max_examples=150, deadline=None)
@given(cadence=cadences, marked=marks)
def test_a_best_streak_never_shrinks_as_the_days_pass(
    cadence: Cadence, marked: dict[int, Mark]
) -> None:
    track, book = track_of(cadence), book_of(marked)
    best_so_far = 0
    for offset in range(0, LAST_OFFSET + 8):
        today = CREATED.add(days=offset)
        done = progress(track, book, today)
        assert done.best >= done.current, (offset, done)
        assert done.best >= best_so_far, f"best fell from {best_so_far} on day {offset}: {done}"
        best_so_far = done.best


def test_ticks_filled_in_before_the_ritual_keep_counting_once_the_run_breaks() -> None:
    # Three days filled in before the ritual was added, three days done since: six running.
    # The run breaks on the fourth day; the six days are still the best run there was.
    book = book_of({offset: Mark.DONE for offset in range(-3, 3)} | {3: Mark.NOT_DONE})
    walk = track_of(Cadence.daily())
    running = progress(walk, book, CREATED.add(days=2))
    assert (running.current, running.best) == (6, 6)
    broken = progress(walk, book, CREATED.add(days=5))
    assert (broken.current, broken.best) == (0, 6)


def test_before_the_ritual_an_empty_due_day_is_where_its_history_starts() -> None:
    # Filled in before the ritual: done, not done, done; then an empty day further back, and a
    # tick before that, which belongs to no run of this ritual.
    book = book_of(
        {-6: Mark.DONE, -4: Mark.DONE, -3: Mark.NOT_DONE, -2: Mark.DONE, -1: Mark.SKIPPED}
    )
    done = progress(track_of(Cadence.daily()), book, CREATED.add(days=1))
    # Today (day 1) is open; the ritual's first day (day 0) was left empty: it breaks the run.
    assert (done.current, done.best) == (0, 1)
    # Mondays only: the empty days before are not due, so the run reaches back two Mondays.
    mondays = book_of({-14: Mark.DONE, -7: Mark.DONE, 0: Mark.DONE})
    assert progress(track_of(Cadence.on(0)), mondays, CREATED.add(days=1)).current == 3
