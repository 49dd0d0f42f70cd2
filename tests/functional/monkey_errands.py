"""Errands in the middle of a run: changes a couple makes in Settings, made as a person would,
and the check-in's steps chosen again when the walk has changed them.

An errand waits until the run's random walk is back on the dashboard (or takes it there),
opens Settings with its key, tabs to the field, selects what is in it, types, and saves. Each
key goes through the same path as the monkey's own, so the views must follow the change
wherever the walk has left them (a check-in under way, a filter set, a list scrolled).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from textual.widgets import Input

from tui.app import AttuneApp
from tui.core.models import AgendaStep
from tui.dialogs.agenda import AgendaDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.main import MainScreen
from tui.screens.settings import SettingsScreen
from tui.store import Store
from tui.widgets.choices import TickBox

Action = tuple[str, str]
"""("key", key name) or ("resize", "COLUMNSxROWS"): one input for the app."""
KEYS_TO_REACH_THE_DASHBOARD = 40
TABS_TO_REACH_A_FIELD = 30


@dataclass(frozen=True)
class SettingsChange:
    """One change made in Settings: which field, what is typed, and how to tell it was saved."""

    name: str
    """What the change is, for the log and for a failure message."""
    field_id: str
    typed: str
    saved: Callable[[Store], bool]
    """True once the store holds the change."""


def rename(partner: str, new_name: str) -> SettingsChange:
    """A partner's new name ("a" or "b"), typed over the old one."""
    field_id = "first-name" if partner == "a" else "second-name"
    return SettingsChange(
        f"rename {partner} to {new_name}",
        field_id,
        new_name,
        lambda store: getattr(store.settings().partners, partner) == new_name,
    )


def move_to_time_zone(zone: str, typed: str) -> SettingsChange:
    """The couple's time zone, found by typing part of its name (Enter takes the first match)."""
    return SettingsChange(
        f"time zone to {zone}", "time-zone", typed, lambda store: store.settings().time_zone == zone
    )


def errand(
    change: SettingsChange, app_now: Callable[[], AttuneApp], size: tuple[int, int]
) -> Iterator[Action]:
    """The inputs that make `change` from wherever the app is; `app_now()` is the app running
    when each input is chosen (the palette's Quit may have started another).

    Raises AssertionError when Settings can't be opened or does not save the change.
    """
    for _ in range(KEYS_TO_REACH_THE_DASHBOARD):
        app = app_now()
        if isinstance(app.screen, MainScreen):
            break
        # A question (discard what was typed? end the talk?) is answered yes: the errand is
        # what the couple came to do. Every other screen and dialog closes with escape.
        yield ("key", "y" if isinstance(app.screen, ConfirmDialog) else "escape")
    else:
        raise AssertionError(
            f"{change.name}: the dashboard did not come back after "
            f"{KEYS_TO_REACH_THE_DASHBOARD} presses of escape"
        )
    if app_now().size != size:
        yield ("resize", f"{size[0]}x{size[1]}")
    if isinstance(app_now().screen.focused, Input):
        yield ("key", "escape")
    yield ("key", "S")
    screen = app_now().screen
    if not isinstance(screen, SettingsScreen):
        raise AssertionError(f"{change.name}: S on the dashboard opened {type(screen).__name__}")
    for _ in range(TABS_TO_REACH_A_FIELD):
        focused = app_now().screen.focused
        if focused is not None and focused.id == change.field_id:
            break
        yield ("key", "tab")
    else:
        raise AssertionError(f"{change.name}: tab never reached #{change.field_id}")
    yield ("key", "ctrl+shift+a")
    for character in change.typed:
        yield ("key", character)
    yield ("key", "enter")
    if isinstance(app_now().screen, SettingsScreen):
        # Enter in the time zone first takes the first match; a second one saves.
        yield ("key", "enter")
    if isinstance(app_now().screen, SettingsScreen):
        raise AssertionError(f"{change.name}: Settings did not close on saving")


def choose_steps(
    agenda: tuple[AgendaStep, ...], app_now: Callable[[], AttuneApp]
) -> Iterator[Action]:
    """The check-in's steps chosen again in the plan (the key `o` on the Check-in pane), as a
    couple does who went back to their usual meeting; for a run whose walk changed them.

    Raises AssertionError when the form does not open.
    """
    yield ("key", "o")
    form = app_now().screen
    if not isinstance(form, AgendaDialog):
        raise AssertionError(f"choosing the steps: o opened {type(form).__name__}")
    for step in AgendaStep:
        box = form.query_one(f"#step-{step.value}", TickBox)
        for _ in range(TABS_TO_REACH_A_FIELD):
            if form.focused is box:
                break
            yield ("key", "tab")
        if box.value != (step in agenda):
            yield ("key", "space")
    yield ("key", "ctrl+s")
