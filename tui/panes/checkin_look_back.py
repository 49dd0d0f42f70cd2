"""What the Check-in pane shows of the week behind: the moments marked for this check-in
before the talk, and the requests that came true since the last one under the summary."""

from __future__ import annotations

from datetime import date

from tui.core.agenda import was_done
from tui.core.checkins import CheckinRecord, last_ended_at, previous_checkin_day
from tui.core.models import AgendaStep
from tui.core.moments import to_review_at_checkin
from tui.core.wins import Win, wins_for_checkin, wins_of_requests
from tui.panes.base import AttunePane
from tui.widgets.moment_review import MomentReview
from tui.widgets.request_wins import WinsSinceCheckin


class LookBack(AttunePane):
    """The look back of the Check-in pane, read from the store each time it is shown."""

    def _show_moments_to_review(self, records: list[CheckinRecord] | None = None) -> None:
        """The moments marked for this check-in since the last one, under the plan."""
        since = last_ended_at(records if records is not None else self.store.checkins())
        moments = to_review_at_checkin(self.store.moments(), since)
        rollover_hour = self.store.settings().day_rollover_hour
        self.query_one("#moment-review", MomentReview).show(
            moments, self.partner_names(with_both=True), self.clock.time_zone, rollover_hour
        )

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

    def _show_wins_since_last_checkin(self, record: CheckinRecord, day: date) -> None:
        """Under the summary: the requests that came true since the check-in before this one,
        unless the summary's wins step already names them."""
        wins, after_a_checkin = self.wins_at(record, day)
        if was_done(record, AgendaStep.WINS):
            wins = []
        self.query_one(WinsSinceCheckin).show_wins(wins, after_a_checkin)
