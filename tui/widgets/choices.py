"""Choices that read without colour, and whose arrow keys move the choice itself.

Textual's radio buttons and checkboxes draw the same `▐●▌` or `▐X▌` chosen or not, and only a
shade tells them apart: nothing at all under NO_COLOR. Here an option reads `◉` when chosen and
`○` when not, and a box `[x]` or `[ ]`.

In a `ChoiceSet` the arrow keys choose the next or previous option, starting from the one chosen,
as radio buttons do in most programs; the cursor and the choice are always the same option, so
what is highlighted is what will be saved. Every form and screen uses these, never Textual's own
(`tests/unit/test_choices_everywhere.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, RadioButton

from tui.keys import key

ONE_LINE_WIDTH = 60
"""Cells a row of options may take to fit on one line in a form at 80 columns."""

Option = tuple[str, str | Text]
"""(name, label) of one option: the name is what the form reads, the label what it shows.
A plain string label is shown literally, never as markup (it may be a partner's name)."""


def _literal(label: str | Text) -> Text:
    return Text(label) if isinstance(label, str) else label


def _drawn(widget: RadioButton | Checkbox, glyph: str) -> Content:
    """`glyph`, then the label, each in the style the stylesheet gives it."""
    button = Content.styled(glyph, widget.get_visual_style("toggle--button"))
    if not widget.label:
        return button
    label = widget.label.pad(1, 1).stylize_before(widget.get_visual_style("toggle--label"))
    return Content.assemble(button, label)


def _drawn_width(widget: RadioButton | Checkbox, glyph: str) -> int:
    width = Content(glyph).cell_length
    if widget.label:
        width += 2 + widget.label.cell_length
    return width


class ChoiceButton(RadioButton, can_focus=False):
    """One option of a `ChoiceSet`: `◉` chosen, `○` not. The set takes the keys, not the option."""

    CHOSEN: ClassVar[str] = "◉"
    NOT_CHOSEN: ClassVar[str] = "○"

    @property
    def glyph(self) -> str:
        """The mark that says whether this option is chosen."""
        return self.CHOSEN if self.value else self.NOT_CHOSEN

    def render(self) -> Content:
        return _drawn(self, self.glyph)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _drawn_width(self, self.glyph)


class TickBox(Checkbox):
    """A yes-or-no box: `[x]` ticked, `[ ]` not."""

    TICKED: ClassVar[str] = "[x]"
    NOT_TICKED: ClassVar[str] = "[ ]"

    @property
    def glyph(self) -> str:
        """The mark that says whether the box is ticked."""
        return self.TICKED if self.value else self.NOT_TICKED

    def render(self) -> Content:
        return _drawn(self, self.glyph)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _drawn_width(self, self.glyph)


class ChoiceSet(Widget, can_focus=True, can_focus_children=False):
    """One option out of a few; the arrow keys move the choice, from the chosen option on, and
    Enter saves the form it is in (`Submitted`), as it does in a text field.

    The set owns the choice and changes it at once, key by key: Textual's RadioSet learns of
    each change through messages, so two quick presses of an arrow could both start from the
    option chosen before them. The arrows stop at the first and the last option rather than
    going round, so that pressing one a time too many never jumps to the far end.
    """

    BINDINGS: ClassVar[list[Binding]] = [
        key(
            "choice",
            "enter",
            "submit",
            "Save",
            "Save the form, as Enter in a text field does",
            name="submit",
        ),
        key(
            "choice",
            "down,right",
            "choose(1)",
            "Next option",
            "Choose the next option",
            name="next",
        ),
        key(
            "choice",
            "up,left",
            "choose(-1)",
            "Previous option",
            "Choose the previous option",
            name="previous",
        ),
    ]

    class Changed(Message):
        """Another option was chosen."""

        def __init__(self, choice_set: ChoiceSet, chosen: str) -> None:
            super().__init__()
            self.choice_set = choice_set
            self.chosen = chosen
            """The name of the option chosen now."""

        @property
        def control(self) -> ChoiceSet:
            """The set whose choice changed (what `@on(..., "#id")` matches)."""
            return self.choice_set

    class Submitted(Message):
        """Enter was pressed on the choice: the form saves, as from a text field."""

    def __init__(
        self,
        options: Iterable[Option],
        chosen: str | None = None,
        *,
        id: str | None = None,  # noqa: A002
        classes: str = "",
        inline: bool = False,
    ) -> None:
        """`options` in the order shown; `chosen` names the option chosen as it opens.

        `inline` lays the options out on one line when they fit there at 80 columns; longer ones
        (two long names) go one under another rather than losing their ends.
        """
        buttons = [
            ChoiceButton(_literal(label), name == chosen, name=name) for name, label in options
        ]
        if (
            inline
            and sum(_drawn_width(button, button.glyph) + 1 for button in buttons) <= ONE_LINE_WIDTH
        ):
            classes = f"{classes} inline-choices"
        super().__init__(*buttons, id=id, classes=classes.strip() or None)
        self._names = [name for name, _label in (button_option(b) for b in buttons)]
        self._chosen = chosen if chosen in self._names else None

    @property
    def chosen(self) -> str | None:
        """The name of the chosen option, or None while none is."""
        return self._chosen

    @property
    def options(self) -> list[tuple[str, str]]:
        """(name, label as plain text) of every option, in the order shown."""
        return [button_option(button) for button in self.query(ChoiceButton)]

    def choose(self, name: str) -> None:
        """Make `name` the chosen option, and say so if that is a change."""
        if name == self._chosen:
            return
        self._chosen = name
        for button in self.query(ChoiceButton):
            with button.prevent(RadioButton.Changed):
                button.value = button.name == name
        self.post_message(self.Changed(self, name))

    def action_choose(self, step: int) -> None:
        """Choose the option `step` places from the chosen one (the first or last if none is)."""
        buttons = list(self.query(ChoiceButton))
        if self._chosen is None:
            index = 0 if step > 0 else len(buttons) - 1
        else:
            index = self._names.index(self._chosen) + step
        while 0 <= index < len(buttons) and buttons[index].disabled:
            index += step
        if 0 <= index < len(buttons):
            self.choose(self._names[index])

    def action_submit(self) -> None:
        """Ask the form to save."""
        self.post_message(self.Submitted())

    def on_radio_button_changed(self, event: RadioButton.Changed) -> None:
        """A click on an option chooses it; a click on the chosen one leaves it chosen."""
        event.stop()
        button = event.radio_button
        if event.value and button.name is not None:
            self.choose(button.name)
        else:
            with button.prevent(RadioButton.Changed):
                button.value = button.name == self._chosen

    def on_click(self) -> None:
        """A click anywhere in the set gives it the keyboard."""
        self.focus()


def button_option(button: ChoiceButton) -> tuple[str, str]:
    """(name, label as plain text) of one option."""
    return str(button.name), button.label.plain
