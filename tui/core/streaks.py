"""What a ritual's marks add up to: streaks and completion, the tallies of what was due and
done, and the state of each cell the grid and the heatmap draw (and the days they span)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date, timedelta
from enum import StrEnum
from itertools import compress, repeat
from operator import floordiv, is_, mul, sub
from typing import TYPE_CHECKING, NamedTuple

from msgspec import Struct

from tui.core.days import week_start_of
from tui.core.mark_book import MarkBook, TrackMarks
from tui.core.rituals import CadenceKind, Mark, Track

if TYPE_CHECKING:
    from pendulum import Date


class Progress(Struct, frozen=True):
    """A track's streaks (in its cadence's unit) and its completion over the last 30 days."""

    current: int
    best: int
    unit: str
    completion_30: float | None
    """Share of due occasions done in the last 30 days, skips excluded; None when none were due."""


def progress(track: Track, book: MarkBook, today: Date, week_start: str = "monday") -> Progress:
    """Streaks and 30-day completion of `track` as of `today`."""
    created = date.fromisoformat(track.ritual.created).toordinal()
    now = today.toordinal()
    if track.ritual.cadence.counts_in_weeks:
        first_day = week_start_of(today, week_start).toordinal()
        current, best = _weekly_streaks(track, book, now, created, first_day)
        unit = "wk"
    else:
        current, best = _daily_streaks(track, book, now, created)
        unit = "d"
    return Progress(current, best, unit, _completion(track, book, now, created))


def _daily_streaks(track: Track, book: MarkBook, today: int, created: int) -> tuple[int, int]:
    """Runs of done due-days; skipped and not-due days neither count nor break a run.

    Today, while not yet entered, does not break the current run: the day is not over. Days
    before the ritual was added (the grid lets a couple fill them in) count by the same rule,
    back to the first due day left empty there, where the ritual's history begins. So the same
    marks always make the same runs, whichever run is current: a best streak never shrinks as
    days pass. The loop looks each day up in the track's own marks: it walks every day since
    the ritual began, on every tick, and a method call per day was most of a tick's time after
    ten years.
    """
    cadence = track.ritual.cadence
    days, marks = book.of_track(track.ritual.id, track.person)
    by_day = dict(zip(days, marks, strict=True))
    weekdays = cadence.weekdays if cadence.kind is CadenceKind.WEEKDAYS else None
    done, skipped = Mark.DONE, Mark.SKIPPED
    best = run = 0
    current: int | None = None
    # Below both its first mark and its first day, the track's empty days could only end the
    # last run, which counts the same whether it ends or not.
    earliest = min(created, days[0]) if days else created
    for day in range(today, earliest - 1, -1):
        if weekdays is not None and (day - 1) % 7 not in weekdays:
            continue
        mark = by_day.get(day)
        if mark is done:
            run += 1
        elif mark is skipped or (mark is None and day == today):
            continue
        elif mark is None and day < created:
            break  # before the ritual was added, and nothing entered: its history starts here
        else:
            if current is None:
                current = run
            best = max(best, run)
            run = 0
    best = max(best, run)
    return (run if current is None else current), best


def _weekly_streaks(
    track: Track, book: MarkBook, today: int, created: int, this_week: int
) -> tuple[int, int]:
    """Runs of weeks that met "N times"; a week not yet over, or with skips, never breaks one."""
    needed = track.ritual.cadence.times_per_week
    days, track_marks = book.of_track(track.ritual.id, track.person)
    best = run = 0
    current: int | None = None
    week = this_week
    while week + 6 >= created:
        # Only the marked days of the week, up to today: years of weeks, a bisection each.
        marks = track_marks[bisect_left(days, week) : bisect_right(days, min(week + 6, today))]
        in_progress = today <= week + 6  # the week holding today is not over yet
        if marks.count(Mark.DONE) >= needed:
            run += 1
        elif not (in_progress or Mark.SKIPPED in marks or week <= created):
            if current is None:
                current = run
            best = max(best, run)
            run = 0
        week -= 7
    best = max(best, run)
    return (run if current is None else current), best


def _completion(track: Track, book: MarkBook, today: int, created: int) -> float | None:
    return tallies(track, book, max(created, today - 29), today, today)[0].share


class Tally(NamedTuple):
    """What a track asked for and got over some days: days done, and occasions expected."""

    done: int
    expected: float
    """Due days less skipped ones; for "N times a week", N for every seven such days."""

    @property
    def share(self) -> float | None:
        """The share of what was expected that was done (at most 1); None when nothing was."""
        return min(1.0, self.done / self.expected) if self.expected > 0 else None


def tallies(
    track: Track,
    book: MarkBook,
    first: int,
    last: int,
    today: int | None = None,
    days_each: int | None = None,
) -> list[Tally]:
    """The track's `Tally` over each run of `days_each` days from `first` to `last` (date
    ordinals, both included), or over the whole span in one when `days_each` is None.

    Days before the ritual began count for nothing; skipped days are not expected. With
    `today`, later days are not over and count for nothing, and today itself is not held
    against anyone until something is entered.
    """
    return list(map(Tally, *tally_columns(track, book, first, last, today, days_each)))


def tally_columns(
    track: Track,
    book: MarkBook,
    first: int,
    last: int,
    today: int | None = None,
    days_each: int | None = None,
) -> tuple[list[int], list[float]]:
    """The `tallies` as two columns, the days done and the occasions expected of each run:
    for years of weeks of every track, summed column by column without a `Tally` each."""
    if last < first:
        # No days at all: a ritual whose first day is still to come (moving to a zone that
        # is behind can put today before the day it was added).
        return ([0], [0.0]) if days_each is None else ([], [])
    cadence = track.ritual.cadence
    span = days_each or (last - first + 1)
    start = max(first, date.fromisoformat(track.ritual.created).toordinal())
    end = last if today is None else min(last, today)
    spans = max(0, (last - first) // span + 1)
    done, due, skipped = [0] * spans, [0] * spans, [0] * spans
    weekdays = cadence.weekdays if cadence.kind is CadenceKind.WEEKDAYS else None
    if start <= end:
        # Walked for every track over years of days: the due days are counted by arithmetic,
        # and only the days the track has a mark on are visited.
        _count_due_days(due, first, span, start, end, weekdays)
        ritual_id, person = track.ritual.id, track.person
        if (
            today is not None
            and start <= today <= end
            and cadence.is_due_on_ordinal(today)
            and book.on_ordinal(today, ritual_id, person) is None
        ):
            due[(today - first) // span] -= 1  # today is not over: not held against anyone
        _count_marks(
            book.of_track(ritual_id, person), done, skipped, first, span, start, end, weekdays
        )
    factor = cadence.times_per_week / 7 if cadence.kind is CadenceKind.WEEKLY else 1
    return done, list(map(mul, map(sub, due, skipped), repeat(factor)))


def _count_marks(
    track_marks: TrackMarks,
    done: list[int],
    skipped: list[int],
    first: int,
    span: int,
    start: int,
    end: int,
    weekdays: tuple[int, ...] | None,
) -> None:
    """Add to `done[i]` the days done, due or not, and to `skipped[i]` the due days skipped,
    from `start` to `end` (date ordinals, both included) in the i-th run of `span` days from
    `first`."""
    days, marks = track_marks
    lo, hi = bisect_left(days, start), bisect_right(days, end)
    span_days, span_marks = days[lo:hi], marks[lo:hi]
    # Years of marked days for every track: each mark is picked and put in its run by the
    # interpreter's own loops, without a step of Python per day.
    first_run, last_run = (start - first) // span, (end - first) // span
    for mark, column in ((Mark.DONE, done), (Mark.SKIPPED, skipped)):
        marked = list(compress(span_days, map(is_, span_marks, repeat(mark))))
        if mark is Mark.SKIPPED and weekdays is not None:
            marked = [day for day in marked if (day - 1) % 7 in weekdays]
        if first_run == last_run:
            column[first_run] += len(marked)
            continue
        for run, count in Counter(
            map(floordiv, map(sub, marked, repeat(first)), repeat(span))
        ).items():
            column[run] += count


def _count_due_days(
    due: list[int], first: int, span: int, start: int, end: int, weekdays: tuple[int, ...] | None
) -> None:
    """Set `due[i]` to the count of due days from `start` to `end` (date ordinals, both
    included) in the i-th run of `span` days from `first`."""
    first_run, last_run = (start - first) // span, (end - first) // span
    if weekdays is None or span % 7 == 0:
        # Every whole run between the two ends holds the same count of due days.
        whole = span if weekdays is None else span // 7 * len(weekdays)
        due[first_run + 1 : last_run] = [whole] * max(0, last_run - first_run - 1)
        runs = (first_run, last_run)
    else:
        runs = tuple(range(first_run, last_run + 1))
    for run in runs:
        run_first = first + run * span
        due[run] = _due_days(max(start, run_first), min(end, run_first + span - 1), weekdays)


def _due_days(first: int, last: int, weekdays: tuple[int, ...] | None) -> int:
    """How many days from `first` to `last` (date ordinals, both included) fall on `weekdays`
    (every day with None): seven days in a row hold each weekday once."""
    if last < first:
        return 0
    if weekdays is None:
        return last - first + 1
    weeks, rest = divmod(last - first + 1, 7)
    return weeks * len(weekdays) + sum(
        1 for day in range(first, first + rest) if (day - 1) % 7 in weekdays
    )


class CellState(StrEnum):
    """What one grid or heatmap cell shows."""

    DONE = "done"
    SKIPPED = "skipped"
    NOT_DONE = "not_done"
    MISSED = "missed"
    """A due past day with nothing entered."""
    OPEN = "open"
    """Today, nothing entered yet."""
    NOT_DUE = "not_due"
    FUTURE = "future"
    BEFORE = "before"
    """Before the ritual existed."""


def cell_state(track: Track, book: MarkBook, day: date, today: date, created: date) -> CellState:
    """The state of `track` on `day`, as the grid and the heatmap draw it."""
    if day > today:
        return CellState.FUTURE
    mark = book.get(day, track.ritual.id, track.person)
    if mark is not None:
        return CellState(mark.value)
    if day < created:
        return CellState.BEFORE
    if not track.ritual.cadence.is_due(day):
        return CellState.NOT_DUE
    if track.ritual.cadence.kind is CadenceKind.WEEKLY:
        return CellState.OPEN if day == today else CellState.NOT_DUE
    return CellState.OPEN if day == today else CellState.MISSED


def year_of_weeks(today: Date, week_start: str, weeks: int = 53) -> list[list[Date]]:
    """`weeks` columns of 7 days, the last column holding `today`, for the year heatmap."""
    last_week = week_start_of(today, week_start)
    first_week = last_week.subtract(days=7 * (weeks - 1))
    return [[first_week.add(days=7 * column + row) for row in range(7)] for column in range(weeks)]


def days_ending(today: Date, count: int) -> list[Date]:
    """The `count` days up to and including `today`, oldest first: the grid's columns."""
    return [today - timedelta(days=offset) for offset in range(count - 1, -1, -1)]
