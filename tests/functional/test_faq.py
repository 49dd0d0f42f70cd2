"""The FAQ pane with the keyboard only: search, read, follow a link, clear, jump from a pane."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from tui.app import AttuneApp
from tui.panes.faq import FaqPane

from ..conftest import Launcher
from .helpers import screen_text


def listed(app: AttuneApp) -> list[str]:
    listing = app.screen.query_one("#faq-list", OptionList)
    return [option.id for option in listing.options if option.id]


def highlighted_id(app: AttuneApp) -> str | None:
    listing = app.screen.query_one("#faq-list", OptionList)
    return (
        listing.get_option_at_index(listing.highlighted).id
        if listing.highlighted is not None
        else None
    )


async def test_search_read_follow_a_related_link_and_clear(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.pause()
        everything = listed(app)
        assert len(everything) >= 20
        await pilot.press("slash", *"therepy")
        await pilot.pause()
        assert listed(app)[0] == "therapy-types" and len(listed(app)) < len(everything)
        assert "Emotionally Focused Therapy" in screen_text(app)

        await pilot.press("enter")  # from the search to the list
        await pilot.press("enter")  # to the related questions
        await pilot.press("down", "enter")  # the second related entry: abuse
        await pilot.pause()
        assert highlighted_id(app) == "abuse"
        assert "emergency number" in screen_text(app)
        assert app.screen.query_one("#faq-search", Input).value == "", "search cleared to show it"

        await pilot.press("slash", *"how long")
        await pilot.pause()
        assert listed(app)[0] == "how-long"
        await pilot.press("escape")
        await pilot.pause()
        assert listed(app) == everything
        assert app.focused is app.screen.query_one("#faq-list", OptionList)
        await pilot.press("1")  # with the list focused, the pane keys work again
        assert app.screen.query_one("TabbedContent").active == "checkin"


async def test_g_opens_the_entry_that_fits_each_pane(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        assert highlighted_id(app) == "cooling-off"
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")  # no starter rituals
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert highlighted_id(app) == "love-languages"
        assert app.screen.query_one(FaqPane).has_class("-narrow") is False
