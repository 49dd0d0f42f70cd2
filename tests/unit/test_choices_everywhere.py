"""Every choice in Attune reads without colour: no module builds Textual's own radio buttons or
checkboxes, which draw the same glyph chosen or not; they use `tui/widgets/choices.py`."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tui"
STOCK_CHOICES = {"RadioButton", "RadioSet", "Checkbox", "ToggleButton", "Switch"}
"""Textual's choice widgets: their state shows only in colour."""
OWNER = PACKAGE / "widgets" / "choices.py"
"""The one module that builds on them, to draw their state in glyphs."""


def stock_choices_named(path: Path) -> set[str]:
    """The stock choice widgets a module imports or names as `textual.widgets.X`."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            named.update(alias.name for alias in node.names if alias.name in STOCK_CHOICES)
        elif isinstance(node, ast.Attribute) and node.attr in STOCK_CHOICES:
            named.add(node.attr)
    return named


def test_no_form_or_screen_builds_a_stock_radio_button_or_checkbox() -> None:
    users = {
        str(path.relative_to(PACKAGE)): named
        for path in PACKAGE.rglob("*.py")
        if path != OWNER and (named := stock_choices_named(path))
    }
    assert users == {}, "use ChoiceSet, ChoiceButton and TickBox from tui/widgets/choices.py"


def test_the_check_sees_a_stock_choice(tmp_path: Path) -> None:
    module = tmp_path / "form.py"
    module.write_text(
        "from textual.widgets import Input, RadioSet\nfrom textual import widgets\n"
        "box = widgets.Checkbox('x')\n"
    )
    assert stock_choices_named(module) == {"RadioSet", "Checkbox"}
