"""A track's tallies and streaks, counted from the marks it has alone, against the plain
reading of every day one by one."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.mark_book import MarkBook
from tui.core.models import WEEKDAYS
from tui.core.rituals import Cadence, CadenceKind, Mark, Ritual, Track, Who
from tui.core.streaks import Tally, progress, tallies

from ..profiles import examples

CREATED = date(2026, 11, 4)
"""A Wednesday; every day in these tests lies within five weeks either side of it."""
REACH = 35

offsets = st.integers(-REACH, REACH)
cadences = st.one_of(
    st.just(Cadence.daily()),
    st.builds(lambda days: Cadence.on(*days), st.sets(st.integers(0, 6), min_size=1)),
    st.builds(Cadence.weekly, st.integers(1, 7)),
)
day_marks = st.lists(
    st.one_of(st.none(), st.sampled_from(list(Mark))),
    min_size=2 * REACH + 1,
    max_size=2 * REACH + 1,
).map(lambda cells: {offset - REACH: mark for offset, mark in enumerate(cells) if mark is not None})
"""Marks on many of the days from the first on, as a couple's history has them."""


def track_of(cadence: Cadence, created_offset: int) -> Track:
    created = CREATED + timedelta(days=created_offset)
    return Track(Ritual("r1", "Walk", cadence, Who.EACH, 0, created.isoformat()), "a")


def book_of(own: dict[int, Mark], others: dict[int, Mark]) -> MarkBook:
    """The track's marks, and another track's (its partner's) that must not count."""
    days: dict[date, dict[tuple[str, str], Mark]] = {}
    for offset, mark in own.items():
        days.setdefault(CREATED + timedelta(days=offset), {})[("r1", "a")] = mark
    for offset, mark in others.items():
        days.setdefault(CREATED + timedelta(days=offset), {})[("r1", "b")] = mark
    return MarkBook(days)


def tallies_day_by_day(
    track: Track, book: MarkBook, first: int, last: int, today: int | None, days_each: int | None
) -> list[Tally]:
    """Every day from `first` to `last` looked at in turn, by the rules `tallies` states."""
    if last < first:
        return [Tally(0, 0.0)] if days_each is None else []
    cadence = track.ritual.cadence
    created = date.fromisoformat(track.ritual.created).toordinal()
    span = days_each or (last - first + 1)
    runs = (last - first) // span + 1
    done, due, skipped = [0] * runs, [0] * runs, [0] * runs
    for day in range(first, last + 1):
        if day < created or (today is not None and day > today):
            continue
        run = (day - first) // span
        mark = book.on_ordinal(day, "r1", "a")
        is_due = cadence.is_due_on_ordinal(day)
        done[run] += mark is Mark.DONE
        if is_due and not (mark is None and day == today):
            due[run] += 1
            skipped[run] += mark is Mark.SKIPPED
    factor = cadence.times_per_week / 7 if cadence.kind is CadenceKind.WEEKLY else 1
    return [Tally(d, (n - s) * factor) for d, n, s in zip(done, due, skipped, strict=True)]


@settings(max_examples=examples(200), deadline=None)
@given(
    cadence=cadences,
    created_offset=st.integers(-20, 20),
    own=day_marks,
    others=day_marks,
    first=offsets,
    length=st.integers(-10, 2 * REACH),
    today=st.one_of(st.none(), offsets),
    days_each=st.one_of(st.none(), st.integers(1, 16)),
)
def test_tallies_match_a_walk_over_every_day(
    cadence: Cadence,
    created_offset: int,
    own: dict[int, Mark],
    others: dict[int, Mark],
    first: int,
    length: int,
    today: int | None,
    days_each: int | None,
) -> None:
    track, book = track_of(cadence, created_offset), book_of(own, others)
    base = CREATED.toordinal()
    first_day, last_day = base + first, base + first + length
    today_day = None if today is None else base + today
    assert tallies(track, book, first_day, last_day, today_day, days_each) == tallies_day_by_day(
        track, book, first_day, last_day, today_day, days_each
    )


def weekly_streaks_day_by_day(
    track: Track, book: MarkBook, today: int, week: int
) -> tuple[int, int]:
    """Every week from the one holding today back, every day of each looked at in turn."""
    created = date.fromisoformat(track.ritual.created).toordinal()
    best = run = 0
    current = None
    while week + 6 >= created:
        marks = [book.on_ordinal(day, "r1", "a") for day in range(week, min(week + 6, today) + 1)]
        if marks.count(Mark.DONE) >= track.ritual.cadence.times_per_week:
            run += 1
        elif today > week + 6 and Mark.SKIPPED not in marks and week > created:
            current = run if current is None else current
            best, run = max(best, run), 0
        week -= 7
    return (run if current is None else current), max(best, run)


@settings(max_examples=examples(200), deadline=None)
@given(
    times=st.integers(1, 7),
    created_offset=st.integers(-20, 20),
    own=day_marks,
    others=day_marks,
    today=offsets,
    week_start=st.sampled_from(WEEKDAYS),
)
def test_weekly_streaks_match_a_walk_over_every_day(
    times: int,
    created_offset: int,
    own: dict[int, Mark],
    others: dict[int, Mark],
    today: int,
    week_start: str,
) -> None:
    track, book = track_of(Cadence.weekly(times), created_offset), book_of(own, others)
    day = pendulum.date(CREATED.year, CREATED.month, CREATED.day).add(days=today)
    this_week = day.subtract(days=(day.weekday() - WEEKDAYS.index(week_start)) % 7)
    streaks = progress(track, book, day, week_start)
    assert (streaks.current, streaks.best) == weekly_streaks_day_by_day(
        track, book, day.toordinal(), this_week.toordinal()
    )


def daily_streaks_day_by_day(track: Track, book: MarkBook, today: int) -> tuple[int, int]:
    """Every day from today back to the book's first looked at in turn, by the rules
    `progress` states for a ritual counted in days."""
    cadence = track.ritual.cadence
    created = date.fromisoformat(track.ritual.created).toordinal()
    best = run = 0
    current = None
    for day in range(today, min([created, *book.by_ordinal]) - 1, -1):
        if not cadence.is_due_on_ordinal(day):
            continue
        mark = book.on_ordinal(day, "r1", "a")
        if mark is Mark.SKIPPED or (mark is None and day == today):
            continue
        if mark is None and day < created:
            break
        if mark is Mark.DONE:
            run += 1
            continue
        current = run if current is None else current
        best, run = max(best, run), 0
    return (run if current is None else current), max(best, run)


@settings(max_examples=examples(200), deadline=None)
@given(
    cadence=cadences.filter(lambda cadence: not cadence.counts_in_weeks),
    created_offset=st.integers(-20, 20),
    own=day_marks,
    others=day_marks,
    today=offsets,
)
def test_daily_streaks_match_a_walk_over_every_day(
    cadence: Cadence,
    created_offset: int,
    own: dict[int, Mark],
    others: dict[int, Mark],
    today: int,
) -> None:
    track, book = track_of(cadence, created_offset), book_of(own, others)
    day = pendulum.date(CREATED.year, CREATED.month, CREATED.day).add(days=today)
    streaks = progress(track, book, day)
    assert (streaks.current, streaks.best) == daily_streaks_day_by_day(track, book, day.toordinal())
