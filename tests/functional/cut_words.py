"""Finding words the screen shows cut short at the edge of the widget that draws them.

A word is cut when the same widget, given all the width it could want, no longer shows it:
`Settin` in a footer that reads `Settings` once wide enough. A word ending in `…` is cut on
purpose, and says so.
"""

from __future__ import annotations

import re

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from tui.app import AttuneApp

WIDE_COLUMNS = 300
"""Wide enough that nothing Attune draws needs cutting."""
WORD = re.compile(r"[^\W\d_]+…?|\d+…?")
"""Letters, or digits: a day's header `Mo16Tu17` adds days as it widens, and stays whole."""


def words_by_widget(app: AttuneApp) -> dict[Widget, set[str]]:
    """The words each widget on screen shows, read from the screen itself."""
    compositor = app.screen._compositor  # private, but exactly what the terminal receives
    strips = compositor.render_strips()
    shown: dict[Widget, set[str]] = {}
    for widget, (region, clip) in compositor.visible_widgets.items():
        if isinstance(widget, Screen):
            continue  # a dialog's screen shows the screen under it, which has its own widgets
        seen = region.intersection(clip)
        words: set[str] = set()
        for y in range(seen.y, seen.bottom):
            text = strips[y].crop(seen.x, seen.right).text
            words.update(word for word in WORD.findall(text) if not word.endswith("…"))
        shown[widget] = words
    return shown


def describe(widget: Widget) -> str:
    """A widget as a person reading a failure can find it: its type and id."""
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


async def cut_words(app: AttuneApp, pilot: Pilot) -> dict[str, set[str]]:
    """The words cut short on the screen now, by the widget that shows them.

    The window is widened for a moment and then given its size back, so the screen is as it
    was; only the widgets on screen at the size it was are checked.
    """
    await pilot.pause()  # the footer shows the keys of the moment after a refresh
    narrow = words_by_widget(app)
    columns, rows = app.size
    await pilot.resize_terminal(WIDE_COLUMNS, rows)
    await pilot.pause()
    wide = words_by_widget(app)
    await pilot.resize_terminal(columns, rows)
    await pilot.pause()
    cut = {
        widget: words - wide[widget]
        for widget, words in narrow.items()
        if widget in wide and words - wide[widget]
    }
    # Told once, by the widget that draws them, not again by each container around it.
    drawers = [widget for widget in cut if not any(widget in other.ancestors for other in cut)]
    return {describe(widget): cut[widget] for widget in drawers}
