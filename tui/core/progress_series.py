"""Progress in charts: the couple's weeks (`tui.core.progress.WeeklyHistory`) grouped into the
buckets a chart shows, weeks or, for more than a year, months.

Choosing another period only groups the same weeks again; the record is never read twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum

from msgspec import Struct

from tui.core.checkins import MINUTE_MS
from tui.core.progress import RITUAL_GROUPS, ProgressPeriod, WeeklyHistory

ALL_RITUALS = "all"
"""Every ritual track at once, for the sentence's overall share."""
MOST_WEEKS_SHOWN = 53
"""Up to a year of weeks is drawn week by week; a longer span month by month."""


class Unit(StrEnum):
    """What one bucket of a chart holds."""

    WEEK = "week"
    MONTH = "month"


class ProgressSeries(Struct, frozen=True):
    """What the charts draw over a period: one value per bucket (a week or a month), the
    oldest first, `starts` holding each bucket's first day. Partners are "a" and "b"."""

    unit: Unit
    starts: list[date]
    connection: dict[str, list[float | None]]
    """Each partner's rating, 1 to 5 (a month: the mean of its weeks); None: no rating."""
    talk_minutes: dict[str, list[float | None]]
    """Minutes each partner spoke; None: no talk timed."""
    cooling_offs: list[int]
    stuck: list[bool]
    """True for a bucket with a check-in where the couple noted they got stuck."""
    rituals: dict[str, list[float | None]]
    """Share (0 to 1) of the due occasions kept: together, "a", "b" and "all"; None: none due."""
    rituals_due: dict[str, list[float]]
    """How many occasions were due, for the same groups: what each share is a share of."""
    moments: dict[str, list[int]]
    """Moments of each kind: connection, neglect, repair."""
    requests_answered: list[int]
    requests_came_true: list[int]
    lapses: list[int]
    repairs_completed: list[int]
    sessions: list[int]
    session_days: list[date]
    checkins: list[list[str]]
    """The ids of each bucket's check-ins, in the order held (the view opens the latest)."""
    unrated: dict[str, list[str | None]]
    """Why a bucket with check-ins has no rating of a partner, in words ("passed", "not
    shared", "not rated" for a month of mixed reasons); None for a rating or no check-in."""

    def __len__(self) -> int:
        return len(self.starts)


def buckets(history: WeeklyHistory, weeks: Iterable[int]) -> tuple[Unit, list[list[int]]]:
    """The weeks grouped as a chart shows them: each week on its own, or for more than
    `MOST_WEEKS_SHOWN` weeks by month (a week counts for the month holding most of its days)."""
    chosen = list(weeks)
    if len(chosen) <= MOST_WEEKS_SHOWN:
        return Unit.WEEK, [[week] for week in chosen]
    groups: list[list[int]] = []
    month = None
    for week in chosen:
        middle = history.starts[week] + timedelta(days=3)
        if (middle.year, middle.month) != month:
            month = (middle.year, middle.month)
            groups.append([])
        groups[-1].append(week)
    return Unit.MONTH, groups


def series_of(history: WeeklyHistory, weeks: Iterable[int]) -> ProgressSeries:
    """The series of the charts over `weeks` (indexes into `history`, oldest first)."""
    unit, groups = buckets(history, weeks)
    shares, due = _ritual_shares(history, groups)

    def bucket_start(group: list[int]) -> date:
        start = history.starts[group[0]]
        if unit is Unit.WEEK:
            return start
        middle = start + timedelta(days=3)
        return date(middle.year, middle.month, 1)

    def total(column: Sequence[int]) -> list[int]:
        return [sum(column[week] for week in group) for group in groups]

    return ProgressSeries(
        unit=unit,
        starts=[bucket_start(group) for group in groups],
        connection={p: _means(history.ratings[p], groups) for p in "ab"},
        talk_minutes={p: _minutes(history, p, groups) for p in "ab"},
        cooling_offs=total(history.cooling_offs),
        stuck=[any(history.stuck[week] for week in group) for group in groups],
        rituals=shares,
        rituals_due=due,
        moments={kind: total(counts) for kind, counts in history.moments.items()},
        requests_answered=total(history.answered),
        requests_came_true=total(history.came_true),
        lapses=total(history.lapses),
        repairs_completed=total(history.repairs),
        sessions=[sum(len(history.sessions[week]) for week in group) for group in groups],
        session_days=[day for group in groups for week in group for day in history.sessions[week]],
        checkins=[[i for week in group for i in history.checkins[week]] for group in groups],
        unrated={p: _unrated(history, p, groups) for p in "ab"},
    )


def _means(values: Sequence[int | None], groups: list[list[int]]) -> list[float | None]:
    means: list[float | None] = []
    for group in groups:
        present = [value for week in group if (value := values[week]) is not None]
        means.append(round(sum(present) / len(present), 2) if present else None)
    return means


def _unrated(history: WeeklyHistory, partner: str, groups: list[list[int]]) -> list[str | None]:
    """Why each bucket has no rating of `partner`: its weeks' reason, or "not rated" when
    they differ; None for a bucket with a rating or without a check-in."""
    ratings, reasons = history.ratings[partner], history.unrated[partner]
    words: list[str | None] = []
    for group in groups:
        held = [reasons[week] for week in group if history.checkins[week]]
        if not held or any(ratings[week] is not None for week in group):
            words.append(None)
        else:
            words.append(held[0] if len(set(held)) == 1 else "not rated")
    return words


def _minutes(history: WeeklyHistory, partner: str, groups: list[list[int]]) -> list[float | None]:
    spoken = history.spoken_ms[partner]
    return [
        round(sum(spoken[week] for week in group) / MINUTE_MS, 1)
        if any(history.talked[week] for week in group)
        else None
        for group in groups
    ]


def _ritual_shares(
    history: WeeklyHistory, groups: list[list[int]]
) -> tuple[dict[str, list[float | None]], dict[str, list[float]]]:
    shares: dict[str, list[float | None]] = {}
    occasions: dict[str, list[float]] = {}
    for name in (*RITUAL_GROUPS, ALL_RITUALS):
        members = RITUAL_GROUPS if name == ALL_RITUALS else (name,)
        shares[name], occasions[name] = [], []
        for group in groups:
            kept = sum(history.rituals_kept[m][week] for m in members for week in group)
            due = sum(history.rituals_expected[m][week] for m in members for week in group)
            shares[name].append(round(kept / due, 3) if due > 0 else None)
            occasions[name].append(round(due, 2))
    return shares, occasions


def period_series(history: WeeklyHistory, period: ProgressPeriod) -> ProgressSeries:
    """The series of `period`: its whole weeks ending with this one."""
    return series_of(history, history.last_weeks(period.weeks))
