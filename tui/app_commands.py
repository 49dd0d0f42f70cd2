"""What the app offers beyond the keys on screen: the command palette's commands and the help.

Both are derived from the command registry (`tui.keys`): the palette lists what works now on the
screen shown, the help every key of the app and of that screen, so neither spells a key out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.commands import WRITE_CALENDAR, WRITE_REPORT
from tui.keys import bindings_of, help_rows, key_label, palette_commands, pane_bindings
from tui.screens.main import PANE_CLASSES, MainScreen

if TYPE_CHECKING:
    from tui.app import AttuneApp

WITHHELD_SYSTEM_COMMANDS = {"Screenshot"}
"""Textual's Screenshot command writes a picture of this private screen to the Downloads folder."""


def system_commands(app: AttuneApp, screen: Screen) -> Iterable[SystemCommand]:
    """The palette's commands on `screen`: Textual's own (less the withheld), the panes, the
    current pane's or view's commands, locking, the report and calendar, and the help."""
    from tui.screens.progress import ProgressScreen  # only once the palette opens

    for command in App.get_system_commands(app, screen):
        if command.title not in WITHHELD_SYSTEM_COMMANDS:
            yield command
    if isinstance(screen, MainScreen):
        for number, pane in enumerate(PANE_CLASSES, start=1):
            yield SystemCommand(
                f"Go to {pane.TITLE}",
                f"Show the {pane.TITLE} pane (key {number})",
                lambda pane_id=pane.PANE_ID: screen.action_show_pane(pane_id),
            )
        for binding_id, title, open_it in (
            ("settings.open", "Settings", screen.action_open_settings),
            ("progress.open", "Progress", screen.action_open_progress),
        ):
            binding = next(key for key in bindings_of(screen) if key.id == binding_id)
            yield SystemCommand(
                title, f"{binding.tooltip} (key {key_label(app, binding)})", open_it
            )
        current = screen.current_pane
        for title, help_text, callback in palette_commands(current, current.TITLE):
            yield SystemCommand(title, help_text, callback)
    elif isinstance(screen, ProgressScreen):
        for title, help_text, callback in palette_commands(screen, "Progress"):
            yield SystemCommand(title, help_text, callback)
    if app.is_unlocked:
        lock = next(binding for binding in bindings_of(app) if binding.id == "app.lock")
        yield SystemCommand(
            lock.description, f"{lock.tooltip} (key {key_label(app, lock)})", app.action_lock
        )
    in_therapy = isinstance(screen, MainScreen) and screen.current_pane.PANE_ID == "therapy"
    # The Therapy pane's own commands offer these there.
    if app.is_unlocked and app.store.is_set_up and not in_therapy:
        for command, write in (
            (WRITE_REPORT, app._write_report),
            (WRITE_CALENDAR, app._write_calendar),
        ):
            yield SystemCommand(
                command.tooltip or "", f"Also key {key_label(app, command)} in Therapy", write
            )
    help_command = next(binding for binding in bindings_of(app) if binding.id == "app.help")
    yield SystemCommand(
        help_command.tooltip or "", f"Key {key_label(app, help_command)}", app.action_help
    )


def show_help(app: AttuneApp) -> None:
    """Show every key of the app and of the screen shown (the current pane, Progress, a dialog)."""
    # Imported here: the Markdown widget costs about 40 ms, too much for every start-up.
    from tui.dialogs.base import Dialog
    from tui.dialogs.help import THERAPY_NOTE, HelpScreen, key_table
    from tui.screens.progress import ProgressScreen

    if isinstance(app.screen, HelpScreen):
        return
    everywhere = help_rows(app, bindings_of(app))
    if isinstance(app.screen, MainScreen):
        everywhere += help_rows(app, bindings_of(app.screen))
    # Textual's own keys, which no Attune binding declares.
    everywhere += [
        ("ctrl+p", "Command palette: search every command, change the theme"),
        ("tab / shift+tab", "Move between fields and lists"),
    ]
    sections = ["# Attune help", THERAPY_NOTE, key_table("Everywhere", everywhere)]
    if isinstance(app.screen, MainScreen):
        pane = app.screen.current_pane
        sections.append(f"## {pane.TITLE}\n\n{pane.help_text()}")
        pane_keys = help_rows(app, pane_bindings(pane))
        if pane_keys:
            sections.append(key_table(f"Keys in {pane.TITLE}", pane_keys))
    elif isinstance(app.screen, ProgressScreen):
        sections.append(f"## Progress\n\n{app.screen.help_text()}")
        sections.append(key_table("Keys in Progress", help_rows(app, bindings_of(app.screen))))
    elif isinstance(app.screen, Dialog):
        sections.append(key_table("Keys in this dialog", help_rows(app, app.screen.own_bindings())))
    app.push_screen(HelpScreen("\n\n".join(sections)))
