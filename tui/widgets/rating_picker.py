"""Pick a whole number from 1 to 5 with the keyboard, digits or left and right, without
showing which: the other partner may turn back to the shared screen before it is saved."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.keys import key

LOWEST, MIDDLE, HIGHEST = 1, 3, 5


class RatingPicker(Widget, can_focus=True):
    """A rating of the week, None until chosen; once chosen it shows only that it was."""

    BINDINGS = [
        key("rating", "left,h", "step(-1)", "Less", "Lower the rating by one", key_display="←"),
        key("rating", "right,l", "step(1)", "More", "Raise the rating by one", key_display="→"),
        *[
            key(
                "rating",
                str(score),
                f"choose({score})",
                f"Rate {score}",
                f"Rate {score} of {HIGHEST}",
                name=str(score),
            )
            for score in range(LOWEST, HIGHEST + 1)
        ],
    ]

    value: reactive[int | None] = reactive(None)

    def render(self) -> Text:
        if self.value is None:
            return Text("○ ○ ○ ○ ○  not rated yet (1-5)", style="dim")
        return Text("✓ chosen, and hidden from view (a digit changes it)")

    def action_step(self, change: int) -> None:
        """Move the rating up or down by one; the first press from "not rated" picks 3."""
        if self.value is None:
            self.value = MIDDLE
            return
        self.value = min(HIGHEST, max(LOWEST, self.value + change))

    def action_choose(self, score: int) -> None:
        """Choose a rating directly."""
        self.value = score
