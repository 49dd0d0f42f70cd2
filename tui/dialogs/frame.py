"""What every Attune dialog shares: its stylesheet, its help key and its own keys."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

from tui.keys import bindings_of, key, key_label
from tui.paths import stylesheet

DialogResult = TypeVar("DialogResult")


class Dialog(ModalScreen[DialogResult]):
    """A modal dialog over the current screen.

    Textual reads a screen's CSS_PATH the first time that screen is shown, so the dialogs'
    styles cost nothing at start-up, when no dialog is open.
    """

    CSS_PATH = stylesheet("dialogs")
    # A modal screen hides the app's own keys, so the help key is repeated here. F1 only: a
    # question mark is text in a dialog's fields.
    BINDINGS: ClassVar[list[Binding]] = [
        key("dialog", "f1", "app.help", "Help", "Show the keys of this dialog", footer=True)
    ]

    def own_bindings(self) -> list[Binding]:
        """The dialog's own keys (not the app's), a subclass's replacing its base's."""
        by_key: dict[str, Binding] = {}
        for cls in reversed(type(self).__mro__):
            if not issubclass(cls, Dialog):
                continue  # Textual's own screen keys (tab, copy) are no dialog's to describe
            for binding in bindings_of(cls):
                by_key[binding.key] = binding
        return list(by_key.values())

    def form_keys(self) -> list[Binding]:
        """The keys of the form itself, for the line beside its buttons (help is in the footer)."""
        return [binding for binding in self.own_bindings() if binding.id != "dialog.help"]

    def key_for(self, binding_id: str) -> str:
        """The key of the binding `binding_id`, as the footer shows it, for a button's label."""
        (binding,) = [binding for binding in self.own_bindings() if binding.id == binding_id]
        return key_label(self.app, binding)

    def has_unsaved_changes(self) -> bool:
        """True while closing would lose something typed or chosen here; a form says so."""
        return False
