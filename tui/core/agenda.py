"""The weekly meeting's agenda: which step is on screen, what each step keeps, and the ratings
that stay hidden until both partners are in.

Every function takes a `CheckinRecord` and returns a new one; the Check-in pane saves what it
gets back, so a crash resumes at the step it was in with everything entered so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from msgspec import Struct
from msgspec.structs import replace

from tui.core.checkins import (
    CLOCK_ONLY,
    CLOCK_ONLY_MEETING,
    Appreciation,
    CheckinHistory,
    CheckinRecord,
    Rating,
    Wish,
    has_answered,
    last_completed_before,
    other_partner,
    ratings_revealed,
    shown_rating,
)
from tui.core.days import stored_instant
from tui.core.mark_book import MarkBook
from tui.core.models import AgendaStep
from tui.core.requests import Request, RequestStatus
from tui.core.rituals import Ritual, RitualList, Track
from tui.core.speaking import TALKING, Phase
from tui.core.streaks import Progress, progress
from tui.core.text import InvalidText, clean_single_line

APPRECIATIONS_EACH = 3
"""How many things each partner can name: a few, said warmly, rather than a list."""
LINE_MAX_LENGTH = 200
WISHES_SHOWN_FOR_DAYS = 14
"""A looking-ahead wish is a reminder for the week after its check-in, and the week after
that if the next check-in is late; older ones are not this week's any more."""

STEP_TITLES: dict[AgendaStep, str] = {
    AgendaStep.APPRECIATIONS: "Appreciations",
    AgendaStep.WINS: "Wins and moments",
    AgendaStep.TALK: "The talk",
    AgendaStep.REQUESTS: "Requests",
    AgendaStep.RATINGS: "Ratings, revealed together",
    AgendaStep.LOOKING_AHEAD: "Looking ahead",
}


class AgendaRefused(ValueError):
    """A change the agenda does not allow now; the message says why in plain words."""


class StepMove(StrEnum):
    """What the couple can do at a step of the agenda (the talk's own moves are `Move`s)."""

    GO_ON = "go_on"
    FINISH = "finish_meeting"
    """Go on from the last step: the check-in is finished."""
    SKIP = "skip_step"
    APPRECIATE = "appreciate"
    """Write what each partner appreciated this week."""
    NEW_REQUEST = "new_request"
    WISH = "wish"
    """Write the looking-ahead wishes."""
    RATE = "rate"
    """The next partner rates, unseen by the other."""
    END_TALK = "end_talk"
    """Stop the turns early; the running turn counts."""
    STUCK = "stuck"
    """Note (or un-note) that the talk got stuck."""


_WRITTEN_AT = {
    AgendaStep.APPRECIATIONS: StepMove.APPRECIATE,
    AgendaStep.REQUESTS: StepMove.NEW_REQUEST,
    AgendaStep.LOOKING_AHEAD: StepMove.WISH,
}
"""The step's own writing move: one key (w), named for what it writes."""


def open_step_moves(record: CheckinRecord, talk_phase: Phase) -> frozenset[StepMove]:
    """The agenda's moves that make sense now, for a check-in under way (the clock alone walks
    its talk and ratings steps too); `talk_phase` is the speaking clock's phase (it matters at
    the talk step only)."""
    moves = {StepMove.STUCK}
    onward = StepMove.FINISH if is_last_step(record) else StepMove.GO_ON
    step = record.step
    if step is AgendaStep.TALK:
        if talk_phase is Phase.WRAPPING_UP:
            moves.add(onward)
        elif talk_phase is Phase.READY:
            moves.add(StepMove.SKIP)
        elif talk_phase in (*TALKING, Phase.PAUSED):
            moves.add(StepMove.END_TALK)
        return frozenset(moves)
    moves.add(StepMove.SKIP)
    if step in _WRITTEN_AT:
        moves.add(_WRITTEN_AT[step])
    if step is AgendaStep.RATINGS and not ratings_revealed(record):
        moves.add(StepMove.RATE)
    else:
        moves.add(onward)
    return frozenset(moves)


def is_clock_only(record: CheckinRecord) -> bool:
    """True for a check-in of the speaking clock alone: the talk, then the ratings (or, held
    before the agenda, the talk alone)."""
    return record.agenda in (CLOCK_ONLY, CLOCK_ONLY_MEETING)


def describe_agenda(steps: Sequence[AgendaStep]) -> str:
    """ "all six steps", "clock only", or "4 of 6 steps", for the plan."""
    if tuple(steps) == tuple(AgendaStep):
        return "all six steps"
    if tuple(steps) == CLOCK_ONLY:
        return "clock only"
    return f"{len(steps)} of {len(AgendaStep)} steps"


def step_position(record: CheckinRecord) -> tuple[int, int]:
    """(N, M) for "step N of M"."""
    return record.agenda.index(record.step) + 1, len(record.agenda)


def is_last_step(record: CheckinRecord) -> bool:
    """True at the agenda's last step: going on from it finishes the check-in."""
    return record.step == record.agenda[-1]


def went_on(record: CheckinRecord, *, skipping: bool = False) -> CheckinRecord:
    """The check-in at its next step; with `skipping`, this step is noted as skipped.

    Raises `AgendaRefused` at the last step, which is finished instead.
    """
    if is_last_step(record):
        raise AgendaRefused("This is the last step: finish the check-in instead.")
    following = record.agenda[record.agenda.index(record.step) + 1]
    skipped = record.skipped
    if skipping and record.step not in skipped and not holds_entries(record, record.step):
        skipped = (*skipped, record.step)
    return replace(record, step=following, skipped=skipped)


def holds_entries(record: CheckinRecord, step: AgendaStep) -> bool:
    """True when `step` already holds something the couple entered: skipping it then keeps
    that and counts the step as done, so the summary never hides what the history counts."""
    held = {
        AgendaStep.APPRECIATIONS: bool(record.appreciations),
        AgendaStep.TALK: bool(record.turns),
        AgendaStep.REQUESTS: bool(record.requests_made),
        AgendaStep.RATINGS: bool(record.ratings or record.passed),
        AgendaStep.LOOKING_AHEAD: bool(record.wishes),
    }
    return held.get(step, False)


def skipped_last_step(record: CheckinRecord) -> CheckinRecord:
    """The check-in with its last step noted as skipped, ready to be finished."""
    if not is_last_step(record):
        raise AgendaRefused("Only the last step is skipped by finishing.")
    if record.step in record.skipped or holds_entries(record, record.step):
        return record
    return replace(record, skipped=(*record.skipped, record.step))


def was_done(record: CheckinRecord, step: AgendaStep) -> bool:
    """True when `step` is on the agenda and was not skipped."""
    return step in record.agenda and step not in record.skipped


def clean_lines(lines: Iterable[str], what: str, at_most: int) -> tuple[str, ...]:
    """The non-blank `lines`, each checked as one line of text, at most `at_most` of them.

    Raises `InvalidText` whose `field` is the 1-based number of the line at fault.
    """
    kept = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            kept.append(clean_single_line(line, label=what, max_length=LINE_MAX_LENGTH))
        except InvalidText as problem:
            raise InvalidText(str(problem), field=str(number)) from None
    if len(kept) > at_most:
        raise InvalidText(f"Name at most {at_most}, please.")
    return tuple(kept)


def with_appreciations(record: CheckinRecord, by: str, lines: Iterable[str]) -> CheckinRecord:
    """`by`'s appreciations replaced with `lines` (blank ones dropped, at most three).

    Raises `InvalidText` naming the line at fault (its `field` is "1", "2" or "3").
    """
    texts = clean_lines(lines, "an appreciation", APPRECIATIONS_EACH)
    others = tuple(one for one in record.appreciations if one.by != by)
    return replace(
        record, appreciations=(*others, *(Appreciation(by=by, text=text) for text in texts))
    )


def appreciations_by(record: CheckinRecord | None, by: str) -> list[str]:
    """What `by` appreciated, in the order given (nothing when `record` is None)."""
    if record is None:
        return []
    return [one.text for one in record.appreciations if one.by == by]


def last_weeks_check_in(
    records: Sequence[CheckinRecord], record: CheckinRecord
) -> CheckinRecord | None:
    """The check-in finished or closed before `record`: its appreciations and ratings are
    "last week's"."""
    return last_completed_before(records, record.id)


def with_wish(record: CheckinRecord, by: str, text: str) -> CheckinRecord:
    """`by`'s looking-ahead wish set to `text` (blank removes it)."""
    texts = clean_lines([text], "a wish", 1)
    others = tuple(wish for wish in record.wishes if wish.by != by)
    return replace(record, wishes=(*others, *(Wish(by=by, text=text) for text in texts)))


def wish_of(record: CheckinRecord | None, by: str) -> str:
    """`by`'s looking-ahead wish, or "" when they named none."""
    if record is None:
        return ""
    return next((wish.text for wish in record.wishes if wish.by == by), "")


# --- ratings revealed together -------------------------------------------------------------


def who_rates_next(record: CheckinRecord) -> str | None:
    """Whoever has not yet rated or passed, the partner who spoke first before the other; None
    once both are in."""
    first = record.plan.first_speaker
    for partner in (first, other_partner(first)):
        if not has_answered(record, partner):
            return partner
    return None


def with_rating(record: CheckinRecord, rating: Rating | None, partner: str) -> CheckinRecord:
    """`partner`'s hidden rating (None: they pass). Each partner answers once; the answer is
    revealed with the other's."""
    if rating is not None and rating.partner != partner:
        raise AgendaRefused("A rating is given by the partner it names.")
    if has_answered(record, partner):
        raise AgendaRefused("That partner has already answered.")
    if rating is None:
        return replace(record, passed=(*record.passed, partner))
    return replace(record, ratings=(*record.ratings, rating))


class RatingChange(Struct, frozen=True):
    """A partner's rating this week beside last week's."""

    score: int | None
    """None when they passed (or the step was skipped)."""
    last_week: int | None

    @property
    def change(self) -> int | None:
        """This week minus last week, when both weeks have a rating."""
        if self.score is None or self.last_week is None:
            return None
        return self.score - self.last_week

    def in_short(self) -> str:
        """ "4/5, up 1", "3/5, same", "4/5", "passed": for a narrow column."""
        if self.score is None:
            return "passed"
        change = self.change
        if change is None:
            return f"{self.score}/5"
        if change == 0:
            return f"{self.score}/5, same"
        return f"{self.score}/5, {'up' if change > 0 else 'down'} {abs(change)}"

    def describe(self) -> str:
        """ "4 of 5 (up 1 from last week)", "3 of 5 (same as last week)", "passed"."""
        if self.score is None:
            return "passed"
        shown = f"{self.score} of 5"
        change = self.change
        if change is None:
            return shown
        if change == 0:
            return f"{shown} (same as last week)"
        direction = "up" if change > 0 else "down"
        return f"{shown} ({direction} {abs(change)} from last week)"


def rating_changes(
    records: Sequence[CheckinRecord], record: CheckinRecord
) -> dict[str, RatingChange]:
    """Each partner's rating now and at the last check-in before this one where they rated, as
    `shown_rating` lets them be seen (a rating never revealed is no "last week")."""
    started = stored_instant(record.started_at)
    earlier = sorted(
        (
            other
            for other in CheckinHistory(records).completed
            if other.id != record.id and stored_instant(other.started_at) < started
        ),
        key=lambda other: stored_instant(other.started_at),
    )
    changes = {}
    for partner in ("a", "b"):
        last = next(
            (
                rating.score
                for other in reversed(earlier)
                if (rating := shown_rating(other, partner)) is not None
            ),
            None,
        )
        now = shown_rating(record, partner)
        changes[partner] = RatingChange(now.score if now else None, last)
    return changes


# --- wins and requests ------------------------------------------------------------------------

CELEBRATED_STREAK = 2
"""A ritual kept two days (or weeks) running is a streak worth naming at the check-in."""
AWAITING_ANSWER = frozenset(
    (
        RequestStatus.ASKED,
        RequestStatus.ANSWER_DUE,
        RequestStatus.OVERDUE,
        RequestStatus.ALTERNATIVE_OFFERED,
    )
)


def streaks_to_celebrate(
    rituals: Sequence[Ritual], book: MarkBook, today: date, week_start: str
) -> list[tuple[Track, Progress]]:
    """Each running ritual's row whose current streak is at least `CELEBRATED_STREAK`, longest
    first."""
    import pendulum

    day = pendulum.Date(today.year, today.month, today.day)
    streaks = [
        (track, done)
        for track in RitualList(list(rituals)).tracks(today=today)
        if (done := progress(track, book, day, week_start)).current >= CELEBRATED_STREAK
    ]
    return sorted(streaks, key=lambda pair: -pair[1].current)


def awaiting_answer(requests: Iterable[Request], today: date) -> list[Request]:
    """Open requests still waiting for an answer (or for the asker's word on an alternative),
    oldest first: the ones to bring up at the check-in."""
    waiting = [request for request in requests if request.status(today) in AWAITING_ANSWER]
    return sorted(waiting, key=lambda request: request.created)


# --- looking ahead, through the week ----------------------------------------------------------


def wishes_for_this_week(
    records: Sequence[CheckinRecord], today: date, checkin_day_of
) -> tuple[CheckinRecord, date] | None:
    """The latest finished (or closed) check-in and its day, when it holds looking-ahead wishes
    that are still this week's (at most `WISHES_SHOWN_FOR_DAYS` old); None otherwise.

    `checkin_day_of(record)` gives a check-in's logical day (see `checkins.checkin_day`).
    """
    completed = CheckinHistory(records).completed
    if not completed:
        return None
    # The latest check-in's wishes only: once another has been held, that week has passed.
    latest = max(completed, key=lambda record: stored_instant(record.started_at))
    if not latest.wishes:
        return None
    day = checkin_day_of(latest)
    if not 0 <= (today - day).days <= WISHES_SHOWN_FOR_DAYS:
        return None
    return latest, day


def agenda_with(steps: Iterable[AgendaStep]) -> tuple[AgendaStep, ...]:
    """The chosen steps in the agenda's own order; at least one, or `AgendaRefused`."""
    chosen = set(steps)
    ordered = tuple(step for step in AgendaStep if step in chosen)
    if not ordered:
        raise AgendaRefused("Choose at least one step for the check-in.")
    return ordered
