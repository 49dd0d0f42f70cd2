"""Rituals: cadences, who does them, ticks per logical day, streaks and completion.

A ritual is done by the couple together (one tick) or by each partner (one tick each). Each
(ritual, who) pair is a *track*: one row of the grid, with its own streak. Days are pendulum
`Date`s, so every computation is calendar arithmetic, untouched by daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from msgspec import Struct, field
from msgspec.structs import replace

from tui.core.days import week_start_of
from tui.core.ids import new_id
from tui.core.models import WEEKDAYS
from tui.core.text import InvalidText, clean_single_line

if TYPE_CHECKING:
    from pendulum import Date

RITUAL_NAME_MAX_LENGTH = 80
TOGETHER = "together"


class Who(StrEnum):
    """Who a ritual is for."""

    TOGETHER = "together"
    EACH = "each"


class CadenceKind(StrEnum):
    """How often a ritual is due."""

    DAILY = "daily"
    WEEKLY = "weekly"
    """N times a week, on any days."""
    WEEKDAYS = "weekdays"
    """On chosen days of the week."""


class Mark(StrEnum):
    """What a person entered for a ritual on a day. No mark at all means "not entered"."""

    DONE = "done"
    SKIPPED = "skipped"
    """Ill, apart, travelling: neither counts nor breaks a streak."""
    NOT_DONE = "not_done"
    """Entered explicitly as not done, which is different from not entered."""


class RitualKind(StrEnum):
    """Rituals the app treats specially."""

    PLAIN = ""
    CHECKIN = "checkin"
    """Ticked when a weekly check-in is finished."""
    LOVE_LANGUAGE = "love_language"
    """Shows each partner the other's love language as a hint."""
    REPAIR = "repair"
    """The temporary daily repair after an agreement lapsed, for the partner who lapsed."""


class Cadence(Struct, frozen=True):
    """Daily; N times a week; or on chosen weekdays (0 = Monday)."""

    kind: CadenceKind
    times_per_week: int = 1
    weekdays: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is CadenceKind.WEEKLY and not 1 <= self.times_per_week <= 7:
            raise InvalidText("A weekly ritual happens 1 to 7 times a week.")
        if self.kind is CadenceKind.WEEKDAYS:
            if not self.weekdays:
                raise InvalidText("Choose at least one day of the week.")
            if any(day not in range(7) for day in self.weekdays):
                raise InvalidText("Days of the week are numbered 0 (Monday) to 6 (Sunday).")

    @classmethod
    def daily(cls) -> Cadence:
        """Every day."""
        return cls(CadenceKind.DAILY)

    @classmethod
    def weekly(cls, times: int = 1) -> Cadence:
        """`times` a week, on any days."""
        return cls(CadenceKind.WEEKLY, times_per_week=times)

    @classmethod
    def on(cls, *weekdays: int) -> Cadence:
        """On these days of the week (0 = Monday)."""
        return cls(CadenceKind.WEEKDAYS, weekdays=tuple(sorted(set(weekdays))))

    @property
    def counts_in_weeks(self) -> bool:
        """True when streaks are counted in weeks rather than days."""
        return self.kind is CadenceKind.WEEKLY

    def is_due(self, day: date) -> bool:
        """True on the days this ritual is expected (every day counts for N-a-week)."""
        return self.is_due_on_ordinal(day.toordinal())

    def is_due_on_ordinal(self, ordinal: int) -> bool:
        """`is_due` for a date ordinal (ordinal 1, 1 January of year 1, was a Monday)."""
        if self.kind is CadenceKind.WEEKDAYS:
            return (ordinal - 1) % 7 in self.weekdays
        return True

    def describe(self) -> str:
        """ "daily", "3× a week", "Mon, Thu"."""
        if self.kind is CadenceKind.DAILY:
            return "daily"
        if self.kind is CadenceKind.WEEKLY:
            return "weekly" if self.times_per_week == 1 else f"{self.times_per_week}× a week"
        return ", ".join(WEEKDAYS[day][:3].capitalize() for day in self.weekdays)


class Ritual(Struct, frozen=True):
    """A habit the couple keeps."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("name",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    name: str
    cadence: Cadence
    who: Who
    position: int
    created: str
    """The logical day (YYYY-MM-DD) it was added: earlier days are not counted against it."""
    archived: bool = False
    kind: RitualKind = RitualKind.PLAIN
    only: str | None = None
    """For a ritual one partner does alone (a repair): "a" or "b"."""
    ends: str | None = None
    """The last logical day (YYYY-MM-DD) of a ritual that ends by itself (a repair)."""

    def people(self) -> tuple[str, ...]:
        """The tracks of this ritual: ("together",), ("a", "b"), or the one partner."""
        if self.only is not None:
            return (self.only,)
        return (TOGETHER,) if self.who is Who.TOGETHER else ("a", "b")

    def runs_on(self, day: date) -> bool:
        """False once a ritual that ends by itself is over."""
        return self.ends is None or day.isoformat() <= self.ends


def clean_ritual_name(text: str) -> str:
    """A ritual name, or `InvalidText` in plain words."""
    return clean_single_line(text, label="the ritual's name", max_length=RITUAL_NAME_MAX_LENGTH)


class Track(Struct, frozen=True):
    """One row of the grid: a ritual and who ticks it."""

    ritual: Ritual
    person: str


DayMarks = dict[tuple[str, str], Mark]


class MarkBook:
    """Every mark, by day, kept in memory: `{date ordinal: {(ritual_id, person): Mark}}`.

    Keyed by `date.toordinal()` so that walking back through ten years is integer arithmetic.
    """

    def __init__(self, marks: Mapping[date, Mapping[tuple[str, str], Mark]] | None = None):
        self._by_day: dict[int, DayMarks] = {
            day.toordinal(): dict(day_marks) for day, day_marks in (marks or {}).items()
        }

    def copy(self) -> MarkBook:
        """A book of the same marks that changes apart from this one."""
        copied = MarkBook()
        copied._by_day = {ordinal: dict(marks) for ordinal, marks in self._by_day.items()}
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
        day_marks = self._by_day.setdefault(day.toordinal(), {})
        if mark is None:
            day_marks.pop((ritual_id, person), None)
        else:
            day_marks[(ritual_id, person)] = mark

    def first_days_done(self, since: Iterable[tuple[str, date]]) -> dict[tuple[str, date], date]:
        """For each (ritual id, day) in `since`, the first day on or after that day that either
        partner ticked the ritual done; a pair whose ritual was not done since is left out.
        One ritual may come with several days (two requests that became the same ritual)."""
        waiting: dict[str, list[int]] = {}
        for ritual_id, day in since:
            waiting.setdefault(ritual_id, []).append(day.toordinal())
        for days in waiting.values():
            days.sort(reverse=True)  # the earliest last, taken off first
        found: dict[tuple[str, date], date] = {}
        start = min((days[-1] for days in waiting.values()), default=0)
        for ordinal in sorted(o for o in self._by_day if o >= start):
            for (ritual_id, _person), mark in self._by_day[ordinal].items():
                days = waiting.get(ritual_id)
                if mark is not Mark.DONE or not days or days[-1] > ordinal:
                    continue
                done = date.fromordinal(ordinal)
                while days and days[-1] <= ordinal:
                    found[(ritual_id, date.fromordinal(days.pop()))] = done
                if not days:
                    del waiting[ritual_id]
            if not waiting:
                break
        return found


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
    days pass. The loop reads the book's dictionary directly: it walks every day since the
    ritual began, on every tick, and a method call per day was most of a tick's time after ten
    years.
    """
    cadence = track.ritual.cadence
    key = (track.ritual.id, track.person)
    by_day = book._by_day
    weekdays = cadence.weekdays if cadence.kind is CadenceKind.WEEKDAYS else None
    done, skipped = Mark.DONE, Mark.SKIPPED
    best = run = 0
    current: int | None = None
    earliest = min(created, min(by_day, default=created))
    for day in range(today, earliest - 1, -1):
        if weekdays is not None and (day - 1) % 7 not in weekdays:
            continue
        day_marks = by_day.get(day)
        mark = day_marks.get(key) if day_marks else None
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
    ritual_id, person = track.ritual.id, track.person
    best = run = 0
    current: int | None = None
    week = this_week
    while week + 6 >= created:
        marks = [
            book.on_ordinal(day, ritual_id, person) for day in range(week, min(week + 7, today + 1))
        ]
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
    if last < first:
        # No days at all: a ritual whose first day is still to come (moving to a zone that
        # is behind can put today before the day it was added).
        return [Tally(0, 0.0)] if days_each is None else []
    cadence = track.ritual.cadence
    key = (track.ritual.id, track.person)
    span = days_each or (last - first + 1)
    start = max(first, date.fromisoformat(track.ritual.created).toordinal())
    end = last if today is None else min(last, today)
    spans = max(0, (last - first) // span + 1)
    done, due, skipped = [0] * spans, [0] * spans, [0] * spans
    # Walked once per track over years of days, so the loop reads the book's dictionary
    # directly and counts due days without a call per day (see `_daily_streaks`).
    weekdays = cadence.weekdays if cadence.kind is CadenceKind.WEEKDAYS else None
    by_day = book._by_day
    for day in range(start, end + 1):
        is_due = weekdays is None or (day - 1) % 7 in weekdays
        day_marks = by_day.get(day)
        mark = day_marks.get(key) if day_marks else None
        if mark is None:
            if is_due and day != today:
                due[(day - first) // span] += 1
            continue
        index = (day - first) // span
        if mark is Mark.DONE:
            done[index] += 1
        if is_due:
            due[index] += 1
            if mark is Mark.SKIPPED:
                skipped[index] += 1
    factor = cadence.times_per_week / 7 if cadence.kind is CadenceKind.WEEKLY else 1
    return [Tally(d, (n - s) * factor) for d, n, s in zip(done, due, skipped, strict=True)]


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


class StarterRitual(Struct, frozen=True):
    """A ritual offered on first run, taken from the couple's source material."""

    name: str
    cadence: Cadence
    who: Who
    kind: RitualKind = RitualKind.PLAIN


STARTER_RITUALS = (
    StarterRitual("Talk time, phones away (15 min)", Cadence.daily(), Who.TOGETHER),
    StarterRitual("Ask a feelings question, not a logistics one", Cadence.daily(), Who.EACH),
    StarterRitual(
        "One act in your partner's love language",
        Cadence.daily(),
        Who.EACH,
        RitualKind.LOVE_LANGUAGE,
    ),
    StarterRitual("Thank your partner for a small act of care", Cadence.daily(), Who.EACH),
    StarterRitual("Cook a meal together", Cadence.weekly(1), Who.TOGETHER),
    StarterRitual("Weekly check-in", Cadence.weekly(1), Who.TOGETHER, RitualKind.CHECKIN),
)


class RitualDraft(Struct, frozen=True):
    """What the add / edit dialog returns."""

    name: str
    cadence: Cadence
    who: Who


def starter_offer() -> str:
    """The words that offer the starter set, each ritual on a line with how often it comes."""
    listing = "\n".join(
        f"• {starter.name} ({starter.cadence.describe()})" for starter in STARTER_RITUALS
    )
    return (
        f"These small habits help couples reconnect:\n\n{listing}\n\nYou can rename, "
        "change or archive any of them later."
    )


def starter_rituals(today: date, make_id: Callable[[], str] = new_id) -> list[Ritual]:
    """The starter set as rituals begun on `today`, in the order it is offered."""
    return [
        Ritual(
            id=make_id(),
            name=starter.name,
            cadence=starter.cadence,
            who=starter.who,
            position=position,
            created=today.isoformat(),
            kind=starter.kind,
        )
        for position, starter in enumerate(STARTER_RITUALS)
    ]


def edited(ritual: Ritual, draft: RitualDraft) -> Ritual:
    """`ritual` renamed, or given a new cadence or new people; its history and place stay."""
    return replace(ritual, name=draft.name, cadence=draft.cadence, who=draft.who)


def archive_toggled(ritual: Ritual) -> Ritual:
    """`ritual` archived (its marks stay), or restored when it was archived."""
    return replace(ritual, archived=not ritual.archived)


def toggled_mark(current: Mark | None, wanted: Mark) -> Mark | None:
    """The mark a cell gets when `wanted` is entered: the same mark again clears the cell."""
    return None if current is wanted else wanted


def repair_day(ritual: Ritual, today: date) -> tuple[int, int] | None:
    """(day N, of M days) of a repair ritual on `today`, else None.

    N stops at M: a repair shown after its last day (an archived one) reads "day M of M".
    """
    if ritual.kind is not RitualKind.REPAIR or ritual.ends is None:
        return None
    created = date.fromisoformat(ritual.created)
    total = (date.fromisoformat(ritual.ends) - created).days + 1
    return min(total, (today - created).days + 1), total


def love_language_partner(track: Track) -> str | None:
    """Whose love language a love-language ritual's row hints at: the other partner's.

    None for rituals that are not about love languages, and for one done together.
    """
    if track.ritual.kind is not RitualKind.LOVE_LANGUAGE or track.person not in ("a", "b"):
        return None
    return "b" if track.person == "a" else "a"


def days_ending(today: Date, count: int) -> list[Date]:
    """The `count` days up to and including `today`, oldest first: the grid's columns."""
    return [today - timedelta(days=offset) for offset in range(count - 1, -1, -1)]


class RitualList(Struct):
    """The rituals in their display order, with helpers to reorder them."""

    rituals: list[Ritual] = field(default_factory=list)

    def active(self, today: date | None = None) -> list[Ritual]:
        """Rituals not archived (and, given `today`, not ended), in order."""
        return [
            ritual
            for ritual in self.rituals
            if not ritual.archived and (today is None or ritual.runs_on(today))
        ]

    def tracks(self, include_archived: bool = False, today: date | None = None) -> list[Track]:
        """One track per (ritual, person), in display order."""
        shown: Iterable[Ritual] = self.rituals if include_archived else self.active(today)
        return [Track(ritual, person) for ritual in shown for person in ritual.people()]

    def new_ritual(
        self, draft: RitualDraft, today: date, make_id: Callable[[], str] = new_id
    ) -> Ritual:
        """A ritual made from `draft`, begun on `today`, placed after every ritual in the list."""
        last = max((ritual.position for ritual in self.rituals), default=-1)
        return Ritual(
            id=make_id(),
            name=draft.name,
            cadence=draft.cadence,
            who=draft.who,
            position=last + 1,
            created=today.isoformat(),
        )

    def can_move(self, ritual_id: str, step: int) -> bool:
        """True when the ritual can move `step` places (-1 up, 1 down) and stay in the list."""
        index = self._index_of(ritual_id)
        return index is not None and 0 <= index + step < len(self.rituals)

    def moved(self, ritual_id: str, step: int) -> list[Ritual]:
        """Every ritual, renumbered 0, 1, 2... after swapping `ritual_id` with its neighbour
        `step` places away (-1 up, 1 down). Unchanged, and renumbered, when it cannot move."""
        order = list(self.rituals)
        index = self._index_of(ritual_id)
        if index is not None and self.can_move(ritual_id, step):
            order[index], order[index + step] = order[index + step], order[index]
        return [replace(ritual, position=position) for position, ritual in enumerate(order)]

    def with_changed(self, changed: Ritual) -> RitualList:
        """This list with `changed` in place of the ritual with its id, or added at the end."""
        if self._index_of(changed.id) is None:
            return RitualList([*self.rituals, changed])
        return RitualList(
            [changed if ritual.id == changed.id else ritual for ritual in self.rituals]
        )

    def _index_of(self, ritual_id: str) -> int | None:
        return next(
            (index for index, ritual in enumerate(self.rituals) if ritual.id == ritual_id), None
        )
