"""What every dashboard pane shares: its title, its help text and access to the data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual.message import Message
from textual.widget import Widget
from textual.widgets import TabPane

from tui.clock import Clock
from tui.core.days import logical_day
from tui.paths import CONTENT_DIR, stylesheet
from tui.store import ChangedOutside, SaveFailed, Store


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
        self._built = False

    def _build(self) -> list[Widget]:
        """The widgets of a pane built when first shown (see `build_once`)."""
        return []

    @property
    def _builds_when_shown(self) -> bool:
        return type(self)._build is not AttunePane._build

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether an action of this pane can run now (Textual asks before every key, and
        the footer, the hint line, the help and the palette show only what it allows).

        A pane built when first shown offers nothing until its widgets are there: a palette
        opened the moment its tab appears would otherwise run a command on no widgets at all.
        Each pane says what it allows in `can_run`.
        """
        if self._builds_when_shown and not self._built:
            return False
        return self.can_run(action, parameters)

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether `action` applies now, once the pane's widgets are built (see
        `check_action`); every action by default."""
        return True

    async def build_once(self) -> bool:
        """Mount the pane's widgets the first time it is shown; True that first time.

        Start-up draws only the first pane, and every widget mounted before the first frame
        delays it.
        """
        if self._built:
            return False
        self.load_stylesheet()
        await self.mount_all(self._build())
        self._built = True
        return True

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
        the week's first day, the plan), now if the pane is showing, else when next shown.
        Read them from `store.settings()`."""

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

    @property
    def today(self) -> date:
        """The couple's day now: it turns at their rollover hour, not at midnight."""
        return logical_day(self.clock.now(), self.store.settings().day_rollover_hour)

    def try_save(
        self,
        save: Callable[[], object],
        title: str = "Not saved",
        refusals: tuple[type[Exception], ...] = (),
    ) -> bool:
        """Run a store write: False, the couple told in plain words, when it did not reach the
        disk (`SaveFailed`) or a rule refused it (one of `refusals`, told as a gentle warning)."""
        try:
            save()
        except SaveFailed as problem:
            self.report_unsaved(problem, title)
            return False
        except refusals as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return False
        return True


class ListingPane(AttunePane):
    """A pane that lists records (rituals, requests, agreements, moments, therapy): some of
    its actions work on the record under the cursor."""

    def _selected(self) -> Any:
        """The record under the cursor, if any."""
        return None

    @property
    def _current(self) -> Any:
        """The selected record, for the actions `check_action` lets run only on one."""
        selected = self._selected()
        if selected is None:
            raise LookupError("nothing is selected")
        return selected
