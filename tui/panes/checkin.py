"""The Check-in pane: the weekly speaking clock, its plan, and the history of past weeks.

It turns keys into moves, saves, and shows the result: the rules are in `tui.core` (checkins,
speaking, checkin_moves), the views in `tui.widgets.checkin_stage` and its neighbours.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message

from tui.core.checkin_moves import Move, finish_with, make_move, open_moves
from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    checkin_day,
    checkin_to_resume,
    closed_as_it_stands,
    new_checkin,
    other_partner,
)
from tui.core.models import InvalidSetting
from tui.core.speaking import Event, IllegalMove, SpeakingClock
from tui.keys import hint_line
from tui.panes.base import AttunePane
from tui.panes.checkin_look_back import LookBack
from tui.store import SaveFailed
from tui.widgets.checkin_history import HistoryView
from tui.widgets.checkin_questions import abandon_question, resume_question
from tui.widgets.checkin_stage import CheckinStage
from tui.widgets.moment_review import MomentReview
from tui.widgets.plan_editor import PlanEditor

if TYPE_CHECKING:
    from tui.dialogs.finish import FinishAnswers
    from tui.widgets.checkin_views import CoolingOffView, SummaryView

TICK_SECONDS = 0.2
"""How often the running clock is redrawn; the time shown is always computed afresh."""
_MOVES = frozenset(Move)
COOLING_OFF_ACTION = f"move('{Move.COOLING_OFF.value}')"


def _key_for(key: str, move: Move, description: str, tooltip: str, **options: Any) -> Binding:
    """The binding of `move`, its id named after it. Finishing and abandoning ask first, in a
    dialog: they have actions of their own."""
    action = move.value if move in (Move.FINISH, Move.ABANDON) else f"move('{move.value}')"
    return Binding(key, action, description, id=f"checkin.{move.value}", tooltip=tooltip, **options)


class CheckinPane(LookBack, AttunePane):
    """Plan the week's check-in, run the speaking clock, rate the week, look back."""

    TITLE = "Check-in"
    PANE_ID = "checkin"
    FAQ_TOPIC = "cooling-off"
    # One key can mean several moves: only the one open now is live (see `check_action`), and
    # the footer, the hint lines and the palette show only that one. Coming back from a break
    # and leaving the summary are keys of those two views (see tui/widgets/checkin_views.py).
    BINDINGS = [
        _key_for("space", Move.START, "Start", "Start the check-in or its next turn"),
        _key_for("space", Move.PAUSE, "Pause", "Pause the running turn"),
        _key_for("space", Move.CARRY_ON, "Carry on", "Carry on after the pause"),
        _key_for("enter,n", Move.HAND_OVER, "Hand over", "Hand the turn over", key_display="enter"),
        _key_for("enter,n", Move.CONFIRM_HEARD, "Heard", "Say you felt heard", key_display="enter"),
        _key_for("a", Move.ASK_AGAIN, "Try again", "Ask the listener to reflect back again"),
        _key_for("c", Move.COOLING_OFF, "Cooling-off", "Take the agreed cooling-off break"),
        _key_for(
            "plus,equals_sign",
            Move.ADD_MINUTE,
            "More time",
            "Give the running turn one more minute",
            key_display="+",
            show=False,
        ),
        _key_for(
            "minus",
            Move.TAKE_MINUTE,
            "Less time",
            "Take a minute from the running turn",
            key_display="-",
            show=False,
        ),
        _key_for("f", Move.FINISH, "Finish", "Rate the week and finish the check-in"),
        _key_for("escape", Move.ABANDON, "Abandon", "Abandon this check-in", show=False),
    ]

    class Finished(Message):
        """A check-in was finished: the weekly check-in ritual may have been ticked."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.talk: SpeakingClock | None = None
        self._interrupted: CheckinRecord | None = None
        self._first_speaker = "a"

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
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
        if self._interrupted is not None:
            self.call_after_refresh(self._offer_resume, self._interrupted)

    async def _mount_running_views(self) -> None:
        await self._stage.mount_running_views(self.store.settings().partners)
        self._stage.show(self.talk)

    def focus_primary(self) -> None:
        self._stage.focus_current()

    @property
    def is_under_way(self) -> bool:
        """True while a check-in has started and is not finished or abandoned."""
        return self.talk is not None and self.talk.is_under_way

    # --- the plan and the history ----------------------------------------------------------

    def on_plan_editor_change_requested(self, message: PlanEditor.ChangeRequested) -> None:
        """Save one changed line of the plan, then show the plan as saved."""
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

    # --- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        move = parameters[0] if action == "move" and parameters else action
        if move not in _MOVES:
            return True
        # Keys of another moment are hidden rather than greyed: the footer stays readable.
        return Move(move) in open_moves(self.talk)

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

    def action_finish(self) -> None:
        """Ask for the week's ratings; the check-in ends only once they are saved."""
        if not self.is_under_way:
            return
        from tui.dialogs.finish import FinishDialog

        # Nothing changes until the ratings are saved: going back to the check-in finds it
        # exactly as it was, the running turn still running.
        self.app.push_screen(FinishDialog(self.store.settings().partners), self._finished)

    def _finished(self, answers: FinishAnswers | None) -> None:
        talk = self.talk
        if answers is None or talk is None or not talk.is_under_way:
            return
        finish_with(talk, answers.ratings, answers.stuck)  # legal from any moment under way
        self._after_change()
        # The ritual is ticked for the day the history shows: the check-in's own logical day.
        rollover_hour = self.store.settings().day_rollover_hour
        day = checkin_day(talk.record, self.clock.time_zone, rollover_hour)
        talked_about = self.query_one(MomentReview).moment_ids

        def save() -> None:
            with self.store.batch():
                self.store.save_finished_checkin(talk.record, day.isoformat())
                self.store.mark_moments_talked_about(talked_about, day)

        self.try_save(save)
        self.post_message(self.Finished())
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
        self._make(Move.START)

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
        if self.talk is not None and self.talk.is_running:
            self._ticker.resume()
        else:
            self._ticker.pause()
        self._stage.show(self.talk)
        self._show_keys()

    def _back_to_plan(self) -> None:
        if self.talk is not None:
            self._first_speaker = other_partner(self.talk.plan.first_speaker)
        self.talk = None
        self._show_plan()
        self._after_change()
        self._show_history()
        self._show_moments_to_review()

    def settings_changed(self) -> None:
        self._stage.rename(self.partner_names())
        self._show_plan()
        self._show_history()
        self._show_moments_to_review()
