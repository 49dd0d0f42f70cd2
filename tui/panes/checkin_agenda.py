"""The weekly meeting's agenda in the Check-in pane: what each step's key does, and the
dialogs the steps open. The rules are in `tui.core.agenda`; the views in
`tui.widgets.agenda_views`.

`AgendaSteps` never holds the check-in: it is handed the speaking clock when a key asks for a
step, and tells the pane by a message what the step changes. The pane applies the change
through its `Meeting`, which holds the one record and saves it at once, so a crash resumes at
the same step with everything entered so far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from msgspec.structs import asdict, replace
from textual.message import Message
from textual.widget import Widget

from tui.clock import Clock
from tui.core import agenda as rules
from tui.core.agenda import StepMove
from tui.core.checkins import CheckinRecord, Rating, last_completed_before
from tui.core.days import logical_day
from tui.core.ids import new_id
from tui.core.models import AgendaStep
from tui.core.requests import Request, new_request
from tui.core.speaking import SpeakingClock
from tui.dialogs.asking import ask, confirm
from tui.panes.checkin_keys import open_step_moves
from tui.store import Store

if TYPE_CHECKING:
    from tui.dialogs.agenda import RatingAnswer
    from tui.dialogs.request import RequestDraft

RECENT_MOMENTS = 12
"""How many recent moments a request made at the check-in can be linked to."""
STUCK_NOTICE = (
    "Noted. Next time, consider inviting a therapist or a trusted mediator to help you both "
    "feel heard."
)


class AgendaSteps(Widget):
    """The agenda's steps around the talk: turns a step's key into a dialog or a change, and
    posts the change to the pane, whose `Meeting` holds the check-in. It draws nothing."""

    class RecordChanged(Message):
        """A step changed what the check-in holds: the pane applies `change` to the record
        under way, saves it and shows it."""

        def __init__(
            self,
            change: Callable[[CheckinRecord], CheckinRecord],
            notice: Callable[[CheckinRecord], str] | None = None,
        ) -> None:
            super().__init__()
            self.change = change
            self.notice = notice
            """What to tell the couple once the change is made, read from the changed record
            (nothing when it gives "")."""

    class GoOnRequested(Message):
        """Go on to the next step (`skipping` this one), or finish at the last step: which
        one is decided from the record as it is when the pane gets this."""

        def __init__(self, skipping: bool) -> None:
            super().__init__()
            self.skipping = skipping

    class TalkEndRequested(Message):
        """End the talk here, the turns so far kept; the agenda goes on."""

    class RequestMade(Message):
        """A request was written at the requests step: the pane saves it together with the
        check-in that names it."""

        def __init__(self, request: Request) -> None:
            super().__init__()
            self.request = request

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.display = False

    def take(self, move: StepMove, talk: SpeakingClock) -> None:
        """Make one move of the agenda on the check-in `talk` holds: go on, skip, write,
        rate, end the talk, note stuck."""
        if move not in open_step_moves(talk):
            return
        if move in (StepMove.GO_ON, StepMove.SKIP, StepMove.FINISH):
            self.post_message(self.GoOnRequested(skipping=move is StepMove.SKIP))
        elif move in (StepMove.APPRECIATE, StepMove.NEW_REQUEST, StepMove.WISH):
            self._write(talk.record)
        elif move is StepMove.RATE:
            self._rate(talk.record)
        elif move is StepMove.END_TALK:
            confirm(
                self,
                "End the talk here?",
                "The turns spoken so far are kept, the running one too; the agenda goes on.",
                "End the talk",
                lambda: self.post_message(self.TalkEndRequested()),
                no="Keep talking",
            )
        elif move is StepMove.STUCK:
            self.post_message(
                self.RecordChanged(
                    lambda record: replace(record, stuck=not record.stuck),
                    lambda record: STUCK_NOTICE if record.stuck else "",
                )
            )

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
            ask(self, dialog, self._appreciations_written)
        elif record.step is AgendaStep.LOOKING_AHEAD:
            current = {partner: rules.wish_of(record, partner) for partner in "ab"}
            ask(self, WishesDialog(partners, first, current), self._wishes_written)
        elif record.step is AgendaStep.REQUESTS:
            from tui.dialogs.request import RequestDialog
            from tui.widgets.request_detail import moment_choices

            recent = self.store.moments()[-RECENT_MOMENTS:][::-1]
            rollover_hour = self.store.settings().day_rollover_hour
            choices = moment_choices(recent, self.clock.time_zone, rollover_hour)
            ask(self, RequestDialog(partners, choices), self._request_made)

    def _appreciations_written(self, written: dict[str, tuple[str, ...]]) -> None:
        def change(record: CheckinRecord) -> CheckinRecord:
            for partner, lines in written.items():
                record = rules.with_appreciations(record, partner, lines)
            return record

        self.post_message(self.RecordChanged(change))

    def _wishes_written(self, wishes: dict[str, str]) -> None:
        def change(record: CheckinRecord) -> CheckinRecord:
            for partner, wish in wishes.items():
                record = rules.with_wish(record, partner, wish)
            return record

        self.post_message(self.RecordChanged(change))

    def _request_made(self, draft: RequestDraft) -> None:
        today = logical_day(self.clock.now(), self.store.settings().day_rollover_hour)
        request = new_request(new_id(), day=today, **asdict(draft))
        self.post_message(self.RequestMade(request))

    def _rate(self, record: CheckinRecord) -> None:
        from tui.dialogs.agenda import HiddenRatingDialog

        partner = rules.who_rates_next(record)
        if partner is None:
            return
        names = self.store.settings().partners.names()
        other = "b" if partner == "a" else "a"
        dialog = HiddenRatingDialog(names[partner], names[other])
        ask(self, dialog, lambda answer: self._rated(partner, answer))

    def _rated(self, partner: str, answer: RatingAnswer) -> None:
        rating = None if answer.score is None else Rating(partner, answer.score, answer.note)
        self.post_message(
            self.RecordChanged(lambda record: rules.with_rating(record, rating, partner))
        )
