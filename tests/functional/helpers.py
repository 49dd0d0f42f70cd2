"""Helpers for driving AttuneApp with the Pilot."""

from __future__ import annotations

from pathlib import Path

import msgspec

from tui.app import AttuneApp
from tui.dialogs.confirm import ConfirmDialog


def read_data_file(path: Path) -> dict:
    """What is on disk right now."""
    return msgspec.json.decode(path.read_bytes())


def screen_text(app: AttuneApp) -> str:
    """Every visible character of the current screen, as plain text."""
    # The compositor is private, but it is exactly what the terminal would receive.
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def widget_text(app: AttuneApp, selector: str) -> str:
    """The plain text a widget on the current screen renders, unwrapped."""
    return str(app.screen.query_one(selector).render())


async def open_pane_answering_its_offer(app: AttuneApp, pilot, key: str, accept: bool) -> None:
    """Press a pane's key on its first visit and answer what it offers (starters, examples)."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog), "a first visit offers something to start from"
    await pilot.press("y" if accept else "n")
    await pilot.pause()
