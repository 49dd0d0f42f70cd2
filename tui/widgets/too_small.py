"""The polite notice shown instead of a screen when the terminal is too small to use."""

from __future__ import annotations

from textual.widgets import Static

MINIMUM_WIDTH = 80
MINIMUM_HEIGHT = 24


def is_too_small(width: int, height: int) -> bool:
    """True when a terminal of this size cannot show Attune's screens in full."""
    return width < MINIMUM_WIDTH or height < MINIMUM_HEIGHT


class TooSmallNotice(Static):
    """Asks for a larger window; the app's `-too-small` class decides when it shows."""

    def on_resize(self) -> None:
        width, height = self.app.size
        self.update(
            f"Attune needs a window of at least {MINIMUM_WIDTH}×{MINIMUM_HEIGHT} characters; "
            f"this one is {width}×{height}.\n\nPlease enlarge it."
        )
