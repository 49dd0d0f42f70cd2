"""Pictures of the Moments pane at 80x24, with fixed data and time: the list with a moment of
each kind (one waiting for the check-in), and the patterns of the last four weeks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui.clock import FixedClock
from tui.core.moments import MomentKind, new_moment
from tui.panes.moments import MomentsPane
from tui.store import Store

from ..conftest import Launcher
from ..functional.helpers import pane_key

KEY = pane_key(MomentsPane)


def a_few_moments(path: Path, clock: FixedClock) -> None:
    """Five moments over five weeks: connection, neglect (marked for the check-in), repair."""
    now = clock.now()
    logged = (
        (0, 2, MomentKind.NEGLECT, "b", "Ate alone; I needed company", ("work-late",), 4),
        (3, 5, MomentKind.CONNECTION, "both", "Walked by the river", ("walk",), 3),
        (9, 1, MomentKind.REPAIR, "a", "Said sorry for snapping", ("work-late",), None),
        (16, 3, MomentKind.CONNECTION, "a", "Laughed at the same joke", ("play",), 2),
        (33, 4, MomentKind.NEGLECT, "a", "Felt unheard about the move", ("phones",), 3),
    )
    with Store.open(path, clock) as store:
        for number, (days_ago, hours_ago, kind, who, what, tags, strength) in enumerate(logged):
            at = now - timedelta(days=days_ago, hours=hours_ago)
            store.save_moment(
                new_moment(
                    f"m{number}",
                    at=at,
                    now=now,
                    who=who,
                    kind=kind,
                    what_happened=what,
                    triggers="A long week at work" if "work-late" in tags else "",
                    tags=tags,
                    helped="Sitting down together without phones",
                    helped_tags=("phones-away",),
                    strength=strength,
                )
            )


def test_the_list_and_the_selected_moment(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    a_few_moments(set_up_path, clock)
    assert snap_compare(launch(set_up_path), press=[KEY], terminal_size=(80, 24))


def test_the_patterns_of_four_weeks(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    a_few_moments(set_up_path, clock)
    assert snap_compare(launch(set_up_path), press=[KEY, "v"], terminal_size=(80, 24))
