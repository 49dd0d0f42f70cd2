"""Wins: requests that came true.

A win is a request that came true: what was agreed (as asked, or the alternative accepted) was
done, small and real, the evidence that change is possible. This is the one rule every view
that counts wins reads: the Requests pane, the check-in's wins step and its summary, past
weeks, Progress and the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from msgspec import Struct

from tui.core.agreements import Agreement
from tui.core.mark_book import MarkBook
from tui.core.models import PARTNER_KEYS
from tui.core.requests import Request, StepKind

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
