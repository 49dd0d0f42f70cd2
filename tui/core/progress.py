"""Progress: the couple's record week by week, which the Progress view draws and the report
carries.

Two steps. `weekly_history` reads everything once into one column per fact, a value for each
of the couple's weeks (their week start, their logical days, stored times on their clock
now). `tui.core.progress_series` then groups a run of those weeks into the buckets a chart
shows, so choosing another period never reads the record again. The sentences that say what
each chart shows are in `tui.core.progress_words`, from the same series.

A week without a check-in has no rating and no talk (None, a gap in the chart), never a zero;
a week with no ritual due has no share. Counts (moments, requests, lapses) are true zeros.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from operator import add

from msgspec import Struct

from tui.core.checkins import CheckinHistory, checkin_day, shown_ratings, why_no_rating
from tui.core.days import local_day, stored_instant, week_start_of
from tui.core.models import PARTNER_KEYS
from tui.core.moments import Moment, MomentKind
from tui.core.requests import ANSWERS
from tui.core.rituals import TOGETHER, RitualKind, RitualList
from tui.core.sources import Sources
from tui.core.streaks import tally_columns
from tui.core.wins import wins_of_requests

RITUAL_GROUPS = (TOGETHER, *PARTNER_KEYS)
"""The rituals kept together, and each partner's own."""
WeekOf = Callable[[date], "int | None"]
"""The index of the week holding a day, or None for a day outside the span."""
Counts = tuple[int, ...]


class ProgressPeriod(StrEnum):
    """How far back the Progress view looks, in whole weeks ending with this one."""

    FOUR_WEEKS = "4 weeks"
    THREE_MONTHS = "3 months"
    YEAR = "a year"
    EVERYTHING = "everything"

    @property
    def weeks(self) -> int | None:
        """Its length in weeks; None for everything since the first record."""
        return {"4 weeks": 4, "3 months": 13, "a year": 52}.get(self.value)

    def span_words(self, first_day: date) -> str:
        """Where the sentences place it: "in these 4 weeks", "since March 2017"."""
        if self is ProgressPeriod.EVERYTHING:
            return f"since {first_day:%B %Y}"
        if self is ProgressPeriod.YEAR:
            return "in this past year"
        return f"in these {self.value}"


PERIODS = tuple(ProgressPeriod)


class WeeklyHistory(Struct, frozen=True):
    """The record week by week, oldest first: each field holds one value per week.

    Ratings are the latest of the week's check-ins (None: no check-in, or a partner who
    passed); talk is every turn of the week's check-ins; rituals are the occasions kept (each
    track's done capped at what it expected) and expected; answered counts each request
    once, at its first answer; came true counts `wins_of_requests`; a repair is completed
    when its joint review is recorded.
    """

    starts: tuple[date, ...]
    today: date
    began: date
    """The day of the couple's first record: everything starts with its week."""
    ratings: dict[str, tuple[int | None, ...]]
    spoken_ms: dict[str, tuple[int, ...]]
    talked: tuple[bool, ...]
    cooling_offs: tuple[int, ...]
    stuck: tuple[bool, ...]
    rituals_kept: dict[str, tuple[float, ...]]
    rituals_expected: dict[str, tuple[float, ...]]
    moments: dict[str, tuple[int, ...]]
    answered: tuple[int, ...]
    came_true: tuple[int, ...]
    lapses: tuple[int, ...]
    repairs: tuple[int, ...]
    sessions: tuple[tuple[date, ...], ...]
    checkins: tuple[tuple[str, ...], ...]
    """The ids of the week's check-ins held (finished or closed), in the order held."""
    unrated: dict[str, tuple[str | None, ...]]
    """Why a week held has no rating of a partner (`checkins.why_no_rating`); None otherwise."""

    def last_weeks(self, weeks: int | None) -> range:
        """The indexes of the last `weeks` weeks; for None, those since the couple began."""
        count = len(self.starts)
        if weeks is None:
            return range(max(0, min(count - 1, (self.began - self.starts[0]).days // 7)), count)
        return range(max(0, count - weeks), count)


def first_record_day(sources: Sources, today: date) -> date:
    """The day of the couple's earliest record of any kind (today for a new couple)."""
    settings = sources.settings
    zone, rollover = settings.time_zone, settings.day_rollover_hour
    # A later instant never falls on an earlier logical day: the earliest instant is enough.
    instants = [stored_instant(record.started_at) for record in sources.checkins]
    instants += [moment.at for moment in sources.moments]
    days: list[date] = [today]
    if instants:
        days.append(local_day(min(instants), zone, rollover))
    days += [date.fromisoformat(ritual.created) for ritual in sources.rituals]
    days += [request.created for request in sources.requests]
    days += [date.fromisoformat(a.wordings[0].since) for a in sources.agreements]
    days += [session.on for session in sources.sessions]
    return min(days)


def history_until(sources: Sources, today: date, weeks: int | None = None) -> WeeklyHistory:
    """The record up to `today`: its last `weeks` whole weeks, or for None the whole of it,
    reaching back at least as far as the longest period of whole weeks, so a couple who began
    lately see those weeks too, empty."""
    began = first_record_day(sources, today)
    if weeks is None:
        longest = max(period.weeks or 0 for period in PERIODS)
        first = min(began, today - timedelta(days=7 * (longest - 1)))
    else:
        first = week_start_of(today, sources.settings.week_start) - timedelta(days=7 * (weeks - 1))
    return weekly_history(sources, first, today, today, began)


def weekly_history(
    sources: Sources,
    first: date,
    last: date,
    today: date,
    began: date | None = None,
    moment_days: Sequence[date] | None = None,
) -> WeeklyHistory:
    """The record from `first` to `last` (both included) in the couple's weeks, the first
    week the one holding `first`; `today` is the couple's logical day now, `began` the day
    of their first record (`first` unless said). `moment_days` holds each moment's day
    (`Moment.day`), in the order of `sources.moments`, for a caller that needed them too."""
    week_start = sources.settings.week_start
    origin = week_start_of(first, week_start)
    weeks = (last - origin).days // 7 + 1
    starts = tuple(origin + timedelta(days=7 * index) for index in range(weeks))

    def week_of(day: date) -> int | None:
        return (day - origin).days // 7 if first <= day <= last else None

    talk = _talk(sources, week_of, weeks)
    kept, expected = _rituals(sources, first, last, today, origin, weeks)
    answered, came_true = _requests(sources, week_of, weeks)
    lapses, repairs = _agreements(sources, week_of, weeks)
    sessions: list[list[date]] = [[] for _ in range(weeks)]
    for session in sorted(sources.sessions, key=lambda session: session.on):
        if (week := week_of(session.on)) is not None:
            sessions[week].append(session.on)
    return WeeklyHistory(
        starts=starts,
        today=today,
        began=began or first,
        ratings=talk.ratings,
        spoken_ms=talk.spoken_ms,
        talked=tuple(talk.talked),
        cooling_offs=tuple(talk.cooling_offs),
        stuck=tuple(talk.stuck),
        rituals_kept=kept,
        rituals_expected=expected,
        moments=_moments(sources, week_of, weeks, first, moment_days),
        answered=answered,
        came_true=came_true,
        lapses=lapses,
        repairs=repairs,
        sessions=tuple(map(tuple, sessions)),
        checkins=tuple(map(tuple, talk.checkins)),
        unrated={p: tuple(reasons) for p, reasons in talk.unrated.items()},
    )


class _Talk:
    """The check-ins' columns while they are gathered."""

    def __init__(self, weeks: int) -> None:
        self.ratings_by_week: dict[str, list[int | None]] = {p: [None] * weeks for p in "ab"}
        self.unrated: dict[str, list[str | None]] = {p: [None] * weeks for p in "ab"}
        self.spoken: dict[str, list[int]] = {p: [0] * weeks for p in "ab"}
        self.talked = [False] * weeks
        self.cooling_offs = [0] * weeks
        self.stuck = [False] * weeks
        self.checkins: list[list[str]] = [[] for _ in range(weeks)]

    @property
    def ratings(self) -> dict[str, tuple[int | None, ...]]:
        return {p: tuple(values) for p, values in self.ratings_by_week.items()}

    @property
    def spoken_ms(self) -> dict[str, tuple[int, ...]]:
        return {p: tuple(values) for p, values in self.spoken.items()}


def _talk(sources: Sources, week_of: WeekOf, weeks: int) -> _Talk:
    settings = sources.settings
    zone, rollover = settings.time_zone, settings.day_rollover_hour
    talk = _Talk(weeks)
    held = CheckinHistory(sources.checkins).completed
    for record in sorted(held, key=lambda record: stored_instant(record.started_at)):
        week = week_of(checkin_day(record, zone, rollover))
        if week is None:
            continue
        talk.checkins[week].append(record.id)
        ratings = shown_ratings(record)
        for partner in "ab":
            rating = ratings[partner]
            talk.ratings_by_week[partner][week] = None if rating is None else rating.score
            talk.unrated[partner][week] = why_no_rating(record, partner)
            talk.spoken[partner][week] += record.spoken_ms(partner)
        talk.talked[week] = talk.talked[week] or bool(record.turns)
        talk.cooling_offs[week] += record.cooling_offs
        talk.stuck[week] = talk.stuck[week] or record.stuck
    return talk


def _rituals(
    sources: Sources, first: date, last: date, today: date, origin: date, weeks: int
) -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[float, ...]]]:
    """Occasions kept and expected each week, by group, for the rituals the Rituals pane
    shows (a lapse's repair counts with its agreement, not here)."""
    kept = {group: [0.0] * weeks for group in RITUAL_GROUPS}
    expected = {group: [0.0] * weeks for group in RITUAL_GROUPS}
    book, now = sources.mark_book, today.toordinal()
    start, end = origin.toordinal(), origin.toordinal() + 7 * weeks - 1
    for track in RitualList(list(sources.rituals)).tracks():
        if track.ritual.kind is RitualKind.REPAIR:
            continue
        done, due = tally_columns(track, book, start, end, now, days_each=7)
        # The weeks at either end may hold days outside [first, last]: those count for nothing.
        if first.toordinal() > start:
            (done[0],), (due[0],) = tally_columns(track, book, first.toordinal(), start + 6, now)
        if last.toordinal() < min(end, now):
            from_day = max(first.toordinal(), end - 6)
            (done[-1],), (due[-1],) = tally_columns(track, book, from_day, last.toordinal(), now)
        # Years of weeks for every track: added column to column, a week's kept capped at
        # what it expected.
        group_kept, group_expected = kept[track.person], expected[track.person]
        group_kept[:] = map(add, group_kept, map(min, done, due))
        group_expected[:] = map(add, group_expected, due)
    return (
        {group: tuple(values) for group, values in kept.items()},
        {group: tuple(values) for group, values in expected.items()},
    )


def _moments(
    sources: Sources, week_of: WeekOf, weeks: int, first: date, days: Sequence[date] | None
) -> dict[str, tuple[int, ...]]:
    dated: Iterable[tuple[Moment, date]]
    if days is None:
        settings = sources.settings
        zone, rollover = settings.time_zone, settings.day_rollover_hour
        # Years of moments before the span are passed over without working out their day: no
        # zone is more than a day from UTC, nor a rollover more than a day late.
        before = first - timedelta(days=3)
        earliest = datetime(before.year, before.month, before.day, tzinfo=UTC)
        dated = (
            (moment, moment.day(zone, rollover))
            for moment in sources.moments
            if moment.at >= earliest
        )
    else:
        dated = zip(sources.moments, days, strict=True)
    counts = {kind.value: [0] * weeks for kind in MomentKind}
    # An enum's value is a property, slow to ask of years of moments: looked up instead.
    by_kind = {kind: counts[kind.value] for kind in MomentKind}
    for moment, day in dated:
        if (week := week_of(day)) is not None:
            by_kind[moment.kind][week] += 1
    return {kind: tuple(values) for kind, values in counts.items()}


def _requests(sources: Sources, week_of: WeekOf, weeks: int) -> tuple[Counts, Counts]:
    answered = [0] * weeks
    for request in sources.requests:
        answer = next((step for step in request.steps if step.kind in ANSWERS), None)
        if answer is not None and (week := week_of(answer.day)) is not None:
            answered[week] += 1
    came_true = [0] * weeks
    for win in wins_of_requests(sources.requests, sources.mark_book, sources.agreements):
        if (week := week_of(win.day)) is not None:
            came_true[week] += 1
    return tuple(answered), tuple(came_true)


def _agreements(sources: Sources, week_of: WeekOf, weeks: int) -> tuple[Counts, Counts]:
    lapses, repairs = [0] * weeks, [0] * weeks
    for agreement in sources.agreements:
        for lapse in agreement.lapses:
            if (week := week_of(date.fromisoformat(lapse.day))) is not None:
                lapses[week] += 1
        for review in agreement.reviews:
            if (week := week_of(date.fromisoformat(review.day))) is not None:
                repairs[week] += 1
    return tuple(lapses), tuple(repairs)
