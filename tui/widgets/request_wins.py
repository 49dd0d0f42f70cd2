"""Wins: requests that came true (`tui.core.wins.wins_of_requests`). This month's count and
the latest few, for the Requests pane; and one sentence on the wins since the last check-in,
for the Check-in summary.

Small requests that came true are the evidence that change is possible, so they are counted
where the couple will see them. What was agreed is shown literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from tui.core.wins import Win, latest_wins, wins_in_month, wins_in_words

LATEST_SHOWN = 3
WHAT_LENGTH = 28
"""Each latest win shortened to this, so the line stays within two rows at 80 columns."""


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _what(win: Win) -> str:
    what = win.what
    return what if len(what) <= WHAT_LENGTH else what[: WHAT_LENGTH - 1].rstrip() + "\u2026"


class RequestWins(Static):
    """ "Wins this month: 2. Latest: 12 Nov A text when I leave work · ..." """

    COMPONENT_CLASSES = {"request-wins--count", "request-wins--label"}

    def show_wins(self, wins: Sequence[Win], today: date) -> None:
        """Count the wins of `today`'s month and list the latest."""
        count = len(wins_in_month(wins, today.year, today.month))
        latest = latest_wins(wins, LATEST_SHOWN)
        label = self.get_visual_style("request-wins--label", partial=True)
        parts: list[Content | str | tuple[str, object]] = [
            ("Wins this month: ", label),
            (str(count), self.get_visual_style("request-wins--count", partial=True)),
        ]
        if latest:
            parts.append((".  Latest: ", label))
            for number, win in enumerate(latest):
                if number:
                    parts.append((" · ", label))
                parts += [(f"{_short_day(win.day)} ", label), _what(win)]
        else:
            parts.append((".  A request that comes true counts here.", label))
        self.update(Content.assemble(*parts))  # type: ignore[arg-type]


class WinsSinceCheckin(Static):
    """One line for the Check-in summary: the requests that came true since the last check-in
    (before the first, in the week before it).

    Empty (and hidden) when there were none, so a quiet week is never shown as a failure.
    """

    def show_wins(self, wins: Sequence[Win], after_a_checkin: bool) -> None:
        """Name `wins`, the ones this check-in counts (`wins_for_checkin`)."""
        when = (
            "Since your last check-in"
            if after_a_checkin
            else "In the week before your first check-in"
        )
        named = f": \u201c{wins[0].what}\u201d" if len(wins) == 1 else ""
        text = f"{when}, {wins_in_words(wins)}{named}." if wins else ""
        self.display = bool(text)
        self.update(Content(text))
