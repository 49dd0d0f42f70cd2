"""Requests: a hurt turned into a need and a concrete request, and the other partner's answer.

The partner who asks names the need and a request the other can act on. The other answers: it
is doable, it is not doable as asked, or they take time to think. When it is out of reach as
asked, either of them offers an alternative until one is accepted. An agreed request is kept
(a one-off) or becomes a ritual or an agreement. Each step is appended and never rewritten;
the status is always derived from the steps.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Literal

from msgspec import Struct
from msgspec.structs import replace

from tui.core.agreements import IllegalTransition
from tui.core.models import PARTNER_KEYS
from tui.core.text import InvalidText, clean_note, clean_single_line

if TYPE_CHECKING:
    pass

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


class RequestStep(Struct, frozen=True, gc=False, omit_defaults=True):
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


class Request(Struct, frozen=True, gc=False, omit_defaults=True):
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
