"""The couple's settings and the other small shared models."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from tui.core.text import InvalidText, clean_single_line
from tui.data_format import WEEKDAY_NAMES

NAME_MAX_LENGTH = 40
PARTNER_KEYS = ("a", "b")
"""How the two partners are named in the data: in the order they gave their names."""
BOTH = "both"
"""A moment or a practice that is about the two partners together, in the data."""
DEFAULT_CHECKIN_WEEKDAY = "sunday"
WEEKDAYS = WEEKDAY_NAMES
LOVE_LANGUAGES = {
    "words": "words of affirmation",
    "acts": "acts of service",
    "gifts": "receiving gifts",
    "time": "quality time",
    "touch": "physical touch",
}


class AgendaStep(StrEnum):
    """One step of the weekly meeting, in the order the agenda walks through them."""

    APPRECIATIONS = "appreciations"
    WINS = "wins"
    """Requests kept and ritual streaks since the last check-in, and the moments marked for it."""
    TALK = "talk"
    """The speaking clock: turns, reflect-backs, cooling-offs."""
    REQUESTS = "requests"
    RATINGS = "ratings"
    """Each partner rates in turn, unseen by the other; both are revealed together."""
    LOOKING_AHEAD = "looking_ahead"


class InvalidSetting(ValueError):
    """A setting outside what Attune can work with; the message says why in plain words."""


class Partners(Struct, frozen=True):
    """The two people using Attune, in the order they gave their names at setup."""

    a: str
    b: str

    def name_of(self, who: str) -> str:
        """How `who` ("a", "b" or "both") reads in every view: the partner's name as it is
        now, or "Both of us". Views look names up here each time they draw, so a rename shows
        everywhere at once."""
        if who == BOTH:
            return BOTH_OF_US
        if who not in PARTNER_KEYS:
            raise ValueError(f"no partner {who!r}")
        return self.a if who == "a" else self.b

    def names(self, *, with_both: bool = False) -> dict[str, str]:
        """`name_of` each partner ("a", "b"), for views that name the two of them in turn;
        `with_both` adds "both", for views that look up whom a record is about."""
        keys = (*PARTNER_KEYS, BOTH) if with_both else PARTNER_KEYS
        return {who: self.name_of(who) for who in keys}

    @property
    def pair(self) -> str:
        """The couple, as the header and a report's title name them: "Sam & Alex"."""
        return f"{self.a} & {self.b}"

    @classmethod
    def from_names(cls, first: str, second: str) -> Partners:
        """Validate two typed names, or raise `InvalidText` with `field` "first" or "second"."""
        names = []
        for field, typed in (("first", first), ("second", second)):
            try:
                names.append(
                    clean_single_line(
                        typed, label=f"the {field} partner's name", max_length=NAME_MAX_LENGTH
                    )
                )
            except InvalidText as problem:
                raise InvalidText(str(problem), field=field) from None
        a, b = names
        if a.casefold() == b.casefold():
            raise InvalidText(
                "The two names need to differ so Attune can tell you apart.", field="second"
            )
        return cls(a, b)


BOTH_OF_US = "Both of us"
"""How a choice of partner names the two of them together."""


def partner_options(partners: Partners, both: str | None = None) -> tuple[tuple[str, str], ...]:
    """The options of every "which of you" choice, in the one order all forms show: the first
    partner, the second, then both of you when `both` gives the key a record stores for the two
    together ("both" for a moment or a practice, "together" for a proposal).

    Each option is (key, what it shows); names are shown as typed.
    """
    options = (("a", partners.a), ("b", partners.b))
    return (*options, (both, BOTH_OF_US)) if both else options


# (lowest, highest, default) for each numeric setting; minutes unless the name says otherwise.
SETTING_RANGES: dict[str, tuple[int, int, int]] = {
    "turn_minutes": (1, 30, 5),
    "cooling_off_minutes": (1, 120, 20),
    "heated_limit_minutes": (5, 240, 45),
    "day_rollover_hour": (0, 23, 4),
    "rounds": (1, 4, 2),
    "reflect_back_minutes": (0, 3, 1),
    "lock_after_minutes": (0, 240, 10),
}


class Settings(Struct, frozen=True):
    """Everything the couple chose at setup or changed later."""

    partners: Partners
    time_zone: str
    theme: str | None = None
    turn_minutes: int = SETTING_RANGES["turn_minutes"][2]
    cooling_off_minutes: int = SETTING_RANGES["cooling_off_minutes"][2]
    heated_limit_minutes: int = SETTING_RANGES["heated_limit_minutes"][2]
    day_rollover_hour: int = SETTING_RANGES["day_rollover_hour"][2]
    week_start: str = "monday"
    rounds: int = SETTING_RANGES["rounds"][2]
    reflect_back_minutes: int = SETTING_RANGES["reflect_back_minutes"][2]
    checkin_weekday: str = DEFAULT_CHECKIN_WEEKDAY
    love_language_a: str | None = None
    love_language_b: str | None = None
    starter_rituals_offered: bool = False
    starter_agreements_offered: bool = False
    agenda: tuple[AgendaStep, ...] = tuple(AgendaStep)
    """The steps of the weekly meeting, in order; ("talk",) is the speaking clock alone."""
    lock_after_minutes: int = SETTING_RANGES["lock_after_minutes"][2]
    """Minutes without a key or the mouse before the screen locks (0: never)."""

    def __post_init__(self) -> None:
        for name, (lowest, highest, _default) in SETTING_RANGES.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidSetting(f"{name.replace('_', ' ')} must be a whole number.")
            if not lowest <= value <= highest:
                raise InvalidSetting(
                    f"{name.replace('_', ' ')} must be between {lowest} and {highest}; got {value}."
                )
        if self.week_start not in WEEKDAYS:
            raise InvalidSetting(f"The week can't start on {self.week_start!r}.")
        if self.checkin_weekday not in WEEKDAYS:
            raise InvalidSetting(f"The check-in can't fall on {self.checkin_weekday!r}.")
        for language in (self.love_language_a, self.love_language_b):
            if language is not None and language not in LOVE_LANGUAGES:
                raise InvalidSetting(f"{language!r} is not one of the five love languages.")
        for flag in (self.starter_rituals_offered, self.starter_agreements_offered):
            if not isinstance(flag, bool):
                raise InvalidSetting("The starter-set flags must be true or false.")
        self._check_agenda()
        if self.theme is not None and not isinstance(self.theme, str):
            raise InvalidSetting("The theme must be a name.")

    def _check_agenda(self) -> None:
        steps = self.agenda
        if not isinstance(steps, tuple):
            raise InvalidSetting("The check-in's agenda must be a list of steps.")
        if not steps:
            raise InvalidSetting("The check-in needs at least one step.")
        known = {step.value for step in AgendaStep}
        if not all(isinstance(step, str) and step in known for step in steps):
            raise InvalidSetting("The check-in's agenda names a step Attune doesn't know.")
        order = [list(AgendaStep).index(AgendaStep(step)) for step in steps]
        if order != sorted(set(order)):
            raise InvalidSetting("The agenda's steps go in their usual order, each once.")

    def love_language_of(self, partner: str) -> str | None:
        """`partner`'s love language key ("words", "acts"...), if they recorded one."""
        return self.love_language_a if partner == "a" else self.love_language_b
