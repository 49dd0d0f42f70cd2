"""Opening a dialog from a pane or a widget and acting on its answer.

The dialogs themselves are imported only when one opens: start-up draws none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.screen import Screen
from textual.widget import Widget

Answer = TypeVar("Answer")


def ask(asker: Widget, dialog: Screen[Answer | None], then: Callable[[Answer], object]) -> None:
    """Open `dialog` over `asker`'s screen; unless it is cancelled, hand its answer to `then`."""

    def answered(answer: Answer | None) -> None:
        if answer is not None:
            then(answer)

    asker.app.push_screen(dialog, answered)


def confirm(
    asker: Widget,
    title: str,
    text: str,
    yes: str,
    then: Callable[[], object],
    no: str = "Keep",
) -> None:
    """Ask a yes-or-no question first; `then` runs only on yes."""
    from tui.dialogs.confirm import ConfirmDialog

    dialog = ConfirmDialog(title, text, yes=yes, no=no)
    ask(asker, dialog, lambda sure: then() if sure else None)
