"""Rituals: cadences, who does them, the starter rituals, the list and its order.

A ritual is done by the couple together (one tick) or by each partner (one tick each). Each
(ritual, who) pair is a *track*: one row of the grid, with its own streak. Days are pendulum
`Date`s, so every computation is calendar arithmetic, untouched by daylight-saving changes.
The marks of each day are kept in `mark_book.py`; what they add up to (streaks, completion,
tallies, a cell's state) is `streaks.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from msgspec import Struct, field
from msgspec.structs import replace

from tui.core.ids import new_id
from tui.core.models import WEEKDAYS
from tui.core.text import InvalidText, clean_single_line

if TYPE_CHECKING:
    pass

RITUAL_NAME_MAX_LENGTH = 80
TOGETHER = "together"


class Who(StrEnum):
    """Who a ritual is for."""

    TOGETHER = "together"
    EACH = "each"


class CadenceKind(StrEnum):
    """How often a ritual is due."""

    DAILY = "daily"
    WEEKLY = "weekly"
    """N times a week, on any days."""
    WEEKDAYS = "weekdays"
    """On chosen days of the week."""


class Mark(StrEnum):
    """What a person entered for a ritual on a day. No mark at all means "not entered"."""

    DONE = "done"
    SKIPPED = "skipped"
    """Ill, apart, travelling: neither counts nor breaks a streak."""
    NOT_DONE = "not_done"
    """Entered explicitly as not done, which is different from not entered."""


class RitualKind(StrEnum):
    """Rituals the app treats specially."""

    PLAIN = ""
    CHECKIN = "checkin"
    """Ticked when a weekly check-in is finished."""
    LOVE_LANGUAGE = "love_language"
    """Shows each partner the other's love language as a hint."""
    REPAIR = "repair"
    """The temporary daily repair after an agreement lapsed, for the partner who lapsed."""


class Cadence(Struct, frozen=True):
    """Daily; N times a week; or on chosen weekdays (0 = Monday)."""

    kind: CadenceKind
    times_per_week: int = 1
    weekdays: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is CadenceKind.WEEKLY and not 1 <= self.times_per_week <= 7:
            raise InvalidText("A weekly ritual happens 1 to 7 times a week.")
        if self.kind is CadenceKind.WEEKDAYS:
            if not self.weekdays:
                raise InvalidText("Choose at least one day of the week.")
            if any(day not in range(7) for day in self.weekdays):
                raise InvalidText("Days of the week are numbered 0 (Monday) to 6 (Sunday).")

    @classmethod
    def daily(cls) -> Cadence:
        """Every day."""
        return cls(CadenceKind.DAILY)

    @classmethod
    def weekly(cls, times: int = 1) -> Cadence:
        """`times` a week, on any days."""
        return cls(CadenceKind.WEEKLY, times_per_week=times)

    @classmethod
    def on(cls, *weekdays: int) -> Cadence:
        """On these days of the week (0 = Monday)."""
        return cls(CadenceKind.WEEKDAYS, weekdays=tuple(sorted(set(weekdays))))

    @property
    def counts_in_weeks(self) -> bool:
        """True when streaks are counted in weeks rather than days."""
        return self.kind is CadenceKind.WEEKLY

    def is_due(self, day: date) -> bool:
        """True on the days this ritual is expected (every day counts for N-a-week)."""
        return self.is_due_on_ordinal(day.toordinal())

    def is_due_on_ordinal(self, ordinal: int) -> bool:
        """`is_due` for a date ordinal (ordinal 1, 1 January of year 1, was a Monday)."""
        if self.kind is CadenceKind.WEEKDAYS:
            return (ordinal - 1) % 7 in self.weekdays
        return True

    def describe(self) -> str:
        """ "daily", "3× a week", "Mon, Thu"."""
        if self.kind is CadenceKind.DAILY:
            return "daily"
        if self.kind is CadenceKind.WEEKLY:
            return "weekly" if self.times_per_week == 1 else f"{self.times_per_week}× a week"
        return ", ".join(WEEKDAYS[day][:3].capitalize() for day in self.weekdays)


class Ritual(Struct, frozen=True):
    """A habit the couple keeps."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("name",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    name: str
    cadence: Cadence
    who: Who
    position: int
    created: str
    """The logical day (YYYY-MM-DD) it was added: earlier days are not counted against it."""
    archived: bool = False
    kind: RitualKind = RitualKind.PLAIN
    only: str | None = None
    """For a ritual one partner does alone (a repair): "a" or "b"."""
    ends: str | None = None
    """The last logical day (YYYY-MM-DD) of a ritual that ends by itself (a repair)."""

    def people(self) -> tuple[str, ...]:
        """The tracks of this ritual: ("together",), ("a", "b"), or the one partner."""
        if self.only is not None:
            return (self.only,)
        return (TOGETHER,) if self.who is Who.TOGETHER else ("a", "b")

    def runs_on(self, day: date) -> bool:
        """False once a ritual that ends by itself is over."""
        return self.ends is None or day.isoformat() <= self.ends


def clean_ritual_name(text: str) -> str:
    """A ritual name, or `InvalidText` in plain words."""
    return clean_single_line(text, label="the ritual's name", max_length=RITUAL_NAME_MAX_LENGTH)


class Track(Struct, frozen=True):
    """One row of the grid: a ritual and who ticks it."""

    ritual: Ritual
    person: str


class StarterRitual(Struct, frozen=True):
    """A ritual offered on first run, taken from the couple's source material."""

    name: str
    cadence: Cadence
    who: Who
    kind: RitualKind = RitualKind.PLAIN


STARTER_RITUALS = (
    StarterRitual("Talk time, phones away (15 min)", Cadence.daily(), Who.TOGETHER),
    StarterRitual("Ask a feelings question, not a logistics one", Cadence.daily(), Who.EACH),
    StarterRitual(
        "One act in your partner's love language",
        Cadence.daily(),
        Who.EACH,
        RitualKind.LOVE_LANGUAGE,
    ),
    StarterRitual("Thank your partner for a small act of care", Cadence.daily(), Who.EACH),
    StarterRitual("Cook a meal together", Cadence.weekly(1), Who.TOGETHER),
    StarterRitual("Weekly check-in", Cadence.weekly(1), Who.TOGETHER, RitualKind.CHECKIN),
)


class RitualDraft(Struct, frozen=True):
    """What the add / edit dialog returns."""

    name: str
    cadence: Cadence
    who: Who


def starter_offer() -> str:
    """The words that offer the starter set, each ritual on a line with how often it comes."""
    listing = "\n".join(
        f"• {starter.name} ({starter.cadence.describe()})" for starter in STARTER_RITUALS
    )
    return (
        f"These small habits help couples reconnect:\n\n{listing}\n\nYou can rename, "
        "change or archive any of them later."
    )


def starter_rituals(today: date, make_id: Callable[[], str] = new_id) -> list[Ritual]:
    """The starter set as rituals begun on `today`, in the order it is offered."""
    return [
        Ritual(
            id=make_id(),
            name=starter.name,
            cadence=starter.cadence,
            who=starter.who,
            position=position,
            created=today.isoformat(),
            kind=starter.kind,
        )
        for position, starter in enumerate(STARTER_RITUALS)
    ]


def edited(ritual: Ritual, draft: RitualDraft) -> Ritual:
    """`ritual` renamed, or given a new cadence or new people; its history and place stay."""
    return replace(ritual, name=draft.name, cadence=draft.cadence, who=draft.who)


def archive_toggled(ritual: Ritual) -> Ritual:
    """`ritual` archived (its marks stay), or restored when it was archived."""
    return replace(ritual, archived=not ritual.archived)


def toggled_mark(current: Mark | None, wanted: Mark) -> Mark | None:
    """The mark a cell gets when `wanted` is entered: the same mark again clears the cell."""
    return None if current is wanted else wanted


def repair_day(ritual: Ritual, today: date) -> tuple[int, int] | None:
    """(day N, of M days) of a repair ritual on `today`, else None.

    N stops at M: a repair shown after its last day (an archived one) reads "day M of M".
    """
    if ritual.kind is not RitualKind.REPAIR or ritual.ends is None:
        return None
    created = date.fromisoformat(ritual.created)
    total = (date.fromisoformat(ritual.ends) - created).days + 1
    return min(total, (today - created).days + 1), total


def love_language_partner(track: Track) -> str | None:
    """Whose love language a love-language ritual's row hints at: the other partner's.

    None for rituals that are not about love languages, and for one done together.
    """
    if track.ritual.kind is not RitualKind.LOVE_LANGUAGE or track.person not in ("a", "b"):
        return None
    return "b" if track.person == "a" else "a"


class RitualList(Struct):
    """The rituals in their display order, with helpers to reorder them."""

    rituals: list[Ritual] = field(default_factory=list)

    def active(self, today: date | None = None) -> list[Ritual]:
        """Rituals not archived (and, given `today`, not ended), in order."""
        return [
            ritual
            for ritual in self.rituals
            if not ritual.archived and (today is None or ritual.runs_on(today))
        ]

    def tracks(self, include_archived: bool = False, today: date | None = None) -> list[Track]:
        """One track per (ritual, person), in display order."""
        shown: Iterable[Ritual] = self.rituals if include_archived else self.active(today)
        return [Track(ritual, person) for ritual in shown for person in ritual.people()]

    def new_ritual(
        self, draft: RitualDraft, today: date, make_id: Callable[[], str] = new_id
    ) -> Ritual:
        """A ritual made from `draft`, begun on `today`, placed after every ritual in the list."""
        last = max((ritual.position for ritual in self.rituals), default=-1)
        return Ritual(
            id=make_id(),
            name=draft.name,
            cadence=draft.cadence,
            who=draft.who,
            position=last + 1,
            created=today.isoformat(),
        )

    def can_move(self, ritual_id: str, step: int) -> bool:
        """True when the ritual can move `step` places (-1 up, 1 down) and stay in the list."""
        index = self._index_of(ritual_id)
        return index is not None and 0 <= index + step < len(self.rituals)

    def moved(self, ritual_id: str, step: int) -> list[Ritual]:
        """Every ritual, renumbered 0, 1, 2... after swapping `ritual_id` with its neighbour
        `step` places away (-1 up, 1 down). Unchanged, and renumbered, when it cannot move."""
        order = list(self.rituals)
        index = self._index_of(ritual_id)
        if index is not None and self.can_move(ritual_id, step):
            order[index], order[index + step] = order[index + step], order[index]
        return [replace(ritual, position=position) for position, ritual in enumerate(order)]

    def with_changed(self, changed: Ritual) -> RitualList:
        """This list with `changed` in place of the ritual with its id, or added at the end."""
        if self._index_of(changed.id) is None:
            return RitualList([*self.rituals, changed])
        return RitualList(
            [changed if ritual.id == changed.id else ritual for ritual in self.rituals]
        )

    def _index_of(self, ritual_id: str) -> int | None:
        return next(
            (index for index, ritual in enumerate(self.rituals) if ritual.id == ritual_id), None
        )
