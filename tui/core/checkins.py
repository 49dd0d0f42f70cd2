"""Check-in records: the plan, each turn as it really went, ratings, and the history over weeks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from msgspec import Struct, field
from msgspec.structs import replace

from tui.core.ids import new_id
from tui.core.models import PARTNER_KEYS, AgendaStep, Settings
from tui.core.text import NOTE_MAX_LENGTH, InvalidText

if TYPE_CHECKING:
    from pendulum import Date

MINUTE_MS = 60_000


def other_partner(partner: str) -> str:
    """The partner who is not `partner` ("a" <-> "b")."""
    return "b" if partner == "a" else "a"


class CheckinStatus(StrEnum):
    """Where a stored check-in stands."""

    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    CLOSED = "closed"
    """Interrupted (a crash or a closed terminal) and then closed as it stood."""
    ABANDONED = "abandoned"


FULL_AGENDA = tuple(AgendaStep)
CLOCK_ONLY = (AgendaStep.TALK,)
"""The plan's "clock only": the speaking clock alone, then the week's ratings. Check-ins held
before the agenda are stored with it."""
CLOCK_ONLY_MEETING = (AgendaStep.TALK, AgendaStep.RATINGS)
"""The steps a "clock only" check-in walks: the talk, then the ratings revealed together, as
the whole meeting rates (one partner at a time, hidden until both are in)."""


def steps_to_walk(chosen: Sequence[AgendaStep]) -> tuple[AgendaStep, ...]:
    """The steps a check-in walks for the agenda chosen in the plan: the clock alone ends with
    the ratings step."""
    steps = tuple(AgendaStep(step) for step in chosen)
    return CLOCK_ONLY_MEETING if steps == CLOCK_ONLY else steps


class Appreciation(Struct, frozen=True):
    """One thing partner `by` valued in what the other did this week."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("text",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    by: str
    text: str


class Wish(Struct, frozen=True):
    """What would help partner `by` feel loved in the coming week."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("text",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    by: str
    text: str


class CheckinPlan(Struct, frozen=True):
    """What the couple agreed before starting: who opens, how long, how many rounds."""

    first_speaker: str
    turn_ms: int
    rounds: int
    reflect_back_ms: int
    heated_limit_ms: int
    cooling_off_ms: int

    def speaker_order(self) -> list[str]:
        """Speakers turn by turn: first, second, first, second... for every round."""
        second = other_partner(self.first_speaker)
        return [self.first_speaker, second] * self.rounds


class TurnRecord(Struct, frozen=True):
    """One speaking turn as it really went. Durations are milliseconds of active talk."""

    speaker: str
    planned_ms: int
    spoken_ms: int
    started_at: str
    reflect_attempts: int = 0
    heard: bool | None = None
    """True once the speaker confirmed the reflect-back; None when there was none."""

    @property
    def overtime_ms(self) -> int:
        """How far the turn ran past its planned length."""
        return max(0, self.spoken_ms - self.planned_ms)


class Rating(Struct, frozen=True):
    """How connected one partner felt this week, 1 to 5, with an optional note."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("note",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    partner: str
    score: int
    note: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.score, bool) or self.score not in range(1, 6):
            raise InvalidText("A rating is a whole number from 1 to 5.")
        if self.note and len(self.note) > NOTE_MAX_LENGTH:
            raise InvalidText(f"A note can be at most {NOTE_MAX_LENGTH} characters.")


class CheckinRecord(Struct, frozen=True):
    """A check-in as stored: saved at every phase change, so a crash loses at most one turn."""

    id: str
    started_at: str
    plan: CheckinPlan
    turns: tuple[TurnRecord, ...] = ()
    status: CheckinStatus = CheckinStatus.IN_PROGRESS
    ended_at: str | None = None
    ratings: tuple[Rating, ...] = ()
    stuck: bool = False
    cooling_offs: int = 0
    agenda: tuple[AgendaStep, ...] = CLOCK_ONLY
    """The steps the couple chose for this check-in; older check-ins were the clock alone."""
    step: AgendaStep = AgendaStep.TALK
    """The step on screen, saved at every step change so a crash resumes there."""
    skipped: tuple[AgendaStep, ...] = ()
    appreciations: tuple[Appreciation, ...] = ()
    passed: tuple[str, ...] = ()
    """Partners who chose not to rate this week."""
    requests_made: tuple[str, ...] = ()
    """Ids of the requests made during the check-in."""
    wishes: tuple[Wish, ...] = ()

    def __post_init__(self) -> None:
        if not self.agenda or self.step not in self.agenda:
            raise ValueError("a check-in's step must be one of its agenda's steps")

    def spoken_ms(self, partner: str) -> int:
        """Total talk time of `partner` across every recorded turn."""
        return sum(turn.spoken_ms for turn in self.turns if turn.speaker == partner)

    def overtime_ms(self, partner: str) -> int:
        """Total overtime of `partner`."""
        return sum(turn.overtime_ms for turn in self.turns if turn.speaker == partner)

    @property
    def total_spoken_ms(self) -> int:
        """Both partners' talk time together."""
        return sum(turn.spoken_ms for turn in self.turns)

    def talk_share(self, partner: str) -> float | None:
        """`partner`'s share (0 to 1) of the talk time, or None when nobody spoke."""
        total = self.total_spoken_ms
        return self.spoken_ms(partner) / total if total else None


# --- ratings revealed together ---------------------------------------------------------------
# Whether a rating may be seen is decided here alone: every view (the ratings step, the summary,
# the history, past weeks, the report) reads `shown_rating` (and `ratings_revealed` before naming
# a pass), never a record's `ratings` themselves.


def has_answered(record: CheckinRecord, partner: str) -> bool:
    """True once `partner` has rated or passed (what they answered stays hidden until both
    have)."""
    return partner in record.passed or _rating_of(record, partner) is not None


def ratings_revealed(record: CheckinRecord) -> bool:
    """True once both partners have rated or passed: only then may anyone see either answer."""
    return has_answered(record, "a") and has_answered(record, "b")


def shown_rating(record: CheckinRecord, partner: str) -> Rating | None:
    """`partner`'s rating (score and note) as every view may show it: None until both partners
    are in, and for good when one never answered (a step skipped, a check-in closed as it
    stood), since each rated on the promise that the other would see it only with their own."""
    if not ratings_revealed(record):
        return None
    return _rating_of(record, partner)


def shown_ratings(record: CheckinRecord) -> dict[str, Rating | None]:
    """Each partner's `shown_rating`, "a" then "b": whether they are revealed is asked once,
    for a report of years of check-ins."""
    revealed = ratings_revealed(record)
    return {p: _rating_of(record, p) if revealed else None for p in PARTNER_KEYS}


def _rating_of(record: CheckinRecord, partner: str) -> Rating | None:
    """The rating `partner` gave, shown or not: only for the questions above to read."""
    for rating in record.ratings:
        if rating.partner == partner:
            return rating
    return None


def why_no_rating(record: CheckinRecord, partner: str) -> str | None:
    """Why `partner`'s rating is not shown, in words every view may use: "passed" when both
    answered and they passed; "not shared" when only one answered, so neither rating is shown
    (see `shown_rating`) and the week says nothing of who answered; "not rated" when neither
    did. None when the rating is shown."""
    if ratings_revealed(record):
        return "passed" if _rating_of(record, partner) is None else None
    if has_answered(record, "a") or has_answered(record, "b"):
        return "not shared"
    return "not rated"


def is_unfinished(record: CheckinRecord) -> bool:
    """True for a check-in interrupted and then closed as it stood, rather than finished."""
    return record.status is CheckinStatus.CLOSED


class CheckinHistory(Struct, frozen=True):
    """Past check-ins, oldest first, and the series the history view draws."""

    records: Sequence[CheckinRecord] = field(default_factory=tuple)

    @property
    def completed(self) -> list[CheckinRecord]:
        """Check-ins that were finished or closed, oldest first."""
        return [
            record
            for record in self.records
            if record.status in (CheckinStatus.FINISHED, CheckinStatus.CLOSED)
        ]

    def ratings(self, partner: str, weeks: int) -> list[int | None]:
        """`partner`'s ratings over the last `weeks` rated check-ins (rated by either partner),
        oldest first; None where `partner` passed, so both partners' weeks line up."""
        rated = [
            record
            for record in self.completed
            if any(shown_rating(record, each) for each in ("a", "b"))
        ]
        return [
            rating.score if (rating := shown_rating(record, partner)) is not None else None
            for record in rated[-weeks:]
        ]

    def talk_shares(self, partner: str, weeks: int) -> list[float]:
        """`partner`'s share of talk time (0 to 1) over the last `weeks` check-ins."""
        shares = [
            share for record in self.completed if (share := record.talk_share(partner)) is not None
        ]
        return shares[-weeks:]

    def next_first_speaker(self, default: str = "a") -> str:
        """Whoever opened the last check-in listens first this time."""
        for record in reversed(self.records):
            if record.status is not CheckinStatus.ABANDONED:
                return other_partner(record.plan.first_speaker)
        return default


def checkin_to_resume(records: Sequence[CheckinRecord]) -> CheckinRecord | None:
    """The check-in to offer to resume: the newest one left unfinished, if any.

    `records` are oldest first, as the store lists them. An older unfinished one (two crashes
    in a row) is closed as it stands when a new check-in begins. One of the clock alone left
    from before the ratings step is offered with it, so it is rated as every check-in is.
    """
    unfinished = next(
        (record for record in reversed(records) if record.status is CheckinStatus.IN_PROGRESS),
        None,
    )
    if unfinished is not None and unfinished.agenda == CLOCK_ONLY:
        return replace(unfinished, agenda=CLOCK_ONLY_MEETING)
    return unfinished


def new_checkin(settings: Settings, first_speaker: str, started_at: str) -> CheckinRecord:
    """The check-in saved the moment the couple starts: this week's plan and agenda, at the
    agenda's first step, and no turns yet."""
    agenda = steps_to_walk(settings.agenda)
    return CheckinRecord(
        id=new_id(),
        started_at=started_at,
        plan=plan_from_settings(settings, first_speaker),
        agenda=agenda,
        step=agenda[0],
    )


def finished(record: CheckinRecord, ended_at: str) -> CheckinRecord:
    """The check-in finished at `ended_at` with everything it holds (turns, ratings, stuck,
    what each step gathered)."""
    return replace(record, status=CheckinStatus.FINISHED, ended_at=ended_at)


def closed_as_it_stands(record: CheckinRecord, ended_at: str) -> CheckinRecord:
    """An interrupted check-in closed without resuming: its turns count, nothing more is asked."""
    return replace(record, status=CheckinStatus.CLOSED, ended_at=ended_at)


def interrupted_in_words(record: CheckinRecord) -> str:
    """ "A check-in started Sunday 22 November at 10:30 stopped after 1 turn", for the offer to
    resume it."""
    import pendulum

    started = pendulum.parse(record.started_at)
    when = started.format("dddd D MMMM [at] HH:mm")  # type: ignore[union-attr]
    turns = len(record.turns)
    return f"A check-in started {when} stopped after {turns} {'turn' if turns == 1 else 'turns'}"


def format_duration(milliseconds: int) -> str:
    """m:ss for talk times (e.g. 4:05, 12:00, 75:30)."""
    seconds = max(0, milliseconds) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def checkin_day(record: CheckinRecord, time_zone: str, rollover_hour: int) -> Date:
    """The logical day a check-in counts for: the day it started, as the couple's days run.

    A check-in begun at 00:52 before a 04:00 rollover belongs to the evening before, both in
    the history and for the weekly check-in ritual it ticks.
    """
    import pendulum

    from tui.core.days import local_day, stored_instant

    # The standard library's reading and a cached zone: the report reads this for every
    # check-in of ten years, and pendulum's parser loaded the zone's file for each one.
    day = local_day(stored_instant(record.started_at), time_zone, rollover_hour)
    return pendulum.Date(day.year, day.month, day.day)


def plan_from_settings(settings: Settings, first_speaker: str) -> CheckinPlan:
    """This week's plan from the couple's agreed settings."""
    return CheckinPlan(
        first_speaker=first_speaker,
        turn_ms=settings.turn_minutes * MINUTE_MS,
        rounds=settings.rounds,
        reflect_back_ms=settings.reflect_back_minutes * MINUTE_MS,
        heated_limit_ms=settings.heated_limit_minutes * MINUTE_MS,
        cooling_off_ms=settings.cooling_off_minutes * MINUTE_MS,
    )


def last_checkin_day(
    records: Sequence[CheckinRecord], time_zone: str, rollover_hour: int
) -> Date | None:
    """The logical day of the last check-in held (finished or closed), None before the first:
    the next one is due a week after it (`tui.core.glance.next_checkin_date`)."""
    last = last_completed_before(records)
    return None if last is None else checkin_day(last, time_zone, rollover_hour)


def next_checkin_due(records: Sequence[CheckinRecord], settings: Settings, today: date) -> date:
    """The day the next weekly check-in is due, after the check-ins held in `records`: every
    view asks this (the plan, `attune today`, the calendar); the rule itself is
    `tui.core.glance.next_checkin_date`, which the quick prompt line reads too."""
    from tui.core.glance import next_checkin_date

    last = last_checkin_day(records, settings.time_zone, settings.day_rollover_hour)
    return next_checkin_date(today, settings.checkin_weekday, last)


def due_in_words(today: date, due: date) -> str:
    """ "today", "tomorrow", "in 3 days", "in 1 week", or "overdue by 2 days"."""
    import pendulum

    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    words = pendulum.duration(days=abs(days)).in_words(locale="en")
    return f"in {words}" if days > 0 else f"overdue by {words}"


def day_in_words(day: date) -> str:
    """ "Sunday 6 December": the day of a check-in due, in the same words in every view."""
    import pendulum

    return pendulum.date(day.year, day.month, day.day).format("dddd D MMMM")


def last_completed_before(
    records: Sequence[CheckinRecord], current_id: str | None = None
) -> CheckinRecord | None:
    """The most recent finished or closed check-in other than `current_id`, by its start."""
    from tui.core.days import stored_instant

    earlier = [record for record in CheckinHistory(records).completed if record.id != current_id]
    return max(earlier, key=lambda record: stored_instant(record.started_at), default=None)


def last_ended_at(records: Sequence[CheckinRecord]) -> datetime | None:
    """When the last finished or closed check-in ended: the moments marked since then are the
    ones to talk about at the next (None before the first)."""
    from tui.core.days import stored_instant

    ended = [record.ended_at for record in CheckinHistory(records).completed if record.ended_at]
    return max(map(stored_instant, ended)) if ended else None


def previous_checkin_day(
    records: Sequence[CheckinRecord], current_id: str, time_zone: str, rollover_hour: int
) -> Date | None:
    """The logical day of the check-in before `current_id` (None before the second): the
    wins since then are named in the summary."""
    before = last_completed_before(records, current_id)
    return None if before is None else checkin_day(before, time_zone, rollover_hour)
