"""What every Attune dialog shares: its stylesheet, read when the first dialog opens."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from tui.paths import stylesheet

DialogResult = TypeVar("DialogResult")


class Dialog(ModalScreen[DialogResult]):
    """A modal dialog over the current screen.

    Textual reads a screen's CSS_PATH the first time that screen is shown, so the dialogs'
    styles cost nothing at start-up, when no dialog is open.
    """

    CSS_PATH = stylesheet("dialogs")
