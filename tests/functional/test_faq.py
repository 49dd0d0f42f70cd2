"""The FAQ pane with the keyboard only: search, read, follow a link, clear, jump from a pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList

from tui.app import AttuneApp
from tui.core.faq import load_faq
from tui.panes.checkin import CheckinPane
from tui.panes.faq import FaqPane
from tui.panes.rituals import RitualsPane

from ..conftest import Launcher
from .helpers import pane_key, screen_text


async def open_faq(pilot) -> None:
    """Wait for the dashboard, then show the FAQ pane, built on its first visit."""
    await pilot.pause()
    await pilot.press(pane_key(FaqPane))
    await pilot.pause()
    await pilot.pause()


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


def answer_scroll(app: AttuneApp) -> float:
    """How many lines of the answer are scrolled out of view above."""
    return app.screen.query_one("#faq-answer-box", VerticalScroll).scroll_y


def answer_place(app: AttuneApp) -> str:
    """Where the answer sits relative to the list of questions: "beside" or "under"."""
    questions = app.screen.query_one("#faq-list").region
    answer = app.screen.query_one("#faq-answer-box").region
    if answer.x >= questions.right and answer.y == questions.y:
        return "beside"
    assert answer.y >= questions.bottom, f"answer {answer} overlaps the list {questions}"
    return "under"


async def test_search_read_follow_a_related_link_and_clear(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_faq(pilot)
        everything = listed(app)
        assert len(everything) >= 20
        await pilot.press("slash", *"therepy")
        await pilot.pause()
        assert listed(app)[0] == "therapy-types" and len(listed(app)) < len(everything)
        assert "Emotionally Focused Therapy" in screen_text(app)

        await pilot.press("enter")  # from the search to the list
        await pilot.press("enter")  # to the related questions
        # The third related entry, which the search hides (the abuse entry, second, names a
        # counsellor and so is among the results).
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert highlighted_id(app) == "worth-staying"
        assert "Only you can decide" in screen_text(app)
        assert app.screen.query_one("#faq-search", Input).value == "", "search cleared to show it"

        await pilot.press("slash", *"how long")
        await pilot.pause()
        assert listed(app)[0] == "how-long"
        await pilot.press("escape")
        await pilot.pause()
        assert listed(app) == everything
        assert app.focused is app.screen.query_one("#faq-list", OptionList)
        await pilot.press(pane_key(CheckinPane))  # with the list focused, the pane keys work again
        assert app.screen.query_one("TabbedContent").active == "checkin"


async def test_a_whole_question_finds_its_answer_with_the_matches_highlighted(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_faq(pilot)
        await pilot.press("slash", *"do we need a counselor")
        await pilot.pause()
        assert listed(app)[0] == "need-therapist"
        listing = app.screen.query_one("#faq-list", OptionList)
        label = listing.get_option_at_index(0).prompt
        assert isinstance(label, Text)
        emphasised = {
            label.plain[span.start : span.end] for span in label.spans if "bold" in str(span.style)
        }
        # The British spelling in the question is highlighted for the American one typed.
        assert {"need", "counsellor"} <= emphasised


async def test_g_opens_the_entry_that_fits_each_pane(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        assert highlighted_id(app) == "cooling-off"
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        await pilot.press("n")  # no starter rituals
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert highlighted_id(app) == "love-languages"
        assert app.screen.query_one(FaqPane).has_class("-narrow") is False


async def test_a_followed_related_question_opens_at_its_question(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_faq(pilot)
        await pilot.press("enter")  # to the related questions, at the foot of the answer
        await pilot.pause()
        assert answer_scroll(app) > 0, "the related questions are below a short answer box"
        followed = app.screen.query_one("#faq-related", OptionList).get_option_at_index(0).id
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_id(app) == followed
        assert answer_scroll(app) == 0
        questions = {entry.id: entry.question for entry in load_faq()}
        assert questions[followed] in screen_text(app)


async def test_g_opens_its_entry_at_the_question_after_a_scrolled_answer(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_faq(pilot)
        await pilot.press("tab", "end")  # into the answer, read to its end
        await pilot.pause()
        assert app.focused is app.screen.query_one("#faq-answer-box")
        assert answer_scroll(app) > 0
        await pilot.press(pane_key(CheckinPane), "g")
        await pilot.pause()
        await pilot.pause()
        assert highlighted_id(app) == "cooling-off"
        assert answer_scroll(app) == 0
        assert "How do we agree on a cooling-off?" in screen_text(app)


@pytest.mark.parametrize(
    "size,place",
    [((80, 24), "under"), ((100, 30), "beside"), ((160, 50), "beside")],
    ids=["80x24", "100x30", "160x50"],
)
async def test_the_answer_sits_in_the_same_place_on_every_visit(
    set_up_path: Path, launch: Launcher, size: tuple[int, int], place: str
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        places = []
        for _ in range(2):
            await pilot.press(pane_key(FaqPane))
            await pilot.pause()
            await pilot.pause()
            places.append(answer_place(app))
            await pilot.press(pane_key(CheckinPane))
            await pilot.pause()
        assert places == [place, place]
