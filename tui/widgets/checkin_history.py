"""The history card of the Check-in pane: when the next check-in is due, trends, recent weeks.

Drawn as text in a few `Static`s: it is on the first screen, and every widget mounted before
that screen appears costs start-up time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.core.checkins import (
    CheckinHistory,
    CheckinRecord,
    checkin_day,
    day_in_words,
    due_in_words,
    format_duration,
    is_unfinished,
    next_checkin_due,
    ratings_revealed,
    shown_rating,
)
from tui.core.days import logical_day
from tui.core.models import AgendaStep, Partners, Settings

if TYPE_CHECKING:
    from pendulum import DateTime

HISTORY_ROWS = 8
TREND_WEEKS = 10
BLOCKS = "▁▂▃▄▅▆▇█"
APPRECIATIONS_MARK = "♥"


def sparkline(values: Sequence[float | None], lowest: float, highest: float) -> str:
    """One block character per value, scaled between `lowest` and `highest`; a space for a
    week without a value (a partner who passed), so the weeks stay in line."""
    if not any(value is not None for value in values):
        return "-"
    span = (highest - lowest) or 1
    return "".join(
        " "
        if value is None
        else BLOCKS[round((min(highest, max(lowest, value)) - lowest) / span * (len(BLOCKS) - 1))]
        for value in values
    )


class HistoryView(Static):
    """When the next check-in is due, rating and talk-share trends, and recent check-ins.

    One widget rendering one Rich group: it is on the first screen, where every widget whose
    height depends on its content is measured before anything appears.
    """

    def __init__(self, partners: Partners, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(Text("History", style="bold"), id=id, classes=classes)
        self.names = {"a": partners.a, "b": partners.b}

    def show(self, history: CheckinHistory, settings: Settings, now: DateTime) -> None:
        """Draw the history as of `now`."""
        completed = history.completed
        today = logical_day(now, settings.day_rollover_hour)
        due = next_checkin_due(history.records, settings, today)
        next_due = Text.assemble(
            "Next check-in: ",
            (due_in_words(today, due), "bold"),
            f" ({day_in_words(due)})",
        )
        trends = Text()
        if completed:
            trends.append(f"connection (1-5) · talk share, {TREND_WEEKS} weeks\n", "dim")
            for key, name in self.names.items():
                ratings = sparkline(history.ratings(key, TREND_WEEKS), 1, 5)
                shares = sparkline(history.talk_shares(key, TREND_WEEKS), 0, 1)
                trends.append(f"{name[:7]:<8}", "bold")
                trends.append(f"{ratings:<{TREND_WEEKS}} {shares}\n")
        parts: list[RenderableType] = [Text("History\n", style="bold"), next_due, Text()]
        if trends:
            parts.append(trends)
        parts.append(self._table(completed, now.timezone_name, settings.day_rollover_hour))
        if any(AgendaStep.APPRECIATIONS in record.agenda for record in completed[-HISTORY_ROWS:]):
            parts.append(Text(f"{APPRECIATIONS_MARK} appreciations given", style="dim"))
        self.update(Group(*parts))

    def _table(
        self, completed: list[CheckinRecord], time_zone: str, rollover_hour: int
    ) -> Table | Text:
        if not completed:
            return Text("No check-ins yet: the first one starts from the plan.", style="dim")
        # One space between columns: two names with talk times, ratings and the appreciations
        # count fit the card at 80 columns (Rich drops a last column that does not fit).
        table = Table(
            box=None, padding=(0, 1), show_edge=False, pad_edge=False, collapse_padding=True
        )
        table.add_column("date", min_width=6, no_wrap=True)
        for name in self.names.values():
            table.add_column(Text(name), overflow="ellipsis", no_wrap=True)
        # Appreciations given that week, both partners together; "-" when the step wasn't used.
        # One character wide, so two names, talk times and ratings still fit at 80 columns.
        table.add_column(APPRECIATIONS_MARK, justify="right", no_wrap=True)
        for record in reversed(completed[-HISTORY_ROWS:]):
            day = checkin_day(record, time_zone, rollover_hour)
            table.add_row(Text(day.format("D MMM")), *self._week_cells(record))
        return table

    def _week_cells(self, record: CheckinRecord) -> list[Text]:
        """Each partner's talk time and rating as `shown_rating` allows, then the
        appreciations; a check-in closed part-way says so instead."""
        if is_unfinished(record):
            return [Text("unfinished", style="italic"), Text(""), Text("-")]
        revealed = ratings_revealed(record)
        cells = []
        for key in self.names:
            rating = shown_rating(record, key)
            cells.append(
                Text(
                    f"{format_duration(record.spoken_ms(key))}"
                    + (f" {rating.score}/5" if rating else "")
                    + (" pass" if revealed and key in record.passed else "")
                )
            )
        given = AgendaStep.APPRECIATIONS in record.agenda
        cells.append(Text(str(len(record.appreciations)) if given else "-"))
        return cells
