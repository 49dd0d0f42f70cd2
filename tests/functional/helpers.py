"""Helpers for driving AttuneApp with the Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from tui.app import AttuneApp
from tui.dialogs.confirm import ConfirmDialog
from tui.panes.base import AttunePane
from tui.screens.main import PANE_CLASSES


def pane_key(pane: type[AttunePane]) -> str:
    """The digit that shows `pane`, taken from the dashboard's own order of panes."""
    return str(PANE_CLASSES.index(pane) + 1)


def read_data_file(path: Path) -> dict:
    """What is on disk right now."""
    return msgspec.json.decode(path.read_bytes())


def screen_text(app: AttuneApp) -> str:
    """Every visible character of the current screen, as plain text."""
    # The compositor is private, but it is exactly what the terminal would receive.
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle_until(
    pilot, shown: Callable[[], bool], what: str, limit_seconds: float = 10.0
) -> None:
    """Let the app work until `shown()` holds, failing with `what` after `limit_seconds`.

    For a change that travels through messages (a pane tells the screen, the screen redraws a
    tab): one pause can end before the last of them on a busy machine, and the change is only
    late, not missing."""
    deadline = time.monotonic() + limit_seconds
    while not shown():
        assert time.monotonic() < deadline, f"{what}: not shown after {limit_seconds}s"
        await pilot.pause()


def widget_text(app: AttuneApp, selector: str) -> str:
    """The plain text a widget on the current screen renders, unwrapped."""
    return str(app.screen.query_one(selector).render())


async def open_pane_answering_its_offer(
    app: AttuneApp, pilot, pane: type[AttunePane] | str, accept: bool
) -> None:
    """Show a pane on its first visit and answer what it offers (starters, examples).

    `pane` is the pane's class; a key as text still works for callers not yet moved to it."""
    await pilot.pause()
    await pilot.press(pane if isinstance(pane, str) else pane_key(pane))
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog), "a first visit offers something to start from"
    await pilot.press("y" if accept else "n")
    await pilot.pause()


async def discard_the_form(pilot) -> None:
    """Leave the open form with escape, saying "discard" if it asks (it asks once changed)."""
    await pilot.press("escape")
    await pilot.pause()
    if isinstance(pilot.app.screen, ConfirmDialog):
        await pilot.press("y")
        await pilot.pause()
