"""The help screen: every key of the app and of the current pane, and what Attune is for."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from tui.dialogs.base import Dialog
from tui.keys import key

THERAPY_NOTE = (
    "Attune is a companion for the work you do together. It complements couples therapy and "
    "does not replace it. If either of you feels unsafe, contact a professional or your local "
    "emergency number."
)


def key_table(title: str, rows: Iterable[tuple[str, str]]) -> str:
    """A Markdown section with a two-column table of keys and what they do."""
    lines = [f"## {title}", "", "| Key | What it does |", "| --- | --- |"]
    lines += [f"| `{key}` | {description.replace('|', '/')} |" for key, description in rows]
    return "\n".join(lines)


class HelpScreen(Dialog[None]):
    """A scrollable help page over the current screen; any of escape, ? or q closes it."""

    BINDINGS = [
        key(
            "help",
            "escape,question_mark,f1,q",
            "close",
            "Close help",
            "Close the help and go back",
            name="close",
            footer=True,
            key_display="esc",
        ),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(self.markdown)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Return to the screen underneath."""
        self.dismiss(None)
