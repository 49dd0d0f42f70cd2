"""Keys are described once: every binding carries what the footer, help and palette need."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import tui
from tests.functional.helpers import pane_key, screen_text
from tui.app import AttuneApp
from tui.commands import WRITE_CALENDAR, WRITE_REPORT
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpScreen
from tui.keys import COMMANDS, TwoCommandsOneId, bindings_of, is_enabled, key, palette_commands
from tui.panes.base import AttunePane
from tui.panes.faq import FaqPane
from tui.panes.rituals import RitualsPane
from tui.panes.therapy import TherapyPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.screens.settings import SettingsScreen


def _attune_classes_with_bindings() -> list[type[DOMNode]]:
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    pending = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui.") and bindings_of(cls):
            found.append(cls)
    return found


CLASSES = _attune_classes_with_bindings()


async def _show_pane_with_its_starters(app: AttuneApp, pilot, pane: type[AttunePane]) -> None:
    """Show a pane; on a first visit, take the starter set it offers so it has something."""
    await pilot.press(pane_key(pane))
    await pilot.pause()
    if isinstance(app.screen, ConfirmDialog):
        await pilot.press("y")
        await pilot.pause()


def test_the_walk_finds_the_panes_dialogs_and_widgets() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"AttuneApp", "MainScreen", "HelpScreen", "ConfirmDialog"} <= names
    assert {pane.__name__ for pane in PANE_CLASSES} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_binding_has_an_id_a_description_and_a_tooltip(cls: type[DOMNode]) -> None:
    incomplete = [
        binding.key
        for binding in bindings_of(cls)
        if not (binding.id and binding.description and binding.tooltip)
    ]
    assert incomplete == [], f"{cls.__name__}: bindings without id, description or tooltip"


def test_every_binding_comes_from_the_command_registry() -> None:
    """A key declared any other way would miss from the help, the palette or the footer's
    words; `key` registers it, `key_again` places a registered one elsewhere."""
    strays = []
    for cls in CLASSES:
        for binding in bindings_of(cls):
            declared = COMMANDS.get(binding.id or "")
            same_words = declared is not None and (declared.description, declared.tooltip) == (
                binding.description,
                binding.tooltip,
            )
            if not same_words:
                strays.append(f"{cls.__name__}: {binding.key} ({binding.id})")
    assert strays == []


def test_no_binding_is_built_outside_the_registry() -> None:
    package = Path(tui.__file__).parent
    built_elsewhere = [
        f"{path.relative_to(package)}:{node.lineno}"
        for path in package.rglob("*.py")
        if path.name != "keys.py"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Binding"
    ]
    assert built_elsewhere == []


def test_a_command_offered_in_several_places_reads_the_same_in_each() -> None:
    in_therapy = {binding.id: binding for binding in bindings_of(TherapyPane)}
    in_settings = {binding.id: binding for binding in bindings_of(SettingsScreen)}
    for command in (WRITE_REPORT, WRITE_CALENDAR):
        placed = (in_therapy[command.id], in_settings[command.id])
        assert {(b.description, b.tooltip) for b in placed} == {
            (command.description, command.tooltip)
        }
        assert in_therapy[command.id].key != in_settings[command.id].key


def test_two_commands_under_one_id_are_refused() -> None:
    key("tests", "f9", "nothing", "Twice", "Declare a command for this test")
    key("tests", "f9", "nothing", "Twice", "Declare a command for this test")  # the same again
    with pytest.raises(TwoCommandsOneId):
        key("tests", "f10", "other", "Twice", "Declare another command under the same id")
    del COMMANDS["tests.twice"]


def test_binding_ids_are_unique_within_each_class() -> None:
    for cls in CLASSES:
        ids = [binding.id for binding in bindings_of(cls)]
        assert len(ids) == len(set(ids)), cls.__name__


def test_tooltips_start_with_a_capital_and_read_as_a_phrase() -> None:
    for cls in CLASSES:
        for binding in bindings_of(cls):
            tooltip = binding.tooltip or ""
            assert tooltip[:1].isupper(), f"{cls.__name__} {binding.key}: {tooltip!r}"
            assert not tooltip.endswith("."), f"{cls.__name__} {binding.key}: {tooltip!r}"


@pytest.mark.parametrize("shown", PANE_CLASSES, ids=lambda pane: pane.__name__)
async def test_the_palette_offers_every_action_of_the_current_pane(
    set_up_path: Path, launch: Callable[[Path], AttuneApp], shown: type[AttunePane]
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _show_pane_with_its_starters(app, pilot, shown)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane = screen.current_pane
        assert isinstance(pane, shown)
        titles = {command.title for command in app.get_system_commands(screen)}
        offered = {title for title, _help, _run in palette_commands(pane, pane.TITLE)}
        assert offered <= titles
        assert all(title.startswith(f"{pane.TITLE}: ") for title in offered)
        # Every enabled binding with a tooltip is offered; at least one works in every pane.
        assert offered, f"{pane.TITLE} offers nothing in the palette"


async def test_a_palette_command_runs_the_pane_action_as_its_key_would(
    set_up_path: Path, launch: Callable[[Path], AttuneApp]
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(pane_key(FaqPane))
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"FAQ: type a question")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "faq-search"


@pytest.mark.parametrize("shown", PANE_CLASSES, ids=lambda pane: pane.__name__)
async def test_the_help_lists_every_key_of_the_pane_in_words(
    set_up_path: Path, launch: Callable[[Path], AttuneApp], shown: type[AttunePane]
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await _show_pane_with_its_starters(app, pilot, shown)
        pane = app.screen.current_pane
        assert isinstance(pane, shown)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.markdown
        for binding in bindings_of(pane):
            assert isinstance(binding, Binding)
            assert binding.tooltip is not None
            assert binding.tooltip.replace("|", "/") in markdown, binding.key
        for binding in bindings_of(AttuneApp):
            assert binding.tooltip in markdown
        assert "Attune help" in screen_text(app)


async def test_help_over_a_form_lists_the_form_keys(
    set_up_path: Path, launch: Callable[[Path], AttuneApp]
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _show_pane_with_its_starters(app, pilot, RitualsPane)
        await pilot.press("a")  # add a ritual: a form whose name field has the keyboard
        await pilot.pause()
        form = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Keys in this dialog" in app.screen.markdown
        for binding in form.own_bindings():
            assert binding.tooltip.replace("|", "/") in app.screen.markdown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form


@pytest.mark.parametrize("shown", PANE_CLASSES, ids=lambda pane: pane.__name__)
async def test_at_80_columns_the_footer_shows_the_pane_keys_first_and_cuts_nothing(
    set_up_path: Path, launch: Callable[[Path], AttuneApp], shown: type[AttunePane]
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show_pane_with_its_starters(app, pilot, shown)
        footer = screen_text(app).splitlines()[-1]
        pane = app.screen.current_pane
        own = [b for b in bindings_of(pane) if b.show and is_enabled(pane, b)]
        if own:
            first = own[0]
            assert footer.strip().startswith(f"{app.get_key_display(first)} {first.description}")
        # The last key before the palette is whole: nothing was cut for want of room.
        assert "? Help" in footer, footer


async def test_a_pane_not_built_yet_offers_no_key_and_no_command(
    set_up_path: Path, launch: Callable[[Path], AttuneApp]
) -> None:
    """A palette opened the moment a tab appears once ran a pane's command on widgets that
    were not there yet: until a pane built when first shown is built, nothing of it runs."""
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for pane in screen.query(AttunePane):
            if pane._builds_when_shown:
                assert not pane._built
                assert not [b for b in bindings_of(pane) if is_enabled(pane, b)], pane.PANE_ID
                assert not list(palette_commands(pane, pane.TITLE)), pane.PANE_ID
        requests = next(p for p in screen.query(AttunePane) if p.PANE_ID == "requests")
        await pilot.press(pane_key(type(requests)))
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("n")  # a first visit's offer
            await pilot.pause()
        assert requests._built and list(palette_commands(requests, requests.TITLE))
