"""The ritual grid's words and widths: plain text, no Textual, so it is tested on its own.

Widths are counted in terminal cells, not characters: a name in a wide script takes two cells
a character, and a row that counted characters would push its marks out from under their days.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct
from rich.cells import cell_len, set_cell_size

from tui.core.rituals import TOGETHER, Ritual, Track
from tui.core.streaks import CellState, Progress

LABEL_WIDTH = 34
"""The widest a ritual's name gets; narrower windows give it what is left."""
MIN_LABEL_WIDTH = 16
CELL_WIDTH = 4
MARKER_WIDTH = 1
"""The ▸ before the row under the cursor."""
WHO_MAX_WIDTH = 10
"""The widest the partner column gets; longer names show as their first word or initial."""
WHO_ALLOWANCE = 6
"""What the partner column is expected to take when counting how many days fit."""
MIN_DAYS, MAX_DAYS = 7, 28
STATS_HEADER = f"  {'streak':<7}{'best':>5}  {'30d':>4}"
STATS_WIDTH = len(STATS_HEADER)
"""A row's streak, best streak and 30-day completion take exactly this many cells."""
SCROLLBAR_ALLOWANCE = 2
"""The pane scrolls when the year view does not fit: its scrollbar takes two columns."""

STATE_WORDS = {
    CellState.DONE: "done",
    CellState.SKIPPED: "skipped",
    CellState.NOT_DONE: "not done",
    CellState.MISSED: "nothing entered",
    CellState.OPEN: "nothing entered yet",
    CellState.NOT_DUE: "not due",
    CellState.FUTURE: "still to come",
    CellState.BEFORE: "before this ritual began",
}

_TRAILING_PUNCTUATION = ",;:-–—·/ "


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` cells: whole words and an ellipsis when it is too long.

    Only a first word wider than `width` is cut inside itself: there is no boundary to stop at.
    """
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    room = width - 1
    kept = ""
    for word in text.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) > room:
            break
        kept = candidate
    kept = kept.rstrip(_TRAILING_PUNCTUATION)
    if not kept:
        kept = set_cell_size(text, room).rstrip()
    return kept + "…"


def pad(text: str, width: int) -> str:
    """`text` padded with spaces (or cut, should it be wider) to exactly `width` cells."""
    return set_cell_size(text, width)


def partner_tags(names: Mapping[str, str], width: int) -> dict[str, str]:
    """How each partner is named in the grid's partner column, in at most `width` cells.

    A name is never cut inside a word: the full names when both fit, else their first words,
    else their initials (numbered when the initials are the same); the legend says which is who.
    """
    first_words = {person: (name.split() or [name])[0] for person, name in names.items()}
    initials = {person: word[:1].upper() for person, word in first_words.items()}
    for tags in (dict(names), first_words, initials):
        fits = all(cell_len(tag) <= width for tag in tags.values())
        if fits and len(set(tags.values())) == len(tags):
            return tags
    return {person: f"{tag}{number}" for number, (person, tag) in enumerate(initials.items(), 1)}


def who_legend(names: Mapping[str, str], tags: Mapping[str, str]) -> str:
    """ "S Sam · A Alex" when the partner column shows anything but the full names, else ""
    (and "" when there is no partner column: `tags` is empty)."""
    if not tags or all(tags.get(person) == name for person, name in names.items()):
        return ""
    return " · ".join(f"{tags[person]} {name}" for person, name in names.items())


def track_label(track: Track, names: Mapping[str, str]) -> str:
    """The ritual's name, and whose row it is for rituals each partner does, in full."""
    person = names.get(track.person)
    return f"{track.ritual.name} · {person}" if person else track.ritual.name


class GridLayout(Struct, frozen=True):
    """How many days the grid shows and how wide its name and partner columns are."""

    days: int
    name_width: int
    who_width: int
    tags: dict[str, str]
    """Each partner's name as the partner column shows it."""

    @property
    def lead_width(self) -> int:
        """The cells before the first day: the cursor marker, the name, the partner column.

        A day's cell starts with a space, which keeps the last column off the first mark.
        """
        who = 1 + self.who_width if self.who_width else 0
        return MARKER_WIDTH + self.name_width + who

    def who(self, person: str) -> str:
        """What the partner column shows for a row of `person` (nothing for a joint ritual)."""
        return "" if person == TOGETHER else self.tags.get(person, "")


def grid_layout(width: int, names: Mapping[str, str], with_partners: bool) -> GridLayout:
    """The layout for a pane `width` cells wide.

    Days come first, up to four weeks; then the name gets what is left, down to
    MIN_LABEL_WIDTH, and the partner column (when some ritual is done by each partner) the
    rest, up to WHO_MAX_WIDTH.
    """
    usable = width - SCROLLBAR_ALLOWANCE
    fixed = MARKER_WIDTH + STATS_WIDTH
    room = usable - fixed - LABEL_WIDTH - WHO_ALLOWANCE
    days = max(MIN_DAYS, min(MAX_DAYS, room // CELL_WIDTH))
    left = usable - fixed - days * CELL_WIDTH
    if not with_partners:
        return GridLayout(days, max(MIN_LABEL_WIDTH, min(LABEL_WIDTH, left)), 0, {})
    tags = partner_tags(names, max(1, min(WHO_MAX_WIDTH, left - 1 - MIN_LABEL_WIDTH)))
    who_width = max(cell_len(tag) for tag in tags.values())
    name_width = max(MIN_LABEL_WIDTH, min(LABEL_WIDTH, left - who_width - 1))
    return GridLayout(days, name_width, who_width, tags)


def describe_progress(result: Progress) -> str:
    """ "    5d      12d   80%" under STATS_HEADER: streak, best streak, 30-day completion."""
    completion = "–" if result.completion_30 is None else f"{result.completion_30:.0%}"
    return f"  {result.current:>4}{result.unit:<3}{result.best:>3}{result.unit:<2}  {completion:>4}"


def describe_progress_in_words(result: Progress) -> str:
    """Streaks and completion as a phrase: "streak 5 days · best 12 days · 80% of ..."."""
    unit = "week" if result.unit == "wk" else "day"

    def amount(count: int) -> str:
        return f"{count} {unit}{'' if count == 1 else 's'}"

    completion = (
        "nothing due in the last 30 days"
        if result.completion_30 is None
        else f"{result.completion_30:.0%} of the last 30 days"
    )
    return f"streak {amount(result.current)} · best {amount(result.best)} · {completion}"


def archive_notice(ritual: Ritual, show_archived_key: str) -> str:
    """What archiving or restoring `ritual` did, in words (how to see it again, if archived)."""
    if ritual.archived:
        return f"{ritual.name} archived ({show_archived_key} shows archived rituals)."
    return f"{ritual.name} restored."
