"""The Agreements pane: the boundaries you both signed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.panes.base import AttunePane


class AgreementsPane(AttunePane):
    """Agreements: the boundaries you both signed."""

    TITLE = "Agreements"
    PANE_ID = "agreements"
    FAQ_TOPIC = "restorative-consequences"
    HELP = (
        "Agreements are the few behaviours you both choose to hold yourselves to. When one of "
        "you slips, the follow-up is a repair, not a punishment."
    )

    def compose(self) -> ComposeResult:
        yield Static(
            "Agreements is coming soon: the boundaries you both signed.",
            classes="coming-soon",
        )
