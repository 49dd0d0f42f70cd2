"""The pieces the Settings screen is laid out with: a section's title, a labelled row, a note
under a field. Their look is in styles/settings.tcss."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, Static


def section(title: str) -> Static:
    """A section's title: "Days and weeks"."""
    return Static(title, classes="settings-section")


def note(text: str, *, id: str | None = None) -> Static:
    """A quiet line under a field, lined up with the fields rather than their labels."""
    return Static(text, id=id, classes="settings-note settings-indented")


def row(label: str, *fields: Widget, classes: str = "") -> Horizontal:
    """A label and its field (and perhaps a unit after it) on one line."""
    return Horizontal(
        Label(label, classes="settings-label"), *fields, classes=f"settings-row {classes}".strip()
    )


def text_row(label: str, id: str) -> Horizontal:
    """A labelled line of text rather than a field; it wraps when long (a path)."""
    return row(label, Static("", id=id, classes="settings-text"), classes="-text")
