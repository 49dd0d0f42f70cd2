"""What a report holds, as typed values: an entry for each record it tells of, and the
report's JSON, written from them field for field.

`tui.core.report.gathering` fills them from what the store holds; `tui.core.report.markdown`
writes them for people. A field that holds the couple's own words defaults to empty and is left
out of the JSON when empty: in the shareable summary every one of them is (see
`tui.core.own_words`).
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec
from msgspec import Struct, field

from tui.core.progress_series import ProgressSeries
from tui.core.progress_words import ProgressSentences
from tui.core.report.period import Period


class Rated(Struct, frozen=True):
    """A number and its words: {"score": 4, "label": "connected"}."""

    score: int
    label: str


class CheckinEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One check-in held in the period; the words each partner wrote, by partner."""

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
    notes: dict[str, str] = field(default_factory=dict)
    """The note beside each partner's rating."""
    appreciations: dict[str, list[str]] = field(default_factory=dict)
    wishes: dict[str, str] = field(default_factory=dict)
    """What each would like in the coming week."""


class CheckinWeek(Struct, frozen=True):
    """The check-ins of one week, summed: talk share, overtime, the latest ratings, stuck."""

    week_of: date
    held: int
    talk_share_a: float | None
    overtime_ms: dict[str, int]
    ratings: dict[str, Rated | None]
    stuck: bool


class RitualEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One ritual track: its completion over the period and its streaks at the period's end."""

    id: str
    person: str
    cadence: str
    done: int
    completion: float | None
    streak: int
    best_streak: int
    streak_unit: str
    name: str = ""


class LapseEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A lapse in the period and how much of its repair was kept."""

    id: str
    day: date
    partner: str
    repair_days_done: int
    repair_days: int
    note: str = ""


class ReviewEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A joint review held in the period."""

    day: date
    outcome: str
    lapse_id: str
    note: str = ""


class RepairEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What a lapse of an agreement starts: minutes a day of something, for some days."""

    minutes_per_day: int
    days: int
    what: str = ""


class AgreementEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An agreement as it stood at the period's end, with what happened to it in the period."""

    id: str
    status: str
    signed_by: list[str]
    repair: RepairEntry
    lapses: list[LapseEntry]
    reviews: list[ReviewEntry]
    wording: str = ""


class MomentEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A moment logged in the period: its logical day, and when on the couple's clock now."""

    id: str
    day: date
    at: datetime
    kind: str
    who: str
    strength: Rated | None = None
    for_checkin: bool = False
    talked_about_on: date | None = None
    what_happened: str = ""
    triggers: str = ""
    tags: list[str] = field(default_factory=list)
    helped: str = ""
    helped_tags: list[str] = field(default_factory=list)


class MomentSummary(Struct, frozen=True):
    """The moments of the period: counts by kind, the commonest tags, and each moment."""

    counts: dict[str, int]
    top_tags: dict[str, list[str]]
    moments: list[MomentEntry]


class StepEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One step of a request's thread taken in the period."""

    day: date
    by: str
    kind: str
    answer_by: date | None = None
    text: str = ""


class RequestEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A request asked or moved on in the period, and where it stood at the end."""

    id: str
    asker: str
    asked: str
    created: date
    status: str
    steps: list[StepEntry]
    ask: str = ""
    """The request as first asked."""
    agreed: str = ""
    """What was agreed, once it was: the request as asked, or the alternative accepted."""
    need: str = ""
    hurt: str = ""

    @property
    def headline(self) -> str:
        """What the request is now: what was agreed, else what was asked."""
        return self.agreed or self.ask


class WinEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A request that came true in the period (`tui.core.wins.wins_of_requests`)."""

    request_id: str
    day: date
    kind: str
    """How it came true: "kept", "became ritual" (it was done) or "became agreement" (both
    signed it)."""
    how: str
    """The same in words: "kept", "done as a ritual", "signed as an agreement"."""
    what: str = ""
    """What came true: what was agreed."""
    ask: str = ""
    """The request as first asked."""


class AttemptEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One debriefed attempt in the period."""

    id: str
    day: date
    how_it_went: Rated
    worked: str = ""
    adjust: str = ""


class AssignmentEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An assignment that ran during the period, with its attempts in the period."""

    id: str
    who: str
    given: date
    until: date | None
    attempts: list[AttemptEntry]
    what: str = ""


class SessionEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A session held in the period."""

    id: str
    day: date
    takeaways: str = ""


class PlanEntry(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The therapy plan as it is now; the next session on the couple's clock."""

    session_every_weeks: int | None
    next_session: datetime | None
    hopes: dict[str, list[str]] = field(default_factory=dict)
    """Each partner's hopes, for each who wrote some."""
    therapist: str = ""
    approach: str = ""
    contact: str = ""


class TherapyPart(Struct, frozen=True):
    """The therapy plan, the sessions and practice of the period, and what to raise next."""

    plan: PlanEntry
    sessions: list[SessionEntry]
    assignments: list[AssignmentEntry]
    stuck_to_raise: list[date]


class ProgressPart(Struct, frozen=True):
    """The period at a glance: the Progress view's sentences and the series behind them."""

    sentences: ProgressSentences
    series: ProgressSeries


class Report(Struct, frozen=True):
    """One period's record, ready to be written in either format."""

    format_version: int
    generated: datetime
    couple: dict[str, str]
    time_zone: str
    period: Period
    notes_included: bool
    """False in the shareable summary: everything the couple wrote in their own words is out."""
    contains: list[str]
    progress: ProgressPart
    checkins: list[CheckinEntry]
    checkin_weeks: list[CheckinWeek]
    rituals: list[RitualEntry]
    agreements: list[AgreementEntry]
    moments: MomentSummary
    requests: list[RequestEntry]
    wins: list[WinEntry]
    therapy: TherapyPart


# --- JSON ----------------------------------------------------------------------------------------


def render_json(report: Report) -> str:
    """The report as JSON for programs: a format version, record ids, ISO dates, and every
    rating as a number beside its words."""
    # Encoded as it is and the format named in front: made first into Python's own values,
    # years of records took as long again.
    encoded = b'{"format":"attune-report",' + msgspec.json.encode(report)[1:]
    return msgspec.json.format(encoded, indent=2).decode() + "\n"
