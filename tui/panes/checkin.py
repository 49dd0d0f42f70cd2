"""The Check-in pane: the weekly speaking clock, its plan, and the history of past weeks.

It composes its parts (`Meeting`, `AgendaSteps`, `LookBack`), hears what they post, and draws
what they hold in `tui.widgets.checkin_stage` and its neighbours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from tui.core import agenda as agenda_rules
from tui.core.agenda import StepMove
from tui.core.checkin_moves import Move, open_moves
from tui.core.checkins import CheckinHistory, CheckinRecord, checkin_to_resume
from tui.core.speaking import SpeakingClock
from tui.dialogs.asking import ask
from tui.keys import hint_line
from tui.panes.base import AttunePane
from tui.panes.checkin_agenda import AgendaSteps
from tui.panes.checkin_keys import CHECKIN_BINDINGS, is_open, open_step_moves
from tui.panes.checkin_look_back import LookBack
from tui.panes.checkin_meeting import Meeting
from tui.widgets.agenda_views import step_line
from tui.widgets.checkin_history import HistoryView
from tui.widgets.checkin_stage import CheckinStage
from tui.widgets.moment_review import MomentReview
from tui.widgets.plan_editor import PlanEditor
from tui.widgets.request_wins import WinsSinceCheckin

if TYPE_CHECKING:
    from tui.widgets.checkin_views import CoolingOffView, SummaryView

TICK_SECONDS = 0.2
"""How often the running clock is redrawn; the time shown is always computed afresh."""


class CheckinPane(AttunePane):
    """Plan the week's meeting, walk through its agenda around the speaking clock, rate the
    week together, look back."""

    TITLE = "Check-in"
    PANE_ID = "checkin"
    FAQ_TOPIC = "cooling-off"
    # Coming back from a break and leaving the summary are keys of those two views
    # (see tui/widgets/checkin_views.py).
    BINDINGS = CHECKIN_BINDINGS

    class Finished(Message):
        """A check-in was finished: the weekly check-in ritual may have been ticked."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._meeting = Meeting(self.store, self.clock, self.try_save)
        self._look_back = LookBack(self.store, self.clock)
        self._has_history = False

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-step-line")
        yield CheckinStage(self.store.settings(), self._meeting.first_speaker, id="checkin-views")
        yield self._meeting
        yield AgendaSteps(self.store, self.clock)

    def on_mount(self) -> None:
        self._stage = self.query_one(CheckinStage)
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.call_after_refresh(self._mount_running_views)
        records = self.store.checkins()
        self._meeting.first_speaker = CheckinHistory(records).next_first_speaker()
        self._show_plan()
        self._show_keys()
        # Dates need pendulum, which loads after the first frame so start-up stays quick.
        self.call_after_refresh(self._show_look_back, records)
        if self.talk is not None:
            # Carried over a reload: the check-in under way, saved into the file as it is now.
            self._meeting.save()
        elif (interrupted := checkin_to_resume(records)) is not None:
            self._meeting.interrupted = interrupted
            self.call_after_refresh(self._meeting.offer_resume, interrupted)

    async def _mount_running_views(self) -> None:
        await self._stage.mount_running_views(self.store.settings().partners)
        if self.talk is not None:
            self._after_change()  # a check-in carried over a reload of the data file

    def focus_primary(self) -> None:
        self._stage.focus_current()

    def on_show(self) -> None:
        # A step shows what other panes keep (requests answered, moments marked): read it
        # again on coming back to the meeting.
        if self.is_under_way:
            self._after_change()

    @property
    def talk(self) -> SpeakingClock | None:
        """The check-in under way or just finished: its clock holds the one record."""
        return self._meeting.talk

    def running_checkin(self) -> SpeakingClock | None:
        """The check-in under way, if any: to carry over a reload of the data file."""
        return self.talk if self.is_under_way else None

    def carry_on_with(self, talk: SpeakingClock) -> None:
        """Before this pane is mounted: go on with `talk`, a check-in under way when the data
        file was read again. Its clock keeps running; it is saved once the pane is mounted."""
        self._meeting.talk = talk

    @property
    def is_under_way(self) -> bool:
        """True while a check-in has started and is not finished or abandoned."""
        return self._meeting.is_under_way

    # --- the plan and the look back --------------------------------------------------------

    def on_plan_editor_change_requested(self, message: PlanEditor.ChangeRequested) -> None:
        """Save one changed line of the plan, then show the plan as saved."""
        if message.field == "choose_steps":
            self.action_choose_steps()
        elif self._meeting.change_plan(message.field, message.value):
            self._show_plan()
            self._show_history()

    def action_choose_steps(self) -> None:
        """Choose which steps the check-in walks through (the clock alone is one of them)."""
        if self.talk is not None:
            return
        from tui.dialogs.agenda import AgendaDialog

        def chosen(steps: tuple[object, ...]) -> None:
            self.on_plan_editor_change_requested(PlanEditor.ChangeRequested("agenda", steps))

        ask(self, AgendaDialog(self.store.settings().agenda), chosen)

    def note_day_turned(self) -> None:
        self._show_history()

    def _show_plan(self) -> None:
        self.query_one(PlanEditor).show(self.store.settings(), self._meeting.first_speaker)

    def _show_history(self, records: list[CheckinRecord] | None = None) -> None:
        had_history = self._has_history
        self._has_history = self._look_back.show_history(self.query_one(HistoryView), records)
        if had_history != self._has_history:
            self._show_keys()  # the past weeks' key comes with the first check-in held

    def _show_look_back(self, records: list[CheckinRecord] | None = None) -> None:
        """The history, and the moments marked for this check-in, beside the plan."""
        self._show_history(records)
        review = self.query_one("#moment-review", MomentReview)
        self._look_back.show_moments_to_review(review, records)

    def action_past(self) -> None:
        """Reread the check-ins held before, each as its summary showed it."""
        self.show_past()

    def show_past(self, record_id: str | None = None) -> None:
        """The past check-ins, newest first, opened at `record_id` (else the newest)."""
        self.app.push_screen(self._look_back.past_weeks(record_id))

    # --- the clock's moves -----------------------------------------------------------------

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return is_open(action, parameters, self.talk, self._has_history)

    def action_move(self, name: str) -> None:
        """Make one move of the check-in: start, pause, hand over, come back..."""
        move = Move(name)
        if move is Move.START and not self.is_under_way:
            self._meeting.begin()
            self._show_history()  # an interrupted check-in may have been closed first
            self._after_change()
        elif self._meeting.make(move):
            self._after_change()

    def action_abandon(self) -> None:
        """Give up this check-in after asking; the turns so far are kept."""
        self._meeting.offer_abandon()

    # The cooling-off and the summary each have one key of their own, shown only with them.

    def on_cooling_off_view_come_back_requested(self, _: CoolingOffView.ComeBackRequested) -> None:
        """Back from the break, to where the talk stopped."""
        if Move.COME_BACK in open_moves(self.talk) and self._meeting.make(Move.COME_BACK):
            self._after_change()

    def on_summary_view_plan_next_requested(self, _: SummaryView.PlanNextRequested) -> None:
        """Done with the summary: the plan of the next check-in."""
        if Move.PLAN_NEXT in open_moves(self.talk):
            self._back_to_plan()

    def on_meeting_abandoned(self, _: Meeting.Abandoned) -> None:
        self._back_to_plan()

    def on_meeting_resumed(self, _: Meeting.Resumed) -> None:
        self._after_change()

    def on_meeting_closed_as_it_stood(self, _: Meeting.ClosedAsItStood) -> None:
        self._show_history()

    # --- the agenda's steps ----------------------------------------------------------------

    def action_step(self, name: str) -> None:
        """Make one move of the agenda: go on, skip, write, rate, end the talk, note stuck."""
        if self.talk is not None:
            self.query_one(AgendaSteps).take(StepMove(name), self.talk)

    def on_agenda_steps_record_changed(self, message: AgendaSteps.RecordChanged) -> None:
        """A step changed what the check-in holds: change the one record, save it, show it."""
        if not self._meeting.amend(message.change):
            return
        self._after_change()
        notice = message.notice(self.talk.record) if message.notice and self.talk else ""
        if notice:
            self.notify(notice, markup=False)

    def on_agenda_steps_go_on_requested(self, message: AgendaSteps.GoOnRequested) -> None:
        """On to the next step, or finish the check-in at its last."""
        talk = self.talk
        if talk is None or not talk.is_under_way:
            return
        if agenda_rules.is_last_step(talk.record):
            self._finish(message.skipping)
        elif self._meeting.go_on(message.skipping):
            self._after_change()

    def on_agenda_steps_talk_end_requested(self, _: AgendaSteps.TalkEndRequested) -> None:
        """End the talk here; the agenda goes on from it."""
        if StepMove.END_TALK in open_step_moves(self.talk):
            self._meeting.end_talk()
            self._after_change()

    def on_agenda_steps_request_made(self, message: AgendaSteps.RequestMade) -> None:
        """Save the request made at the requests step with the check-in that names it."""
        self._meeting.add_request(message.request)
        self._after_change()

    def _finish(self, skipping: bool) -> None:
        """Finish the check-in at its last step: shown finished only once saved."""
        shown_moments = self.query_one("#moment-review", MomentReview).moment_ids
        day = self._meeting.finish(skipping, shown_moments)
        if day is None or self.talk is None:
            return
        self.post_message(self.Finished())
        self._after_change()
        self._show_history()
        wins = self.query_one(WinsSinceCheckin)
        self._look_back.show_wins_since_last_checkin(wins, self.talk.record, day)

    # --- drawing ---------------------------------------------------------------------------

    def tick(self) -> None:
        """Announce what just happened and redraw the clock from the monotonic time."""
        talk = self.talk
        if talk is None:
            return
        for notice in self._meeting.poll():
            self.notify(notice, title="Time for a cooling-off?", markup=False)
        self._stage.redraw(talk)

    def _show_keys(self) -> None:
        """Tell the footer, the hint lines and the palette what works now."""
        self.refresh_bindings()
        self._stage.show_keys(hint_line(self))

    def _after_change(self) -> None:
        talk = self.talk
        if talk is not None and talk.is_running:
            self._ticker.resume()
        else:
            self._ticker.pause()
        scene = None
        if talk is not None:
            scene = self._look_back.scene(talk.record, under_way=talk.is_under_way)
        self._stage.show(talk, scene)
        line = self.query_one("#agenda-step-line", Static)
        line.display = self.is_under_way
        if self.is_under_way and talk is not None:
            line.update(step_line(talk.record))
        self._show_keys()

    def _back_to_plan(self) -> None:
        self._meeting.back_to_plan()
        self._show_plan()
        self._after_change()
        self._show_look_back()

    def settings_changed(self) -> None:
        self._stage.rename(self.store.settings().partners.names())
        if self.talk is not None:
            # A check-in under way is drawn again at once: a paused talk or a step waiting
            # for the couple is not redrawn by the clock, and would go on naming them as before.
            self._after_change()
        self._show_plan()
        self._show_look_back()
