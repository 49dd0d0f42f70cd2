"""One owner for the settings: the theme, the love languages and the plan survive each other.

Each place that changes a setting asks the store to change that field alone; none of them may
write back a copy of the settings it took earlier.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.widgets import Select

from tui.app import AttuneApp
from tui.dialogs.love_languages import LoveLanguageDialog
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane

from ..conftest import Launcher
from .helpers import open_pane_answering_its_offer, pane_key, read_data_file, screen_text


def stored_settings(path: Path) -> dict:
    return read_data_file(path)["settings"]["1"]


async def choose_theme(app: AttuneApp, pilot) -> None:
    app.theme = "nord"  # what the palette's theme picker does
    await pilot.pause()


async def choose_love_languages(app: AttuneApp, pilot) -> None:
    await pilot.press(pane_key(RitualsPane))
    await pilot.pause()
    await pilot.press("L")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, LoveLanguageDialog)
    dialog.query_one("#language-a", Select).value = "time"
    dialog.query_one("#language-b", Select).value = "words"
    dialog.query_one("#save").press()
    await pilot.pause()


async def change_the_plan(app: AttuneApp, pilot) -> None:
    await pilot.press(pane_key(CheckinPane))
    await pilot.pause()
    await pilot.press("down", "right")  # turn length: 5 -> 6 minutes
    await pilot.pause()


CHANGES = {
    "theme": choose_theme,
    "love languages": choose_love_languages,
    "plan": change_the_plan,
}


@pytest.mark.parametrize(
    "order", list(itertools.permutations(CHANGES)), ids=lambda order: " then ".join(order)
)
async def test_theme_love_languages_and_plan_survive_each_other_and_a_relaunch(
    set_up_path: Path, launch: Launcher, order: tuple[str, ...]
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane_answering_its_offer(app, pilot, RitualsPane, accept=True)
        await pilot.press(pane_key(CheckinPane))
        await pilot.pause()
        for change in order:
            await CHANGES[change](app, pilot)

    saved = stored_settings(set_up_path)
    assert saved["theme"] == "nord"
    assert (saved["love_language_a"], saved["love_language_b"]) == ("time", "words")
    assert saved["turn_minutes"] == 6
    assert saved["starter_rituals_offered"] is True

    app.store.close()
    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert relaunched.theme == "nord"
        assert "◀ 6 min ▶" in screen_text(relaunched)
        settings = relaunched.store.settings()
        assert (settings.love_language_a, settings.love_language_b) == ("time", "words")


async def test_love_languages_open_with_L_save_and_reach_the_daily_ritual(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane_answering_its_offer(app, pilot, RitualsPane, accept=True)
        pane = app.screen.query_one(RitualsPane)
        love_row = next(
            index
            for index, track in enumerate(pane._tracks)
            if track.ritual.kind.value == "love_language" and track.person == "a"
        )
        await pilot.press(*["down"] * love_row)
        await pilot.pause()
        assert "Alex's love language is not recorded yet (L)" in screen_text(app)

        await pilot.press("L")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LoveLanguageDialog), "L opens the dialog without a crash"
        assert dialog.query_one("#language-a", Select).value is Select.NULL
        # Only Alex's is chosen: a partner may leave theirs unchosen.
        dialog.query_one("#language-b", Select).value = "acts"
        dialog.query_one("#save").press()
        await pilot.pause()
        assert "Alex feels most loved through acts of service" in screen_text(app)
        saved = stored_settings(set_up_path)
        assert (saved["love_language_a"], saved["love_language_b"]) == (None, "acts")

        # Sam's row hints at Alex's language; Alex's row says Sam's is not recorded yet.
        await pilot.press("down")
        await pilot.pause()
        assert "Sam's love language is not recorded yet (L)" in screen_text(app)

        await pilot.press("L")
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, LoveLanguageDialog)
        assert reopened.query_one("#language-a", Select).value is Select.NULL
        assert reopened.query_one("#language-b", Select).value == "acts", "reopening shows it"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LoveLanguageDialog)
    assert stored_settings(set_up_path)["love_language_b"] == "acts", "escape changes nothing"
