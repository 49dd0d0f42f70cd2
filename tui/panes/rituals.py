"""The Rituals pane: daily and weekly rituals with streaks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.panes.base import AttunePane


class RitualsPane(AttunePane):
    """Rituals: daily and weekly rituals with streaks."""

    TITLE = "Rituals"
    PANE_ID = "rituals"
    HELP = (
        "Rituals are the small, reliable habits that rebuild closeness: talk time without "
        "phones, one act in your partner's love language, a word of thanks, cooking together."
    )

    def compose(self) -> ComposeResult:
        yield Static(
            "Rituals is coming soon: daily and weekly rituals with streaks.",
            classes="coming-soon",
        )
