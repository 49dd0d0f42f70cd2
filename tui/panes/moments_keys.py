"""The keys of the Moments pane: noting and changing moments, finding them again, and the
patterns. Which of them work now is `core.moment_patterns.MomentsView.allows` (the pane's
`check_action`)."""

from __future__ import annotations

from functools import partial

from tui.keys import key

_key = partial(key, "moments")

MOMENTS_BINDINGS = [
    _key("a", "add", "Add", "Note a moment"),
    _key("e", "edit", "Edit", "Change the selected moment"),
    _key("delete", "delete", "Delete", "Delete the selected moment (after asking)"),
    _key("c", "checkin", "Check-in", "Bring the moment to the next check-in, or not", footer=True),
    _key("slash", "search", "Search", "Search the moments' words and tags", key_display="/"),
    _key("t", "tag", "Tag", "Show only the moments with a tag (earlier tags are offered)"),
    _key("k", "kind", "Kind", "Show one kind of moment, then the next, then all"),
    _key("w", "who", "Who", "Show the moments one partner felt, then the other's, then all"),
    _key("d", "period", "Period", "Change the period shown (all, 4 weeks, 3 months, a year)"),
    _key("v", "patterns", "Patterns", "Show the patterns, or the list again", footer=True),
    _key("escape", "clear", "Clear", "Clear the search and the filters"),
]
