"""The Check-in pane: the weekly speaking clock, its plan, and the history of past weeks.

It turns keys into moves, saves, and shows the result: the rules are in `tui.core` (checkins,
speaking, checkin_moves), the views in `tui.widgets.checkin_stage` and its neighbours.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from tui.core import agenda as agenda_rules
from tui.core.agenda import StepMove
from tui.core.checkin_moves import Move, make_move, open_moves
from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    checkin_day,
    checkin_to_resume,
    closed_as_it_stands,
    finished,
    new_checkin,
)
from tui.core.models import AgendaStep, InvalidSetting
from tui.core.speaking import Event, IllegalMove, SpeakingClock
from tui.keys import hint_line
from tui.panes.base import AttunePane
from tui.panes.checkin_agenda import AgendaSteps
from tui.panes.checkin_keys import CHECKIN_BINDINGS
from tui.panes.checkin_look_back import LookBack
from tui.store import SaveFailed
from tui.widgets.agenda_views import step_line
from tui.widgets.checkin_history import HistoryView
from tui.widgets.checkin_questions import abandon_question, resume_question
from tui.widgets.checkin_stage import CheckinStage
from tui.widgets.moment_review import MomentReview
from tui.widgets.plan_editor import PlanEditor

if TYPE_CHECKING:
    from tui.widgets.checkin_views import CoolingOffView, SummaryView

TICK_SECONDS = 0.2
"""How often the running clock is redrawn; the time shown is always computed afresh."""
_MOVES = frozenset(Move)
_STEP_MOVES = frozenset(StepMove)
COOLING_OFF_ACTION = f"move('{Move.COOLING_OFF.value}')"


class CheckinPane(AgendaSteps, LookBack, AttunePane):
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
        self.talk: SpeakingClock | None = None
        self._interrupted: CheckinRecord | None = None
        self._first_speaker = "a"
        self._has_history = False

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-step-line")
        yield CheckinStage(self.store.settings(), self._first_speaker, id="checkin-views")

    def on_mount(self) -> None:
        self._stage = self.query_one(CheckinStage)
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.call_after_refresh(self._mount_running_views)
        records = self.store.checkins()
        self._first_speaker = CheckinHistory(records).next_first_speaker()
        self._show_plan()
        self._show_keys()
        # Dates need pendulum, which loads after the first frame so start-up stays quick.
        self.call_after_refresh(self._show_history, records)
        self.call_after_refresh(self._show_moments_to_review, records)
        self._interrupted = checkin_to_resume(records)
        talk = self.talk
        if talk is not None:
            # Carried over a reload: the check-in under way, saved into the file as it is now.
            self._interrupted = None
            self.try_save(lambda: self.store.save_checkin(talk.record))
        elif self._interrupted is not None:
            self.call_after_refresh(self._offer_resume, self._interrupted)

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

    def running_checkin(self) -> SpeakingClock | None:
        """The check-in under way, if any: to carry over a reload of the data file."""
        return self.talk if self.is_under_way else None

    def carry_on_with(self, talk: SpeakingClock) -> None:
        """Before this pane is mounted: go on with `talk`, a check-in under way when the data
        file was read again. Its clock keeps running; it is saved once the pane is mounted."""
        self.talk = talk

    @property
    def is_under_way(self) -> bool:
        """True while a check-in has started and is not finished or abandoned."""
        return self.talk is not None and self.talk.is_under_way

    # --- the plan and the history ----------------------------------------------------------

    def on_plan_editor_change_requested(self, message: PlanEditor.ChangeRequested) -> None:
        """Save one changed line of the plan, then show the plan as saved."""
        if message.field == "choose_steps":
            self.action_choose_steps()
            return
        if message.field == "first_speaker":
            # Who opens is this week's choice, not a setting: it is kept only until the start.
            self._first_speaker = str(message.value)
        else:
            try:
                self.store.update_settings(**{message.field: message.value})
            except (SaveFailed, InvalidSetting) as problem:
                self.report_unsaved(problem, "Plan not changed")
                return
        self._show_plan()
        self._show_history()

    def note_day_turned(self) -> None:
        self._show_history()

    def _show_plan(self) -> None:
        self.query_one(PlanEditor).show(self.store.settings(), self._first_speaker)

    def _show_history(self, records: list[CheckinRecord] | None = None) -> None:
        history = CheckinHistory(records if records is not None else self.store.checkins())
        self.query_one(HistoryView).show(history, self.store.settings(), self.clock.now())
        had_history, self._has_history = self._has_history, bool(history.completed)
        if had_history != self._has_history:
            self._show_keys()  # the past weeks' key comes with the first check-in held

    # --- keys ------------------------------------------------------------------------------

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys of another moment are hidden rather than greyed: the footer stays readable.
        if action == "step" and parameters and parameters[0] in _STEP_MOVES:
            return StepMove(str(parameters[0])) in self.open_step_moves()
        if action == "choose_steps":
            return not self.is_under_way and self.talk is None
        if action == "past":
            # Before a check-in starts, and once one was held.
            return self.talk is None and self._has_history
        move = parameters[0] if action == "move" and parameters else action
        if move not in _MOVES:
            return True
        move = Move(move)
        if move is not Move.ABANDON and self.away_from_the_talk():
            return False  # the clock works at the talk only; finishing is the last step's
        return move in open_moves(self.talk)

    def action_choose_steps(self) -> None:
        """Choose which steps the check-in walks through (the clock alone is one of them)."""
        if self.talk is not None:
            return
        from tui.dialogs.agenda import AgendaDialog

        def chosen(steps: tuple[object, ...]) -> None:
            self.on_plan_editor_change_requested(PlanEditor.ChangeRequested("agenda", steps))

        self.ask(AgendaDialog(self.store.settings().agenda), chosen)

    def _show_keys(self) -> None:
        """Tell the footer, the hint lines and the palette what works now."""
        self.refresh_bindings()
        self._stage.show_keys(hint_line(self))

    def action_move(self, name: str) -> None:
        """Make one move of the check-in: start, pause, hand over, come back..."""
        move = Move(name)
        if move is Move.START and not self.is_under_way:
            self._begin_new_checkin()
        else:
            self._make(move)

    # The cooling-off and the summary each have one key of their own, shown only with them.

    def on_cooling_off_view_come_back_requested(self, _: CoolingOffView.ComeBackRequested) -> None:
        """Back from the break, to where the talk stopped."""
        if Move.COME_BACK in open_moves(self.talk):
            self._make(Move.COME_BACK)

    def on_summary_view_plan_next_requested(self, _: SummaryView.PlanNextRequested) -> None:
        """Done with the summary: the plan of the next check-in."""
        if Move.PLAN_NEXT in open_moves(self.talk):
            self._back_to_plan()

    def _close_checkin(self, skipping: bool) -> None:
        """Finish the check-in at its last step (`skipping` it, perhaps). Shown finished only
        once saved: if the save fails, the couple is told, the meeting stays at its last step,
        and the same key finishes it once the problem is fixed."""
        talk = self.talk
        if talk is None or not talk.is_under_way:
            return
        record = agenda_rules.skipped_last_step(talk.record) if skipping else talk.record
        ended_at = self.clock.now().isoformat()
        closing = finished(record, ended_at)
        # The ritual is ticked for the day the history shows: the check-in's own logical day.
        rollover_hour = self.store.settings().day_rollover_hour
        day = checkin_day(closing, self.clock.time_zone, rollover_hour)
        talked_about = self.query_one("#moment-review", MomentReview).moment_ids
        if not (
            agenda_rules.is_clock_only(closing) or agenda_rules.was_done(closing, AgendaStep.WINS)
        ):
            talked_about = []  # without the clock alone, only the wins step shows them
        # A moment shown for review may have been deleted since, in the Moments pane.
        still_kept = {moment.id for moment in self.store.moments()}
        talked_about = [moment_id for moment_id in talked_about if moment_id in still_kept]

        def save() -> None:
            with self.store.batch():
                self.store.save_finished_checkin(closing, day.isoformat())
                self.store.mark_moments_talked_about(talked_about, day)

        if not self.try_save(save, "Check-in not saved, so not finished yet"):
            return
        talk.record = record
        talk.finish(ended_at)
        self.post_message(self.Finished())
        self._after_change()
        self._show_history()
        self._show_wins_since_last_checkin(talk.record, day)

    def action_abandon(self) -> None:
        """Give up this check-in after asking; the turns so far are kept."""
        if self.is_under_way:
            self.app.push_screen(abandon_question(), self._abandon_confirmed)

    def _abandon_confirmed(self, answer: bool | None) -> None:
        if answer and self.is_under_way:
            self._make(Move.ABANDON)
            self.notify("Check-in abandoned; the turns so far are kept.", markup=False)
            self._back_to_plan()

    # --- resuming after a crash ------------------------------------------------------------

    def _offer_resume(self, record: CheckinRecord) -> None:
        self.app.push_screen(resume_question(record), partial(self._resume_answered, record))

    def _resume_answered(self, record: CheckinRecord, answer: bool | None) -> None:
        if answer is None:
            return
        self._interrupted = None
        if answer:
            self.talk = SpeakingClock(record, self.clock)
            self._after_change()
            return
        closed = closed_as_it_stands(record, self.clock.now().isoformat())
        if not self.try_save(lambda: self.store.save_checkin(closed), "Not closed"):
            self._interrupted = record
            return
        self._show_history()

    # --- the running clock -----------------------------------------------------------------

    def tick(self) -> None:
        """Announce what just happened and redraw the clock from the monotonic time."""
        talk = self.talk
        if talk is None:
            return
        for event in talk.poll():
            if event in (Event.TIME_UP, Event.COOLING_OFF_OVER):
                self.app.bell()
            elif event is Event.HEATED_LIMIT_REACHED:
                self.notify(
                    "You have talked past your agreed limit since the last break. "
                    f"Press {self.key_of(COOLING_OFF_ACTION)} for a cooling-off.",
                    title="Time for a cooling-off?",
                    markup=False,
                )
        self._stage.redraw(talk)

    def _begin_new_checkin(self) -> None:
        if self._interrupted is not None:
            self._resume_answered(self._interrupted, False)
        started_at = self.clock.now().isoformat()
        record = new_checkin(self.store.settings(), self._first_speaker, started_at)
        self.talk = SpeakingClock(record, self.clock)
        if record.step is AgendaStep.TALK:
            self._make(Move.START)
        else:
            self.try_save(lambda: self.store.save_checkin(record))
            self._after_change()

    def _make(self, move: Move) -> None:
        """Make a move on the clock, save the check-in when it changed, and show it."""
        talk = self.talk
        if talk is None:
            return
        try:
            changed = make_move(talk, move)
        except IllegalMove as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return
        if changed:
            self.try_save(lambda: self.store.save_checkin(talk.record))
        self._after_change()

    def _after_change(self) -> None:
        talk = self.talk
        if talk is not None and talk.is_running:
            self._ticker.resume()
        else:
            self._ticker.pause()
        scene = self.agenda_scene(talk.record) if talk is not None else None
        self._stage.show(talk, scene)
        line = self.query_one("#agenda-step-line", Static)
        line.display = self.is_under_way
        if self.is_under_way and talk is not None:
            line.update(step_line(talk.record))
        self._show_keys()

    def _back_to_plan(self) -> None:
        # As at the next launch: whoever opened the last check-in held (not one abandoned)
        # listens first.
        self._first_speaker = CheckinHistory(self.store.checkins()).next_first_speaker()
        self.talk = None
        self._show_plan()
        self._after_change()
        self._show_history()
        self._show_moments_to_review()

    def settings_changed(self) -> None:
        self._stage.rename(self.partner_names())
        if self.talk is not None:
            # A check-in under way is drawn again at once: a paused talk or a step waiting
            # for the couple is not redrawn by the clock, and would go on naming them as before.
            self._after_change()
        self._show_plan()
        self._show_history()
        self._show_moments_to_review()
