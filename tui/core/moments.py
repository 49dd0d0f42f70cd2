"""Moments: a shared log of moments of connection and of neglect, and the patterns in it.

Either partner logs a moment as it happened: what happened, what led to it (free text and short
tags), what helped or would have helped, and how strongly it was felt. A moment of neglect is
marked for the next check-in by default, so it is talked about rather than held on to. Looking
back over weeks shows when moments cluster and what tends to come with them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from msgspec import Meta, Struct
from msgspec.structs import replace

from tui.core.text import InvalidText, clean_note, clean_single_line

WHAT_HAPPENED_MAX_LENGTH = 200
TAG_MAX_LENGTH = 24
TAGS_PER_MOMENT = 8
EITHER_OR_BOTH = ("a", "b", "both")
"""Who a moment (or a therapy assignment) is about: one partner, or the two of them."""
EitherOrBoth = Literal["a", "b", "both"]
STRENGTH_RANGE = range(1, 6)

# The types below carry their own checks, which msgspec applies (in compiled code) to every
# record read from the file: ten years hold thousands of moments, all read at start-up. What a
# tag may look like is checked when it is typed (`clean_tag`); a pattern checked on every tag
# read would have tripled the time it takes to read them.
_TAG = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
Tag = Annotated[str, Meta(max_length=TAG_MAX_LENGTH)]
Time = Annotated[datetime, Meta(tz=True)]
"""A point in time with its offset from UTC, stored as ISO-8601 (2026-11-22T19:30:00+00:00)."""
Strength = Annotated[int, Meta(ge=1, le=5)]
Cleaned = TypeVar("Cleaned")


def stored_time(moment: datetime) -> datetime:
    """`moment` as it is kept: to the second, with a fixed offset (its zone's at that time).

    Raises `InvalidText` for a time without a time zone.
    """
    if moment.utcoffset() is None:
        raise InvalidText("A time needs its time zone.")
    return datetime.fromisoformat(moment.isoformat(timespec="seconds"))


class MomentKind(StrEnum):
    """What kind of moment it was."""

    CONNECTION = "connection"
    NEGLECT = "neglect"
    REPAIR = "repair"
    """A lapse owned and mended."""


class Moment(Struct, frozen=True, gc=False):
    """One logged moment: when, about whom ("a", "b" or "both"), what kind, what happened.

    Build one with `new_moment`, which checks what was typed; the types check what is read.
    """

    id: str
    at: Time
    who: EitherOrBoth
    kind: MomentKind
    what_happened: str
    created: Time
    triggers: str = ""
    tags: tuple[Tag, ...] = ()
    helped: str = ""
    """What helped, or would have helped."""
    helped_tags: tuple[Tag, ...] = ()
    strength: Strength | None = None
    """How strongly it was felt, 1 to 5, if either of them said."""
    for_checkin: bool = False
    talked_about_on: date | None = None
    """The logical day of the check-in that talked about it."""
    edited: Time | None = None

    def day(self, rollover_hour: int) -> date:
        """The logical day it happened on: before `rollover_hour` it counts for the day before."""
        return logical_day_of(self.at, rollover_hour)


def logical_day_of(moment: datetime, rollover_hour: int) -> date:
    """The logical day of a point in time, on its own wall clock (see `tui.core.days`)."""
    day = moment.date()
    return day if moment.hour >= rollover_hour else day - timedelta(days=1)


# --- what people type -------------------------------------------------------------------------


def clean_tag(text: str) -> str:
    """One tag: lower-case, letters, digits and hyphens, without a leading "#"."""
    tag = text.strip().lstrip("#").lower()
    if not tag:
        raise InvalidText("A tag can't be empty.", field="tags")
    if len(tag) > TAG_MAX_LENGTH:
        raise InvalidText(
            f"A tag can be at most {TAG_MAX_LENGTH} characters.",
            field="tags",
        )
    if not _TAG.fullmatch(tag):
        raise InvalidText(
            "A tag is one word of letters and digits (join words with a hyphen: work-late).",
            field="tags",
        )
    return tag


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed in one field, separated by commas or spaces: "#phones, work-late"."""
    return clean_tags(re.split(r"[\s,]+", text))


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Each tag cleaned, repeats dropped, in the order given; `InvalidText` for too many."""
    cleaned = tuple(dict.fromkeys(clean_tag(tag) for tag in tags if tag.strip(" #")))
    if len(cleaned) > TAGS_PER_MOMENT:
        raise InvalidText(f"A moment can carry at most {TAGS_PER_MOMENT} tags.", field="tags")
    return cleaned


def new_moment(
    moment_id: str,
    *,
    at: datetime,
    now: datetime,
    who: str,
    kind: MomentKind,
    what_happened: str,
    triggers: str = "",
    tags: Iterable[str] = (),
    helped: str = "",
    helped_tags: Iterable[str] = (),
    strength: int | None = None,
    for_checkin: bool | None = None,
) -> Moment:
    """A moment logged at `now`, or `InvalidText` naming the field at fault.

    Unless said otherwise, a moment of neglect is marked for the next check-in and the others
    are not: neglect is what the check-in is for.
    """
    at = stored_time(at)
    if at > now:
        raise InvalidText("A moment can't be logged for a time still to come.", field="at")
    try:
        kind = MomentKind(kind)
    except ValueError:
        raise InvalidText("Choose connection, neglect or repair.", field="kind") from None
    if who not in EITHER_OR_BOTH:
        raise InvalidText("Say whether the moment was about one of you or both.", field="who")
    if strength is not None and (isinstance(strength, bool) or strength not in STRENGTH_RANGE):
        raise InvalidText("The strength is a whole number from 1 to 5.", field="strength")
    what = _in_field(
        "what_happened",
        lambda: clean_single_line(
            what_happened, label="what happened", max_length=WHAT_HAPPENED_MAX_LENGTH
        ),
    )
    cleaned_triggers = _in_field("triggers", lambda: clean_note(triggers, label="what led to it"))
    cleaned_helped = _in_field("helped", lambda: clean_note(helped, label="what helped"))
    cleaned_helped_tags = _in_field("helped_tags", lambda: clean_tags(helped_tags))
    return Moment(
        id=moment_id,
        at=at,
        who=who,
        kind=kind,
        what_happened=what,
        triggers=cleaned_triggers,
        tags=clean_tags(tags),
        helped=cleaned_helped,
        helped_tags=cleaned_helped_tags,
        strength=strength,
        for_checkin=kind is MomentKind.NEGLECT if for_checkin is None else for_checkin,
        created=stored_time(now),
    )


def _in_field(field: str, clean: Callable[[], Cleaned]) -> Cleaned:
    """`clean()`, its `InvalidText` naming `field` so that a form can point at it."""
    try:
        return clean()
    except InvalidText as problem:
        raise InvalidText(str(problem), field=field) from None


_EDITABLE = frozenset(
    (
        "at",
        "who",
        "kind",
        "what_happened",
        "triggers",
        "tags",
        "helped",
        "helped_tags",
        "strength",
        "for_checkin",
    )
)


def edit_moment(moment: Moment, *, now: datetime, **changes: object) -> Moment:
    """The moment with the named fields changed, checked as a new one is.

    Its id, when it was logged and whether it was talked about stay as they were.
    """
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"a moment has no editable field {', '.join(sorted(unknown))}")
    current = {name: getattr(moment, name) for name in _EDITABLE}
    edited = new_moment(moment.id, now=now, **{**current, **changes})  # type: ignore[arg-type]
    return replace(
        edited,
        created=moment.created,
        talked_about_on=moment.talked_about_on,
        edited=stored_time(now),
    )


def toggle_for_checkin(moment: Moment) -> Moment:
    """Mark or unmark the moment for the next check-in.

    Marking one already talked about brings it back for another talk: it then counts as not yet
    talked about.
    """
    if moment.for_checkin:
        return replace(moment, for_checkin=False)
    return replace(moment, for_checkin=True, talked_about_on=None)


def mark_talked_about(moments: Iterable[Moment], day: date) -> list[Moment]:
    """The moments as talked about at the check-in of `day`; one talked about earlier keeps the
    day it was first talked about."""
    return [
        moment if moment.talked_about_on is not None else replace(moment, talked_about_on=day)
        for moment in moments
    ]


def for_next_checkin(moments: Iterable[Moment], since: date, rollover_hour: int) -> list[Moment]:
    """Moments marked for the check-in, not yet talked about, from `since` on, oldest first."""
    chosen = [
        moment
        for moment in moments
        if moment.for_checkin
        and moment.talked_about_on is None
        and logical_day_of(moment.at, rollover_hour) >= since
    ]
    return sorted(chosen, key=_when)


# --- finding moments --------------------------------------------------------------------------


class MomentFilter(Struct, frozen=True):
    """What to show; every criterion given must hold. An empty filter shows everything."""

    kind: MomentKind | None = None
    partner: str | None = None
    """Partner "a" or "b": the moments about that partner, those about both of them included."""
    tag: str | None = None
    """A tag of what led to it or of what helped."""
    first_day: date | None = None
    last_day: date | None = None
    words: str = ""
    """Every word must appear (in any case) in what happened, what led to it, what helped or
    the tags."""


def filter_moments(
    moments: Iterable[Moment], criteria: MomentFilter, rollover_hour: int
) -> list[Moment]:
    """The moments that meet `criteria`, in the order given."""
    kind, partner, tag = criteria.kind, criteria.partner, criteria.tag
    first, last = criteria.first_day, criteria.last_day
    words = criteria.words.casefold().split()
    found = []
    for moment in moments:
        if kind is not None and moment.kind is not kind:
            continue
        if partner is not None and moment.who not in (partner, "both"):
            continue
        if tag is not None and tag not in moment.tags and tag not in moment.helped_tags:
            continue
        if first is not None or last is not None:
            day = logical_day_of(moment.at, rollover_hour)
            if (first is not None and day < first) or (last is not None and day > last):
                continue
        if words:
            text = " ".join(
                (
                    moment.what_happened,
                    moment.triggers,
                    moment.helped,
                    *moment.tags,
                    *moment.helped_tags,
                )
            ).casefold()
            if not all(word in text for word in words):
                continue
        found.append(moment)
    return found


def suggest_tags(
    moments: Iterable[Moment],
    typed: str,
    *,
    helped: bool = False,
    exclude: Iterable[str] = (),
    limit: int = 8,
) -> list[str]:
    """Earlier tags starting with what is typed, the most used first (then A to Z).

    `helped` suggests from the tags of what helped rather than of what led to a moment;
    `exclude` leaves out tags already chosen.
    """
    prefix = typed.strip().lstrip("#").lower()
    left_out = set(exclude)
    counts: Counter[str] = Counter()
    for moment in moments:
        counts.update(moment.helped_tags if helped else moment.tags)
    ranked = sorted(
        (tag for tag in counts if tag.startswith(prefix) and tag not in left_out),
        key=lambda tag: (-counts[tag], tag),
    )
    return ranked[:limit]


# --- patterns over weeks ----------------------------------------------------------------------


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
    moments: Iterable[Moment], period: PatternPeriod, last_day: date, rollover_hour: int
) -> Patterns:
    """The patterns of the `period` ending on `last_day` (each moment on its logical day)."""
    days = 7 * period.weeks
    first_day = last_day - timedelta(days=days - 1)
    previous_first = first_day - timedelta(days=days)
    last_ordinal = last_day.toordinal()
    one_day = timedelta(days=1)
    kinds = tuple(MomentKind)
    weekly = [[0, 0, 0] for _ in range(period.weeks)]
    totals = dict.fromkeys(kinds, 0)
    previous = dict.fromkeys(kinds, 0)
    tags: dict[MomentKind, Counter[str]] = {kind: Counter() for kind in kinds}
    helpers: Counter[str] = Counter()
    grids = {kind: [[0] * len(TimeOfDay) for _ in range(7)] for kind in kinds}
    for moment in moments:
        at = moment.at
        day = at.date() if at.hour >= rollover_hour else at.date() - one_day
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


def _when(moment: Moment) -> datetime:
    return moment.at


def newest_first(moments: Iterable[Moment]) -> list[Moment]:
    """The moments, the most recent first."""
    return sorted(moments, key=_when, reverse=True)
