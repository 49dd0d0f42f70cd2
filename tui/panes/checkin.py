"""The Check-in pane: the weekly speaking clock, its plan, and the history of past weeks."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from msgspec.structs import replace
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, Static

from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    CheckinStatus,
    checkin_day,
    other_partner,
    plan_from_settings,
)
from tui.core.models import InvalidSetting
from tui.core.speaking import TALKING, Event, IllegalMove, Phase, SpeakingClock
from tui.panes.base import AttunePane
from tui.store import SaveFailed
from tui.widgets.checkin_history import HistoryView
from tui.widgets.plan_editor import PlanEditor

if TYPE_CHECKING:
    from tui.dialogs.finish import FinishAnswers

TICK_SECONDS = 0.2
"""How often the running clock is redrawn; the time shown is always computed afresh."""

_UNDER_WAY = (
    Phase.READY,
    Phase.SPEAKING,
    Phase.REFLECT_BACK,
    Phase.PAUSED,
    Phase.COOLING_OFF,
    Phase.WRAPPING_UP,
)


class CheckinPane(AttunePane):
    """Plan the week's check-in, run the speaking clock, rate the week, look back."""

    TITLE = "Check-in"
    PANE_ID = "checkin"
    FAQ_TOPIC = "cooling-off"
    HELP = (
        "Once a week each of you speaks for an agreed time about how the week felt, what you "
        "need and what disappointed you, while the other listens without interrupting. After "
        "each turn the listener says back what they heard, and the speaker confirms they felt "
        "heard or asks for another try.\n\n"
        "When the time is up the bell rings once and the clock counts the overtime upwards; hand "
        "over when the sentence is finished. When the talk since the last break passes the "
        "agreed heated-talk limit, Attune suggests a cooling-off: a calm pause, after which the "
        "talk resumes exactly where it stopped.\n\n"
        "Before starting, use the arrow keys to change the plan: who speaks first, the turn "
        "length, rounds, reflect-back, the heated-talk limit and the cooling-off. Whoever spoke "
        "first last week listens first this week. If you get stuck, consider inviting a "
        "therapist or a mediator to your next check-in."
    )
    BINDINGS = [
        Binding("space", "start_or_pause", "Start/pause", id="checkin.start"),
        Binding("enter,n", "hand_over", "Hand over", key_display="enter", id="checkin.hand_over"),
        Binding("a", "ask_again", "Try again", tooltip="Ask the listener to reflect back again"),
        Binding("plus,equals_sign", "add_minute", "+1 min", key_display="+", show=False),
        Binding("minus", "take_minute", "-1 min", key_display="-", show=False),
        Binding("c", "cooling_off", "Cooling-off"),
        Binding("f", "finish", "Finish"),
        Binding(
            "escape",
            "abandon",
            "Abandon",
            show=False,
            tooltip="Abandon this check-in (asks first)",
        ),
    ]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.talk: SpeakingClock | None = None
        self._running_views_ready = False
        self._last_frame: tuple[object, ...] = ()
        self._interrupted: CheckinRecord | None = None
        self._first_speaker = "a"

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        settings = self.store.settings()
        with ContentSwitcher(initial="plan-view", id="checkin-views"):
            with Horizontal(id="plan-view"):
                with Vertical(id="plan-card", classes="card"):
                    yield Static("This week's check-in", classes="card-title")
                    yield PlanEditor(settings, self._first_speaker, id="plan")
                    yield Static("↑↓ line · ←→ change · space: start", classes="hint")
                yield HistoryView(settings.partners, id="history", classes="card")

    async def _mount_running_views(self) -> None:
        # Mounted just after the first frame: start-up shows only the plan, and every widget
        # mounted before it is styled before anything appears.
        from tui.widgets.checkin_views import CoolingOffView, SummaryView, TalkView

        partners = self.store.settings().partners
        views = [
            TalkView(partners, id="talk-view"),
            CoolingOffView(id="cooling-view"),
            SummaryView(partners, id="summary-view"),
        ]
        for view in views:
            view.display = False  # ContentSwitcher hides only the children it mounted with
        await self.query_one(ContentSwitcher).mount_all(views)
        self._running_views_ready = True
        self._render_talk()

    def on_mount(self) -> None:
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.call_after_refresh(self._mount_running_views)
        records = self.store.checkins()
        self._first_speaker = CheckinHistory(records).next_first_speaker()
        self._show_plan()
        # Dates need pendulum, which loads after the first frame so start-up stays quick.
        self.call_after_refresh(self._show_history, records)
        # The newest, should an older one have been left unfinished too.
        unfinished = next(
            (
                record
                for record in reversed(records)
                if record.status is CheckinStatus.IN_PROGRESS
            ),
            None,
        )
        if unfinished is not None:
            self._interrupted = unfinished
            self.call_after_refresh(self._offer_resume, unfinished)

    def focus_primary(self) -> None:
        views = self.query_one(ContentSwitcher)
        if views.current == "plan-view":
            self.query_one(PlanEditor).focus()
        elif views.current is not None:
            self.query_one(f"#{views.current}").focus()

    @property
    def is_under_way(self) -> bool:
        """True while a check-in has started and is not finished or abandoned."""
        return self.talk is not None and self.talk.phase in _UNDER_WAY

    # --- the plan ------------------------------------------------------------------------

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

    # --- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        talk = self.talk
        phase = talk.phase if talk else None
        talking = talk.talking_phase if talk else None
        enabled = {
            "hand_over": talking in TALKING and phase is not Phase.COOLING_OFF,
            "ask_again": phase is Phase.REFLECT_BACK,
            "add_minute": talking in TALKING,
            "take_minute": talking in TALKING,
            "cooling_off": phase in (*TALKING, Phase.PAUSED, Phase.COOLING_OFF),
            "finish": self.is_under_way,
            "abandon": self.is_under_way,
        }
        # Keys of another phase are hidden rather than greyed: the footer stays readable.
        return enabled.get(action, True)

    def action_start_or_pause(self) -> None:
        """Start the check-in, pause or carry on, come back from a break, or plan the next."""
        talk = self.talk
        if talk is None or talk.phase in (Phase.FINISHED, Phase.ABANDONED):
            if talk is not None and talk.phase is Phase.FINISHED and self._showing("summary-view"):
                self._back_to_plan()
                return
            self._begin_new_checkin()
        elif talk.phase is Phase.READY:
            self._act(talk.start)
        elif talk.phase is Phase.COOLING_OFF:
            self._act(talk.resume_after_cooling_off)
        elif talk.phase is not Phase.WRAPPING_UP:
            self._act(talk.toggle_pause)

    def action_hand_over(self) -> None:
        """End the speaking turn, or confirm the speaker felt heard in a reflect-back."""
        if self.talk is None:
            return
        if self.talk.talking_phase is Phase.REFLECT_BACK:
            self._act(self.talk.confirm_heard)
        else:
            self._act(self.talk.hand_over)

    def action_ask_again(self) -> None:
        """The speaker did not feel heard yet: the listener tries again."""
        if self.talk is not None:
            self._act(self.talk.ask_again)

    def action_add_minute(self) -> None:
        """One more minute for the running turn."""
        if self.talk is not None:
            self._act(self.talk.add_minute, save=False)

    def action_take_minute(self) -> None:
        """One minute less for the running turn."""
        if self.talk is not None:
            self._act(self.talk.take_minute, save=False)

    def action_cooling_off(self) -> None:
        """Start the agreed break, or come back from it."""
        if self.talk is None:
            return
        if self.talk.phase is Phase.COOLING_OFF:
            self._act(self.talk.resume_after_cooling_off)
        else:
            self._act(self.talk.start_cooling_off)

    def action_finish(self) -> None:
        """Ask for the week's ratings; the check-in ends only once they are saved."""
        talk = self.talk
        if talk is None or not self.is_under_way:
            return
        from tui.dialogs.finish import FinishDialog

        # Nothing changes until the ratings are saved: going back to the check-in finds it
        # exactly as it was, the running turn still running.
        self.app.push_screen(FinishDialog(self.store.settings().partners), self._finished)

    class Finished(Message):
        """A check-in was finished: the weekly check-in ritual may have been ticked."""

    def _finished(self, answers: FinishAnswers | None) -> None:
        talk = self.talk
        if answers is None or talk is None or not self.is_under_way:
            return

        def end_and_rate() -> None:
            talk.end_talking()
            talk.finish(answers.ratings, answers.stuck)

        self._act(end_and_rate, save=False)
        # The ritual is ticked for the day the history shows: the check-in's own logical day.
        rollover_hour = self.store.settings().day_rollover_hour
        day = checkin_day(talk.record, self.clock.time_zone, rollover_hour)
        try:
            self.store.save_finished_checkin(talk.record, day.isoformat())
        except SaveFailed as problem:
            self.report_unsaved(problem)
        self.post_message(self.Finished())
        self._show_history()

    def action_abandon(self) -> None:
        """Give up this check-in after asking; the turns so far are kept."""
        if not self.is_under_way:
            return
        from tui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(
                "Abandon this check-in?",
                "The turns spoken so far are kept in the history, but the check-in will not "
                "count as finished.",
                yes="Abandon",
                no="Keep going",
            ),
            self._abandon_confirmed,
        )

    def _abandon_confirmed(self, answer: bool | None) -> None:
        if answer and self.talk is not None and self.is_under_way:
            self._act(self.talk.abandon)
            self.notify("Check-in abandoned; the turns so far are kept.", markup=False)
            self._back_to_plan()

    # --- resuming after a crash ------------------------------------------------------------

    def _offer_resume(self, record: CheckinRecord) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        turns = len(record.turns)
        self.app.push_screen(
            ConfirmDialog(
                "An unfinished check-in",
                f"A check-in started {_when(record.started_at)} stopped after {turns} "
                f"{'turn' if turns == 1 else 'turns'}. Resume it where it stopped, or close "
                "it as it stands (its turns are kept)?",
                yes="Resume",
                no="Close as it stands",
            ),
            lambda answer: self._resume_answered(record, answer),
        )

    def _resume_answered(self, record: CheckinRecord, answer: bool | None) -> None:
        if answer is None:
            return
        self._interrupted = None
        if answer:
            self.talk = SpeakingClock(record, self.clock)
            self._after_change()
            return
        closed = replace(record, status=CheckinStatus.CLOSED, ended_at=self.clock.now().isoformat())
        try:
            self.store.save_checkin(closed)
        except SaveFailed as problem:
            self.report_unsaved(problem, "Not closed")
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
            if event is Event.TIME_UP:
                self.app.bell()
            elif event is Event.HEATED_LIMIT_REACHED:
                self.notify(
                    "You have talked past your agreed limit since the last break. "
                    "Press c for a cooling-off.",
                    title="Time for a cooling-off?",
                    markup=False,
                )
            elif event is Event.COOLING_OFF_OVER:
                self.app.bell()
        frame = self._frame_of(talk)
        if frame != self._last_frame:
            self._render_talk()

    def _frame_of(self, talk: SpeakingClock) -> tuple[object, ...]:
        """Everything the running views show that changes with time, to the shown precision."""
        return (
            talk.phase,
            -(-talk.remaining_ms() // 1000),
            talk.talk_since_break_ms() // 60_000,
            talk.cooling_off_remaining_ms() // 1000,
            talk.cooling_off_suggested,
        )

    def _begin_new_checkin(self) -> None:
        if self._interrupted is not None:
            self._resume_answered(self._interrupted, False)
        record = CheckinRecord(
            id=uuid.uuid4().hex,
            started_at=self.clock.now().isoformat(),
            plan=plan_from_settings(self.store.settings(), self._first_speaker),
        )
        self.talk = SpeakingClock(record, self.clock)
        self._act(self.talk.start)

    def _act(self, move, save: bool = True) -> None:  # type: ignore[no-untyped-def]
        """Make a move on the clock, save the check-in, and show the new state."""
        try:
            move()
        except IllegalMove as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return
        if save and self.talk is not None:
            try:
                self.store.save_checkin(self.talk.record)
            except SaveFailed as problem:
                self.report_unsaved(problem)
        self._after_change()

    def _after_change(self) -> None:
        talk = self.talk
        running = talk is not None and talk.phase in (*TALKING, Phase.COOLING_OFF)
        if running:
            self._ticker.resume()
        else:
            self._ticker.pause()
        self._render_talk()
        self.refresh_bindings()

    def _render_talk(self) -> None:
        talk = self.talk
        if talk is None or not self._running_views_ready:
            return
        self._last_frame = self._frame_of(talk)
        from tui.widgets.checkin_views import CoolingOffView, SummaryView, TalkView

        if talk.phase is Phase.COOLING_OFF:
            self._switch_to("cooling-view")
            self.query_one(CoolingOffView).show(talk)
        elif talk.phase is Phase.FINISHED:
            self._switch_to("summary-view")
            self.query_one(SummaryView).show(talk.record)
        elif talk.phase is Phase.ABANDONED:
            self._switch_to("plan-view")
        else:
            self._switch_to("talk-view")
            self.query_one(TalkView).show(talk)

    def _switch_to(self, view: str) -> None:
        views = self.query_one(ContentSwitcher)
        if views.current != view:
            views.current = view
            self.focus_primary()

    def _showing(self, view: str) -> bool:
        return self.query_one(ContentSwitcher).current == view

    def _back_to_plan(self) -> None:
        if self.talk is not None:
            self._first_speaker = other_partner(self.talk.plan.first_speaker)
        self.talk = None
        self._ticker.pause()
        self._show_plan()
        self._switch_to("plan-view")
        self._show_history()
        self.refresh_bindings()


def _when(moment: str) -> str:
    import pendulum

    return pendulum.parse(moment).format("dddd D MMMM [at] HH:mm")  # type: ignore[union-attr]
