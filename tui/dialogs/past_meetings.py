"""The check-ins held before, each as its summary showed it: to reread last month's
appreciations, what was asked for, how connected each felt and what each wished for."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.checkins import CheckinRecord
from tui.dialogs.base import Dialog
from tui.keys import hint_line, key
from tui.widgets.agenda_views import AgendaScene, meeting_summary


class PastMeetingsDialog(Dialog[None]):
    """The past check-ins, newest first; the one under the cursor is shown beside the list."""

    BINDINGS = [
        key(
            "past", "escape", "close", "Close", "Close the past check-ins and go back", footer=True
        ),
    ]

    def __init__(
        self,
        meetings: Sequence[tuple[str, CheckinRecord]],
        scene_of: Callable[[CheckinRecord], AgendaScene],
        start: int = 0,
    ) -> None:
        """`meetings` are (label, record), newest first; `scene_of` gathers what one shows;
        the list opens on the meeting at `start`."""
        super().__init__()
        self.meetings = list(meetings)
        self.scene_of = scene_of
        self.start = start if 0 <= start < len(self.meetings) else 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog past-meetings"):
            yield Static("Past check-ins", classes="dialog-title")
            with Horizontal(id="past-body"):
                yield OptionList(
                    *(
                        Option(Text(label), id=str(number))
                        for number, (label, _record) in enumerate(self.meetings)
                    ),
                    id="past-list",
                )
                with VerticalScroll(id="past-detail"):
                    yield Static(id="past-summary")
            yield Static(
                Text(
                    "↑ ↓ choose a week · tab to the summary to scroll it · "
                    + hint_line(self, self.own_bindings())
                ),
                classes="form-keys",
            )

    def on_mount(self) -> None:
        weeks = self.query_one("#past-list", OptionList)
        weeks.focus()
        if self.meetings:
            # The list starts on its week without announcing it: show it here.
            weeks.highlighted = self.start
            self._show(self.start)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the week under the cursor."""
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        _label, record = self.meetings[index]
        self.query_one("#past-summary", Static).update(meeting_summary(self.scene_of(record)))
        self.query_one("#past-detail", VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        """Back to where the past check-ins were opened from."""
        self.dismiss(None)
