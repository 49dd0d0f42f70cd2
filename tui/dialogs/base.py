"""The frame every form is built in, and how a form asks before dropping what was typed.

(`Dialog`, what every dialog shares, lives in `tui.dialogs.frame`, so that the confirmation
this module asks with can be one without importing back.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from tui.core.text import InvalidText
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.frame import Dialog
from tui.keys import hint_line, key
from tui.widgets.choices import ChoiceButton, ChoiceSet, TickBox
from tui.widgets.rating_picker import RatingPicker

__all__ = ["Dialog", "FormDialog", "FormProblem", "ask_before_discarding", "field_values"]

Result = TypeVar("Result")
Checked = TypeVar("Checked")


def field_values(root: Widget) -> list[object]:
    """What every field under `root` holds now, top to bottom: to tell whether a form changed."""
    values: list[object] = []
    for widget in root.query("*"):
        if isinstance(widget, TextArea):
            values.append(widget.text)
        elif isinstance(widget, Input | Select | ChoiceButton | TickBox | RatingPicker):
            values.append(widget.value)
    return values


def ask_before_discarding(
    node: DOMNode, discard: Callable[[], object], title: str = "Discard what you wrote?"
) -> None:
    """Ask whether to drop what was typed in a form; `discard` runs only if they say so.

    "Keep writing" has the focus, and escape answers it too: pressing escape twice, or Enter
    after escape, never throws words away.
    """

    def answered(drop: bool | None) -> None:
        if drop:
            discard()

    node.app.push_screen(
        ConfirmDialog(
            title,
            "What you typed or chose here is not saved. Keep writing, or discard it?",
            yes="Discard",
            no="Keep writing",
            focus_no=True,
        ),
        answered,
    )


class FormProblem(Exception):
    """A value a form can't accept: a plain message, and the id of the field to correct."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FormDialog(Dialog[Result | None]):
    """A form: a title, its fields, a problem line, Save and Cancel.

    A form only says which fields it has (`compose_fields`) and what they add up to
    (`result`); saving, cancelling and explaining a refusal are the same everywhere. It
    dismisses with its result, or None when cancelled. Cancelling a form whose fields changed
    asks first: people write painful things here, and escape must never drop them unseen.

    The title and the buttons stay put and only the fields scroll, so at 80x24 a long form
    still opens with its title and first field in view, and Save is always on screen.
    """

    BINDINGS = [
        key("form", "ctrl+s", "save", "Save", "Save the form from any field", footer=True),
        key("form", "escape", "cancel", "Cancel", "Close without saving", footer=True),
    ]

    # Textual would focus the first field as soon as the form is composed, and scroll it into
    # view before the first layout, which can scroll the fields away from their top; the form
    # focuses its first field itself once mounted.
    AUTO_FOCUS = ""

    SAVE_LABEL: ClassVar[str] = "Save"
    CANCEL_LABEL: ClassVar[str] = "Cancel"
    PROBLEM_LINE_ID: ClassVar[str] = "form-problem"
    """The problem line's id; a form may keep an older one that its tests look for."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading
        self._as_opened: list[object] | None = None

    def compose_fields(self) -> ComposeResult:
        """The form's labels and fields, top to bottom."""
        raise NotImplementedError

    def result(self) -> Result:
        """What the fields add up to, or a `FormProblem` naming what to correct."""
        raise NotImplementedError

    def first_field(self) -> Widget:
        """The field that has focus when the form opens: the first one that can take it."""
        body = self.query_one(".form-fields", VerticalScroll)
        return next(widget for widget in body.query("*") if widget.focusable)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Text(self.heading), classes="dialog-title")
            # Not a tab stop itself: tab goes from the last field straight to Save.
            with VerticalScroll(classes="form-fields", can_focus=False):
                yield from self.compose_fields()
            with Vertical(classes="form-foot"):
                yield Static("", classes="form-problem", id=self.PROBLEM_LINE_ID)
                with Horizontal(classes="dialog-buttons"):
                    yield Static(self.buttons_hint(), classes="form-keys")
                    yield Button(self.SAVE_LABEL, id="save", variant="primary")
                    yield Button(self.CANCEL_LABEL, id="cancel")

    def buttons_hint(self) -> str:
        """The form's keys for the line beside its buttons, ctrl+s and escape named as the two
        buttons read: "^s continue" beside a Continue button."""
        labels = {"save": self.SAVE_LABEL, "cancel": self.CANCEL_LABEL}
        return hint_line(
            self,
            [
                replace(binding, description=labels.get(binding.action, binding.description))
                for binding in self.form_keys()
            ],
        )

    def on_mount(self) -> None:
        # Open at the top, whichever field has focus: it is in view there.
        self.first_field().focus(scroll_visible=False)
        self._as_opened = field_values(self)

    def has_unsaved_changes(self) -> bool:
        """True once any field differs from what the form opened with."""
        return self._as_opened is not None and field_values(self) != self._as_opened

    @on(Input.Submitted)
    @on(ChoiceSet.Submitted)
    def _enter_in_a_field(self, event: Input.Submitted | ChoiceSet.Submitted) -> None:
        event.stop()
        self.save()

    def action_save(self) -> None:
        """Save from any field."""
        self.save()

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Close with the result, or say what to correct and go to that field."""
        try:
            result = self.result()
        except FormProblem as problem:
            self.show_problem(problem)
            return
        self.accept(result)

    def accept(self, result: Result) -> None:
        """Close with the form's result; a form whose result needs a slow check (run off the
        screen's thread) closes once that check has passed."""
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving: at once if nothing changed, else once they say to discard."""
        if self.has_unsaved_changes():
            ask_before_discarding(self, lambda: self.dismiss(None))
        else:
            self.dismiss(None)

    def show_problem(self, problem: FormProblem) -> None:
        """Explain a refusal in the problem line and move to the field at fault."""
        self.query_one(f"#{self.PROBLEM_LINE_ID}", Static).update(Text(str(problem)))
        if problem.field is not None:
            field = self.query_one(f"#{problem.field}")
            field.focus(scroll_visible=False)
            # Once laid out again: a longer problem line leaves less room for the fields.
            self.call_after_refresh(field.scroll_visible, animate=False)

    def chosen(self, choice_set: str) -> str:
        """The name of the option chosen in the ChoiceSet `choice_set`, or "" if none is."""
        return self.query_one(f"#{choice_set}", ChoiceSet).chosen or ""

    def checked(self, field: str, check: Callable[[str], Checked]) -> Checked:
        """The text of the Input `field` passed through `check`; its refusal names the field."""
        text = self.query_one(f"#{field}", Input).value
        try:
            return check(text)
        except InvalidText as problem:
            raise FormProblem(str(problem), field) from None
