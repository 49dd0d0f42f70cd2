"""The weekly meeting's four dialogs, each pushed onto a tiny app at 80x24 and answered from the
keyboard: what they save, what they refuse (and where they send the focus), and that names and
typed text show literally."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input

from tui.core.models import AgendaStep, Partners
from tui.dialogs.agenda import (
    AgendaDialog,
    AppreciationsDialog,
    HiddenRatingDialog,
    RatingAnswer,
    WishesDialog,
)
from tui.dialogs.base import FormDialog
from tui.widgets.rating_picker import RatingPicker

from .helpers import screen_text, widget_text

SIZE = (80, 24)
"""The smallest window Attune supports, where a form is hardest to fit."""
PARTNERS = Partners("Sam", "Alex")
MARKUP = "[bold]x[/]"
TOO_LONG = "y" * 201
ESCAPE_CODE = "red \x1b[31m text"


class DialogHost(App[None]):
    """Nothing but the dialog, and a record of what it was dismissed with."""

    def __init__(self, dialog: FormDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


@asynccontextmanager
async def hosting(dialog: FormDialog) -> AsyncIterator[tuple[DialogHost, object]]:
    """The dialog open at 80x24, settled, with its first field focused."""
    app = DialogHost(dialog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen is dialog
        yield app, pilot


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.pause()


def problem_line(app: App) -> str:
    return widget_text(app, ".form-problem")


def assert_in_view(dialog: FormDialog, field: Widget) -> None:
    """The whole field is inside the part of the form's body that shows."""
    body = dialog.query_one(".form-fields", VerticalScroll)
    assert body.region.contains_region(field.region), (field, field.region, body.region)


def assert_refused_at(app: DialogHost, dialog: FormDialog, message: str, field: str) -> None:
    """The dialog stays open, says `message` and has moved to the field to correct."""
    assert app.screen is dialog and not app.answers
    assert message in problem_line(app)
    assert message[:30] in screen_text(app), "the problem line is on screen"
    assert dialog.focused is dialog.query_one(f"#{field}")
    assert_in_view(dialog, dialog.query_one(f"#{field}"))


def appreciations(
    current: dict[str, list[str]] | None = None,
    last_week: dict[str, list[str]] | None = None,
    partners: Partners = PARTNERS,
    first: str = "a",
) -> AppreciationsDialog:
    return AppreciationsDialog(partners, first, current or {}, last_week or {})


def value_of(dialog: FormDialog, field: str) -> str:
    return dialog.query_one(f"#{field}", Input).value


# --- every dialog ------------------------------------------------------------------------------

OPENINGS: dict[str, tuple[Callable[[], FormDialog], str, str]] = {
    "appreciations": (
        lambda: appreciations(
            last_week={"a": ["the tea in bed", "listening"], "b": ["the garden"]}, first="b"
        ),
        "Appreciations",
        "appreciation-b-1",
    ),
    "wishes": (lambda: WishesDialog(PARTNERS, "b", {}), "Looking ahead", "wish-b"),
    "hidden rating": (
        lambda: HiddenRatingDialog("Sam", "Alex"),
        "Sam, your rating",
        "hidden-rating",
    ),
    "agenda": (
        lambda: AgendaDialog(tuple(AgendaStep)),
        "Steps of the check-in",
        "step-appreciations",
    ),
}


@pytest.mark.parametrize("opening", list(OPENINGS))
async def test_each_opens_with_its_title_and_first_field_in_view(opening: str) -> None:
    build, title, focused = OPENINGS[opening]
    dialog = build()
    async with hosting(dialog) as (app, _pilot):
        body = dialog.query_one(".form-fields", VerticalScroll)
        heading = dialog.query_one(".dialog-title")
        assert body.scroll_offset.y == 0, "the form opens at its top"
        assert heading.region.height and app.screen.region.contains_region(heading.region)
        assert title in screen_text(app)
        assert dialog.focused is not None and dialog.focused.id == focused
        assert_in_view(dialog, dialog.focused)
        save_button = dialog.query_one("#save", Button)
        assert app.screen.region.contains_region(save_button.region), "Save is on screen"


@pytest.mark.parametrize("opening", list(OPENINGS))
async def test_escape_cancels_each(opening: str) -> None:
    build, _title, _focused = OPENINGS[opening]
    dialog = build()
    async with hosting(dialog) as (app, pilot):
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not dialog
    assert app.answers == [None]


# --- appreciations -----------------------------------------------------------------------------


async def test_appreciations_save_what_was_typed_dropping_blank_lines() -> None:
    dialog = appreciations()
    async with hosting(dialog) as (app, pilot):
        await pilot.press(*"the tea", "tab", "tab", *"the call")  # the middle line left blank
        await pilot.press("tab", *"  a hug  ")
        await save(pilot)
    assert app.answers == [{"a": ("the tea", "the call"), "b": ("a hug",)}]


async def test_appreciations_ask_the_first_speaker_first() -> None:
    dialog = appreciations(first="b")
    async with hosting(dialog) as (app, pilot):
        text = screen_text(app)
        assert text.index("Alex appreciates Sam for") < text.index("Sam appreciates Alex for")
        await pilot.press(*"dinner", "enter")  # enter in a field saves
        await pilot.pause()
    assert app.answers == [{"a": (), "b": ("dinner",)}]


async def test_appreciations_are_prefilled_with_last_week_beside_them() -> None:
    dialog = appreciations(
        current={"a": ["the tea", "the call"], "b": []},
        last_week={"a": ["the garden", "a note"], "b": []},
    )
    async with hosting(dialog) as (app, _pilot):
        assert [value_of(dialog, f"appreciation-a-{n}") for n in (1, 2, 3)] == [
            "the tea",
            "the call",
            "",
        ]
        assert value_of(dialog, "appreciation-b-1") == ""
        (reminder,) = dialog.query(".last-week")
        assert str(reminder.render()) == "Last week: the garden · a note"
        assert "Last week: the garden · a note" in screen_text(app)


async def test_appreciations_all_blank_save_nothing() -> None:
    dialog = appreciations(current={"a": ["   "]})
    async with hosting(dialog) as (app, pilot):
        await save(pilot)
    assert app.answers == [{"a": (), "b": ()}]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (TOO_LONG, "An appreciation can be at most 200 characters (this one has 201)."),
        (ESCAPE_CODE, "An appreciation can't contain control characters"),
    ],
)
async def test_a_refused_appreciation_points_at_its_line(typed: str, message: str) -> None:
    dialog = appreciations(current={"a": ["the tea"]})
    async with hosting(dialog) as (app, pilot):
        dialog.query_one("#appreciation-b-3", Input).value = typed
        await save(pilot)
        assert_refused_at(app, dialog, message, "appreciation-b-3")
        dialog.query_one("#appreciation-b-3", Input).value = "the walk"
        await save(pilot)
    assert app.answers == [{"a": ("the tea",), "b": ("the walk",)}]


async def test_appreciations_show_names_and_lines_literally() -> None:
    dialog = appreciations(
        current={"a": [MARKUP]},
        last_week={"b": [f"{MARKUP} again"]},
        partners=Partners(MARKUP, "[red]Alex"),
    )
    async with hosting(dialog) as (app, pilot):
        text = screen_text(app)
        assert f"{MARKUP} appreciates [red]Alex for" in text
        assert f"[red]Alex appreciates {MARKUP} for" in text
        assert f"Last week: {MARKUP} again" in text
        assert MARKUP in value_of(dialog, "appreciation-a-1")
        await save(pilot)
    assert app.answers == [{"a": (MARKUP,), "b": ()}]


# --- looking ahead -----------------------------------------------------------------------------


async def test_wishes_save_what_was_typed_and_blank_as_empty() -> None:
    dialog = WishesDialog(PARTNERS, "a", {"a": "a walk", "b": "breakfast together"})
    async with hosting(dialog) as (app, pilot):
        assert value_of(dialog, "wish-a") == "a walk"
        assert value_of(dialog, "wish-b") == "breakfast together"
        await pilot.press("end", *" by the sea", "tab")  # a focused field selects its text
        dialog.query_one("#wish-b", Input).value = "   "
        await save(pilot)
    assert app.answers == [{"a": "a walk by the sea", "b": ""}]


async def test_wishes_ask_the_first_speaker_first_and_show_names_literally() -> None:
    dialog = WishesDialog(Partners("Sam", MARKUP), "b", {"a": MARKUP})
    async with hosting(dialog) as (app, pilot):
        text = screen_text(app)
        assert f"{MARKUP}: one thing that would help you feel loved" in text
        assert text.index(MARKUP) < text.index("Sam: one thing")
        await save(pilot)
    assert app.answers == [{"a": MARKUP, "b": ""}]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (TOO_LONG, "A wish can be at most 200 characters (this one has 201)."),
        (ESCAPE_CODE, "A wish can't contain control characters"),
    ],
)
async def test_a_refused_wish_points_at_its_field(typed: str, message: str) -> None:
    dialog = WishesDialog(PARTNERS, "a", {})
    async with hosting(dialog) as (app, pilot):
        dialog.query_one("#wish-b", Input).value = typed
        await save(pilot)
        assert_refused_at(app, dialog, message, "wish-b")


# --- the hidden rating -------------------------------------------------------------------------


async def test_a_digit_picks_the_hidden_rating_with_a_note() -> None:
    dialog = HiddenRatingDialog("Sam", "Alex")
    async with hosting(dialog) as (app, pilot):
        assert "Alex, please look away until Sam has saved." in screen_text(app)
        await pilot.press("4")
        assert dialog.query_one("#hidden-rating", RatingPicker).value == 4
        await pilot.press("tab", *"a calmer week")
        await save(pilot)
    assert app.answers == [RatingAnswer(4, "a calmer week")]


async def test_the_chosen_rating_is_masked_as_soon_as_it_is_made() -> None:
    dialog = HiddenRatingDialog("Sam", "Alex")
    async with hosting(dialog) as (app, pilot):
        assert "not rated yet" in screen_text(app)
        for keys in (["2"], ["right"], ["5"], ["left", "left"]):
            await pilot.press(*keys)
            await pilot.pause()
            shown = screen_text(app)
            assert "chosen, and hidden from view" in shown
            assert "of 5" not in shown and "●" not in shown, shown
        await save(pilot)
    assert app.answers == [RatingAnswer(3, "")]


async def test_passing_needs_no_rating() -> None:
    dialog = HiddenRatingDialog("Sam", "Alex")
    async with hosting(dialog) as (app, pilot):
        await pilot.press("tab", "tab", "space")
        assert dialog.query_one("#pass-rating", Checkbox).value
        await save(pilot)
    assert app.answers == [RatingAnswer(None, "")]


async def test_passing_wins_over_a_picked_rating() -> None:
    dialog = HiddenRatingDialog("Sam", "Alex")
    async with hosting(dialog) as (app, pilot):
        await pilot.press("2", "tab", *"not today", "tab", "space")
        await save(pilot)
    assert app.answers == [RatingAnswer(None, "not today")]


async def test_neither_rating_nor_pass_is_explained_at_the_picker() -> None:
    dialog = HiddenRatingDialog("Sam", "Alex")
    async with hosting(dialog) as (app, pilot):
        await pilot.press("tab")  # from the note
        await save(pilot)
        assert_refused_at(
            app, dialog, "Sam, choose a rating from 1 to 5, or pass.", "hidden-rating"
        )
        await pilot.press("5")
        await save(pilot)
    assert app.answers == [RatingAnswer(5, "")]


async def test_a_refused_note_points_at_the_note() -> None:
    dialog = HiddenRatingDialog("Sam", "Alex")
    async with hosting(dialog) as (app, pilot):
        await pilot.press("3")
        dialog.query_one("#hidden-note", Input).value = ESCAPE_CODE
        await save(pilot)
        assert_refused_at(app, dialog, "The note can't contain control characters", "hidden-note")


async def test_the_hidden_rating_shows_names_literally_and_no_rating() -> None:
    dialog = HiddenRatingDialog(MARKUP, "[red]Alex")
    async with hosting(dialog) as (app, _pilot):
        text = screen_text(app)
        assert f"{MARKUP}, your rating" in text
        assert f"[red]Alex, please look away until {MARKUP} has saved." in text
        assert "not rated yet" in text
        assert " of 5" not in text, "no rating is on screen until one is picked"


# --- the steps of the check-in ----------------------------------------------------------------


def ticked(dialog: AgendaDialog) -> list[str]:
    return [str(box.id) for box in dialog.query(Checkbox) if box.value]


async def test_the_chosen_steps_are_ticked_and_the_classic_check_in_is_explained() -> None:
    dialog = AgendaDialog((AgendaStep.TALK, AgendaStep.RATINGS))
    async with hosting(dialog) as (app, _pilot):
        assert ticked(dialog) == ["step-talk", "step-ratings"]
        text = screen_text(app)
        assert "“The talk” alone for the classic check-in" in text
        assert "The talk: the speaking clock" in text


async def test_space_toggles_steps_and_the_agenda_keeps_its_order() -> None:
    dialog = AgendaDialog((AgendaStep.TALK,))
    async with hosting(dialog) as (app, pilot):
        await pilot.press("space")  # appreciations on
        await pilot.press("tab", "tab", "space")  # the talk off
        await pilot.press("tab", "tab", "tab", "space")  # looking ahead on
        assert ticked(dialog) == ["step-appreciations", "step-looking_ahead"]
        await save(pilot)
    assert app.answers == [(AgendaStep.APPRECIATIONS, AgendaStep.LOOKING_AHEAD)]


async def test_no_step_chosen_is_explained_at_the_talk() -> None:
    dialog = AgendaDialog((AgendaStep.TALK,))
    async with hosting(dialog) as (app, pilot):
        await pilot.press("tab", "tab", "space")  # the talk off: nothing is chosen
        await save(pilot)
        assert_refused_at(app, dialog, "Choose at least one step for the check-in.", "step-talk")
        await pilot.press("space")
        await save(pilot)
    assert app.answers == [(AgendaStep.TALK,)]
