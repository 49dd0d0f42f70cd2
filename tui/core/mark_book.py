"""The mark book: every tick, skip and not-done mark of every ritual, by day, in memory."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import compress, repeat
from operator import is_
from typing import NamedTuple

from tui.core.rituals import Mark

DayMarks = dict[tuple[str, str], Mark]


class TrackMarks(NamedTuple):
    """One track's marks in day order: `days[i]` (a date ordinal) carries `marks[i]`."""

    days: list[int]
    marks: list[Mark]


_NO_MARKS = TrackMarks([], [])


class MarkBook:
    """Every mark, by day, kept in memory: `{date ordinal: {(ritual_id, person): Mark}}`.

    Keyed by `date.toordinal()` so that walking back through ten years is integer arithmetic.
    """

    def __init__(self, marks: Mapping[date, Mapping[tuple[str, str], Mark]] | None = None):
        self._by_day: dict[int, DayMarks] = {
            day.toordinal(): dict(day_marks) for day, day_marks in (marks or {}).items()
        }
        self._done_days: dict[str, list[int]] | None = None
        """Each ritual's days done by anyone, in order, as ordinals; made when first asked
        for and forgotten at the next change."""
        self._by_track: dict[tuple[str, str], TrackMarks] | None = None
        """Each (ritual id, person)'s marks in day order; made when first asked for and
        forgotten at the next change, like `_done_days`."""
        self._shares_days = False
        """True while `_by_day` may be another book's too (see `copy`): copied at a change."""

    @classmethod
    def keeping(cls, by_ordinal: dict[int, DayMarks]) -> MarkBook:
        """A book of the marks `by_ordinal` ({date ordinal: marks}) holds, kept as they are
        rather than copied: for a caller that made them for the book and lets them go."""
        book = cls()
        book._by_day = by_ordinal
        return book

    @property
    def by_ordinal(self) -> Mapping[int, DayMarks]:
        """Every day's marks by date ordinal, for arithmetic over years of days; only read."""
        return self._by_day

    def copy(self) -> MarkBook:
        """A book of the same marks that changes apart from this one."""
        copied = MarkBook()
        # Years of days are copied only when one of the two books changes: a copy that is
        # only read (a report's) costs nothing. What is made from the marks is replaced
        # whole at a change, never changed in place, so it is shared the same way.
        copied._by_day = self._by_day
        copied._shares_days = self._shares_days = True
        copied._done_days, copied._by_track = self._done_days, self._by_track
        return copied

    def get(self, day: date, ritual_id: str, person: str) -> Mark | None:
        """The mark of one cell, or None when nothing was entered."""
        return self.on_ordinal(day.toordinal(), ritual_id, person)

    def on_ordinal(self, ordinal: int, ritual_id: str, person: str) -> Mark | None:
        """The mark of one cell, the day given as a date ordinal."""
        day_marks = self._by_day.get(ordinal)
        return day_marks.get((ritual_id, person)) if day_marks else None

    def set(self, day: date, ritual_id: str, person: str, mark: Mark | None) -> None:
        """Record (or with None, clear) the mark of one cell."""
        self._done_days = self._by_track = None
        if self._shares_days:
            self._by_day = {ordinal: dict(marks) for ordinal, marks in self._by_day.items()}
            self._shares_days = False
        day_marks = self._by_day.setdefault(day.toordinal(), {})
        if mark is None:
            day_marks.pop((ritual_id, person), None)
        else:
            day_marks[(ritual_id, person)] = mark

    def first_days_done(self, since: Iterable[tuple[str, date]]) -> dict[tuple[str, date], date]:
        """For each (ritual id, day) in `since`, the first day on or after that day that either
        partner ticked the ritual done; a pair whose ritual was not done since is left out.
        One ritual may come with several days (two requests that became the same ritual)."""
        done_days = self._days_done_by_ritual()
        found: dict[tuple[str, date], date] = {}
        for ritual_id, day in since:
            days = done_days.get(ritual_id, [])
            at = bisect_left(days, day.toordinal())
            if at < len(days):
                found[(ritual_id, day)] = date.fromordinal(days[at])
        return found

    def _days_done_by_ritual(self) -> dict[str, list[int]]:
        # The wins of the Requests pane, the check-in and the report all ask which day a
        # ritual was first done: read from each track's marks, which the tallies read too,
        # it answers them all until a change.
        if self._done_days is None:
            by_ritual: dict[str, list[list[int]]] = {}
            for (ritual_id, _person), (days, marks) in self._tracks().items():
                # Picked by the interpreter's own loops: years of days of every track.
                done = list(compress(days, map(is_, marks, repeat(Mark.DONE))))
                if done:
                    by_ritual.setdefault(ritual_id, []).append(done)
            self._done_days = {
                ritual_id: days[0] if len(days) == 1 else sorted(set().union(*days))
                for ritual_id, days in by_ritual.items()
            }
        return self._done_days

    def of_track(self, ritual_id: str, person: str) -> TrackMarks:
        """The marks of one track (ritual id, person) in day order, only to be read: a span of
        days is then a bisection, and years of days without a mark cost nothing to pass."""
        return self._tracks().get((ritual_id, person), _NO_MARKS)

    def _tracks(self) -> dict[tuple[str, str], TrackMarks]:
        if self._by_track is None:
            # Tallies, streaks and wins of every track ask, over years of days: one walk
            # serves all.
            by_track: dict[tuple[str, str], TrackMarks] = {}
            for ordinal in sorted(self._by_day):
                for key, mark in self._by_day[ordinal].items():
                    track = by_track.get(key)
                    if track is None:
                        track = by_track[key] = TrackMarks([], [])
                    track.days.append(ordinal)
                    track.marks.append(mark)
            self._by_track = by_track
        return self._by_track
