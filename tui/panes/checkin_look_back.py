"""What the Check-in pane shows of the week behind: the moments marked for this check-in
before the talk, and the requests kept since the last one under the summary."""

from __future__ import annotations

from datetime import date

from tui.core.checkins import CheckinRecord, last_ended_at, previous_checkin_day
from tui.core.moments import to_review_at_checkin
from tui.panes.base import AttunePane
from tui.widgets.moment_review import MomentReview
from tui.widgets.request_wins import WinsSinceCheckin


class LookBack(AttunePane):
    """The look back of the Check-in pane, read from the store each time it is shown."""

    def _show_moments_to_review(self, records: list[CheckinRecord] | None = None) -> None:
        """The moments marked for this check-in since the last one, under the plan."""
        since = last_ended_at(records if records is not None else self.store.checkins())
        moments = to_review_at_checkin(self.store.moments(), since)
        self.query_one("#moment-review", MomentReview).show(
            moments, self.partner_names(with_both=True)
        )

    def _show_wins_since_last_checkin(self, record: CheckinRecord, day: date) -> None:
        """Under the summary: the requests kept since the check-in before this one."""
        rollover_hour = self.store.settings().day_rollover_hour
        since = previous_checkin_day(
            self.store.checkins(), record.id, self.clock.time_zone, rollover_hour
        )
        if since is not None:
            self.query_one(WinsSinceCheckin).show_wins(self.store.requests(), since, day)
