"""The two views of the Moments pane, one shown at a time: the log (the legend, the list and
the selected moment's detail) and the patterns."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Static

from tui.widgets.moment_detail import MomentDetail
from tui.widgets.moment_list import LEGEND, MomentList
from tui.widgets.moment_patterns import MomentPatternsView


class MomentViews(ContentSwitcher):
    """The log of moments, or their patterns."""

    def __init__(self, **options: Any) -> None:
        super().__init__(
            Vertical(
                Static(LEGEND, id="moment-legend", classes="hint"),
                Horizontal(
                    MomentList(id="moment-list"),
                    VerticalScroll(MomentDetail(id="moment-detail"), id="moment-detail-box"),
                    id="moments-log-body",
                ),
                id="moments-log",
            ),
            VerticalScroll(MomentPatternsView(id="moment-patterns"), id="moments-patterns"),
            initial="moments-log",
            **options,
        )

    def show_patterns(self, showing: bool) -> None:
        """Show the patterns (`showing`) or the log."""
        self.current = "moments-patterns" if showing else "moments-log"
