"""The keys of the Rituals pane: a mark for the cell under the cursor, and the list's care.

The keys that act on a ritual are live only with one under the cursor (the pane's
`check_action`), and the footer, the hint line and the palette show only those.
"""

from __future__ import annotations

from functools import partial

from tui.keys import key

_key = partial(key, "rituals")

RITUALS_BINDINGS = [
    _key(
        "space",
        "mark('done')",
        "Tick",
        "Tick the day under the cursor, or untick it",
        footer=True,
    ),
    _key(
        "s",
        "mark('skipped')",
        "Skip day",
        "Skip the day under the cursor, or unskip it",
        footer=True,
    ),
    _key("x", "mark('not_done')", "Not done", "Mark the day under the cursor as not done"),
    _key("a", "add", "Add", "Add a ritual", footer=True),
    _key("e", "edit", "Edit", "Rename the ritual, or change how often or who"),
    _key("shift+up,K", "reorder(-1)", "Move up", "Move the ritual up the list", key_display="K"),
    _key(
        "shift+down,J",
        "reorder(1)",
        "Move down",
        "Move the ritual down the list",
        key_display="J",
    ),
    _key("z", "archive", "Archive/restore", "Archive or restore the ritual (its history stays)"),
    _key("v", "toggle_archived", "Show archived", "Show or hide archived rituals"),
    _key("L", "love_languages", "Love languages", "Record each partner's love language"),
]
