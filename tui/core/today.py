"""Today at a glance and a tick from the shell: the summary, and choosing a ritual, a partner
and a day from what a person typed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from msgspec import Struct

from tui.core.agreements import Agreement, AgreementStatus
from tui.core.days import is_day_shaped, typed_day, week_start_of
from tui.core.glance import next_checkin_date, on_todays_tally, short_line
from tui.core.mark_book import MarkBook
from tui.core.models import PARTNER_KEYS
from tui.core.rituals import TOGETHER, CadenceKind, Mark, Ritual, RitualList
from tui.core.streaks import CellState, Progress, cell_state, progress

if TYPE_CHECKING:
    from pendulum import Date

    from tui.core.models import Partners, Settings

TICK_WINDOW_DAYS = 28
"""The widest ritual grid shows 28 days, today the last: a tick from the shell reaches as far
back as the dashboard's grid can, and no further."""

_CLOSE_ENOUGH = 0.75
"""How alike a typed name and a ritual's name must be to count as a typo of it: one swapped
or wrong letter in four ("tlak" for "talk")."""


class Refused(ValueError):
    """What was typed names no single ritual, partner or day; the message says why in one line
    and lists the choices."""


class TrackToday(Struct, frozen=True):
    """One row of today's summary: a ritual for one of you (or both), its mark and streak."""

    name: str
    person: str
    """ "together", "a" or "b"."""
    partner: str | None
    cadence: str
    state: CellState
    on_tally: bool
    """Counts in today's "3/7": due today (or done), not skipped."""
    done: bool
    streak: Progress
    left_this_week: int | None
    """For a ritual done N times a week: how many are still to do this week."""


class RepairToday(Struct, frozen=True):
    """A repair under way after a lapse."""

    partner: str
    agreement: str
    repair: str
    day: int
    of: int


class TodaySummary(Struct, frozen=True):
    """Everything `attune today` shows for one logical day."""

    day: date
    tracks: list[TrackToday]
    checkin_due: date
    reviews_due: list[str]
    """The wording of each agreement whose joint review is due."""
    repairs: list[RepairToday]

    @property
    def done(self) -> int:
        """Tracks on today's tally that are done."""
        return sum(1 for track in self.tracks if track.on_tally and track.done)

    @property
    def due(self) -> int:
        """Tracks on today's tally."""
        return sum(1 for track in self.tracks if track.on_tally)

    def short_line(self) -> str:
        """The one line for a shell prompt: "Attune 3/7 today · check-in Sun"."""
        return short_line(
            self.done,
            self.due,
            self.day,
            self.checkin_due,
            len(self.reviews_due),
            len(self.repairs),
        )


def build_today(
    settings: Settings,
    rituals: list[Ritual],
    book: MarkBook,
    today: Date,
    last_checkin_day: date | None,
    agreements: list[Agreement],
) -> TodaySummary:
    """Today's rituals (as the grid shows them), the next check-in, reviews due and repairs."""
    names = settings.partners.names()
    week_start = week_start_of(today, settings.week_start)
    tracks = []
    for track in RitualList(rituals).tracks(today=today):
        ritual, person = track.ritual, track.person
        created = date.fromisoformat(ritual.created)
        mark = book.get(today, ritual.id, person)
        left = None
        week_met = False
        if ritual.cadence.kind is CadenceKind.WEEKLY:
            earlier = _days_between(week_start, today)
            done_before = sum(1 for day in earlier if book.get(day, ritual.id, person) is Mark.DONE)
            week_met = done_before >= ritual.cadence.times_per_week
            done_this_week = done_before + (mark is Mark.DONE)
            left = max(0, ritual.cadence.times_per_week - done_this_week)
        due_today = created <= today and ritual.cadence.is_due(today)
        on_tally, done = on_todays_tally(mark, due_today, week_met)
        tracks.append(
            TrackToday(
                name=ritual.name,
                person=person,
                partner=names.get(person),
                cadence=ritual.cadence.describe(),
                state=cell_state(track, book, today, today, created),
                on_tally=on_tally,
                done=done,
                streak=progress(track, book, today, settings.week_start),
                left_this_week=left,
            )
        )
    checkin_due = next_checkin_date(today, settings.checkin_weekday, last_checkin_day)
    reviews_due = [
        agreement.wording
        for agreement in agreements
        if agreement.status(today) is AgreementStatus.REVIEW_DUE
    ]
    repairs = []
    for agreement in agreements:
        lapse = agreement.open_lapse
        if lapse is None or agreement.status(today) is not AgreementStatus.UNDER_REPAIR:
            continue
        repairs.append(
            RepairToday(
                partner=names.get(lapse.partner, lapse.partner),
                agreement=agreement.wording,
                repair=lapse.repair.describe(),
                day=(today - date.fromisoformat(lapse.day)).days + 1,
                of=lapse.repair.days,
            )
        )
    return TodaySummary(today, tracks, checkin_due, reviews_due, repairs)


def _days_between(first: date, end: date) -> list[date]:
    """The days from `first` up to, not including, `end`."""
    return [first + timedelta(days=offset) for offset in range((end - first).days)]


def _simplified(text: str) -> str:
    return " ".join(text.casefold().split())


def choose_ritual(typed: str, rituals: list[Ritual]) -> Ritual:
    """The one ritual `typed` names: the whole name, a unique start of the name or of one of
    its words, else the closest name with a typo or two. Raises `Refused` listing the
    candidates when there is no single answer."""
    wanted = _simplified(typed)
    if not wanted:
        raise Refused(f"Name a ritual: {_listing(rituals)}.")
    if not rituals:
        raise Refused("There are no rituals yet: add them in the dashboard (attune).")
    names = {ritual.id: _simplified(ritual.name) for ritual in rituals}
    tests = (
        lambda name: name == wanted,
        lambda name: name.startswith(wanted),
        lambda name: any(word.startswith(wanted) for word in name.split()),
    )
    for test in tests:
        found = [ritual for ritual in rituals if test(names[ritual.id])]
        if len(found) == 1:
            return found[0]
        if found:
            raise Refused(f'"{typed}" matches {len(found)} rituals: {_listing(found)}.')
    scores = {ritual.id: _likeness(wanted, names[ritual.id]) for ritual in rituals}
    best = max(scores.values())
    closest = [ritual for ritual in rituals if scores[ritual.id] == best]
    if best < _CLOSE_ENOUGH:
        raise Refused(f'No ritual is called "{typed}". Rituals: {_listing(rituals)}.')
    if len(closest) > 1:
        raise Refused(f'"{typed}" is as close to {len(closest)} rituals: {_listing(closest)}.')
    return closest[0]


def _likeness(wanted: str, name: str) -> float:
    """How alike `wanted` is to the start of `name` or of one of its words (0 to 1); a start
    a letter longer or shorter counts too, for a letter left out or typed twice."""
    from difflib import SequenceMatcher

    length = len(wanted)
    return max(
        SequenceMatcher(None, wanted, start[:cut]).ratio()
        for start in (name, *name.split())
        for cut in (length - 1, length, length + 1)
    )


def _listing(rituals: list[Ritual]) -> str:
    return ", ".join(f'"{ritual.name}"' for ritual in rituals)


def choose_person(ritual: Ritual, typed: str | None, partners: Partners) -> str:
    """Whose tick it is: "together", "a" or "b". A ritual done together needs no partner; one
    each of you does needs the partner's name, a unique start of it, or its initial."""
    people = ritual.people()
    if people == (TOGETHER,):
        return TOGETHER
    names = {who: partners.name_of(who) for who in PARTNER_KEYS}
    offered = " or ".join(names[person] for person in people)
    if typed is None:
        if len(people) == 1:
            return people[0]
        raise Refused(f'"{ritual.name}" is done by each of you: add --who {offered}.')
    wanted = _simplified(typed)
    matches = [key for key, name in names.items() if _simplified(name) == wanted]
    if not matches and wanted:
        matches = [key for key, name in names.items() if _simplified(name).startswith(wanted)]
    if len(matches) != 1:
        reason = "could be either of you" if matches else "is neither of you"
        raise Refused(f'"{typed}" {reason}: --who {offered}.')
    if matches[0] not in people:
        raise Refused(f'"{ritual.name}" is {offered}\'s alone.')
    return matches[0]


def parse_day(typed: str, today: date) -> date:
    """ "today", "yesterday" or a YYYY-MM-DD date, never after `today` and no further back
    than the dashboard's grid reaches. Raises `Refused`."""
    word = typed.strip().casefold()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    day = typed_day(word)
    if day is None and not is_day_shaped(word):
        raise Refused(f'"{typed}" is not a day: use today, yesterday or a date like 2026-11-20.')
    if day is None:
        raise Refused(f'"{typed}" is not a date in the calendar.')
    if day > today:
        raise Refused(f"{day.isoformat()} has not come yet: only today and past days are ticked.")
    oldest = today - timedelta(days=TICK_WINDOW_DAYS - 1)
    if day < oldest:
        raise Refused(
            f"{day.isoformat()} is further back than the grid reaches: the oldest day to tick "
            f"is {oldest.isoformat()}."
        )
    return day
