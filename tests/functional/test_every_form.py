"""Every form of `tui/dialogs` keeps the same promises at 80x24, the smallest window.

One run of the app for each form checks all of them:

- its choices draw their state in glyphs (`◉`/`○`, `[x]`/`[ ]`), Textual's stock radio buttons
  and checkboxes appear nowhere, and the arrow keys move from the option chosen;
- a choice of partner lists them the one way every form does: the first, the second, both;
- it opens on its first field, and Tab reaches every field in turn with the field in view;
- no label, option or hint is cut short, and the hint names ctrl+s as the Save button reads;
- escape closes an unchanged form at once, and asks before dropping anything typed or chosen:
  "Keep writing" has the focus, and escape or Enter there go back to the words; quitting asks
  too.

The forms are found in `tui/dialogs` (`forms.every_form_class`), so a new form is held to these
promises without being listed; it only needs a builder in `forms.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)

from tui.dialogs.base import FormDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.widgets.choices import ChoiceButton, ChoiceSet, TickBox
from tui.widgets.rating_picker import RatingPicker

from ..conftest import Launcher
from .forms import PARTNERS, every_form_class, form_builders
from .helpers import screen_text

SIZE = (80, 24)
PARTNER_KEYS = {"a", "b"}
BOTH_KEYS = {"both", "together"}
WORDS = "I felt alone at dinner"


def visible_lines(app) -> list:
    """The strips of the screen as the terminal would get them."""
    return list(app.screen._compositor.render_strips())


def text_of(widget: Widget) -> str | None:
    """The words `widget` should show whole, or None if it shows none of its own."""
    if isinstance(widget, ChoiceButton | TickBox):
        return f"{widget.glyph} {widget.label.plain}"
    if isinstance(widget, Input):
        return None if widget.value else widget.placeholder
    if isinstance(widget, Label | Static | RatingPicker) and not isinstance(widget, Button):
        return str(widget.render())
    return None


def shown_in(strips: list, widget: Widget) -> str:
    """What the screen shows inside `widget`'s content, its lines joined."""
    region = widget.content_region
    return " ".join(
        strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]
    )


def words(text: str) -> str:
    return " ".join(text.split())


def check_whole_texts(dialog: FormDialog, app, seen: set[Widget]) -> None:
    """Every text in full view shows all its words; those checked go into `seen`."""
    body = dialog.query_one(".form-fields", VerticalScroll)
    strips = visible_lines(app)
    for widget in body.query("*"):
        expected = text_of(widget)
        if not expected or not widget.display or not widget.region.height:
            continue
        if not body.region.contains_region(widget.region):
            continue
        shown = shown_in(strips, widget)
        assert words(expected) in words(shown), f"{type(widget).__name__} cut: {shown!r}"
        seen.add(widget)


def check_partner_order(dialog: FormDialog) -> None:
    """A choice of partner: the first, the second, then both, by their names."""
    for choice in dialog.query(ChoiceSet):
        names = [name for name, _label in choice.options]
        if not PARTNER_KEYS <= set(names) <= PARTNER_KEYS | BOTH_KEYS:
            continue
        expected = [("a", PARTNERS.a), ("b", PARTNERS.b)]
        if len(names) == 3:
            expected.append((names[2], "Both of us"))
        assert choice.options == expected, choice.id
        assert names[2:] in ([], ["both"], ["together"])


async def check_arrows_start_from_the_choice(choice: ChoiceSet, pilot) -> None:
    """The arrows move the choice one option from the one chosen, and back."""
    names = [name for name, _label in choice.options]
    start = names.index(choice.chosen)
    away, back, neighbour = (
        ("left", "right", start - 1) if start > 0 else ("right", "left", start + 1)
    )
    await pilot.press(away)
    assert choice.chosen == names[neighbour], (choice.id, names, start)
    await pilot.press(back)
    assert choice.chosen == names[start]


async def change_a_field(dialog: FormDialog, pilot) -> None:
    """Type words into the first text field; with none, tick a box or pick from a list."""
    fields = [w for w in dialog.query("*") if isinstance(w, Input | TextArea)]
    if fields:
        fields[0].focus()
        await pilot.pause()
        await pilot.press(*WORDS)
    elif dialog.query(TickBox):
        dialog.query(TickBox).first().focus()
        await pilot.press("space")
    else:
        dialog.query(Select).first().focus()
        await pilot.press("enter", "down", "enter")


FORM_NAMES = sorted(form.__name__ for form in every_form_class())


def test_every_form_is_found_and_has_a_builder(tmp_path: Path) -> None:
    assert "MomentDialog" in FORM_NAMES and "PlanDialog" in FORM_NAMES
    assert set(FORM_NAMES) == set(form_builders(tmp_path)), "give a new form a builder"


@pytest.mark.parametrize("form", FORM_NAMES)
async def test_every_form_keeps_its_promises(
    form: str, set_up_path: Path, tmp_path: Path, launch: Launcher
) -> None:
    build = form_builders(tmp_path)[form]
    answers: list[object] = []
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(Screen())
        dialog = build()
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await pilot.pause()

        # Only our choices, which read without colour.
        assert not [
            w
            for w in dialog.query("*")
            if isinstance(w, RadioSet | RadioButton | Checkbox)
            and not isinstance(w, ChoiceButton | TickBox)
        ]
        check_partner_order(dialog)

        # From the first field to Save, each field in view and every text whole.
        body = dialog.query_one(".form-fields", VerticalScroll)
        fields = [w for w in body.query("*") if w.focusable]
        assert dialog.focused is fields[0], "the form opens on its first field"
        seen: set[Widget] = set()
        reached: list[Widget] = []
        while dialog.focused is not dialog.query_one("#save"):
            focused = dialog.focused
            assert focused is not None and focused not in reached, focused
            reached.append(focused)
            assert body.region.contains_region(focused.region), f"{focused} out of view"
            check_whole_texts(dialog, app, seen)
            if isinstance(focused, ChoiceSet):
                await check_arrows_start_from_the_choice(focused, pilot)
            await pilot.press("tab")
        assert reached == [w for w in fields if w.display and w.parent.display]
        texts = [w for w in body.query("*") if text_of(w) and w.display and w.region.height]
        assert set(texts) <= seen, f"never seen whole: {set(texts) - seen}"
        # The hint beside the buttons names ctrl+s by what the Save button says.
        assert f"^s {dialog.SAVE_LABEL.lower()}" in screen_text(app)

        # Nothing changed (the arrows went back): escape closes at once.
        await pilot.press("escape")
        await pilot.pause()
        assert answers == [None] and not isinstance(app.screen, ConfirmDialog | FormDialog)

        # Something typed: escape asks, and only a clear "discard" drops it.
        dialog = build()
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await change_a_field(dialog, pilot)
        assert dialog.has_unsaved_changes()
        typed = dialog.focused
        for keep_writing in ("enter", "escape"):
            await pilot.press("escape")
            await pilot.pause()
            question = app.screen
            assert isinstance(question, ConfirmDialog), "escape asks first"
            assert "Discard what you wrote?" in screen_text(app)
            assert question.focused is question.query_one("#no"), "Keep writing has the focus"
            await pilot.press(keep_writing)
            await pilot.pause()
            assert app.screen is dialog and dialog.focused is typed
            assert dialog.has_unsaved_changes(), "the words are still there"
        await pilot.press("ctrl+q")  # quitting would drop them too
        await pilot.pause()
        assert "Quit and discard what you wrote?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert answers == [None, None]
        assert not isinstance(app.screen, ConfirmDialog | FormDialog)
