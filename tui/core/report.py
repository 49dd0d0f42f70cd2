"""The progress report a couple can bring to their therapist: one period's record, gathered
into typed values, then written as Markdown for people or as JSON for programs.

Pure: the caller hands over what the store holds (`Sources`), the period and the moment of
writing; nothing here reads a file or a clock. Free-text notes (check-in notes, lapse and
review notes, what happened in a moment, hurts, needs and reasons, session takeaways and
debriefs) can be left out for a summary that can be shared; names, wordings and titles stay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import msgspec
from msgspec import Struct

from tui.core.agreements import Agreement
from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    checkin_day,
    format_duration,
    shown_rating,
)
from tui.core.models import WEEKDAYS, Settings
from tui.core.moments import Moment, MomentKind
from tui.core.requests import Request, wins_between
from tui.core.rituals import CadenceKind, Mark, MarkBook, RitualKind, RitualList, progress
from tui.core.therapy import (
    HOW_IT_WENT_WORDS,
    Assignment,
    Session,
    TherapyPlan,
    roll_next_session,
    stuck_since,
)

REPORT_FORMAT_VERSION = 1
"""Raised whenever a JSON field changes meaning or goes away; new fields do not raise it."""
LONGEST_PERIOD_DAYS = 366 * 20
RATING_WORDS = {
    1: "not connected",
    2: "a little connected",
    3: "somewhat connected",
    4: "connected",
    5: "very connected",
}
"""How connected a partner felt, in words beside the check-in rating."""
CHART_WIDTH = 20
FORMATS = ("markdown", "json")


class InvalidPeriod(ValueError):
    """A period that can't be reported on; the message says why in plain words."""


class Period(Struct, frozen=True):
    """From `first` to `last`, both days included."""

    first: date
    last: date

    def holds(self, day: date) -> bool:
        """True when `day` falls in the period."""
        return self.first <= day <= self.last


def last_month(today: date) -> Period:
    """The month up to and including `today` (23 October to 22 November)."""
    month, year = (today.month - 1, today.year) if today.month > 1 else (12, today.year - 1)
    day = min(today.day, _days_in_month(year, month))
    return Period(date(year, month, day) + timedelta(days=1), today)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def parse_day(text: str, label: str) -> date:
    """A YYYY-MM-DD day, or `InvalidPeriod` naming `label` ("the first day")."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidPeriod(f"{label} “{text.strip()}” is not a date like 2026-11-22.") from None


def choose_period(first: str | None, last: str | None, today: date) -> Period:
    """The period from the typed days, either of which may be left out: the last day is then
    today, the first a month before the last."""
    last_day = parse_day(last, "The last day") if last else date.fromordinal(today.toordinal())
    first_day = parse_day(first, "The first day") if first else last_month(last_day).first
    if first_day > last_day:
        raise InvalidPeriod(
            f"The first day ({first_day.isoformat()}) comes after the last "
            f"({last_day.isoformat()})."
        )
    if (last_day - first_day).days > LONGEST_PERIOD_DAYS:
        raise InvalidPeriod("A report covers at most twenty years.")
    return Period(first_day, last_day)


class Sources(Struct):
    """Everything the report reads, as the store lists it."""

    settings: Settings
    checkins: Sequence[CheckinRecord]
    rituals: Sequence[Any]
    mark_book: MarkBook
    agreements: Sequence[Agreement]
    moments: Sequence[Moment]
    requests: Sequence[Request]
    plan: TherapyPlan
    sessions: Sequence[Session]
    assignments: Sequence[Assignment]


# --- the gathered report -----------------------------------------------------------------------


class Rated(Struct, frozen=True):
    """A number and its words: {"score": 4, "label": "connected"}."""

    score: int
    label: str


class CheckinEntry(Struct, frozen=True, omit_defaults=True):
    """One check-in held in the period."""

    id: str
    day: date
    week_of: date
    status: str
    spoken_ms: dict[str, int]
    overtime_ms: dict[str, int]
    talk_share_a: float | None
    ratings: dict[str, Rated | None]
    stuck: bool
    cooling_offs: int
    notes: dict[str, str] | None = None


class CheckinWeek(Struct, frozen=True):
    """The check-ins of one week, summed: talk share, overtime, the latest ratings, stuck."""

    week_of: date
    held: int
    talk_share_a: float | None
    overtime_ms: dict[str, int]
    ratings: dict[str, Rated | None]
    stuck: bool


class RitualEntry(Struct, frozen=True):
    """One ritual track: its completion over the period and its streaks at the period's end."""

    id: str
    name: str
    person: str
    cadence: str
    done: int
    completion: float | None
    streak: int
    best_streak: int
    streak_unit: str


class LapseEntry(Struct, frozen=True, omit_defaults=True):
    """A lapse in the period and how much of its repair was kept."""

    id: str
    day: date
    partner: str
    repair_days_done: int
    repair_days: int
    note: str | None = None


class ReviewEntry(Struct, frozen=True, omit_defaults=True):
    """A joint review held in the period."""

    day: date
    outcome: str
    lapse_id: str
    note: str | None = None


class AgreementEntry(Struct, frozen=True):
    """An agreement as it stood at the period's end, with what happened to it in the period."""

    id: str
    wording: str
    status: str
    signed_by: list[str]
    lapses: list[LapseEntry]
    reviews: list[ReviewEntry]


class MomentEntry(Struct, frozen=True, omit_defaults=True):
    """A moment logged in the period."""

    id: str
    day: date
    at: datetime
    kind: str
    who: str
    tags: list[str]
    strength: Rated | None = None
    for_checkin: bool = False
    talked_about_on: date | None = None
    what_happened: str | None = None
    triggers: str | None = None
    helped: str | None = None


class MomentSummary(Struct, frozen=True):
    """The moments of the period: counts by kind, the commonest tags, and each moment."""

    counts: dict[str, int]
    top_tags: dict[str, list[str]]
    moments: list[MomentEntry]


class StepEntry(Struct, frozen=True, omit_defaults=True):
    """One step of a request's thread taken in the period."""

    day: date
    by: str
    kind: str
    answer_by: date | None = None
    text: str | None = None


class RequestEntry(Struct, frozen=True, omit_defaults=True):
    """A request asked or moved on in the period, and where it stood at the end."""

    id: str
    asker: str
    asked: str
    ask: str
    created: date
    status: str
    steps: list[StepEntry]
    need: str | None = None
    hurt: str | None = None


class WinEntry(Struct, frozen=True):
    """A request that came true in the period."""

    request_id: str
    day: date
    kind: str
    ask: str


class AttemptEntry(Struct, frozen=True, omit_defaults=True):
    """One debriefed attempt in the period."""

    id: str
    day: date
    how_it_went: Rated
    worked: str | None = None
    adjust: str | None = None


class AssignmentEntry(Struct, frozen=True):
    """An assignment that ran during the period, with its attempts in the period."""

    id: str
    who: str
    what: str
    given: date
    until: date | None
    attempts: list[AttemptEntry]


class SessionEntry(Struct, frozen=True, omit_defaults=True):
    """A session held in the period."""

    id: str
    day: date
    takeaways: str | None = None


class PlanEntry(Struct, frozen=True, omit_defaults=True):
    """The therapy plan as it is now."""

    hopes: dict[str, list[str]]
    therapist: str
    approach: str
    session_every_weeks: int | None
    next_session: datetime | None
    contact: str | None = None


class TherapyPart(Struct, frozen=True):
    """The therapy plan, the sessions and practice of the period, and what to raise next."""

    plan: PlanEntry
    sessions: list[SessionEntry]
    assignments: list[AssignmentEntry]
    stuck_to_raise: list[date]


class Report(Struct, frozen=True):
    """One period's record, ready to be written in either format."""

    format_version: int
    generated: datetime
    couple: dict[str, str]
    time_zone: str
    period: Period
    notes_included: bool
    contains: list[str]
    checkins: list[CheckinEntry]
    checkin_weeks: list[CheckinWeek]
    rituals: list[RitualEntry]
    agreements: list[AgreementEntry]
    moments: MomentSummary
    requests: list[RequestEntry]
    wins: list[WinEntry]
    therapy: TherapyPart


CONTAINS = (
    "weekly check-ins",
    "rituals",
    "agreements",
    "moments",
    "requests",
    "therapy",
)


def gather(sources: Sources, period: Period, generated: datetime, notes: bool = True) -> Report:
    """The report of `period`, written at `generated` (the couple's clock); with `notes` False,
    every free-text note is left out."""
    settings = sources.settings
    partners = settings.partners
    # Plain dates and times from here on, whatever calendar library made them.
    period = Period(*(date.fromordinal(day.toordinal()) for day in (period.first, period.last)))
    checkins = _checkins(sources, period, notes)
    return Report(
        format_version=REPORT_FORMAT_VERSION,
        generated=datetime.fromisoformat(generated.isoformat(timespec="seconds")),
        couple={"a": partners.a, "b": partners.b},
        time_zone=settings.time_zone,
        period=period,
        notes_included=notes,
        contains=list(CONTAINS),
        checkins=checkins,
        checkin_weeks=_weeks(checkins),
        rituals=_rituals(sources, period),
        agreements=_agreements(sources, period, notes),
        moments=_moments(sources, period, notes),
        requests=_requests(sources, period, notes),
        wins=[
            WinEntry(win.request.id, win.day, win.kind.value, win.request.ask)
            for win in wins_between(sources.requests, period.first, period.last)
        ],
        therapy=_therapy(sources, period, generated, notes),
    )


def _rated(score: int | None, words: dict[int, str]) -> Rated | None:
    return None if score is None else Rated(score, words.get(score, ""))


def _checkins(sources: Sources, period: Period, notes: bool) -> list[CheckinEntry]:
    settings = sources.settings
    week_start = WEEKDAYS.index(settings.week_start)
    entries = []
    for record in CheckinHistory(sources.checkins).completed:
        day = checkin_day(record, settings.time_zone, settings.day_rollover_hour)
        if not period.holds(day):
            continue
        ratings = {p: shown_rating(record, p) for p in ("a", "b")}
        entries.append(
            CheckinEntry(
                id=record.id,
                day=date(day.year, day.month, day.day),
                week_of=date(day.year, day.month, day.day)
                - timedelta(days=(day.weekday() - week_start) % 7),
                status=record.status.value,
                spoken_ms={p: record.spoken_ms(p) for p in ("a", "b")},
                overtime_ms={p: record.overtime_ms(p) for p in ("a", "b")},
                talk_share_a=_share(record.talk_share("a")),
                ratings={
                    p: _rated(r.score if r else None, RATING_WORDS) for p, r in ratings.items()
                },
                stuck=record.stuck,
                cooling_offs=record.cooling_offs,
                notes={p: r.note if r else "" for p, r in ratings.items()} if notes else None,
            )
        )
    return sorted(entries, key=lambda entry: entry.day)


def _share(share: float | None) -> float | None:
    return None if share is None else round(share, 3)


def _weeks(checkins: list[CheckinEntry]) -> list[CheckinWeek]:
    by_week: dict[date, list[CheckinEntry]] = {}
    for entry in checkins:
        by_week.setdefault(entry.week_of, []).append(entry)
    weeks = []
    for week_of, entries in by_week.items():
        spoken = {p: sum(e.spoken_ms[p] for e in entries) for p in ("a", "b")}
        total = spoken["a"] + spoken["b"]
        latest = {
            p: next((e.ratings[p] for e in reversed(entries) if e.ratings[p]), None)
            for p in ("a", "b")
        }
        weeks.append(
            CheckinWeek(
                week_of=week_of,
                held=len(entries),
                talk_share_a=_share(spoken["a"] / total) if total else None,
                overtime_ms={p: sum(e.overtime_ms[p] for e in entries) for p in ("a", "b")},
                ratings=latest,
                stuck=any(e.stuck for e in entries),
            )
        )
    return weeks


def _rituals(sources: Sources, period: Period) -> list[RitualEntry]:
    import pendulum

    last = pendulum.date(period.last.year, period.last.month, period.last.day)
    week_start = sources.settings.week_start
    entries = []
    for track in RitualList(list(sources.rituals)).tracks():
        ritual = track.ritual
        # Repairs are reported with the agreement whose lapse started them.
        if ritual.kind is RitualKind.REPAIR or date.fromisoformat(ritual.created) > period.last:
            continue
        done, completion = _completion_between(track, sources.mark_book, period)
        streaks = progress(track, sources.mark_book, last, week_start)
        entries.append(
            RitualEntry(
                id=ritual.id,
                name=ritual.name,
                person=track.person,
                cadence=ritual.cadence.describe(),
                done=done,
                completion=None if completion is None else round(completion, 3),
                streak=streaks.current,
                best_streak=streaks.best,
                streak_unit="weeks" if streaks.unit == "wk" else "days",
            )
        )
    return entries


def _completion_between(track: Any, book: MarkBook, period: Period) -> tuple[int, float | None]:
    """(days done, share of due occasions done) over the period, skips excluded, counted as
    the Rituals pane counts its last 30 days."""
    cadence, ritual_id, person = track.ritual.cadence, track.ritual.id, track.person
    first = max(period.first, date.fromisoformat(track.ritual.created)).toordinal()
    done = skipped = due = 0
    for ordinal in range(first, period.last.toordinal() + 1):
        mark = book.on_ordinal(ordinal, ritual_id, person)
        if mark is Mark.DONE:
            done += 1
        if not cadence.is_due_on_ordinal(ordinal):
            continue
        due += 1
        if mark is Mark.SKIPPED:
            skipped += 1
    expected: float = due - skipped
    if cadence.kind is CadenceKind.WEEKLY:
        expected = cadence.times_per_week * expected / 7
    return done, (min(1.0, done / expected) if expected > 0 else None)


def _agreements(sources: Sources, period: Period, notes: bool) -> list[AgreementEntry]:
    entries = []
    for agreement in sources.agreements:
        if date.fromisoformat(agreement.wordings[0].since) > period.last:
            continue
        lapses = []
        for lapse in agreement.lapses:
            if not period.holds(date.fromisoformat(lapse.day)):
                continue
            kept = sum(
                1
                for day in lapse.repair_days
                if sources.mark_book.get(day, lapse.id, lapse.partner) is Mark.DONE
            )
            lapses.append(
                LapseEntry(
                    lapse.id,
                    date.fromisoformat(lapse.day),
                    lapse.partner,
                    kept,
                    lapse.repair.days,
                    lapse.note if notes else None,
                )
            )
        reviews = [
            ReviewEntry(
                date.fromisoformat(review.day),
                review.outcome.value,
                review.lapse_id,
                review.note if notes else None,
            )
            for review in agreement.reviews
            if period.holds(date.fromisoformat(review.day))
        ]
        entries.append(
            AgreementEntry(
                id=agreement.id,
                wording=agreement.wording,
                status=agreement.status(period.last).value,
                signed_by=sorted(agreement.signatures),
                lapses=lapses,
                reviews=reviews,
            )
        )
    return entries


def _moments(sources: Sources, period: Period, notes: bool) -> MomentSummary:
    rollover = sources.settings.day_rollover_hour
    counts: Counter[str] = Counter({kind.value: 0 for kind in MomentKind})
    tags: dict[str, Counter[str]] = {kind.value: Counter() for kind in MomentKind}
    entries = []
    for moment in sources.moments:
        day = moment.day(rollover)
        if not period.holds(day):
            continue
        counts[moment.kind.value] += 1
        tags[moment.kind.value].update(moment.tags)
        entries.append(
            MomentEntry(
                id=moment.id,
                day=day,
                at=moment.at,
                kind=moment.kind.value,
                who=moment.who,
                tags=list(moment.tags),
                strength=_rated(moment.strength, {n: f"{n} of 5" for n in range(1, 6)}),
                for_checkin=moment.for_checkin,
                talked_about_on=moment.talked_about_on,
                what_happened=moment.what_happened if notes else None,
                triggers=moment.triggers if notes else None,
                helped=moment.helped if notes else None,
            )
        )
    return MomentSummary(
        counts=dict(counts),
        top_tags={
            kind: [tag for tag, _count in sorted(c.items(), key=lambda i: (-i[1], i[0]))[:5]]
            for kind, c in tags.items()
        },
        moments=entries,
    )


def _requests(sources: Sources, period: Period, notes: bool) -> list[RequestEntry]:
    entries = []
    for request in sources.requests:
        steps = [step for step in request.steps if period.holds(step.day)]
        if not period.holds(request.created) and not steps:
            continue
        if request.created > period.last:
            continue
        entries.append(
            RequestEntry(
                id=request.id,
                asker=request.asker,
                asked=request.asked,
                ask=request.ask,
                created=request.created,
                status=request.describe_status(period.last),
                steps=[
                    StepEntry(
                        step.day,
                        step.by,
                        step.kind.value,
                        step.answer_by,
                        step.text if notes else None,
                    )
                    for step in steps
                ],
                need=request.need if notes else None,
                hurt=request.hurt if notes else None,
            )
        )
    return entries


def _therapy(sources: Sources, period: Period, generated: datetime, notes: bool) -> TherapyPart:
    plan = roll_next_session(sources.plan, generated)
    settings = sources.settings
    stuck_days = [
        date.fromisoformat(
            checkin_day(record, settings.time_zone, settings.day_rollover_hour).isoformat()
        )
        for record in CheckinHistory(sources.checkins).completed
        if record.stuck
    ]
    held_by_then = [session for session in sources.sessions if session.on <= period.last]
    assignments = []
    for assignment in sources.assignments:
        if assignment.created > period.last:
            continue
        attempts = [a for a in assignment.attempts if period.holds(a.on)]
        ran = assignment.until is None or assignment.until >= period.first
        if not ran and not attempts:
            continue
        assignments.append(
            AssignmentEntry(
                id=assignment.id,
                who=assignment.who,
                what=assignment.what,
                given=assignment.created,
                until=assignment.until,
                attempts=[
                    AttemptEntry(
                        attempt.id,
                        attempt.on,
                        Rated(attempt.how_it_went, HOW_IT_WENT_WORDS[attempt.how_it_went]),
                        attempt.worked if notes else None,
                        attempt.adjust if notes else None,
                    )
                    for attempt in attempts
                ],
            )
        )
    return TherapyPart(
        plan=PlanEntry(
            hopes={"a": list(plan.hopes_a), "b": list(plan.hopes_b)},
            therapist=plan.therapist,
            approach=plan.approach,
            session_every_weeks=plan.session_every,
            next_session=plan.next_session,
            contact=plan.contact if notes else None,
        ),
        sessions=[
            SessionEntry(session.id, session.on, session.takeaways if notes else None)
            for session in sources.sessions
            if period.holds(session.on)
        ],
        assignments=assignments,
        stuck_to_raise=[day for day in stuck_since(stuck_days, held_by_then) if day <= period.last],
    )


# --- JSON ----------------------------------------------------------------------------------------


def render_json(report: Report) -> str:
    """The report as JSON for programs: a format version, record ids, ISO dates, and every
    rating as a number beside its words."""
    document = {"format": "attune-report", **msgspec.to_builtins(report)}
    return msgspec.json.format(msgspec.json.encode(document), indent=2).decode() + "\n"


# --- Markdown ------------------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    """The report as Markdown for people: what it contains first, then each part in turn."""
    names = report.couple
    lines = [
        f"# Attune report: {names['a']} & {names['b']}",
        "",
        f"{_long_day(report.period.first)} to {_long_day(report.period.last)}.",
        "",
        _what_it_contains(report),
        "",
    ]
    for part in (
        _markdown_checkins,
        _markdown_rituals,
        _markdown_agreements,
        _markdown_moments,
        _markdown_requests,
        _markdown_therapy,
    ):
        lines.extend(part(report))
        lines.append("")
    lines.append(f"Written by Attune on {report.generated:%Y-%m-%d at %H:%M} ({report.time_zone}).")
    return "\n".join(lines) + "\n"


def _what_it_contains(report: Report) -> str:
    parts = ", ".join(report.contains[:-1]) + f" and {report.contains[-1]}"
    if report.notes_included:
        privacy = (
            "It includes your free-text notes: share it only with people you both trust, "
            "such as your therapist."
        )
    else:
        privacy = (
            "Free-text notes are left out (check-in notes, what happened, hurts, needs and "
            "reasons, takeaways and debriefs): a summary to share."
        )
    return f"This report holds your {parts} for the period. {privacy}"


def _long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _name(report: Report, who: str) -> str:
    if who == "together":
        return "together"
    if who == "both":
        return "both of you"
    return report.couple.get(who, who)


def _cell(text: str) -> str:
    """Text for a table cell: one line, its pipes kept as text."""
    return " ".join(text.split()).replace("|", "\\|")


def _quote(text: str | None) -> list[str]:
    if not text:
        return []
    return [f"  > {line}" if line else "  >" for line in text.splitlines()]


def _rated_words(rated: Rated | None) -> str:
    return "–" if rated is None else f"{rated.score} ({rated.label})"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def _markdown_checkins(report: Report) -> list[str]:
    a, b = report.couple["a"], report.couple["b"]
    lines = ["## Weekly check-ins", ""]
    if not report.checkin_weeks:
        return [*lines, "No check-ins in this period."]
    held = len(report.checkins)
    stuck = sum(1 for entry in report.checkins if entry.stuck)
    lines += [
        f"{held} check-in{'s' if held != 1 else ''} held; {stuck} flagged “we got stuck”.",
        "",
        f"| Week of | Talk share {_cell(a)} / {_cell(b)} | Overtime {_cell(a)} / {_cell(b)} "
        f"| Felt connected {_cell(a)} | Felt connected {_cell(b)} | Stuck |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for week in report.checkin_weeks:
        share_b = None if week.talk_share_a is None else 1 - week.talk_share_a
        overtime = " / ".join(format_duration(week.overtime_ms[p]) for p in ("a", "b"))
        lines.append(
            f"| {week.week_of.isoformat()} | {_percent(week.talk_share_a)} / {_percent(share_b)} "
            f"| {overtime} "
            f"| {_rated_words(week.ratings['a'])} | {_rated_words(week.ratings['b'])} "
            f"| {'stuck' if week.stuck else 'no'} |"
        )
    lines += ["", "Talk share and how connected each of you felt, week by week:", "", "```"]
    width = max(len(a), len(b))
    for week in report.checkin_weeks:
        lines.append(f"{week.week_of.isoformat()}  {_share_bar(week.talk_share_a)}")
        for partner, name in (("a", a), ("b", b)):
            rated = week.ratings[partner]
            bar = "–" if rated is None else "●" * rated.score + "○" * (5 - rated.score)
            lines.append(f"    {name:<{width}}  {bar}")
    lines += ["```", f"(█ {a} talking, ░ {b} talking; ● felt connected, out of 5)"]
    noted = [e for e in report.checkins if e.notes and any(e.notes.values())]
    if noted:
        lines += ["", "Notes:"]
        for entry in noted:
            for partner in ("a", "b"):
                note = entry.notes[partner] if entry.notes else ""
                if note:
                    lines.append(f"- {entry.day.isoformat()}, {_name(report, partner)}:")
                    lines += _quote(note)
    return lines


def _share_bar(share_a: float | None) -> str:
    if share_a is None:
        return "(no talk time recorded)"
    filled = round(share_a * CHART_WIDTH)
    return f"{'█' * filled}{'░' * (CHART_WIDTH - filled)}  {_percent(share_a)}"


def _markdown_rituals(report: Report) -> list[str]:
    lines = ["## Rituals", ""]
    if not report.rituals:
        return [*lines, "No rituals in this period."]
    lines += [
        "| Ritual | Who | How often | Done | Completion | Streak at the end (best) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in report.rituals:
        unit = entry.streak_unit if entry.streak != 1 else entry.streak_unit[:-1]
        lines.append(
            f"| {_cell(entry.name)} | {_cell(_name(report, entry.person))} | {entry.cadence} "
            f"| {entry.done} | {_percent(entry.completion)} "
            f"| {entry.streak} {unit} ({entry.best_streak}) |"
        )
    return lines


def _markdown_agreements(report: Report) -> list[str]:
    lines = ["## Agreements", ""]
    if not report.agreements:
        return [*lines, "No agreements in this period."]
    active = sum(1 for entry in report.agreements if entry.status == "active")
    lapses = sum(len(entry.lapses) for entry in report.agreements)
    reviews = sum(len(entry.reviews) for entry in report.agreements)
    lines += [
        f"{active} active at the end of the period; {lapses} lapse{'s' if lapses != 1 else ''} "
        f"and {reviews} review{'s' if reviews != 1 else ''} in it.",
        "",
    ]
    for entry in report.agreements:
        lines.append(f"- **{_cell(entry.wording)}** ({entry.status})")
        for lapse in entry.lapses:
            lines.append(
                f"  - Lapse on {lapse.day.isoformat()} ({_name(report, lapse.partner)}): repair "
                f"kept {lapse.repair_days_done} of {lapse.repair_days} days"
            )
            lines += ["  " + line for line in _quote(lapse.note)]
        for review in entry.reviews:
            lines.append(f"  - Review on {review.day.isoformat()}: {review.outcome}")
            lines += ["  " + line for line in _quote(review.note)]
    return lines


def _markdown_moments(report: Report) -> list[str]:
    summary = report.moments
    lines = ["## Moments", ""]
    if not summary.moments:
        return [*lines, "No moments logged in this period."]
    counts = ", ".join(f"{count} of {kind}" for kind, count in summary.counts.items())
    lines += [f"Logged: {counts}."]
    for kind, tags in summary.top_tags.items():
        if tags:
            lines.append(f"Most common with {kind}: {', '.join(tags)}.")
    lines.append("")
    for entry in summary.moments:
        strength = f", felt {entry.strength.label}" if entry.strength else ""
        tags = f" [{', '.join(entry.tags)}]" if entry.tags else ""
        heading = f"- {entry.day.isoformat()} {entry.at:%H:%M}, {entry.kind}, "
        lines.append(f"{heading}{_name(report, entry.who)}{strength}{tags}")
        for label, text in (
            ("What happened", entry.what_happened),
            ("What led to it", entry.triggers),
            ("What helped", entry.helped),
        ):
            if text:
                lines.append(f"  - {label}: {_cell(text)}")
    return lines


def _markdown_requests(report: Report) -> list[str]:
    lines = ["## Requests", ""]
    if not report.requests:
        return [*lines, "No requests in this period."]
    for entry in report.requests:
        lines.append(
            f"- {entry.created.isoformat()}, {_name(report, entry.asker)} asked "
            f"{_name(report, entry.asked)}: **{_cell(entry.ask)}** ({entry.status})"
        )
        if entry.need:
            lines.append(f"  - The need: {_cell(entry.need)}")
        if entry.hurt:
            lines.append(f"  - The hurt: {_cell(entry.hurt)}")
        for step in entry.steps:
            text = f": {_cell(step.text)}" if step.text else ""
            lines.append(f"  - {step.day.isoformat()}, {_name(report, step.by)}: {step.kind}{text}")
    if report.wins:
        lines += ["", f"Wins: {len(report.wins)}."]
        lines += [f"- {win.day.isoformat()}: {_cell(win.ask)} ({win.kind})" for win in report.wins]
    return lines


def _markdown_therapy(report: Report) -> list[str]:
    therapy = report.therapy
    plan = therapy.plan
    lines = ["## Therapy", ""]
    for partner in ("a", "b"):
        hopes = plan.hopes[partner]
        if hopes:
            lines.append(f"{_name(report, partner)} hopes:")
            lines += [f"- {_cell(hope)}" for hope in hopes]
            lines.append("")
    details = [
        ("Therapist", plan.therapist),
        ("Approach", plan.approach),
        ("Contact", plan.contact or ""),
        (
            "Sessions",
            f"every {plan.session_every_weeks} week{'s' if plan.session_every_weeks != 1 else ''}"
            if plan.session_every_weeks
            else "",
        ),
        ("Next session", f"{plan.next_session:%Y-%m-%d %H:%M}" if plan.next_session else ""),
    ]
    lines += [f"- {label}: {_cell(value)}" for label, value in details if value]
    lines += ["", "### Sessions", ""]
    if therapy.sessions:
        for session in therapy.sessions:
            lines.append(f"- {session.day.isoformat()}")
            lines += _quote(session.takeaways)
    else:
        lines.append("No sessions in this period.")
    lines += ["", "### Practice between sessions", ""]
    if not therapy.assignments:
        lines.append("No practice in this period.")
    for assignment in therapy.assignments:
        until = f", until {assignment.until.isoformat()}" if assignment.until else ""
        tries = len(assignment.attempts)
        lines.append(
            f"- **{_cell(assignment.what)}** ({_name(report, assignment.who)}, given "
            f"{assignment.given.isoformat()}{until}): {tries} attempt{'s' if tries != 1 else ''}"
        )
        for attempt in assignment.attempts:
            lines.append(
                f"  - {attempt.day.isoformat()}: went {attempt.how_it_went.score} of 5 "
                f"({attempt.how_it_went.label})"
            )
            if attempt.worked:
                lines.append(f"    - What worked: {_cell(attempt.worked)}")
            if attempt.adjust:
                lines.append(f"    - What to adjust: {_cell(attempt.adjust)}")
    lines += ["", "### To raise at the next session", ""]
    if therapy.stuck_to_raise:
        lines += [
            f"- The check-in of {_long_day(day)}: we got stuck." for day in therapy.stuck_to_raise
        ]
    else:
        lines.append("No check-in since the last session was flagged “we got stuck”.")
    return lines


def render(report: Report, form: str) -> str:
    """The report in `form`, "markdown" or "json"."""
    return render_json(report) if form == "json" else render_markdown(report)
