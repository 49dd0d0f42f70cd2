"""The FAQ pane: answers about emotional neglect and healing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.panes.base import AttunePane


class FaqPane(AttunePane):
    """FAQ: answers about emotional neglect and healing."""

    TITLE = "FAQ"
    PANE_ID = "faq"
    HELP = (
        "Plain answers to common questions about emotional neglect and how couples recover from it."
    )

    def compose(self) -> ComposeResult:
        yield Static(
            "FAQ is coming soon: answers about emotional neglect and healing.",
            classes="coming-soon",
        )
