"""Pictures of the Agreements pane at 80x24, with fixed data and time: an agreement in each
state (proposed, active, a lapse with its repair running, a review due)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui.clock import FixedClock
from tui.core.agreements import Agreement, Repair, log_lapse_with_repair, propose, sign
from tui.core.rituals import Mark
from tui.panes.agreements import AgreementsPane
from tui.store import Store

from ..conftest import Launcher
from ..functional.helpers import pane_key

KEY = pane_key(AgreementsPane)


def four_agreements(path: Path, clock: FixedClock) -> None:
    """Proposed, active, under repair (one day of it done), and waiting for its review."""
    today = clock.now().date()
    weeks_ago = today - timedelta(days=21)

    def signed(agreement_id: str, text: str) -> Agreement:
        proposed = propose(agreement_id, text, "a", weeks_ago, Repair(), 7)
        return sign(sign(proposed, "a"), "b")

    with Store.open(path, clock) as store:
        store.save_agreement(
            sign(propose("g1", "Phones away at dinner.", "b", today, Repair(), 7), "b")
        )
        store.save_agreement(signed("g2", "Each week we talk with our phones put away."))
        repairing, repair = log_lapse_with_repair(
            signed("g3", "When I feel ignored, I say so kindly."),
            "l3",
            "b",
            today - timedelta(days=1),
            today,
            "I was absorbed in my phone; you needed a listener.",
            store.rituals(),
        )
        store.save_lapse(repairing, repair)
        store.set_mark((today - timedelta(days=1)).isoformat(), repair.id, "b", Mark.DONE)
        waiting, repair = log_lapse_with_repair(
            signed("g4", "In hard talks we do not use sarcasm."),
            "l4",
            "a",
            today - timedelta(days=9),
            today,
            "",
            store.rituals(),
        )
        store.save_lapse(waiting, repair)


def test_agreements_in_each_state(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    four_agreements(set_up_path, clock)
    # The agreement under repair is selected: its lapse, note and progress show on the right.
    assert snap_compare(launch(set_up_path), press=[KEY, "down", "down"], terminal_size=(80, 24))


def test_a_proposal_offers_only_what_applies_to_it(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    four_agreements(set_up_path, clock)
    # Signed by one partner only: no lapse or review in the footer and the hint line.
    assert snap_compare(launch(set_up_path), press=[KEY], terminal_size=(80, 24))
