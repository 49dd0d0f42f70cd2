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
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Annotated, ClassVar, Literal, TypeVar

from msgspec import Meta, Struct
from msgspec.structs import replace

from tui.core.days import local_day, local_time
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


class Moment(Struct, frozen=True, gc=False, omit_defaults=True):
    """One logged moment: when, about whom ("a", "b" or "both"), what kind, what happened.

    Build one with `new_moment`, which checks what was typed; the types check what is read.
    Stored without the optional fields that hold their default (`omit_defaults`).
    """

    OWN_WORDS: ClassVar[tuple[str, ...]] = (
        "what_happened",
        "triggers",
        "tags",
        "helped",
        "helped_tags",
    )
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

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

    def local_time(self, time_zone: str | tzinfo) -> datetime:
        """When it happened on the couple's clock: in their zone now (`time_zone`), whatever
        zone it was noted in. Every view of a moment's time reads it here."""
        return local_time(self.at, time_zone)

    def day(self, time_zone: str | tzinfo, rollover_hour: int) -> date:
        """The logical day it happened on, on the couple's clock now: before `rollover_hour`
        it counts for the day before. Every view of a moment's day reads it here."""
        return local_day(self.at, time_zone, rollover_hour)


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


def for_next_checkin(
    moments: Iterable[Moment], since: date, time_zone: str | tzinfo, rollover_hour: int
) -> list[Moment]:
    """Moments marked for the check-in, not yet talked about, from `since` on (each on its
    day in `time_zone`), oldest first."""
    chosen = [
        moment
        for moment in moments
        if moment.for_checkin
        and moment.talked_about_on is None
        and moment.day(time_zone, rollover_hour) >= since
    ]
    return sorted(chosen, key=_when)


def marked_for_checkin(moment: Moment, now: datetime) -> Moment:
    """`toggle_for_checkin`, noting `now` as when it was changed: a moment marked again after
    a check-in comes up at the next one however long ago it happened."""
    return replace(toggle_for_checkin(moment), edited=stored_time(now))


def to_review_at_checkin(
    moments: Iterable[Moment], last_checkin_ended: datetime | None
) -> list[Moment]:
    """The moments to look at together before the talk starts, oldest first: marked for the
    check-in, not yet talked about, and new since the last check-in ended (they happened,
    were logged or were changed after it). With no check-in before, every marked one."""
    since = last_checkin_ended

    def new_since(moment: Moment) -> bool:
        if since is None:
            return True
        changed = moment.edited
        return (
            moment.at >= since
            or moment.created >= since
            or (changed is not None and changed >= since)
        )

    chosen = [
        moment
        for moment in moments
        if moment.for_checkin and moment.talked_about_on is None and new_since(moment)
    ]
    return sorted(chosen, key=_when)


def parse_when(text: str, now: datetime) -> datetime:
    """A time typed as "YYYY-MM-DD HH:MM" on the couple's clock (the zone of `now`).

    Raises `InvalidText` naming the field "at" for anything else or for a time still to come.
    """
    try:
        typed = datetime.strptime(" ".join(text.split()), "%Y-%m-%d %H:%M")
    except ValueError:
        example = now.strftime("%Y-%m-%d %H:%M")
        raise InvalidText(f"Type the date and time like {example}.", field="at") from None
    at = typed.replace(tzinfo=now.tzinfo)
    if at > now:
        raise InvalidText("A moment can't be logged for a time still to come.", field="at")
    return at


def search_filter(text: str, criteria: MomentFilter) -> MomentFilter:
    """`criteria` with what was typed in the search box: words, and a "#tag" to show only the
    moments with that tag (any further "#tags" count as words)."""
    words = []
    tag = None
    for word in text.split():
        if word.startswith("#") and len(word) > 1 and tag is None:
            tag = word[1:].lower()
        else:
            words.append(word.lstrip("#") if word.startswith("#") else word)
    return replace(criteria, tag=tag, words=" ".join(words))


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
    moments: Iterable[Moment], criteria: MomentFilter, time_zone: str | tzinfo, rollover_hour: int
) -> list[Moment]:
    """The moments that meet `criteria`, in the order given; a period counts each moment on
    its day in the couple's zone (`time_zone`)."""
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
            day = moment.day(time_zone, rollover_hour)
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


def _when(moment: Moment) -> datetime:
    return moment.at


def newest_first(moments: Iterable[Moment]) -> list[Moment]:
    """The moments, the most recent first."""
    return sorted(moments, key=_when, reverse=True)
