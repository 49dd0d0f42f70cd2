"""Hypothesis strategies for what people type (or paste): hostile text and hostile numbers."""

from __future__ import annotations

from hypothesis import strategies as st

# Pieces chosen to break a careless screen or file: Rich and Textual markup (closing tags,
# actions, variables, links), a trailing backslash that escapes what follows, terminal
# escape sequences and bells, tabs and line breaks, combining marks, wide characters,
# emoji sequences, right-to-left overrides, zero-width characters and half a surrogate pair.
HOSTILE_PIECES = (
    "[/]",
    "[@click=app.quit]x[/]",
    "[$accent]",
    "[link=file:///]x[/link]",
    "[bold red]",
    "[b]",
    "\\",
    "x\\",
    "\x1b[31m",
    "\x1b]8;;file:///etc/passwd\x07",
    "\x1b[2J",
    "\x07",
    "\t",
    "\n",
    "\r\n",
    "e\u0301\u0302\u0303\u0304",
    "界",
    "👩‍❤️‍👨",
    "🙂",
    "\u202e",
    "\u200b",
    "\ud800",
    " ",
    "Sam",
)

hostile_text = st.one_of(
    st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=4), max_size=8).map("".join),
    st.text(max_size=30),
    st.sampled_from(["", "   ", "x" * 5000, "[" * 300, "界" * 600]),
)
"""Anything a person could type or paste into a one-line field."""

hostile_number = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.integers(min_value=-2, max_value=300).map(str),
    st.sampled_from(["", " 7 ", "²", "٣", "--5", "+5", "1e3", "0x10", "7.5", "9" * 5000, "0"]),
    hostile_text,
)
"""Anything typed where a whole number is expected."""
