"""Every form at 80x24, the smallest window: it opens with its title and first field in view,
saves with ctrl+s or from its Save button reached with tab, cancels with escape, and explains a
refused value in its problem line with the field to correct focused and in view."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.agreements import Repair, ReviewOutcome
from tui.core.models import Partners
from tui.core.rituals import Cadence, RitualDraft, Who
from tui.dialogs.agenda import HiddenRatingDialog, RatingAnswer
from tui.dialogs.agreement import (
    AgreementDialog,
    AgreementDraft,
    LapseDialog,
    LapseDraft,
    PartnerDialog,
    ReviewDialog,
    ReviewDraft,
)
from tui.dialogs.base import FormDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.love_languages import LoveLanguageDialog
from tui.dialogs.ritual import RitualDialog
from tui.panes.agreements import AgreementsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import MainScreen
from tui.widgets.choices import ChoiceSet
from tui.widgets.rating_picker import RatingPicker

from ..conftest import Launcher
from .helpers import pane_key, read_data_file, screen_text, widget_text

SIZE = (80, 24)
"""The smallest window Attune supports, where a long form is hardest to fit."""
PARTNERS = Partners("Sam", "Alex")
TODAY = date(2026, 11, 22)
"""The day of the fixed clock."""


async def press_one_by_one(pilot, *keys: str) -> None:
    """Each key as a person types it, letting the screen settle (and dialogs open) between."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()


def body_of(dialog: FormDialog) -> VerticalScroll:
    return dialog.query_one(".form-fields", VerticalScroll)


def assert_in_view(dialog: FormDialog, field: Widget) -> None:
    """The whole field is inside the part of the form's body that shows."""
    assert body_of(dialog).region.contains_region(field.region), (
        field,
        field.region,
        body_of(dialog).region,
    )


def assert_opens_at_top(dialog: FormDialog, app: AttuneApp, title: str, focused: str) -> None:
    """The title and the first field show, unscrolled, and `focused` has focus, in view."""
    window = app.screen.region
    body = body_of(dialog)
    heading = dialog.query_one(".dialog-title")
    assert app.screen is dialog
    assert body.scroll_offset.y == 0, "the form opens at its top"
    assert heading.region.height and window.contains_region(heading.region)
    assert title in screen_text(app)
    first_field = next(widget for widget in body.query("*") if widget.focusable)
    assert_in_view(dialog, first_field)
    assert dialog.focused is not None and dialog.focused.id == focused
    assert_in_view(dialog, dialog.focused)
    save = dialog.query_one("#save", Button)
    assert window.contains_region(save.region), "Save is on screen without scrolling"
    assert "^s save" in screen_text(app), "the form says how to save from any field"


def problem_line(app: AttuneApp) -> str:
    return widget_text(app, ".form-problem")


# --- opened with the panes' keys ------------------------------------------------------------

Opener = Callable[[AttuneApp, object, FixedClock], Awaitable[None]]


async def add_a_ritual(app: AttuneApp, pilot, clock: FixedClock) -> None:
    await press_one_by_one(pilot, pane_key(RitualsPane), "n", "a")  # no starter rituals, then add


async def edit_a_ritual(app: AttuneApp, pilot, clock: FixedClock) -> None:
    # The starter rituals, then edit the first.
    await press_one_by_one(pilot, pane_key(RitualsPane), "y", "e")


async def choose_love_languages(app: AttuneApp, pilot, clock: FixedClock) -> None:
    await press_one_by_one(pilot, pane_key(RitualsPane), "n", "L")


async def propose_an_agreement(app: AttuneApp, pilot, clock: FixedClock) -> None:
    await press_one_by_one(pilot, pane_key(AgreementsPane), "n", "a")  # no examples, then propose


async def reword_an_agreement(app: AttuneApp, pilot, clock: FixedClock) -> None:
    # The examples, then reword the first.
    await press_one_by_one(pilot, pane_key(AgreementsPane), "y", "e")


async def log_a_lapse(app: AttuneApp, pilot, clock: FixedClock) -> None:
    # The first example, signed by both, is active: a lapse can be logged.
    await press_one_by_one(pilot, pane_key(AgreementsPane), "y", "s", "1", "s", "2", "l")


async def review_an_agreement(app: AttuneApp, pilot, clock: FixedClock) -> None:
    await log_a_lapse(app, pilot, clock)
    await press_one_by_one(pilot, "enter")  # the lapse, today, for Sam
    clock.advance(7 * 24 * 3600)  # the repair is over: the review is due
    app.screen.query_one(AgreementsPane).reload()
    await press_one_by_one(pilot, "r")


async def rate_the_week(app: AttuneApp, pilot, clock: FixedClock) -> None:
    # The clock alone (the plan's last row): start, end the talk early, go on to the ratings.
    await press_one_by_one(pilot, "up", "right", "space", "f", "y", "enter", "r")


OPENINGS: dict[str, tuple[Opener, type[FormDialog], str, str]] = {
    "add a ritual": (add_a_ritual, RitualDialog, "Add a ritual", "name"),
    "edit a ritual": (edit_a_ritual, RitualDialog, "Edit the ritual", "name"),
    "love languages": (choose_love_languages, LoveLanguageDialog, "Love languages", "language-a"),
    "propose": (propose_an_agreement, AgreementDialog, "Propose an agreement", "wording"),
    "reword": (reword_an_agreement, AgreementDialog, "Reword the agreement", "wording"),
    "lapse": (log_a_lapse, LapseDialog, "Log a lapse", "partner"),
    "review": (review_an_agreement, ReviewDialog, "Joint review", "note"),
    "rating": (rate_the_week, HiddenRatingDialog, "Sam, your rating", "hidden-rating"),
}


@pytest.mark.parametrize("opening", list(OPENINGS))
async def test_each_form_opens_at_its_top_and_escape_changes_nothing(
    opening: str, set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    opener, dialog_class, title, focused = OPENINGS[opening]
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await opener(app, pilot, clock)
        dialog = app.screen
        assert isinstance(dialog, dialog_class), dialog
        assert_opens_at_top(dialog, app, title, focused)
        before = read_data_file(set_up_path)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), "escape closes the form"
        assert read_data_file(set_up_path) == before, "and saves nothing"


async def test_ctrl_s_saves_a_new_ritual_from_any_field(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await add_a_ritual(app, pilot, clock)
        await pilot.press(*"Sea swim", "tab", "down")  # a number of times a week
        await pilot.press("tab", "backspace", "3", "tab")  # three; the focus is on "who"
        assert isinstance(app.screen.focused, ChoiceSet)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    (stored,) = read_data_file(set_up_path)["rituals"].values()
    assert stored["name"] == "Sea swim"
    assert stored["cadence"]["kind"] == "weekly" and stored["cadence"]["times_per_week"] == 3


async def test_ctrl_s_proposes_an_agreement_and_a_refusal_points_at_its_field(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await propose_an_agreement(app, pilot, clock)
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert problem_line(app) == "Please enter the agreement's wording."
        assert dialog.focused is dialog.query_one("#wording")

        await pilot.press(*"Talk weekly")
        dialog.query_one("#repair-days", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert problem_line(app) == "Repair days must be a whole number from 1 to 60."
        days = dialog.query_one("#repair-days", Input)
        assert dialog.focused is days
        assert_in_view(dialog, days)  # the fields scrolled to it
        assert "Repair days must be" in screen_text(app), "the problem line is on screen"

        days.value = "10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert problem_line(app).startswith("The joint review falls 10 to 90 days after a lapse")
        review_after = dialog.query_one("#review-after", Input)
        assert dialog.focused is review_after
        assert_in_view(dialog, review_after)

        review_after.value = "14"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    (stored,) = read_data_file(set_up_path)["agreements"].values()
    assert stored["wordings"][0]["text"] == "Talk weekly"
    assert stored["review_after_days"] == 14


async def test_a_refused_ritual_points_at_the_field_to_correct(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await add_a_ritual(app, pilot, clock)
        dialog = app.screen
        assert isinstance(dialog, RitualDialog)
        await pilot.press("tab", "ctrl+s")  # from "how often", with no name yet
        await pilot.pause()
        assert widget_text(app, "#ritual-problem") == "Please enter the ritual's name."
        assert dialog.focused is dialog.query_one("#name")

        await pilot.press(*"Sea swim", "tab", "down")  # a number of times a week
        dialog.query_one("#times", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert problem_line(app) == "A weekly ritual happens 1 to 7 times a week."
        assert dialog.focused is dialog.query_one("#times")

        await pilot.press("shift+tab", "down", "ctrl+s")  # on chosen days, none chosen
        await pilot.pause()
        assert problem_line(app) == "Choose at least one day of the week."
        assert dialog.focused is dialog.query_one("#day-0")
        assert isinstance(app.screen, RitualDialog)
    assert not read_data_file(set_up_path).get("rituals")


async def test_a_refused_lapse_day_points_at_the_day(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await log_a_lapse(app, pilot, clock)
        dialog = app.screen
        assert isinstance(dialog, LapseDialog)
        dialog.query_one("#day", Input).value = "2026-12-01"
        await pilot.press("tab", "tab", *"Phones at dinner", "ctrl+s")
        await pilot.pause()
        assert problem_line(app) == "A lapse can't be logged for a day still to come."
        assert dialog.focused is dialog.query_one("#day")

        dialog.query_one("#day", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    (stored,) = [
        agreement
        for agreement in read_data_file(set_up_path)["agreements"].values()
        if agreement.get("lapses")
    ]
    assert stored["lapses"][0]["day"] == "2026-11-20"
    assert stored["lapses"][0]["note"] == "Phones at dinner"


async def test_each_rating_is_asked_for_at_its_picker(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await rate_the_week(app, pilot, clock)
        dialog = app.screen
        assert isinstance(dialog, HiddenRatingDialog)
        await pilot.press("tab", "ctrl+s")
        await pilot.pause()
        assert problem_line(app) == "Sam, choose a rating from 1 to 5, or pass."
        picker = dialog.query_one("#hidden-rating", RatingPicker)
        assert dialog.focused is picker
        assert_in_view(dialog, picker)

        await pilot.press("4", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, HiddenRatingDialog)
    (stored,) = read_data_file(set_up_path)["checkins"].values()
    assert stored["status"] == "in_progress", "the week is finished once both are in"
    assert stored["ratings"] == [{"partner": "a", "score": 4, "note": ""}]


# --- pushed onto the running app, its answer taken as the pane would take it ---------------


def rated_four() -> HiddenRatingDialog:
    dialog = HiddenRatingDialog("Sam", "Alex")

    def rate() -> None:
        dialog.query_one("#hidden-rating", RatingPicker).value = 4

    dialog.call_after_refresh(rate)
    return dialog


FORMS: dict[str, tuple[Callable[[], FormDialog], object]] = {
    "ritual": (
        lambda: RitualDialog("Edit", RitualDraft("Sea swim", Cadence.weekly(2), Who.EACH)),
        RitualDraft("Sea swim", Cadence.weekly(2), Who.EACH),
    ),
    "love languages": (
        lambda: LoveLanguageDialog(PARTNERS, ("time", None)),
        ("time", None),
    ),
    "agreement": (
        lambda: AgreementDialog("Propose", "Talk weekly", partners=PARTNERS),
        AgreementDraft("Talk weekly", Repair(), 7, "a"),
    ),
    "lapse": (
        lambda: LapseDialog(PARTNERS, TODAY),
        LapseDraft("a", TODAY, ""),
    ),
    "review": (
        lambda: ReviewDialog("Talk weekly"),
        ReviewDraft("", ReviewOutcome.KEEP, "Talk weekly"),
    ),
    "rating": (rated_four, RatingAnswer(4, "")),
}


@pytest.mark.parametrize("way", ["ctrl+s", "tab to Save, then enter"])
@pytest.mark.parametrize("form", list(FORMS))
async def test_save_is_reachable_from_the_keyboard(
    form: str, way: str, set_up_path: Path, launch: Launcher
) -> None:
    build, expected = FORMS[form]
    answers: list[object] = []
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = build()
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await pilot.pause()
        if way == "ctrl+s":
            await pilot.press("ctrl+s")
        else:
            for _ in range(10):
                if dialog.focused is dialog.query_one("#save"):
                    break
                await pilot.press("tab")
            save = dialog.query_one("#save", Button)
            assert dialog.focused is save, "tab reaches Save"
            assert app.screen.region.contains_region(save.region)
            await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
    assert answers == [expected]


async def test_a_reworded_review_needs_its_new_wording(set_up_path: Path, launch: Launcher) -> None:
    answers: list[object] = []
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = ReviewDialog("Talk weekly")
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await pilot.press("tab", "down")  # "Reword it"
        dialog.query_one("#new-wording", Input).value = "  "
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert problem_line(app) == "Please enter the agreement's wording."
        field = dialog.query_one("#new-wording", Input)
        assert dialog.focused is field
        assert_in_view(dialog, field)
        await pilot.press(*"Talk twice a week", "enter")
        await pilot.pause()
    assert answers == [ReviewDraft("", ReviewOutcome.REWORD, "Talk twice a week")]


async def test_love_languages_save_what_was_chosen(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await choose_love_languages(app, pilot, clock)
        dialog = app.screen
        assert isinstance(dialog, LoveLanguageDialog)
        dialog.query_one("#language-b", Select).value = "words"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    (settings,) = read_data_file(set_up_path)["settings"].values()
    assert settings["love_language_b"] == "words"


# --- the two dialogs that ask rather than take values --------------------------------------


async def test_who_is_signing_shows_its_title_and_answers_with_a_digit(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await press_one_by_one(pilot, pane_key(AgreementsPane), "y", "s")
        assert isinstance(app.screen, PartnerDialog)
        assert "Who is signing?" in screen_text(app)
        await press_one_by_one(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        await press_one_by_one(pilot, "s", "2")
        assert isinstance(app.screen, MainScreen)
    signed = [
        agreement["signatures"]
        for agreement in read_data_file(set_up_path)["agreements"].values()
        if agreement["signatures"]
    ]
    assert signed == [["b"]]


async def test_a_question_shows_its_title_and_escape_decides_later(
    set_up_path: Path, launch: Launcher
) -> None:
    answers: list[object] = []
    app = launch(set_up_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ConfirmDialog("Delete this proposal?", "Talk weekly"), answers.append)
        await pilot.pause()
        assert "Delete this proposal?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(ConfirmDialog("Delete this proposal?", "Talk weekly"), answers.append)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert answers == [None, True]
