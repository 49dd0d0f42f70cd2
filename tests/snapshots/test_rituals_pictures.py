"""Pictures of the Rituals pane at 80x24 with fixed data and time, in a dark and a light theme."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.rituals import Mark, starter_rituals
from tui.panes.rituals import RitualsPane
from tui.store import Store

from ..functional.helpers import pane_key

KEY = pane_key(RitualsPane)

# (days before today, ritual's position in the starter set, person, mark)
MARKS = [
    (0, 0, "together", Mark.DONE),
    (1, 0, "together", Mark.DONE),
    (2, 0, "together", Mark.SKIPPED),
    (3, 0, "together", Mark.DONE),
    (5, 0, "together", Mark.DONE),
    (1, 1, "a", Mark.DONE),
    (2, 1, "a", Mark.NOT_DONE),
    (0, 1, "b", Mark.DONE),
    (1, 1, "b", Mark.DONE),
    (3, 2, "b", Mark.DONE),
    (4, 4, "together", Mark.DONE),
]


def with_rituals(path: Path, clock: FixedClock, theme: str | None) -> None:
    """The starter set, begun two weeks ago, a few days marked; the theme chosen earlier."""
    today = clock.now().date()
    numbers = iter(range(100))
    rituals = starter_rituals(today - timedelta(days=14), make_id=lambda: f"r{next(numbers)}")
    with Store.open(path, clock) as store:
        store.save_rituals(rituals)
        for days_ago, position, person, mark in MARKS:
            day = (today - timedelta(days=days_ago)).isoformat()
            store.set_mark(day, rituals[position].id, person, mark)
        store.update_settings(starter_rituals_offered=True, theme=theme)


@pytest.mark.parametrize("theme", ["textual-dark", "catppuccin-latte"])
def test_rituals_with_marks(
    snap_compare,
    set_up_path: Path,
    clock: FixedClock,
    launch: Callable[[Path], AttuneApp],
    theme: str,
):
    # A light theme whose green, amber and red differ from the dark one's: the picture shows
    # the grid taking its colours from the theme.
    with_rituals(set_up_path, clock, theme)
    assert snap_compare(launch(set_up_path), press=[KEY], terminal_size=(80, 24))


def test_rituals_with_none_yet(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    with Store.open(set_up_path, clock) as store:
        store.update_settings(starter_rituals_offered=True)
    assert snap_compare(launch(set_up_path), press=[KEY], terminal_size=(80, 24))


def test_rituals_year_legend_and_keys(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    # Scrolled to the end: the year view's levels, the legend and the keys that work now.
    with_rituals(set_up_path, clock, None)
    assert snap_compare(launch(set_up_path), press=[KEY, "end"], terminal_size=(80, 24))
