"""What the Check-in pane shows of the weeks behind: the history beside the plan, the moments
marked for this check-in, the requests that came true since the last one, the past weeks, and
what each step of a meeting shows (its `AgendaScene`).

`LookBack` reads the store each time it is asked and never changes anything, so it posts no
message: the pane asks it and draws what it returns.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tui.clock import Clock
from tui.core import agenda as rules
from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    checkin_day,
    is_unfinished,
    last_completed_before,
    last_ended_at,
    previous_checkin_day,
    ratings_revealed,
)
from tui.core.days import logical_day
from tui.core.models import AgendaStep
from tui.core.moments import to_review_at_checkin
from tui.core.wins import Win, wins_for_checkin, wins_of_requests
from tui.store import Store
from tui.widgets.agenda_views import AgendaScene
from tui.widgets.checkin_history import HistoryView
from tui.widgets.moment_review import MomentReview
from tui.widgets.request_wins import WinsSinceCheckin

if TYPE_CHECKING:
    from tui.dialogs.past_meetings import PastMeetingsDialog


class LookBack:
    """The Check-in pane's look back at the weeks behind, read afresh from the store."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def show_history(self, view: HistoryView, records: list[CheckinRecord] | None = None) -> bool:
        """Draw the history beside the plan; True once a check-in was held."""
        history = CheckinHistory(records if records is not None else self.store.checkins())
        view.show(history, self.store.settings(), self.clock.now())
        return bool(history.completed)

    def show_moments_to_review(
        self, view: MomentReview, records: list[CheckinRecord] | None = None
    ) -> None:
        """The moments marked for this check-in since the last one, under the plan."""
        since = last_ended_at(records if records is not None else self.store.checkins())
        moments = to_review_at_checkin(self.store.moments(), since)
        settings = self.store.settings()
        names = settings.partners.names(with_both=True)
        view.show(moments, names, self.clock.time_zone, settings.day_rollover_hour)

    def wins_at(self, record: CheckinRecord, day: date) -> tuple[list[Win], bool]:
        """The requests that came true for the check-in `record` of `day` to name, and whether
        a check-in came before it (else they are the week's before the first)."""
        rollover_hour = self.store.settings().day_rollover_hour
        before = previous_checkin_day(
            self.store.checkins(), record.id, self.clock.time_zone, rollover_hour
        )
        last = None if before is None else date(before.year, before.month, before.day)
        store = self.store
        every = wins_of_requests(store.requests(), store.mark_book(), store.agreements())
        return wins_for_checkin(every, last, day), last is not None

    def show_wins_since_last_checkin(
        self, view: WinsSinceCheckin, record: CheckinRecord, day: date
    ) -> None:
        """Under the summary: the requests that came true since the check-in before this one,
        unless the summary's wins step already names them."""
        wins, after_a_checkin = self.wins_at(record, day)
        if rules.was_done(record, AgendaStep.WINS):
            wins = []
        view.show_wins(wins, after_a_checkin)

    def past_weeks(self, record_id: str | None = None) -> PastMeetingsDialog:
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
        return PastMeetingsDialog(meetings, self.past_scene, start)

    def past_scene(self, record: CheckinRecord) -> AgendaScene:
        """Everything a finished check-in's summary shows, as of its own day."""
        settings = self.store.settings()
        day = checkin_day(record, self.clock.time_zone, settings.day_rollover_hour)
        return self.scene(record, under_way=False, as_of=date(day.year, day.month, day.day))

    def scene(
        self, record: CheckinRecord, *, under_way: bool, as_of: date | None = None
    ) -> AgendaScene:
        """What the step `record` is at needs from the store; everything, for the summary of a
        check-in no longer `under_way` (`as_of` its own day, for one held before)."""
        settings = self.store.settings()
        today = as_of or logical_day(self.clock.now(), settings.day_rollover_hour)
        names = settings.partners.names()
        scene = AgendaScene(record, names, today, self.clock.time_zone, settings.day_rollover_hour)
        step = record.step
        finished = as_of is not None or not under_way
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
