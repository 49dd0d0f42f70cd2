"""What the first-run and Settings screens accept, and what a change of settings amounts to."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import cache

from msgspec import structs

from tui.clock import is_known_time_zone
from tui.core.models import SETTING_RANGES, Settings
from tui.core.text import InvalidText, parse_whole_number

ROLLOVER_EXPLANATION = (
    "The day turns at this hour, not at midnight: a tick at 1 am still counts for the "
    "evening before."
)
QUOTED_TEXT_LIMIT = 40
"""Typed text quoted back in a message is cut to this length: a pasted page helps nobody."""


@cache
def known_time_zones() -> frozenset[str]:
    """Every IANA time zone name this computer knows.

    Read once a session: finding them walks the zone files on disk, a hundredth of a second
    every time Settings opened, and they change only when the system's time zone data is
    updated.
    """
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def quoted(typed: str) -> str:
    """`typed` as a message can show it: printable, and short."""
    printable = "".join(character if character.isprintable() else "�" for character in typed)
    if len(printable) > QUOTED_TEXT_LIMIT:
        return printable[: QUOTED_TEXT_LIMIT - 1] + "…"
    return printable


def checked_time_zone(typed: str, known: Collection[str] = ()) -> str:
    """The time zone `typed` names, or `InvalidText` saying what to type instead.

    Case and spaces are forgiven for a name in `known`: "america/new york" is taken as
    America/New_York.
    """
    cleaned = typed.strip()
    if not cleaned:
        raise InvalidText("Please enter a time zone, such as Europe/London.")
    wanted = _folded(cleaned)
    name = next((zone for zone in known if _folded(zone) == wanted), cleaned)
    if not is_known_time_zone(name):
        raise InvalidText(
            f"“{quoted(cleaned)}” is not a time zone Attune knows; try a name like "
            "Europe/London or America/New_York."
        )
    return name


def matching_time_zones(typed: str, known: Iterable[str]) -> list[str]:
    """The zone names that fit what was typed, the likeliest first.

    A name equal to the text comes first, then names where a part starts with it ("lon"
    finds Europe/London), then names that merely contain it; alphabetical within each.
    Nothing typed yet lists every name.
    """
    wanted = _folded(typed.strip())
    if not wanted:
        return sorted(known)
    exact, starting, containing = [], [], []
    for zone in known:
        folded = _folded(zone)
        if folded == wanted:
            exact.append(zone)
        elif any(part.startswith(wanted) for part in _parts(folded)):
            starting.append(zone)
        elif wanted in folded:
            containing.append(zone)
    return sorted(exact) + sorted(starting) + sorted(containing)


def checked_rollover_hour(typed: str) -> int:
    """The hour a new day starts, typed as a whole number, or `InvalidText`."""
    lowest, highest, _default = SETTING_RANGES["day_rollover_hour"]
    return parse_whole_number(
        typed, label="The hour a new day starts", lowest=lowest, highest=highest
    )


def checked_lock_minutes(typed: str) -> int:
    """The minutes left alone before the screen locks (0: never), or `InvalidText`."""
    lowest, highest, _default = SETTING_RANGES["lock_after_minutes"]
    return parse_whole_number(
        typed, label="The minutes before the screen locks", lowest=lowest, highest=highest
    )


def changed_settings(
    shown: Mapping[str, object], wanted: Mapping[str, object]
) -> dict[str, object]:
    """The settings whose wanted value differs from the one shown: all that a save changes.

    Only these are written, so a field changed elsewhere meanwhile (the theme, from the
    palette) is never written back over with what a screen showed when it opened.
    """
    unknown = set(wanted) - set(shown)
    if unknown:
        raise KeyError(f"not shown, so not comparable: {sorted(unknown)}")
    return {name: value for name, value in wanted.items() if shown[name] != value}


def shown_settings(settings: Settings) -> dict[str, object]:
    """Every field of `settings` by name, as a screen starts out showing them."""
    return structs.asdict(settings)


def _folded(text: str) -> str:
    return text.replace(" ", "_").casefold()


def _parts(folded_zone: str) -> list[str]:
    """ "america/port_of_spain" -> america, port_of_spain, of_spain, spain: each word a start."""
    parts = []
    for area in folded_zone.split("/"):
        words = area.split("_")
        parts += ["_".join(words[index:]) for index in range(len(words))]
    return parts
