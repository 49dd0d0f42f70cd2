"""The Check-in pane: the weekly speaking clock."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.panes.base import AttunePane


class CheckinPane(AttunePane):
    """Check-in: the weekly speaking clock."""

    TITLE = "Check-in"
    PANE_ID = "checkin"
    HELP = (
        "The weekly check-in gives each of you an agreed, uninterrupted time to speak about how "
        "the week felt, what you need and what disappointed you, while the other listens and "
        "then says back what they heard."
    )

    def compose(self) -> ComposeResult:
        yield Static(
            "Check-in is coming soon: the weekly speaking clock.",
            classes="coming-soon",
        )
