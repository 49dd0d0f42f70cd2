"""What the Check-in pane shows: the plan and history before a check-in, then the view of the
phase it is in (the turn, the cooling-off, the summary).

The pane owns the check-in and its keys; this widget only draws what it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Static

from tui.core.models import AgendaStep, Partners, Settings
from tui.core.speaking import Phase, SpeakingClock
from tui.keys import hint_line
from tui.widgets.checkin_history import HistoryView
from tui.widgets.moment_review import MomentReview
from tui.widgets.plan_editor import PlanEditor

if TYPE_CHECKING:
    from tui.widgets.agenda_views import AgendaScene, AgendaView
    from tui.widgets.checkin_views import RunningView

PLAN_VIEW = "plan-view"
TALK_VIEW, COOLING_VIEW, SUMMARY_VIEW = "talk-view", "cooling-view", "summary-view"
AGENDA_VIEW = "agenda-view"


class CheckinStage(ContentSwitcher):
    """The plan before a check-in; once one runs, the view for its phase, drawn as it is now."""

    def __init__(self, settings: Settings, first_speaker: str, *, id: str | None = None) -> None:
        super().__init__(initial=PLAN_VIEW, id=id)
        self._settings = settings
        self._first_speaker = first_speaker
        self._running_views: dict[str, RunningView | AgendaView] = {}
        self._last_frame: tuple[object, ...] = ()
        self._scene: AgendaScene | None = None
        self._keys = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id=PLAN_VIEW):
            with Vertical(id="plan-card", classes="card"):
                yield Static("This week's check-in", classes="card-title")
                yield PlanEditor(self._settings, self._first_speaker, id="plan")
                yield Static(id="plan-keys", classes="hint")
                yield MomentReview(id="moment-review")
            yield HistoryView(self._settings.partners, id="history", classes="card")

    async def mount_running_views(self, partners: Partners) -> None:
        """Add the views of a running check-in; called just after the first frame, so that
        start-up shows only the plan and styles nothing it does not show."""
        from tui.widgets.agenda_views import AgendaView
        from tui.widgets.checkin_views import CoolingOffView, SummaryView, TalkView

        self._running_views = {
            TALK_VIEW: TalkView(partners, id=TALK_VIEW),
            COOLING_VIEW: CoolingOffView(id=COOLING_VIEW),
            SUMMARY_VIEW: SummaryView(partners, id=SUMMARY_VIEW),
            AGENDA_VIEW: AgendaView(id=AGENDA_VIEW),
        }
        for view in self._running_views.values():
            view.display = False  # the switcher hides only the children it mounted with
        await self.mount_all(self._running_views.values())
        self.show_keys(self._keys)

    def show(self, talk: SpeakingClock | None, scene: AgendaScene | None = None) -> None:
        """Switch to the view of `talk`'s phase (the plan when there is none) and draw it;
        `scene` is what a check-in with an agenda shows at its step, or in its summary."""
        if talk is None or talk.phase is Phase.ABANDONED:
            self._switch_to(PLAN_VIEW)
            return
        if not self._running_views:
            return
        self._last_frame = _frame_of(talk)
        self._scene = scene
        if talk.phase is Phase.FINISHED:
            view = SUMMARY_VIEW
        elif scene is not None and talk.record.step is not AgendaStep.TALK:
            view = AGENDA_VIEW
        elif talk.phase is Phase.COOLING_OFF:
            view = COOLING_VIEW
        else:
            view = TALK_VIEW
        self._switch_to(view)
        shown = self._running_views[view]
        if view == AGENDA_VIEW and scene is not None:
            shown.show_scene(scene)  # type: ignore[union-attr]
        else:
            shown.show(talk)  # type: ignore[union-attr]
        if view == SUMMARY_VIEW:
            shown.show_agenda(scene)  # type: ignore[union-attr]

    def redraw(self, talk: SpeakingClock) -> None:
        """Draw `talk` again if anything shown has changed since the last drawing."""
        if self._running_views and _frame_of(talk) != self._last_frame:
            self.show(talk, self._scene)

    def show_keys(self, keys: str) -> None:
        """Show `keys` (the pane's keys that work now) under every view; the plan's own keys
        come first under the plan."""
        self._keys = keys
        editor_keys = hint_line(self.query_one(PlanEditor))
        plan_keys = " · ".join(line for line in (editor_keys, keys) if line)
        self.query_one("#plan-keys", Static).update(Text(plan_keys))
        for view in self._running_views.values():
            view.show_keys(keys)

    def rename(self, names: dict[str, str]) -> None:
        """Show the partners' new names in the history and the running views."""
        self.query_one(HistoryView).names = names
        for view in self._running_views.values():
            if hasattr(view, "names"):
                view.names = names

    def focus_current(self) -> None:
        """Give the keyboard to the view on show, so the pane's keys work at once."""
        if self.current == PLAN_VIEW:
            self.query_one(PlanEditor).focus()
        elif self.current is not None:
            self._running_views[self.current].focus()

    def _switch_to(self, view: str) -> None:
        if self.current != view:
            self.current = view
            self.focus_current()


def _frame_of(talk: SpeakingClock) -> tuple[object, ...]:
    """Everything the running views show that changes with time, to the shown precision."""
    return (
        talk.record.step,
        talk.phase,
        -(-talk.remaining_ms() // 1000),
        talk.talk_since_break_ms() // 60_000,
        talk.cooling_off_remaining_ms() // 1000,
        talk.cooling_off_suggested,
    )
