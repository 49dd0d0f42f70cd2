"""Patterns in the log of moments: connection against neglect week by week, what tends to set
moments off and what helps, when they cluster, and how a period compares with the one before.

Read together at a glance, these show what day-to-day talk misses; they count moments, never
who was to blame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta, tzinfo
from enum import StrEnum
from typing import TypeVar

from msgspec import Struct, field
from msgspec.structs import replace

from tui.core.moments import Moment, MomentFilter, MomentKind, search_filter


class PatternPeriod(StrEnum):
    """How far back a look at the patterns goes, in whole weeks."""

    FOUR_WEEKS = "4 weeks"
    THREE_MONTHS = "3 months"
    YEAR = "a year"

    @property
    def weeks(self) -> int:
        """Its length in weeks."""
        return _PERIODS[self.value][0]

    @property
    def this(self) -> str:
        """The period just gone, in words: "these four weeks"."""
        return _PERIODS[self.value][1]

    @property
    def last(self) -> str:
        """The period ending today, in words: "the last 4 weeks", "the past year"."""
        return "the past year" if self is PatternPeriod.YEAR else f"the last {self.value}"

    @property
    def previous(self) -> str:
        """The period before it, in words: "the previous four weeks"."""
        return _PERIODS[self.value][2]


_PERIODS = {
    "4 weeks": (4, "these four weeks", "the previous four weeks"),
    "3 months": (13, "these three months", "the previous three months"),
    "a year": (52, "this past year", "the year before"),
}


class TimeOfDay(StrEnum):
    """The parts of a day that moments are grouped by."""

    MORNING = "morning"
    """05:00 to noon."""
    AFTERNOON = "afternoon"
    """Noon to 17:00."""
    EVENING = "evening"
    """17:00 to 22:00."""
    NIGHT = "night"
    """22:00 to 05:00."""


_PART_OF_HOUR = tuple(
    3 if hour < 5 or hour >= 22 else 0 if hour < 12 else 1 if hour < 17 else 2 for hour in range(24)
)


def time_of_day(hour: int) -> TimeOfDay:
    """The part of the day an hour (0-23) falls in."""
    return list(TimeOfDay)[_PART_OF_HOUR[hour]]


class WeekCounts(Struct, frozen=True):
    """How many moments of each kind fell in one week of a period."""

    first_day: date
    connection: int = 0
    neglect: int = 0
    repair: int = 0


class TagCount(Struct, frozen=True):
    """A tag and how many moments carried it."""

    tag: str
    count: int


class Patterns(Struct, frozen=True):
    """What the log shows over a period ending on `last_day`."""

    period: PatternPeriod
    first_day: date
    last_day: date
    weeks: tuple[WeekCounts, ...]
    """Seven days each, the oldest first; the last ends on `last_day`."""
    totals: dict[MomentKind, int]
    previous_totals: dict[MomentKind, int]
    """The same counts over the period of the same length just before."""
    triggers: dict[MomentKind, tuple[TagCount, ...]]
    """The most frequent tags of moments of each kind."""
    helpers: tuple[TagCount, ...]
    """The most frequent tags of what helped."""
    clusters: dict[MomentKind, tuple[tuple[int, ...], ...]]
    """For each kind, counts by weekday (Monday first) and then by `TimeOfDay`."""

    @property
    def comparisons(self) -> tuple[str, ...]:
        """One plain sentence per kind comparing this period with the one before."""
        return tuple(
            compare(kind, self.totals[kind], self.previous_totals[kind], self.period)
            for kind in MomentKind
        )


TOP_TAGS = 5


def patterns(
    moments: Iterable[Moment],
    period: PatternPeriod,
    last_day: date,
    time_zone: str | tzinfo,
    rollover_hour: int,
) -> Patterns:
    """The patterns of the `period` ending on `last_day`, each moment on its logical day and at
    its hour on the couple's clock (`time_zone`)."""
    days = 7 * period.weeks
    first_day = last_day - timedelta(days=days - 1)
    previous_first = first_day - timedelta(days=days)
    last_ordinal = last_day.toordinal()
    kinds = tuple(MomentKind)
    weekly = [[0, 0, 0] for _ in range(period.weeks)]
    totals = dict.fromkeys(kinds, 0)
    previous = dict.fromkeys(kinds, 0)
    tags: dict[MomentKind, Counter[str]] = {kind: Counter() for kind in kinds}
    helpers: Counter[str] = Counter()
    grids = {kind: [[0] * len(TimeOfDay) for _ in range(7)] for kind in kinds}
    for moment in moments:
        at = moment.local_time(time_zone)
        day = moment.day(time_zone, rollover_hour)
        if day < previous_first or day > last_day:
            continue
        kind = moment.kind
        if day < first_day:
            previous[kind] += 1
            continue
        totals[kind] += 1
        week = period.weeks - 1 - (last_ordinal - day.toordinal()) // 7
        weekly[week][kinds.index(kind)] += 1
        tags[kind].update(moment.tags)
        helpers.update(moment.helped_tags)
        grids[kind][day.weekday()][_PART_OF_HOUR[at.hour]] += 1
    return Patterns(
        period=period,
        first_day=first_day,
        last_day=last_day,
        weeks=tuple(
            WeekCounts(first_day + timedelta(days=7 * index), *counts)
            for index, counts in enumerate(weekly)
        ),
        totals=totals,
        previous_totals=previous,
        triggers={kind: _top(tags[kind]) for kind in kinds},
        helpers=_top(helpers),
        clusters={kind: tuple(map(tuple, grids[kind])) for kind in kinds},
    )


def _top(counts: Counter[str]) -> tuple[TagCount, ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(TagCount(tag, count) for tag, count in ranked[:TOP_TAGS])


def compare(kind: MomentKind, now: int, before: int, period: PatternPeriod) -> str:
    """ "More moments of connection than in the previous four weeks: 9 against 4."."""
    noun = f"moments of {kind.value}"
    if now == before == 0:
        return f"No {noun} in {period.this}, nor in {period.previous}."
    if now == before:
        return f"As many {noun} as in {period.previous}: {now}."
    if before == 0:
        return f"{_count(now, kind)} in {period.this}, and none in {period.previous}."
    if now == 0:
        return f"No {noun} in {period.this}, against {before} in {period.previous}."
    more_or_fewer = "More" if now > before else "Fewer"
    return f"{more_or_fewer} {noun} than in {period.previous}: {now} against {before}."


def _count(number: int, kind: MomentKind) -> str:
    return f"{number} moment{'' if number == 1 else 's'} of {kind.value}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Cluster(Struct, frozen=True):
    """The weekday and part of the day when moments of one kind came most often."""

    weekday: int
    """Monday is 0."""
    part: TimeOfDay
    count: int

    def describe(self, kind: MomentKind) -> str:
        """ "Moments of neglect came most often on Sunday evenings (4)."."""
        part = "nights" if self.part is TimeOfDay.NIGHT else f"{self.part.value}s"
        return (
            f"Moments of {kind.value} came most often on {WEEKDAYS[self.weekday]} {part} "
            f"({self.count})."
        )


def busiest(grid: tuple[tuple[int, ...], ...]) -> Cluster | None:
    """The weekday and part of the day with the most moments, or None when there were none or
    no slot stands out (fewer than two moments in it). The earliest slot wins a tie."""
    best: Cluster | None = None
    for weekday, parts in enumerate(grid):
        for index, count in enumerate(parts):
            if count >= 2 and (best is None or count > best.count):
                best = Cluster(weekday, list(TimeOfDay)[index], count)
    return best


def list_filter(
    search: str, criteria: MomentFilter, period: PatternPeriod | None, today: date
) -> MomentFilter:
    """What the list shows: `criteria`, what was typed in the search box (see `search_filter`)
    and, with a `period`, only the moments of its weeks up to `today`."""
    chosen = search_filter(search, criteria)
    if period is None:
        return chosen
    return replace(chosen, first_day=today - timedelta(days=7 * period.weeks - 1))


Choice = TypeVar("Choice")


def next_in_turn(choices: Sequence[Choice], current: Choice) -> Choice:
    """The choice after `current`, the first again after the last: what a key that cycles
    through a filter's settings moves to."""
    return choices[(choices.index(current) + 1) % len(choices)]


KINDS: tuple[MomentKind | None, ...] = (None, *MomentKind)
PARTNERS: tuple[str | None, ...] = (None, "a", "b")
LIST_PERIODS: tuple[PatternPeriod | None, ...] = (None, *PatternPeriod)
PATTERN_PERIODS = tuple(PatternPeriod)
NEEDS_A_MOMENT = frozenset({"edit", "delete", "checkin"})
"""The Moments pane's actions on the selected moment."""
LIST_ONLY = frozenset({"search", "tag", "kind", "who", "clear"})
"""The Moments pane's actions that narrow the list: the patterns have none of them."""


class MomentsView(Struct, frozen=True):
    """What the Moments pane shows: the list, narrowed by its filters and a period, or the
    patterns of a period. Each key that changes it makes a new one."""

    criteria: MomentFilter = field(default_factory=MomentFilter)
    list_period: PatternPeriod | None = None
    pattern_period: PatternPeriod = PatternPeriod.FOUR_WEEKS
    showing_patterns: bool = False

    @property
    def narrowed(self) -> bool:
        """True when a filter or a period leaves moments out of the list."""
        return self.criteria != MomentFilter() or self.list_period is not None

    def list_filter(self, search: str, today: date) -> MomentFilter:
        """What the list shows, with what was typed in the search box (see `list_filter`)."""
        return list_filter(search, self.criteria, self.list_period, today)

    def next_kind(self) -> MomentsView:
        """One kind of moment, then the next, then all."""
        kind = next_in_turn(KINDS, self.criteria.kind)
        return replace(self, criteria=replace(self.criteria, kind=kind))

    def next_partner(self) -> MomentsView:
        """What one partner felt, then the other, then both."""
        partner = next_in_turn(PARTNERS, self.criteria.partner)
        return replace(self, criteria=replace(self.criteria, partner=partner))

    def next_period(self) -> MomentsView:
        """The next period of what is showing: the list's, or the patterns'."""
        if self.showing_patterns:
            return replace(self, pattern_period=next_in_turn(PATTERN_PERIODS, self.pattern_period))
        return replace(self, list_period=next_in_turn(LIST_PERIODS, self.list_period))

    def cleared(self) -> MomentsView:
        """The list unfiltered, over all time."""
        return replace(self, criteria=MomentFilter(), list_period=None)

    def switched(self) -> MomentsView:
        """The patterns instead of the list, or the list again."""
        return replace(self, showing_patterns=not self.showing_patterns)

    def allows(self, action: str, selected: bool, searching: bool) -> bool:
        """Whether the pane's `action` makes sense now: with a moment `selected` or not, and
        words in the search box (`searching`) or not."""
        if action in NEEDS_A_MOMENT:
            return not self.showing_patterns and selected
        if action in LIST_ONLY:
            if self.showing_patterns:
                return False
            return action != "clear" or searching or self.narrowed
        return True
