"""Requests: a hurt turned into a need and a concrete request, and the other partner's answer.

The partner who asks names the need and a request the other can act on. The other answers: it
is doable, it is not doable as asked, or they take time to think. When it is out of reach as
asked, either of them offers an alternative until one is accepted. An agreed request is kept
(a one-off) or becomes a ritual or an agreement. Each step is appended and never rewritten;
the status is always derived from the steps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Literal

from msgspec import Struct
from msgspec.structs import replace

from tui.core.agreements import Agreement, IllegalTransition
from tui.core.models import PARTNER_KEYS, WEEKDAYS, Settings
from tui.core.rituals import (
    RITUAL_NAME_MAX_LENGTH,
    Cadence,
    MarkBook,
    Ritual,
    RitualDraft,
    Track,
    Who,
    progress,
)
from tui.core.text import InvalidText, clean_note, clean_single_line

if TYPE_CHECKING:
    from pendulum import Date

NEED_MAX_LENGTH = 300
ASK_MAX_LENGTH = 300
ALTERNATIVE_MAX_LENGTH = 300
THINKING_DAYS_MAX = 30
"""The longest one may take to think a request over."""


class StepKind(StrEnum):
    """What one step of a request's thread did."""

    DOABLE = "doable"
    """The partner asked answered: doable as asked."""
    NOT_AS_ASKED = "not as asked"
    """The partner asked answered: not doable as asked (a reason is optional)."""
    THINKING = "let me think"
    """The partner asked will answer by a given day."""
    ALTERNATIVE = "alternative"
    """Either partner offered an alternative (again, for another)."""
    ACCEPTED = "accepted"
    """The latest alternative was accepted by the partner who did not offer it."""
    KEPT = "kept"
    """An agreed one-off request was done."""
    RITUAL = "became ritual"
    AGREEMENT = "became agreement"
    WITHDRAWN = "withdrawn"
    """The partner who asked no longer asks."""


ANSWERS = frozenset((StepKind.DOABLE, StepKind.NOT_AS_ASKED, StepKind.THINKING))


class RequestStatus(StrEnum):
    """Where a request stands, in words."""

    ASKED = "asked"
    ANSWER_DUE = "answer due"
    OVERDUE = "overdue"
    NOT_AS_ASKED = "not as asked"
    ALTERNATIVE_OFFERED = "alternative offered"
    AGREED = "agreed"
    KEPT = "kept"
    WITHDRAWN = "withdrawn"


Partner = Literal["a", "b"]


class RequestStep(Struct, frozen=True, gc=False):
    """One step of the thread: on `day`, partner `by` did `kind`.

    `text` is the reason (not as asked) or the alternative; `answer_by` the day an answer is
    promised (let me think); `linked_id` the ritual or agreement it became. Build steps with
    `add_step`, which checks that they are allowed.
    """

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("text",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    day: date
    by: Partner
    kind: StepKind
    text: str = ""
    answer_by: date | None = None
    linked_id: str | None = None


class Request(Struct, frozen=True, gc=False):
    """A need and a concrete request from `asker` to the other partner, with its thread.

    Build one with `new_request`, which checks what was typed.
    """

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("need", "ask", "hurt")
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    asker: Partner
    need: str
    ask: str
    created: date
    hurt: str = ""
    moment_id: str | None = None
    """The logged moment it grew from, if any."""
    steps: tuple[RequestStep, ...] = ()

    @property
    def asked(self) -> str:
        """The partner asked: the other one."""
        return "b" if self.asker == "a" else "a"

    def status(self, today: date) -> RequestStatus:
        """The status on `today`, from the steps."""
        return _status(_deciding_step(self), today)

    def describe_status(self, today: date) -> str:
        """The status in words: "answer due Fri 27 Nov", "overdue since Fri 27 Nov"..."""
        step = _deciding_step(self)
        status = _status(step, today)
        if status is RequestStatus.ANSWER_DUE and step is not None and step.answer_by:
            return f"answer due {_short_day(step.answer_by)}"
        if status is RequestStatus.OVERDUE and step is not None and step.answer_by:
            return f"answer overdue since {_short_day(step.answer_by)}"
        if status is RequestStatus.AGREED and self.became is not None:
            return f"agreed, now {'a ritual' if self.became is StepKind.RITUAL else 'an agreement'}"
        return status.value

    @property
    def latest_alternative(self) -> RequestStep | None:
        """The alternative now on the table (or accepted), if any."""
        return next((s for s in reversed(self.steps) if s.kind is StepKind.ALTERNATIVE), None)

    @property
    def agreed_on(self) -> str | None:
        """What was agreed: the request as asked, or the accepted alternative."""
        for step in reversed(self.steps):
            if step.kind is StepKind.DOABLE:
                return self.ask
            if step.kind is StepKind.ACCEPTED:
                alternative = self.latest_alternative
                return alternative.text if alternative else None
        return None

    @property
    def headline(self) -> str:
        """What the request is now, as every view heads it: what was agreed once it was (the
        request as asked, or the alternative accepted), else what was asked. The request as
        first asked stays in `ask`, shown beside it where it differs."""
        return self.agreed_on or self.ask

    @property
    def agreed_day(self) -> date | None:
        """The day it was agreed (answered doable, or an alternative accepted)."""
        return next(
            (s.day for s in self.steps if s.kind in (StepKind.DOABLE, StepKind.ACCEPTED)), None
        )

    @property
    def became(self) -> StepKind | None:
        """`StepKind.RITUAL` or `StepKind.AGREEMENT` once it was turned into one."""
        return next(
            (s.kind for s in self.steps if s.kind in (StepKind.RITUAL, StepKind.AGREEMENT)), None
        )


def _deciding_step(request: Request) -> RequestStep | None:
    """The latest step that changes the status (turning into a ritual or agreement does not)."""
    for step in reversed(request.steps):
        if step.kind not in (StepKind.RITUAL, StepKind.AGREEMENT):
            return step
    return None


_STATUS_AFTER = {
    StepKind.DOABLE: RequestStatus.AGREED,
    StepKind.ACCEPTED: RequestStatus.AGREED,
    StepKind.NOT_AS_ASKED: RequestStatus.NOT_AS_ASKED,
    StepKind.ALTERNATIVE: RequestStatus.ALTERNATIVE_OFFERED,
    StepKind.KEPT: RequestStatus.KEPT,
    StepKind.WITHDRAWN: RequestStatus.WITHDRAWN,
}


def _status(step: RequestStep | None, today: date) -> RequestStatus:
    if step is None:
        return RequestStatus.ASKED
    if step.kind is StepKind.THINKING:
        if step.answer_by is not None and today > step.answer_by:
            return RequestStatus.OVERDUE
        return RequestStatus.ANSWER_DUE
    return _STATUS_AFTER[step.kind]


def _short_day(day: date) -> str:
    """ "Fri 27 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


# --- asking ----------------------------------------------------------------------------------


def new_request(
    request_id: str,
    *,
    asker: str,
    need: str,
    ask: str,
    day: date,
    hurt: str = "",
    moment_id: str | None = None,
) -> Request:
    """A request just made, or `InvalidText` naming the field at fault."""
    if asker not in PARTNER_KEYS:
        raise InvalidText("Say which of you is asking.", field="asker")
    fields = {
        "hurt": lambda: clean_note(hurt, label="the hurt"),
        "need": lambda: clean_single_line(need, label="the need", max_length=NEED_MAX_LENGTH),
        "ask": lambda: clean_single_line(ask, label="the request", max_length=ASK_MAX_LENGTH),
    }
    cleaned = {}
    for field, clean in fields.items():
        try:
            cleaned[field] = clean()
        except InvalidText as problem:
            raise InvalidText(str(problem), field=field) from None
    return Request(
        id=request_id,
        asker=asker,
        created=day,
        moment_id=moment_id,
        **cleaned,
    )


# Words that say when or how often; a request without one is easy to agree to and to forget.
_WHEN = re.compile(
    r"\b(?:daily|nightly|weekly|monthly|weekends?|weekdays?|every|each|once|twice|tonight|"
    r"today|tomorrow|mornings?|afternoons?|evenings?|nights?|always|whenever|when|before|"
    r"after|until|during|times|days?|weeks?|months?|hours?|minutes?|mins?|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|"
    r"[0-9]+(?::[0-9]{2})?\s*(?:am|pm|h)?)\b",
    re.IGNORECASE,
)
# Wishes about feelings or character: nobody can tell when they have been done.
_VAGUE = re.compile(
    r"\b(?:more|less|better|nicer|kinder|be there|care|understand|notice me|support me|"
    r"attention|appreciate|respect|love me|listen more|be more|try harder|stop being)\b",
    re.IGNORECASE,
)
_ACTION = re.compile(
    r"\b(?:ask|tell|say|put|turn|call|text|message|hug|kiss|sit|walk|cook|plan|take|give|"
    r"write|read|book|join|come|go|spend|check|look|switch|leave|keep|make|help|clean|"
    r"share|talk|listen|hold|send|bring|pick|thank)\b",
    re.IGNORECASE,
)


def request_nudges(ask: str) -> list[str]:
    """Gentle hints when a request may be hard to act on; they never refuse it.

    Simple word rules: a request reads clear when it names something to do and when or how
    often to do it ("put the phones in the drawer at dinner, most evenings").
    """
    nudges = []
    text = ask.strip()
    if not text:
        return nudges
    if _VAGUE.search(text) and not _ACTION.search(text):
        nudges.append(
            "It may help to name something your partner can do, so you both know when it "
            "has happened."
        )
    if not _WHEN.search(text):
        nudges.append(
            'It may help to say when or how often: "tonight", "every evening", "once a week", '
            '"by Friday".'
        )
    return nudges


# --- answering -------------------------------------------------------------------------------

_ALLOWED: dict[RequestStatus, frozenset[StepKind]] = {
    RequestStatus.ASKED: ANSWERS | {StepKind.ALTERNATIVE, StepKind.WITHDRAWN},
    RequestStatus.ANSWER_DUE: ANSWERS | {StepKind.ALTERNATIVE, StepKind.WITHDRAWN},
    RequestStatus.OVERDUE: ANSWERS | {StepKind.ALTERNATIVE, StepKind.WITHDRAWN},
    RequestStatus.NOT_AS_ASKED: frozenset(
        (StepKind.DOABLE, StepKind.ALTERNATIVE, StepKind.WITHDRAWN)
    ),
    RequestStatus.ALTERNATIVE_OFFERED: frozenset(
        (StepKind.ALTERNATIVE, StepKind.ACCEPTED, StepKind.WITHDRAWN)
    ),
    RequestStatus.AGREED: frozenset(
        (StepKind.KEPT, StepKind.RITUAL, StepKind.AGREEMENT, StepKind.WITHDRAWN)
    ),
    RequestStatus.KEPT: frozenset(),
    RequestStatus.WITHDRAWN: frozenset(),
}


def steps_allowed(request: Request, by: str, today: date) -> frozenset[StepKind]:
    """The steps partner `by` can take now, so that only those are offered."""
    return frozenset(kind for kind in StepKind if _why_not(request, by, kind, today) is None)


def _why_not(request: Request, by: str, kind: StepKind, today: date) -> str | None:
    """Why partner `by` can't take a step of `kind` now, or None when they can."""
    status = request.status(today)
    if kind not in _ALLOWED[status]:
        return _not_now(status, kind)
    if request.became is not None:
        return "This request is now a ritual or an agreement; it is looked after there."
    if kind in ANSWERS and by == request.asker:
        return "You can't answer your own request; your partner answers it."
    if kind is StepKind.ALTERNATIVE and by == request.asker and status in _UNANSWERED:
        return "Your partner answers first; an alternative can follow their answer."
    if kind is StepKind.WITHDRAWN and by != request.asker:
        return "Only the partner who asked can withdraw a request."
    if kind is StepKind.ACCEPTED:
        alternative = request.latest_alternative
        if alternative is not None and alternative.by == by:
            return "The alternative you offered is accepted by your partner, not by you."
    return None


_UNANSWERED = frozenset((RequestStatus.ASKED, RequestStatus.ANSWER_DUE, RequestStatus.OVERDUE))
_AGREEING = frozenset((StepKind.KEPT, StepKind.RITUAL, StepKind.AGREEMENT))


def _not_now(status: RequestStatus, kind: StepKind) -> str:
    """Why a step of `kind` makes no sense for a request that is `status`, in plain words."""
    if status in (RequestStatus.KEPT, RequestStatus.WITHDRAWN):
        return f"This request is {status.value}; it is closed."
    if status is RequestStatus.AGREED:
        return "This request is already agreed."
    if kind is StepKind.ACCEPTED:
        return "There is no alternative to accept yet."
    if kind in _AGREEING and status is RequestStatus.ALTERNATIVE_OFFERED:
        return "Accept the alternative first: a request is kept once it has been agreed."
    if kind is StepKind.KEPT:
        return "A request is kept once it has been agreed."
    if kind in _AGREEING:
        return "A request becomes a ritual or an agreement once it has been agreed."
    if status is RequestStatus.ALTERNATIVE_OFFERED:
        return "An alternative is on the table: accept it, or offer another."
    return "This request has been answered; an alternative can follow."


def add_step(
    request: Request,
    kind: StepKind,
    by: str,
    day: date,
    *,
    text: str = "",
    answer_by: date | None = None,
    linked_id: str | None = None,
) -> Request:
    """The request with one more step, or `IllegalTransition` (`InvalidText` for a bad field).

    `text` is the reason (not as asked, optional) or the alternative (required); `answer_by`
    is required for "let me think"; `linked_id` is the ritual or agreement it became.
    """
    if by not in PARTNER_KEYS:
        raise IllegalTransition("Each step is taken by one of you.")
    problem = _why_not(request, by, kind, day)
    if problem is not None:
        raise IllegalTransition(problem)
    latest = request.steps[-1].day if request.steps else request.created
    if day < latest:
        raise IllegalTransition("A step can't come before the one it follows.")
    step = RequestStep(day=day, by=by, kind=kind)  # type: ignore[arg-type]
    if kind is StepKind.NOT_AS_ASKED:
        step = replace(step, text=_clean(lambda: clean_note(text, label="the reason"), "text"))
    elif kind is StepKind.ALTERNATIVE:
        alternative = _clean(
            lambda: clean_single_line(
                text, label="the alternative", max_length=ALTERNATIVE_MAX_LENGTH
            ),
            "text",
        )
        step = replace(step, text=alternative)
    elif kind is StepKind.THINKING:
        if answer_by is None or not 0 <= (answer_by - day).days <= THINKING_DAYS_MAX:
            raise InvalidText(
                f"Choose a day to answer by, from today to {THINKING_DAYS_MAX} days ahead.",
                field="answer_by",
            )
        step = replace(step, answer_by=answer_by)
    elif kind in (StepKind.RITUAL, StepKind.AGREEMENT):
        if not linked_id:
            raise InvalidText("Say which ritual or agreement it became.", field="linked_id")
        step = replace(step, linked_id=linked_id)
    return replace(request, steps=(*request.steps, step))


def _clean(clean, field: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return clean()
    except InvalidText as problem:
        raise InvalidText(str(problem), field=field) from None


# --- wins ------------------------------------------------------------------------------------
#
# A win is a request that came true: what was agreed (as asked, or the alternative accepted) was
# done, small and real, the evidence that change is possible. This is the one rule every view
# that counts wins reads: the Requests pane, the check-in's wins step and its summary, past
# weeks and the report.

WIN_WAYS = {
    StepKind.KEPT: "kept",
    StepKind.RITUAL: "done as a ritual",
    StepKind.AGREEMENT: "signed as an agreement",
}
"""How a request came true, in words: a one-off kept, a ritual done, an agreement signed."""
LOOK_BACK_WITHOUT_A_CHECKIN = timedelta(days=7)
"""Before the first check-in, the wins named at it are those of the week before."""


class Win(Struct, frozen=True):
    """A request that came true on `day`, in the way `kind` says (see `wins_of_requests`)."""

    request: Request
    day: date
    kind: StepKind
    """`StepKind.KEPT`, `StepKind.RITUAL` or `StepKind.AGREEMENT`."""

    @property
    def what(self) -> str:
        """What came true: what was agreed."""
        return self.request.headline

    @property
    def how(self) -> str:
        """ "kept", "done as a ritual" or "signed as an agreement"."""
        return WIN_WAYS[self.kind]


def wins_of_requests(
    requests: Iterable[Request], book: MarkBook, agreements: Iterable[Agreement]
) -> list[Win]:
    """Every win, the oldest first.

    A one-off counts on the day it was marked kept. One made a ritual counts on the first day
    the ritual was done (by either partner) from the day it was made, not when it was made: a
    ritual nobody has done has not come true yet. One made an agreement counts once both have
    signed it (or it has had a lapse, which only a signed agreement can have), on the day it
    became one: an agreement keeps no day for its signatures.
    """
    requests = list(requests)
    # Keyed by ritual and day: two requests may have become the same ritual on different days.
    first_done = book.first_days_done(
        (step.linked_id, step.day)
        for request in requests
        for step in request.steps
        if step.kind is StepKind.RITUAL and step.linked_id
    )
    signed = frozenset(PARTNER_KEYS)
    in_force = {a.id for a in agreements if a.signatures == signed or a.lapses}
    wins = []
    for request in requests:
        for step in request.steps:
            if step.kind is StepKind.KEPT:
                wins.append(Win(request, step.day, StepKind.KEPT))
            elif step.kind is StepKind.RITUAL and (step.linked_id, step.day) in first_done:
                wins.append(Win(request, first_done[(step.linked_id, step.day)], StepKind.RITUAL))
            elif step.kind is StepKind.AGREEMENT and step.linked_id in in_force:
                wins.append(Win(request, step.day, StepKind.AGREEMENT))
    return sorted(wins, key=lambda win: win.day)


def wins_between(wins: Iterable[Win], first_day: date, last_day: date) -> list[Win]:
    """The wins from `first_day` to `last_day` (both included), in the order given."""
    return [win for win in wins if first_day <= win.day <= last_day]


def wins_in_month(wins: Iterable[Win], year: int, month: int) -> list[Win]:
    """The wins of one calendar month, in the order given."""
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return wins_between(wins, first, date.fromordinal(following.toordinal() - 1))


def latest_wins(wins: Iterable[Win], count: int) -> list[Win]:
    """The `count` most recent wins, the newest first."""
    return sorted(wins, key=lambda win: win.day, reverse=True)[:count]


def wins_for_checkin(wins: Iterable[Win], last_checkin: date | None, today: date) -> list[Win]:
    """The wins a check-in on `today` names: those since the day after the last check-in (on
    `last_checkin`), or over the week before the first one."""
    since = (
        last_checkin + timedelta(days=1)
        if last_checkin is not None
        else today - LOOK_BACK_WITHOUT_A_CHECKIN
    )
    return wins_between(wins, since, today)


def wins_in_words(wins: Sequence[Win]) -> str:
    """ "2 requests came true (1 kept, 1 done as a ritual)", "1 request came true (kept)", or
    "no request came true"."""
    if not wins:
        return "no request came true"
    if len(wins) == 1:
        return f"1 request came true ({wins[0].how})"
    ways = Counter(win.kind for win in wins)
    each = ", ".join(f"{ways[kind]} {WIN_WAYS[kind]}" for kind in WIN_WAYS if ways[kind])
    return f"{len(wins)} requests came true ({each})"


# --- keeping ---------------------------------------------------------------------------------


def can_delete(request: Request) -> bool:
    """A request nobody has answered can be deleted (one made by mistake); once answered, its
    thread is kept: withdrawing it says it is no longer asked."""
    return not request.steps


def taker(request: Request, kind: StepKind, today: date) -> Partner | None:
    """Who takes a step of `kind` now: the one partner who can, or, when either could, the
    one it usually falls to. None when neither can.

    The partner asked keeps a one-off; the asker turns it into a ritual or an agreement; an
    alternative comes from whoever did not offer the one on the table (first: the partner
    asked, answering "not as asked").
    """
    able = [p for p in PARTNER_KEYS if kind in steps_allowed(request, p, today)]
    if len(able) != 2:
        return able[0] if able else None  # type: ignore[return-value]
    if kind is StepKind.KEPT:
        return request.asked  # type: ignore[return-value]
    if kind is StepKind.ALTERNATIVE:
        latest = request.latest_alternative
        if latest is not None:
            return "b" if latest.by == "a" else "a"
        return request.asked  # type: ignore[return-value]
    return request.asker


def linked_id(request: Request) -> str | None:
    """The id of the ritual or agreement the request became, if it became one."""
    return next(
        (s.linked_id for s in request.steps if s.kind in (StepKind.RITUAL, StepKind.AGREEMENT)),
        None,
    )


_TIMES_A_WEEK = re.compile(
    r"\b(once|twice|one|two|three|four|five|six|[1-6])(?:\s+times?)?\s+(?:a|per|each)\s+week\b",
    re.IGNORECASE,
)
_NUMBERS = {"once": 1, "one": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WEEKLY = re.compile(r"\b(?:weekly|every week|each week|a week)\b", re.IGNORECASE)


def guessed_cadence(text: str) -> Cadence:
    """How often an agreed request seems to happen, for a ritual's first draft: named days of
    the week, weekends or weekdays, "twice a week", "weekly"; otherwise every day."""
    lowered = text.lower()
    named = [n for n, day in enumerate(WEEKDAYS) if re.search(rf"\b{day}s?\b", lowered)]
    if named:
        return Cadence.on(*named)
    if re.search(r"\bweekends?\b", lowered):
        return Cadence.on(5, 6)
    if re.search(r"\bweekdays\b", lowered):
        return Cadence.on(0, 1, 2, 3, 4)
    times = _TIMES_A_WEEK.search(lowered)
    if times:
        word = times.group(1)
        return Cadence.weekly(int(word) if word.isdigit() else _NUMBERS[word])
    if _WEEKLY.search(lowered):
        return Cadence.weekly(1)
    return Cadence.daily()


def ritual_draft_for(request: Request) -> RitualDraft:
    """The ritual an agreed request suggests: what was agreed as its name (shortened to fit),
    its rhythm guessed from the words, done together (one tick when it happened)."""
    agreed = request.headline
    name = agreed
    if len(name) > RITUAL_NAME_MAX_LENGTH:
        name = name[: RITUAL_NAME_MAX_LENGTH - 1].rstrip() + "\u2026"
    return RitualDraft(name, guessed_cadence(agreed), Who.TOGETHER)


def describe_streaks(ritual: Ritual, book: MarkBook, today: Date, settings: Settings) -> str:
    """The streak of the ritual a request became, per row of it: "streak 4 d (best 9)", or
    "Sam streak 2 d (best 3), Alex streak 0 d (best 1)" for a ritual each partner ticks."""
    names = settings.partners.names()
    streaks = []
    for person in ritual.people():
        done = progress(Track(ritual, person), book, today, settings.week_start)
        streak = f"streak {done.current} {done.unit} (best {done.best})"
        streaks.append(f"{names[person]} {streak}" if person in names else streak)
    return ", ".join(streaks)


CLOSED = frozenset((RequestStatus.KEPT, RequestStatus.WITHDRAWN))
"""A request kept or withdrawn is closed: the list hides it unless asked to show it."""


def requests_to_list(requests: list[Request], today: date, show_closed: bool) -> list[Request]:
    """The requests the list shows, newest first: closed ones only when `show_closed`."""
    shown = requests if show_closed else [r for r in requests if r.status(today) not in CLOSED]
    return shown[::-1]


def answer_taker(request: Request, kind: StepKind, today: date) -> Partner | None:
    """Like `taker`, with `DOABLE` standing for any of the three answers: the partner asked,
    while an answer is still open."""
    if kind is StepKind.DOABLE:
        able = steps_allowed(request, request.asked, today)
        return request.asked if ANSWERS & able else None  # type: ignore[return-value]
    return taker(request, kind, today)


def alternative_offerers(request: Request, today: date) -> tuple[Partner, list[Partner]]:
    """Who would offer an alternative now, and everyone who may (the form lets them choose)."""
    able = [p for p in PARTNER_KEYS if StepKind.ALTERNATIVE in steps_allowed(request, p, today)]
    return taker(request, StepKind.ALTERNATIVE, today) or able[0], able  # type: ignore[return-value]
