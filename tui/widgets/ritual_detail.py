"""The lines under the ritual grid about the cell under the cursor: what, when, how it goes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.text import Text
from textual.widgets import Static

from tui.core.rituals import TOGETHER, Track, love_language_partner, repair_day
from tui.core.streaks import CellState, Progress
from tui.widgets.ritual_text import STATE_WORDS, describe_progress_in_words, track_label


class RitualDetail(Static):
    """The ritual under the cursor, that day's state, its streaks, and a hint where one helps."""

    def show(
        self,
        track: Track,
        day: date,
        state: CellState,
        progress: Progress,
        today: date,
        names: Mapping[str, str],
        love_languages: Mapping[str, str | None],
        love_languages_key: str,
    ) -> None:
        """Describe `track` on `day`. `love_languages` holds each partner's in words (None
        when not recorded yet); `love_languages_key` is the key that records them."""
        ritual = track.ritual
        text = Text.assemble(
            (track_label(track, names), "bold"),
            f" · {ritual.cadence.describe()}",
            " · together" if track.person == TOGETHER else "",
            " · archived" if ritual.archived else "",
            f"\n{day.strftime('%A %d %B')}: {STATE_WORDS[state]}",
            f" · {describe_progress_in_words(progress)}",
        )
        repair = repair_day(ritual, today)
        if repair is not None:
            text.append(
                f"\nRepair, day {repair[0]} of {repair[1]}: it ends by itself, "
                "then the joint review is due in the Agreements pane."
            )
        partner = love_language_partner(track)
        if partner is not None:
            text.append("\nHint: ")
            text.append(names[partner], "bold")
            language = love_languages.get(partner)
            if language is None:
                text.append(f"'s love language is not recorded yet ({love_languages_key}).")
            else:
                text.append(" feels most loved through ")
                text.append(language, "bold")
                text.append(".")
        self.update(text)

    def clear(self) -> None:
        """Say nothing: there is no ritual to describe."""
        self.update("")
