"""The weekly meeting's agenda in the Check-in pane: the steps around the talk, their keys and
their dialogs. The rules are in `tui.core.agenda`; the views in `tui.widgets.agenda_views`.

Every change of a step's content or of the step itself saves the check-in at once, so a crash
resumes at the same step with everything entered so far.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from msgspec.structs import asdict, replace

from tui.core import agenda as rules
from tui.core.agenda import AgendaRefused, StepMove
from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    Rating,
    checkin_day,
    is_unfinished,
    last_completed_before,
    last_ended_at,
    ratings_revealed,
)
from tui.core.ids import new_id
from tui.core.models import AgendaStep
from tui.core.moments import to_review_at_checkin
from tui.core.requests import new_request
from tui.core.speaking import Phase, SpeakingClock
from tui.core.text import InvalidText
from tui.core.wins import Win
from tui.panes.base import AttunePane
from tui.widgets.agenda_views import AgendaScene

if TYPE_CHECKING:
    from tui.dialogs.agenda import RatingAnswer
    from tui.dialogs.request import RequestDraft

RECENT_MOMENTS = 12
"""How many recent moments a request made at the check-in can be linked to."""


class AgendaSteps(AttunePane):
    """The agenda's part of the Check-in pane: it needs the pane's `talk` and its redrawing."""

    talk: SpeakingClock | None
    wins_at: Callable[[CheckinRecord, date], tuple[list[Win], bool]]
    """The wins a check-in names (the pane's look back, `LookBack.wins_at`)."""

    def _after_change(self) -> None:
        raise NotImplementedError

    def _close_checkin(self, skipping: bool) -> None:
        raise NotImplementedError

    def open_step_moves(self) -> frozenset[StepMove]:
        """The agenda's moves open now (none when no check-in is under way). Every check-in
        walks its steps: the clock alone, its talk and then its ratings."""
        talk = self.talk
        if talk is None or not talk.is_under_way:
            return frozenset()
        return rules.open_step_moves(talk.record, talk.phase)

    def away_from_the_talk(self) -> bool:
        """True at a step of the agenda other than the talk: the clock's keys rest."""
        talk = self.talk
        return talk is not None and talk.is_under_way and talk.record.step is not AgendaStep.TALK

    def action_step(self, name: str) -> None:
        """Make one move of the agenda: go on, skip, write, rate, end the talk, note stuck."""
        move = StepMove(name)
        talk = self.talk
        if talk is None or move not in self.open_step_moves():
            return
        if move in (StepMove.GO_ON, StepMove.SKIP, StepMove.FINISH):
            self._move_on(talk, skipping=move is StepMove.SKIP)
        elif move in (StepMove.APPRECIATE, StepMove.NEW_REQUEST, StepMove.WISH):
            self._write(talk.record)
        elif move is StepMove.RATE:
            self._rate(talk.record)
        elif move is StepMove.END_TALK:
            self.confirm(
                "End the talk here?",
                "The turns spoken so far are kept, the running one too; the agenda goes on.",
                "End the talk",
                self._end_talk,
                no="Keep talking",
            )
        elif move is StepMove.STUCK:
            self._amend(lambda record: replace(record, stuck=not record.stuck))
            if talk.record.stuck:
                self.notify(
                    "Noted. Next time, consider inviting a therapist or a trusted mediator to "
                    "help you both feel heard.",
                    markup=False,
                )

    # --- moving through the steps -------------------------------------------------------------

    def _move_on(self, talk: SpeakingClock, skipping: bool) -> None:
        record = talk.record
        if rules.is_last_step(record):
            self._close_checkin(skipping)
            return
        if record.step is AgendaStep.TALK and talk.phase is not Phase.WRAPPING_UP:
            talk.end_talking()
        self._amend(lambda current: rules.went_on(current, skipping=skipping))

    def _end_talk(self) -> None:
        talk = self.talk
        if talk is not None and StepMove.END_TALK in self.open_step_moves():
            talk.end_talking()
            self._amend(lambda record: record)

    def _amend(self, change: Callable[[CheckinRecord], CheckinRecord]) -> bool:
        """Change the check-in under way, save it, and show it; False when not saved (the
        change then stays on screen and is saved with the next one)."""
        talk = self.talk
        if talk is None:
            return False
        try:
            talk.record = change(talk.record)
        except (AgendaRefused, InvalidText) as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return False
        saved = self.try_save(lambda: self.store.save_checkin(talk.record))
        self._after_change()
        return saved

    # --- what each step writes ----------------------------------------------------------------

    def _write(self, record: CheckinRecord) -> None:
        # Dialogs are imported when first opened: start-up draws none of them.
        from tui.dialogs.agenda import AppreciationsDialog, WishesDialog

        partners = self.store.settings().partners
        first = record.plan.first_speaker
        if record.step is AgendaStep.APPRECIATIONS:
            last_week = last_completed_before(self.store.checkins(), record.id)
            dialog = AppreciationsDialog(
                partners,
                first,
                {partner: rules.appreciations_by(record, partner) for partner in "ab"},
                {partner: rules.appreciations_by(last_week, partner) for partner in "ab"},
            )
            self.ask(dialog, self._appreciations_written)
        elif record.step is AgendaStep.LOOKING_AHEAD:
            current = {partner: rules.wish_of(record, partner) for partner in "ab"}
            self.ask(WishesDialog(partners, first, current), self._wishes_written)
        elif record.step is AgendaStep.REQUESTS:
            from tui.dialogs.request import RequestDialog
            from tui.widgets.request_detail import moment_choices

            recent = self.store.moments()[-RECENT_MOMENTS:][::-1]
            rollover_hour = self.store.settings().day_rollover_hour
            choices = moment_choices(recent, self.clock.time_zone, rollover_hour)
            self.ask(RequestDialog(partners, choices), self._request_made)

    def _appreciations_written(self, written: dict[str, tuple[str, ...]]) -> None:
        def change(record: CheckinRecord) -> CheckinRecord:
            for partner, lines in written.items():
                record = rules.with_appreciations(record, partner, lines)
            return record

        self._amend(change)

    def _wishes_written(self, wishes: dict[str, str]) -> None:
        def change(record: CheckinRecord) -> CheckinRecord:
            for partner, wish in wishes.items():
                record = rules.with_wish(record, partner, wish)
            return record

        self._amend(change)

    def _request_made(self, draft: RequestDraft) -> None:
        talk = self.talk
        if talk is None:
            return
        request = new_request(new_id(), day=self.today, **asdict(draft))
        record = replace(talk.record, requests_made=(*talk.record.requests_made, request.id))

        def save() -> None:
            with self.store.batch():
                self.store.save_request(request)
                self.store.save_checkin(record)

        if self.try_save(save):
            talk.record = record
            self.notify("Request saved; it is in the Requests pane too.", markup=False)
        self._after_change()

    def _rate(self, record: CheckinRecord) -> None:
        from tui.dialogs.agenda import HiddenRatingDialog

        partner = rules.who_rates_next(record)
        if partner is None:
            return
        names = self.partner_names()
        other = "b" if partner == "a" else "a"
        dialog = HiddenRatingDialog(names[partner], names[other])
        self.ask(dialog, lambda answer: self._rated(partner, answer))

    def _rated(self, partner: str, answer: RatingAnswer) -> None:
        rating = None if answer.score is None else Rating(partner, answer.score, answer.note)
        self._amend(lambda record: rules.with_rating(record, rating, partner))

    # --- what the steps show ------------------------------------------------------------------

    def action_past(self) -> None:
        """Reread the check-ins held before, each as its summary showed it."""
        self.show_past()

    def show_past(self, record_id: str | None = None) -> None:
        """The past check-ins, newest first, opened at `record_id` (else the newest)."""
        from tui.dialogs.past_meetings import PastMeetingsDialog

        settings = self.store.settings()
        held = CheckinHistory(self.store.checkins()).completed
        meetings = []
        for record in reversed(held):
            day = checkin_day(record, self.clock.time_zone, settings.day_rollover_hour)
            label = day.format("D MMM YYYY") + ("\nunfinished" if is_unfinished(record) else "")
            meetings.append((label, record))
        start = next(
            (number for number, (_label, record) in enumerate(meetings) if record.id == record_id),
            0,
        )
        self.app.push_screen(PastMeetingsDialog(meetings, self.past_scene, start))

    def past_scene(self, record: CheckinRecord) -> AgendaScene:
        """Everything a finished check-in's summary shows, as of its own day."""
        settings = self.store.settings()
        day = checkin_day(record, self.clock.time_zone, settings.day_rollover_hour)
        return self.agenda_scene(record, as_of=date(day.year, day.month, day.day))

    def agenda_scene(self, record: CheckinRecord, as_of: date | None = None) -> AgendaScene:
        """What the step `record` is at needs from the store; everything, for the summary of a
        finished check-in (`as_of` its own day, for one held before)."""
        today = as_of or self.today
        rollover_hour = self.store.settings().day_rollover_hour
        scene = AgendaScene(
            record, self.partner_names(), today, self.clock.time_zone, rollover_hour
        )
        step = record.step
        finished = as_of is not None or not (self.talk is not None and self.talk.is_under_way)
        records = self.store.checkins()
        if step is AgendaStep.APPRECIATIONS:
            scene.last_week = last_completed_before(records, record.id)
        if step is AgendaStep.WINS or finished:
            self._gather_wins(scene, records, today)
        if step is AgendaStep.REQUESTS or finished:
            requests = self.store.requests()
            scene.awaiting = rules.awaiting_answer(requests, today)
            scene.made = [request for request in requests if request.id in record.requests_made]
        if ratings_revealed(record) or finished:
            scene.changes = rules.rating_changes(records, record)
        return scene

    def _gather_wins(self, scene: AgendaScene, records: list[CheckinRecord], today: date) -> None:
        settings = self.store.settings()
        scene.wins, _after_a_checkin = self.wins_at(scene.record, today)
        scene.streaks = rules.streaks_to_celebrate(
            self.store.rituals(), self.store.mark_book(), today, settings.week_start
        )
        others = [record for record in records if record.id != scene.record.id]
        scene.moments = to_review_at_checkin(self.store.moments(), last_ended_at(others))
