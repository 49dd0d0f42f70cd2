"""The check-in under way in the Check-in pane, and every save of it.

Its `SpeakingClock` holds the one copy of the check-in record. Every move of the clock and
every change a step makes returns a new record (`tui.core.checkin_moves`, `tui.core.agenda`)
that is saved at once, so a relaunch resumes where the meeting stood. `Meeting` tells the
couple what a rule refused; the pane calls it and draws what it holds, and hears by a message
what the couple answered to its questions (resume an interrupted check-in, abandon this one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from msgspec.structs import replace
from textual.message import Message
from textual.widget import Widget

from tui.clock import Clock
from tui.core import agenda as rules
from tui.core.agenda import AgendaRefused
from tui.core.checkin_moves import Move, make_move
from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    checkin_day,
    closed_as_it_stands,
    finished,
    new_checkin,
)
from tui.core.models import AgendaStep, InvalidSetting
from tui.core.requests import Request
from tui.core.speaking import Event, IllegalMove, SpeakingClock
from tui.core.text import InvalidText
from tui.dialogs.asking import ask
from tui.keys import key_label
from tui.panes.checkin_keys import CHECKIN_BINDINGS, COOLING_OFF_ACTION
from tui.store import Store
from tui.widgets.checkin_questions import abandon_question, resume_question

TrySave = Callable[[Callable[[], object], str], bool]
"""Runs a store write and says whether it reached the disk (the pane's `try_save`, which tells
the couple when it did not)."""


class Meeting(Widget):
    """The check-in under way (`talk`, none before one starts) and the one interrupted by a
    crash (`interrupted`, until the couple resume it or close it as it stood). It draws
    nothing."""

    class Resumed(Message):
        """The couple chose to go on with the interrupted check-in: it is under way again."""

    class ClosedAsItStood(Message):
        """The interrupted check-in was closed as it stood, and saved so."""

    class Abandoned(Message):
        """The couple gave up the check-in under way; the turns so far are kept."""

    def __init__(self, store: Store, clock: Clock, try_save: TrySave) -> None:
        super().__init__()
        self.display = False
        self.store = store
        self.clock = clock
        self._try_save = try_save
        self.talk: SpeakingClock | None = None
        self.interrupted: CheckinRecord | None = None
        self.first_speaker = "a"
        """Who opens the next check-in: this week's choice, not a setting, kept until it
        starts."""

    @property
    def is_under_way(self) -> bool:
        """True while a check-in has started and is not finished or abandoned."""
        return self.talk is not None and self.talk.is_under_way

    def save(self) -> bool:
        """Save the check-in as it stands now; False when it did not reach the disk."""
        talk = self.talk
        return talk is None or self._try_save(
            lambda: self.store.save_checkin(talk.record), "Not saved"
        )

    def change_plan(self, field: str, value: object) -> bool:
        """Change one line of the next check-in's plan: who opens, or a setting (saved);
        False, the couple told why, when it was not changed."""
        if field == "first_speaker":
            self.first_speaker = str(value)
            return True
        try:
            return self._try_save(
                lambda: self.store.update_settings(**{field: value}), "Plan not changed"
            )
        except InvalidSetting as problem:
            self.notify(str(problem), title="Plan not changed", severity="error", markup=False)
            return False

    def back_to_plan(self) -> None:
        """Done with the check-in: plan the next. As at the next launch, whoever opened the
        last check-in held (not one abandoned) listens first."""
        self.talk = None
        self.first_speaker = CheckinHistory(self.store.checkins()).next_first_speaker()

    def begin(self) -> None:
        """Start this week's check-in as planned (an interrupted one is closed as it stood
        first); saved as it starts."""
        if self.interrupted is not None:
            self._close_interrupted()
        started_at = self.clock.now().isoformat()
        record = new_checkin(self.store.settings(), self.first_speaker, started_at)
        self.talk = SpeakingClock(record, self.clock)
        if record.step is AgendaStep.TALK:
            self.make(Move.START)
        else:
            self.save()

    def make(self, move: Move) -> bool:
        """Make a move on the clock and save the check-in when it changed; False, the couple
        told why, when the move does not apply now."""
        talk = self.talk
        if talk is None:
            return False
        try:
            changed = make_move(talk, move)
        except IllegalMove as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return False
        if changed:
            self.save()
        return True

    def amend(self, change: Callable[[CheckinRecord], CheckinRecord]) -> bool:
        """Change what the check-in holds and save it (a change not saved stays and is saved
        with the next one); False, the couple told why, when a rule refused the change."""
        talk = self.talk
        if talk is None:
            return False
        try:
            talk.record = change(talk.record)
        except (AgendaRefused, InvalidText) as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return False
        self.save()
        return True

    def go_on(self, skipping: bool) -> bool:
        """On to the next step, `skipping` this one; leaving the talk ends it, the running
        turn counted as it stands."""
        talk = self.talk
        if talk is not None and talk.record.step is AgendaStep.TALK:
            talk.end_talking()
        return self.amend(lambda record: rules.went_on(record, skipping=skipping))

    def end_talk(self) -> None:
        """End the talk here, the turns so far kept; the agenda goes on from it."""
        if self.talk is not None:
            self.talk.end_talking()
            self.save()

    def add_request(self, request: Request) -> None:
        """Save `request`, made at the requests step, with the check-in that names it."""
        talk = self.talk
        if talk is None:
            return
        record = replace(talk.record, requests_made=(*talk.record.requests_made, request.id))

        def save() -> None:
            with self.store.batch():
                self.store.save_request(request)
                self.store.save_checkin(record)

        if self._try_save(save, "Not saved"):
            talk.record = record
            self.notify("Request saved; it is in the Requests pane too.", markup=False)

    def finish(self, skipping: bool, shown_moments: list[str]) -> date | None:
        """Finish the check-in at its last step (`skipping` it, perhaps), the moments in
        `shown_moments` marked talked about; its day, or None when not saved (it then stays at
        its last step, and the same key finishes it once the problem is fixed)."""
        talk = self.talk
        if talk is None or not talk.is_under_way:
            return None
        record = rules.skipped_last_step(talk.record) if skipping else talk.record
        ended_at = self.clock.now().isoformat()
        closing = finished(record, ended_at)
        # The ritual is ticked for the day the history shows: the check-in's own logical day.
        rollover_hour = self.store.settings().day_rollover_hour
        day = checkin_day(closing, self.clock.time_zone, rollover_hour)
        talked_about = shown_moments
        if not (rules.is_clock_only(closing) or rules.was_done(closing, AgendaStep.WINS)):
            talked_about = []  # without the clock alone, only the wins step shows them
        # A moment shown for review may have been deleted since, in the Moments pane.
        kept = {moment.id for moment in self.store.moments()}
        talked_about = [moment_id for moment_id in talked_about if moment_id in kept]

        def save() -> None:
            with self.store.batch():
                self.store.save_finished_checkin(closing, day.isoformat())
                self.store.mark_moments_talked_about(talked_about, day)

        if not self._try_save(save, "Check-in not saved, so not finished yet"):
            return None
        talk.record = record
        talk.finish(ended_at)
        return day

    def poll(self) -> list[str]:
        """Announce what just happened on the running clock: a bell when a turn's time or the
        break is over; what to tell the couple (the talk ran past the agreed limit)."""
        talk = self.talk
        notices = []
        for event in talk.poll() if talk is not None else ():
            if event in (Event.TIME_UP, Event.COOLING_OFF_OVER):
                self.app.bell()
            elif event is Event.HEATED_LIMIT_REACHED:
                binding = next(b for b in CHECKIN_BINDINGS if b.action == COOLING_OFF_ACTION)
                notices.append(
                    "You have talked past your agreed limit since the last break. "
                    f"Press {key_label(self.app, binding)} for a cooling-off."
                )
        return notices

    def offer_abandon(self) -> None:
        """Ask before giving up the check-in under way; the turns so far are kept."""
        if self.is_under_way:
            ask(self, abandon_question(), self._abandon_answered)

    def _abandon_answered(self, abandon: bool) -> None:
        if abandon and self.is_under_way:
            self.make(Move.ABANDON)
            self.notify("Check-in abandoned; the turns so far are kept.", markup=False)
            self.post_message(self.Abandoned())

    def offer_resume(self, record: CheckinRecord) -> None:
        """Offer to resume `record`, a check-in interrupted by a crash, or close it as it
        stood."""
        self.interrupted = record
        ask(self, resume_question(record), self._resume_answered)

    def _resume_answered(self, resume: bool) -> None:
        record = self.interrupted
        if record is None:
            return
        if resume:
            self.interrupted = None
            self.talk = SpeakingClock(record, self.clock)
            self.post_message(self.Resumed())
        elif self._close_interrupted():
            self.post_message(self.ClosedAsItStood())

    def _close_interrupted(self) -> bool:
        """Close the interrupted check-in as it stood; False when that was not saved (it is
        then offered again)."""
        record = self.interrupted
        if record is None:
            return False
        self.interrupted = None
        closed = closed_as_it_stands(record, self.clock.now().isoformat())
        if not self._try_save(lambda: self.store.save_checkin(closed), "Not closed"):
            self.interrupted = record
            return False
        return True
