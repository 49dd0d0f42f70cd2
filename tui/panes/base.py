"""What every dashboard pane shares: its title, its help text and access to the data."""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import TabPane

from tui.clock import Clock
from tui.store import Store


class AttunePane(TabPane):
    """A tab of the dashboard. Subclasses set `TITLE`, `PANE_ID`, `HELP` and their `BINDINGS`."""

    TITLE: ClassVar[str]
    PANE_ID: ClassVar[str]
    HELP: ClassVar[str] = ""
    """Markdown shown by the help screen when this pane is the current one."""
    FAQ_TOPIC: ClassVar[str | None] = None
    """The FAQ entry that `g` opens from this pane."""

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__(self.TITLE, id=self.PANE_ID)
        self.store = store
        self.clock = clock

    def report_unsaved(self, problem: Exception, title: str = "Not saved") -> None:
        """Tell the couple, in plain words, that a change did not reach the disk."""
        self.notify(str(problem), title=title, severity="error", markup=False)

    def focus_primary(self) -> None:
        """Give the keyboard to this pane's main widget, so the pane's keys work at once."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
