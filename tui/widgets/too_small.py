"""The polite notice shown instead of a screen when the terminal is too small to use."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from tui.keys import key_label

MINIMUM_WIDTH = 80
MINIMUM_HEIGHT = 24
SHOWN_WHEN_TOO_SMALL = "-shown-when-too-small"
"""The class of the one dialog that stays in view, and answers its keys, while the window is
too small: whether to quit during a check-in. Every other dialog hides behind the notice."""


def is_too_small(width: int, height: int) -> bool:
    """True when a terminal of this size cannot show Attune's screens in full."""
    return width < MINIMUM_WIDTH or height < MINIMUM_HEIGHT


class TooSmallNotice(Static):
    """Asks for a larger window; the app's `-too-small` class decides when it shows."""

    def on_resize(self) -> None:
        width, height = self.app.size
        # Quitting is the one key that works meanwhile (the footer's keys hide with the rest).
        quit_key = next(
            key_label(self.app, binding)
            for binding in self.app.BINDINGS
            if isinstance(binding, Binding) and binding.action == "quit"
        )
        self.update(
            f"Attune needs a window of at least {MINIMUM_WIDTH}×{MINIMUM_HEIGHT} characters; "
            f"this one is {width}×{height}.\n\nPlease enlarge it, or press {quit_key} to quit."
        )
