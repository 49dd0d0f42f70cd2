"""What every dashboard pane shares: its title, its help text and access to the data."""

from __future__ import annotations

from typing import ClassVar

from textual.message import Message
from textual.widgets import TabPane

from tui.clock import Clock
from tui.paths import CONTENT_DIR, stylesheet
from tui.store import ChangedOutside, Store


class AttunePane(TabPane):
    """A tab of the dashboard. Subclasses set `TITLE`, `PANE_ID` and their `BINDINGS`; the
    pane's help prose is `tui/content/help/<PANE_ID>.md`."""

    TITLE: ClassVar[str]
    PANE_ID: ClassVar[str]
    FAQ_TOPIC: ClassVar[str | None] = None
    """The FAQ entry that `g` opens from this pane."""
    STYLESHEET: ClassVar[str | None] = None
    """This pane's stylesheet in `styles/`, for a pane built when first shown (see
    `load_stylesheet`); the first screen's stylesheets are the app's."""

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__(self.TITLE, id=self.PANE_ID)
        self.store = store
        self.clock = clock

    def load_stylesheet(self) -> None:
        """Parse this pane's styles, once, just before its widgets are first built.

        Parsing styles is a good part of start-up; the first screen parses only what it draws.
        """
        if self.STYLESHEET is None:
            return
        path = str(stylesheet(self.STYLESHEET))
        styles = self.app.stylesheet
        if styles.has_source(path):
            return
        styles.read(path)
        styles.parse()
        self.app.update_styles(self)

    def help_text(self) -> str:
        """What this pane is for and how to use it (Markdown), shown above its keys in the help.

        Read when the help opens: prose is content, kept with the FAQ rather than in the code.
        """
        return (CONTENT_DIR / "help" / f"{self.PANE_ID}.md").read_text(encoding="utf-8")

    def note_day_turned(self) -> None:
        """The couple's day turned over while Attune was open: show the new "today"."""

    def settings_changed(self) -> None:
        """The couple saved new settings: redraw whatever shows them (names, the day's start,
        the week's first day, the plan). Read them from `store.settings()`."""

    class FileChangedOutside(Message):
        """A save found the data file changed by another program: the screen offers a reload."""

        def __init__(self, problem: ChangedOutside) -> None:
            super().__init__()
            self.problem = problem

    def report_unsaved(self, problem: Exception, title: str = "Not saved") -> None:
        """Tell the couple, in plain words, that a change did not reach the disk.

        When another program changed the file, the screen says so and offers to read it again.
        """
        if isinstance(problem, ChangedOutside):
            self.post_message(self.FileChangedOutside(problem))
            return
        self.notify(str(problem), title=title, severity="error", markup=False)

    def focus_primary(self) -> None:
        """Give the keyboard to this pane's main widget, so the pane's keys work at once."""
        raise NotImplementedError
