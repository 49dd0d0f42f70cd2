"""Bugs the key monkey found, each pinned by the shortest key sequence that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.clock import FixedClock

from ..conftest import Launcher
from .monkey import key_event, settle


async def test_page_keys_in_the_palette_the_moment_it_opens(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # As fast as a quick hand: the second key arrives before the palette's list is drawn.
        app.post_message(key_event("ctrl+p"))
        app.post_message(key_event("pageup"))
        await settle(pilot)
        assert app.is_running


@pytest.mark.parametrize("height", [0, 5])
async def test_page_keys_in_a_list_with_no_room_to_lay_out_its_lines(height: int) -> None:
    """Found in the Agreements pane (seed 2, fresh): a list with no height has no line map."""
    from textual.app import App, ComposeResult

    from tui.widgets.option_list import PagedOptionList

    class OneList(App[None]):
        def compose(self) -> ComposeResult:
            listing = PagedOptionList(*[f"agreement {n}" for n in range(30)])
            listing.styles.height = height
            yield listing

    app = OneList()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(PagedOptionList)
        listing.highlighted = 3
        listing.focus()
        await pilot.press("pagedown", "pageup")
        assert app.is_running and listing.highlighted is not None
