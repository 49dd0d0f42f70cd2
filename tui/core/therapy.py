"""Therapy: a shared plan, the sessions and what each brought, and the practice in between.

The plan holds what each partner hopes for, who the therapist is and how often they meet.
After a session the couple notes its takeaways; between sessions they practise assignments
("A practises reflective listening") and debrief each attempt: how it went, what worked, what
to adjust.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated, ClassVar

from msgspec import Meta, Struct
from msgspec.structs import replace

from tui.core.checkins import CheckinHistory, CheckinRecord, checkin_day
from tui.core.days import local_time
from tui.core.moments import EITHER_OR_BOTH, EitherOrBoth, Time, stored_time
from tui.core.text import InvalidText, clean_note, clean_single_line

HOPE_MAX_LENGTH = 200
HOPES_PER_PARTNER = 10
THERAPIST_MAX_LENGTH = 80
APPROACH_MAX_LENGTH = 120
CONTACT_MAX_LENGTH = 200
ASSIGNMENT_MAX_LENGTH = 300
SESSION_EVERY_WEEKS = range(1, 9)
HOW_IT_WENT = range(1, 6)


class TherapyPlan(Struct, frozen=True, gc=False):
    """What the couple agreed about therapy; empty until they fill it in (`revise_plan`)."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = (
        "hopes_a",
        "hopes_b",
        "therapist",
        "approach",
        "contact",
    )
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    hopes_a: tuple[str, ...] = ()
    hopes_b: tuple[str, ...] = ()
    therapist: str = ""
    approach: str = ""
    """Emotionally focused, Gottman-based... in their words."""
    contact: str = ""
    session_every: Annotated[int, Meta(ge=1, le=8)] | None = None
    """Weeks between sessions, 1 to 8, if they meet regularly."""
    next_session: Time | None = None

    def __post_init__(self) -> None:
        if self.session_every is not None and (
            isinstance(self.session_every, bool) or self.session_every not in SESSION_EVERY_WEEKS
        ):
            raise InvalidText("Sessions are 1 to 8 weeks apart.", field="session_every")

    def hopes_of(self, partner: str) -> tuple[str, ...]:
        """What `partner` ("a" or "b") hopes to achieve."""
        return self.hopes_a if partner == "a" else self.hopes_b


class Session(Struct, frozen=True, gc=False):
    """One session and what the couple took away from it."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("takeaways",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    on: date
    takeaways: str = ""


class Attempt(Struct, frozen=True, gc=False):
    """One go at an assignment, debriefed: how it went (1-5), what worked, what to adjust."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("worked", "adjust")
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    on: date
    how_it_went: Annotated[int, Meta(ge=1, le=5)]
    worked: str = ""
    adjust: str = ""


class Assignment(Struct, frozen=True, gc=False):
    """Practice between sessions for "a", "b" or "both", perhaps until a day."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("what",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    who: EitherOrBoth
    what: str
    created: date
    until: date | None = None
    attempts: tuple[Attempt, ...] = ()

    def is_open(self, today: date) -> bool:
        """Still to practise: it has no end, or it ends today or later."""
        return self.until is None or self.until >= today


# --- the plan --------------------------------------------------------------------------------

_PLAN_TEXTS = {
    "therapist": ("the therapist's name", THERAPIST_MAX_LENGTH),
    "approach": ("the approach", APPROACH_MAX_LENGTH),
    "contact": ("how to reach them", CONTACT_MAX_LENGTH),
}


def revise_plan(plan: TherapyPlan, **changes: object) -> TherapyPlan:
    """The plan with the named fields changed and checked, or `InvalidText` naming the field.

    Hopes are lines of text (blank ones are dropped); the therapist, approach and contact may
    be left empty; `next_session` is a datetime or None.
    """
    unknown = set(changes) - set(TherapyPlan.__struct_fields__)
    if unknown:
        raise TypeError(f"the therapy plan has no field {', '.join(sorted(unknown))}")
    cleaned = {}
    for field, value in changes.items():
        try:
            cleaned[field] = _clean_plan_field(field, value)
        except InvalidText as problem:
            raise InvalidText(str(problem), field=field) from None
    return replace(plan, **cleaned)


def _clean_plan_field(field: str, value: object) -> object:
    if field in ("hopes_a", "hopes_b"):
        hopes = tuple(
            clean_single_line(hope, label="a hope", max_length=HOPE_MAX_LENGTH)
            for hope in value  # type: ignore[attr-defined]
            if hope.strip()
        )
        if len(hopes) > HOPES_PER_PARTNER:
            raise InvalidText(f"Keep to {HOPES_PER_PARTNER} hopes each.")
        return hopes
    if field in _PLAN_TEXTS:
        label, longest = _PLAN_TEXTS[field]
        text = str(value).strip()
        return clean_single_line(text, label=label, max_length=longest) if text else ""
    if field == "next_session" and value is not None:
        return stored_time(value)  # type: ignore[arg-type]
    return value


def _in_field(field: str, clean):  # type: ignore[no-untyped-def]
    """`clean()`, its `InvalidText` naming `field`."""
    try:
        return clean()
    except InvalidText as problem:
        raise InvalidText(str(problem), field=field) from None


def next_session_within_a_day(plan: TherapyPlan, now: datetime) -> bool:
    """True when the next session starts within 24 hours from `now`."""
    if plan.next_session is None:
        return False
    return now <= plan.next_session <= now + timedelta(days=1)


def roll_next_session(plan: TherapyPlan, now: datetime) -> TherapyPlan:
    """Once the next session has passed, move it on by the plan's rhythm to the first one still
    to come, at the same time of day on the couple's clock (`now`'s time zone); without a
    rhythm, the plan stays as it is."""
    starts = plan.next_session
    if starts is None or plan.session_every is None or starts >= now:
        return plan
    step = timedelta(weeks=plan.session_every)
    zone = now.tzinfo
    # The couple's clock now, not the offset it was booked under: after a change of zone the
    # session keeps its point in time, and the rhythm follows the clock of the new zone.
    wall_clock = local_time(starts, zone).replace(tzinfo=None)  # type: ignore[arg-type]
    # Whole steps already gone, from the points in time; the loop then settles the last one,
    # which a daylight-saving change may have moved by an hour.
    steps = int((now.timestamp() - starts.timestamp()) // step.total_seconds())
    following = (wall_clock + steps * step).replace(tzinfo=zone)
    while following < now:
        steps += 1
        following = (wall_clock + steps * step).replace(tzinfo=zone)
    return replace(plan, next_session=stored_time(following))


# --- sessions --------------------------------------------------------------------------------


def new_session(session_id: str, on: date, takeaways: str, today: date) -> Session:
    """A session held on `on`, with what the couple took away from it."""
    if on > today:
        raise InvalidText("Note a session once it has taken place.", field="on")
    notes = _in_field("takeaways", lambda: clean_note(takeaways, label="the takeaways"))
    return Session(session_id, on, notes)


def edit_session(
    session: Session, today: date, *, on: date | None = None, takeaways: str | None = None
) -> Session:
    """The session with its day or takeaways changed, checked as a new one is."""
    return new_session(
        session.id,
        session.on if on is None else on,
        session.takeaways if takeaways is None else takeaways,
        today,
    )


def sessions_since(sessions: Iterable[Session], day: date) -> list[Session]:
    """The sessions held on `day` or later, the oldest first."""
    return sorted((s for s in sessions if s.on >= day), key=lambda session: session.on)


# --- assignments -----------------------------------------------------------------------------


def new_assignment(
    assignment_id: str, who: str, what: str, today: date, until: date | None = None
) -> Assignment:
    """Practice for `who` ("a", "b" or "both"), perhaps until a day no earlier than today."""
    if who not in EITHER_OR_BOTH:
        raise InvalidText("Say who the practice is for: one of you or both.", field="who")
    text = _in_field(
        "what",
        lambda: clean_single_line(what, label="the practice", max_length=ASSIGNMENT_MAX_LENGTH),
    )
    if until is not None and until < today:
        raise InvalidText("The last day of practice can't be in the past.", field="until")
    return Assignment(
        id=assignment_id,
        who=who,  # type: ignore[arg-type]
        what=text,
        created=today,
        until=until,
    )


def add_attempt(
    assignment: Assignment,
    attempt_id: str,
    on: date,
    how_it_went: int,
    today: date,
    worked: str = "",
    adjust: str = "",
) -> Assignment:
    """The assignment with one more debriefed attempt, or `InvalidText` naming the field."""
    if on > today:
        raise InvalidText("Debrief an attempt once it has happened.", field="on")
    if on < assignment.created:
        raise InvalidText("An attempt can't come before the practice was given.", field="on")
    if isinstance(how_it_went, bool) or how_it_went not in HOW_IT_WENT:
        raise InvalidText("How it went is a whole number from 1 to 5.", field="how_it_went")
    attempt = Attempt(
        id=attempt_id,
        on=on,
        how_it_went=how_it_went,
        worked=_in_field("worked", lambda: clean_note(worked, label="what worked")),
        adjust=_in_field("adjust", lambda: clean_note(adjust, label="what to adjust")),
    )
    return replace(assignment, attempts=(*assignment.attempts, attempt))


def open_assignments(assignments: Iterable[Assignment], today: date) -> list[Assignment]:
    """Assignments still to practise, the newest first."""
    return sorted(
        (a for a in assignments if a.is_open(today)), key=lambda a: a.created, reverse=True
    )


def past_assignments(assignments: Iterable[Assignment], today: date) -> list[Assignment]:
    """Assignments whose last day has gone, the most recently ended first."""
    ended = (a for a in assignments if not a.is_open(today))
    return sorted(ended, key=lambda a: a.until or a.created, reverse=True)


# --- what the pane, the report and the calendar share -----------------------------------------

HOW_IT_WENT_WORDS = {1: "hard", 2: "rocky", 3: "so-so", 4: "well", 5: "very well"}
"""How an attempt went, in words beside its number (NO_COLOR, the report)."""


def how_it_went_in_words(score: int) -> str:
    """ "4 (well)"."""
    return f"{score} ({HOW_IT_WENT_WORDS.get(score, '?')})"


def last_session_day(sessions: Iterable[Session]) -> date | None:
    """The day of the latest session noted, if any."""
    return max((session.on for session in sessions), default=None)


def stuck_since(stuck_days: Iterable[date], sessions: Iterable[Session]) -> list[date]:
    """The days of check-ins flagged "we got stuck" after the last session (every one when no
    session is noted yet), the oldest first: the things to raise at the next session."""
    last = last_session_day(sessions)
    return sorted(day for day in stuck_days if last is None or day > last)


def stuck_to_raise(
    checkins: Iterable[CheckinRecord], sessions: Iterable[Session], time_zone: str, rollover: int
) -> list[date]:
    """The days of finished check-ins flagged "we got stuck" since the last session (see
    `stuck_since`), each the logical day it counts for."""
    stuck = [
        checkin_day(record, time_zone, rollover)
        for record in CheckinHistory(list(checkins)).completed
        if record.stuck
    ]
    return stuck_since(stuck, sessions)


def upcoming_sessions(plan: TherapyPlan, now: datetime, count: int) -> list[datetime]:
    """The next `count` sessions from `now` by the plan's rhythm (just the next one without a
    rhythm, none without a date), each at the same time of day on the couple's clock."""
    rolled = next_session_start(plan, now)
    if rolled is None or count < 1 or rolled < now:
        return []
    if plan.session_every is None:
        return [rolled]
    wall_clock, zone = rolled.replace(tzinfo=None), now.tzinfo
    step = timedelta(weeks=plan.session_every)
    return [
        local_time((wall_clock + number * step).replace(tzinfo=zone), zone)  # type: ignore[arg-type]
        for number in range(count)
    ]


def next_session_start(plan: TherapyPlan, now: datetime) -> datetime | None:
    """When the next session starts on the couple's clock (`now`'s zone): the one booked, or
    once it has passed the next by the plan's rhythm; None when none is booked.

    The pane, the tab's reminder, the report, the calendar and the form read it here."""
    starts = roll_next_session(plan, now).next_session
    return None if starts is None else local_time(starts, now.tzinfo)  # type: ignore[arg-type]


def session_soon_words(plan: TherapyPlan, now: datetime) -> str | None:
    """ "today 17:30" or "tomorrow 09:00" when the next session starts within a day, else None.

    A session that has passed counts by the plan's rhythm, as the pane shows it."""
    rolled = roll_next_session(plan, now)
    starts = next_session_start(plan, now)
    if not next_session_within_a_day(rolled, now) or starts is None:
        return None
    day = "today" if starts.date() == now.date() else "tomorrow"
    return f"{day} {starts:%H:%M}"


def parse_session_start(text: str, zone: tzinfo) -> datetime | None:
    """A session's start typed as "YYYY-MM-DD HH:MM" on the couple's clock (`zone`); None for
    nothing typed; `InvalidText` naming the field otherwise."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    try:
        wall_clock = datetime.strptime(cleaned, "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidText(
            f"“{cleaned}” is not a day and time like 2026-11-26 17:30.", field="next_session"
        ) from None
    return stored_time(wall_clock.replace(tzinfo=zone))
