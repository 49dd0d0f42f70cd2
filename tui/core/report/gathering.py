"""The report's record of one period, gathered from what the store holds into the typed values
of `tui.core.report.model`.

Pure: the caller hands over what the store holds (`Sources`), the period and the moment of
writing; nothing here reads a file or a clock. For a summary that can be shared, everything
the couple wrote in their own words is left out: the report is then gathered from what the
store holds with those words emptied (`tui.core.own_words`), so none can slip through.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from tui.core.agenda import appreciations_by, wish_of
from tui.core.checkins import CheckinHistory, checkin_day, shown_ratings
from tui.core.days import local_day, local_time
from tui.core.mark_book import MarkBook
from tui.core.models import WEEKDAYS
from tui.core.moments import MomentKind
from tui.core.own_words import without_own_words
from tui.core.progress import weekly_history
from tui.core.progress_series import series_of
from tui.core.progress_words import sentences
from tui.core.report.model import (
    AgreementEntry,
    AssignmentEntry,
    AttemptEntry,
    CheckinEntry,
    CheckinWeek,
    LapseEntry,
    MomentEntry,
    MomentSummary,
    PlanEntry,
    ProgressPart,
    Rated,
    RepairEntry,
    Report,
    RequestEntry,
    ReviewEntry,
    RitualEntry,
    SessionEntry,
    StepEntry,
    TherapyPart,
    WinEntry,
)
from tui.core.report.period import Period
from tui.core.rituals import Mark, RitualKind, RitualList
from tui.core.sources import Sources
from tui.core.streaks import progress, tallies
from tui.core.therapy import (
    HOW_IT_WENT_WORDS,
    next_session_start,
    stuck_since,
)
from tui.core.wins import wins_between, wins_of_requests

REPORT_FORMAT_VERSION = 2
"""Raised whenever a JSON field changes meaning or goes away; new fields do not raise it.

2: a field of the couple's own words is left out when it is empty, and the shareable summary
leaves out every one of them (a ritual's name, an agreement's wording, what was asked, the
hopes, the therapist's name, tags), not only the notes."""
RATING_WORDS = {
    1: "not connected",
    2: "a little connected",
    3: "somewhat connected",
    4: "connected",
    5: "very connected",
}
"""How connected a partner felt, in words beside the check-in rating."""
STRENGTH_WORDS = {n: f"{n} of 5" for n in range(1, 6)}
"""A moment's strength in words: "4 of 5"."""
FORMATS = ("markdown", "json")


CONTAINS = (
    "progress at a glance",
    "weekly check-ins",
    "rituals",
    "agreements",
    "moments",
    "requests",
    "therapy",
)


def gather(sources: Sources, period: Period, generated: datetime, notes: bool = True) -> Report:
    """The report of `period`, written at `generated` (the couple's clock); with `notes` False,
    the shareable summary: everything the couple wrote in their own words is left out."""
    if not notes:
        sources = without_own_words(sources)
    settings = sources.settings
    partners = settings.partners
    # Plain dates and times from here on, whatever calendar library made them.
    period = Period(*(date.fromordinal(day.toordinal()) for day in (period.first, period.last)))
    generated = local_time(generated, settings.time_zone)
    checkins = _checkins(sources, period)
    # Each moment's day is worked out once, for the progress part and the moments both.
    zone, rollover = settings.time_zone, settings.day_rollover_hour
    moment_days = [moment.day(zone, rollover) for moment in sources.moments]
    return Report(
        format_version=REPORT_FORMAT_VERSION,
        generated=datetime.fromisoformat(generated.isoformat(timespec="seconds")),
        couple={"a": partners.a, "b": partners.b},
        time_zone=settings.time_zone,
        period=period,
        notes_included=notes,
        contains=list(CONTAINS),
        progress=_progress(sources, period, generated, moment_days),
        checkins=checkins,
        checkin_weeks=_weeks(checkins),
        rituals=_rituals(sources, period),
        agreements=_agreements(sources, period),
        moments=_moments(sources, period, moment_days),
        requests=_requests(sources, period),
        wins=[
            WinEntry(
                request_id=win.request.id,
                day=win.day,
                kind=win.kind.value,
                how=win.how,
                what=win.what,
                ask=win.request.ask,
            )
            for win in wins_between(
                wins_of_requests(sources.requests, sources.mark_book, sources.agreements),
                period.first,
                period.last,
            )
        ],
        therapy=_therapy(sources, period, generated),
    )


def _progress(
    sources: Sources, period: Period, generated: datetime, moment_days: list[date]
) -> ProgressPart:
    """The period as the Progress view tells it: the same series, the same sentences."""
    settings = sources.settings
    today = local_day(generated, settings.time_zone, settings.day_rollover_hour)
    history = weekly_history(sources, period.first, period.last, today, moment_days=moment_days)
    series = series_of(history, range(len(history.starts)))
    names = {"a": settings.partners.a, "b": settings.partners.b}
    return ProgressPart(sentences(series, names, "in this period"), series)


def _rated(score: int | None, words: dict[int, str]) -> Rated | None:
    return None if score is None else Rated(score, words.get(score, ""))


def _checkins(sources: Sources, period: Period) -> list[CheckinEntry]:
    settings = sources.settings
    week_start = WEEKDAYS.index(settings.week_start)
    entries = []
    for record in CheckinHistory(sources.checkins).completed:
        day = checkin_day(record, settings.time_zone, settings.day_rollover_hour)
        if not period.holds(day):
            continue
        ratings = shown_ratings(record)
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
                notes={p: r.note for p, r in ratings.items() if r and r.note},
                appreciations={
                    p: given for p in ("a", "b") if (given := appreciations_by(record, p))
                },
                wishes={p: wish for p in ("a", "b") if (wish := wish_of(record, p))},
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
    (tally,) = tallies(track, book, period.first.toordinal(), period.last.toordinal())
    return tally.done, tally.share


def _agreements(sources: Sources, period: Period) -> list[AgreementEntry]:
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
                    id=lapse.id,
                    day=date.fromisoformat(lapse.day),
                    partner=lapse.partner,
                    repair_days_done=kept,
                    repair_days=lapse.repair.days,
                    note=lapse.note,
                )
            )
        reviews = [
            ReviewEntry(
                day=date.fromisoformat(review.day),
                outcome=review.outcome.value,
                lapse_id=review.lapse_id,
                note=review.note,
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
                repair=RepairEntry(
                    minutes_per_day=agreement.repair.minutes_per_day,
                    days=agreement.repair.days,
                    what=agreement.repair.what,
                ),
                lapses=lapses,
                reviews=reviews,
            )
        )
    return entries


def _moments(sources: Sources, period: Period, days: list[date]) -> MomentSummary:
    """The period's moments, `days` holding each one's day."""
    zone = sources.settings.time_zone
    # An enum's value is a property, slow to ask of years of moments: looked up instead.
    kinds = {kind: kind.value for kind in MomentKind}
    counts = dict.fromkeys(kinds.values(), 0)
    tags: dict[str, list[str]] = {kind: [] for kind in kinds.values()}
    entries = []
    for moment, day in zip(sources.moments, days, strict=True):
        if not period.holds(day):
            continue
        kind = kinds[moment.kind]
        counts[kind] += 1
        tags[kind] += moment.tags
        entries.append(
            MomentEntry(
                id=moment.id,
                day=day,
                at=moment.local_time(zone),
                kind=kind,
                who=moment.who,
                tags=list(moment.tags),
                strength=_rated(moment.strength, STRENGTH_WORDS),
                for_checkin=moment.for_checkin,
                talked_about_on=moment.talked_about_on,
                what_happened=moment.what_happened,
                triggers=moment.triggers,
                helped=moment.helped,
                helped_tags=list(moment.helped_tags),
            )
        )
    return MomentSummary(
        counts=counts,
        top_tags={
            kind: [
                tag
                for tag, _count in sorted(Counter(given).items(), key=lambda i: (-i[1], i[0]))[:5]
            ]
            for kind, given in tags.items()
        },
        moments=entries,
    )


def _requests(sources: Sources, period: Period) -> list[RequestEntry]:
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
                        day=step.day,
                        by=step.by,
                        kind=step.kind.value,
                        answer_by=step.answer_by,
                        text=step.text,
                    )
                    for step in steps
                ],
                need=request.need,
                hurt=request.hurt,
                agreed=request.agreed_on or "",
            )
        )
    return entries


def _therapy(sources: Sources, period: Period, generated: datetime) -> TherapyPart:
    settings = sources.settings
    plan = sources.plan
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
                        id=attempt.id,
                        day=attempt.on,
                        how_it_went=Rated(
                            attempt.how_it_went, HOW_IT_WENT_WORDS[attempt.how_it_went]
                        ),
                        worked=attempt.worked,
                        adjust=attempt.adjust,
                    )
                    for attempt in attempts
                ],
            )
        )
    return TherapyPart(
        plan=PlanEntry(
            hopes={p: list(hopes) for p in ("a", "b") if (hopes := plan.hopes_of(p))},
            therapist=plan.therapist,
            approach=plan.approach,
            session_every_weeks=plan.session_every,
            next_session=next_session_start(plan, generated),
            contact=plan.contact,
        ),
        sessions=[
            SessionEntry(id=session.id, day=session.on, takeaways=session.takeaways)
            for session in sources.sessions
            if period.holds(session.on)
        ],
        assignments=assignments,
        stuck_to_raise=[day for day in stuck_since(stuck_days, held_by_then) if day <= period.last],
    )
