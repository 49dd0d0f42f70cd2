"""Pictures of every dialog at 80x24, the smallest window Attune supports, as it opens; and,
without colour, a form of each kind of choice: its state must read in the glyphs alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input

from tui.app import AttuneApp
from tui.core.models import AgendaStep, Partners
from tui.core.rituals import Cadence, RitualDraft, Who
from tui.dialogs.agenda import AgendaDialog, HiddenRatingDialog
from tui.dialogs.agreement import AgreementDialog, LapseDialog, PartnerDialog, ReviewDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.love_languages import LoveLanguageDialog
from tui.dialogs.ritual import RitualDialog

from ..functional.forms import form_builders

PARTNERS = Partners("Sam", "Alex")

DIALOGS: dict[str, Callable[[], Screen]] = {
    "ritual": lambda: RitualDialog(
        "Edit the ritual", RitualDraft("Sea swim", Cadence.on(5, 6), Who.EACH)
    ),
    "love_languages": lambda: LoveLanguageDialog(PARTNERS, ("time", None)),
    "agreement": lambda: AgreementDialog("Propose an agreement", partners=PARTNERS),
    "lapse": lambda: LapseDialog(PARTNERS, date(2026, 11, 22)),
    "review": lambda: ReviewDialog("We talk each week with our phones put away."),
    "partner": lambda: PartnerDialog("Who is signing?", PARTNERS),
    "hidden_rating": lambda: HiddenRatingDialog("Sam", "Alex"),
    "confirm": lambda: ConfirmDialog(
        "Delete this proposal?", "We talk each week with our phones put away.", "Delete", "Keep"
    ),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog(
    name: str, snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
) -> None:
    async def open_the_dialog(pilot) -> None:
        await pilot.pause()
        # Over a blank screen, so that the pictures change only when a dialog does.
        pilot.app.push_screen(Screen())
        pilot.app.push_screen(DIALOGS[name]())
        await pilot.pause()
        # A blinking cursor would be drawn or not depending on when the picture is taken.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(launch(set_up_path), terminal_size=(80, 24), run_before=open_the_dialog)


NO_COLOUR_FORMS: dict[str, tuple[Callable[[], Screen], tuple[str, ...]]] = {
    # Radio choices: "Neglect", then "Sasha" chosen with the arrows; Sasha's has the keyboard.
    "moment": (
        lambda: form_builders(Path("/nowhere"))["MomentDialog"](),
        ("tab", "right", "tab", "left"),
    ),
    # Boxes, some ticked and some not: the clock and the ratings only.
    "steps": (lambda: AgendaDialog((AgendaStep.TALK, AgendaStep.RATINGS)), ()),
    # Masked fields, still seen as fields to type in: one filled, one empty.
    "new_passphrase": (lambda: form_builders(Path("/nowhere"))["PassphraseDialog"](), ("a", "b")),
}


@pytest.mark.parametrize("name", list(NO_COLOUR_FORMS))
def test_a_form_without_colour(
    name: str,
    snap_compare,
    set_up_path: Path,
    launch: Callable[[Path], AttuneApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    build, keys = NO_COLOUR_FORMS[name]

    async def fill_in_the_form(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(Screen())
        pilot.app.push_screen(build())
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*keys)
        await pilot.pause()

    app = launch(set_up_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=fill_in_the_form)
    assert app.no_color
