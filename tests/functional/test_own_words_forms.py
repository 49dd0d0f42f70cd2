"""Every text field of every form is sorted (`tests/own_words_fields.py`): the couple's own
words, which the shareable report leaves out, or something else. A form or a field added
without being sorted fails here, so the words typed into it cannot slip into a summary meant to
be shared (`tests/unit/test_own_words.py` checks each field of words against the report).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pendulum
from textual.app import App
from textual.widgets import Input, TextArea

import tui.dialogs
from tui.core.models import Partners
from tui.core.requests import new_request
from tui.core.therapy import TherapyPlan
from tui.dialogs.agenda import (
    AgendaDialog,
    AppreciationsDialog,
    HiddenRatingDialog,
    WishesDialog,
)
from tui.dialogs.agreement import AgreementDialog, LapseDialog, ReviewDialog
from tui.dialogs.base import FormDialog
from tui.dialogs.finish import FinishDialog
from tui.dialogs.love_languages import LoveLanguageDialog
from tui.dialogs.moment import MomentDialog
from tui.dialogs.report import CalendarDialog, ReportDialog
from tui.dialogs.request import AlternativeDialog, AnswerDialog, RequestDialog
from tui.dialogs.ritual import RitualDialog
from tui.dialogs.therapy import AssignmentDialog, AttemptDialog, PlanDialog, SessionDialog

from ..own_words_fields import NOT_WORDS, OWN_WORDS

PARTNERS = Partners("Sam", "Alex")
TODAY = date(2026, 11, 22)
NOW = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")
REQUEST = new_request("r", asker="a", need="to feel close", ask="A walk tonight", day=TODAY)

EVERY_FORM: dict[type[FormDialog], Callable[[], FormDialog]] = {
    AppreciationsDialog: lambda: AppreciationsDialog(PARTNERS, "a", {}, {}),
    WishesDialog: lambda: WishesDialog(PARTNERS, "a", {}),
    HiddenRatingDialog: lambda: HiddenRatingDialog("Sam", "Alex"),
    AgendaDialog: lambda: AgendaDialog(()),
    FinishDialog: lambda: FinishDialog(PARTNERS),
    LoveLanguageDialog: lambda: LoveLanguageDialog(PARTNERS, (None, None)),
    RitualDialog: lambda: RitualDialog("Add a ritual"),
    RequestDialog: lambda: RequestDialog(PARTNERS, [("Sat 21 Nov, neglect: x", "m")]),
    AnswerDialog: lambda: AnswerDialog(REQUEST, "Alex", TODAY),
    AlternativeDialog: lambda: AlternativeDialog(REQUEST, PARTNERS, "b", ["a", "b"]),
    AgreementDialog: lambda: AgreementDialog("Propose an agreement", partners=PARTNERS),
    LapseDialog: lambda: LapseDialog(PARTNERS, TODAY),
    ReviewDialog: lambda: ReviewDialog("Phones away at dinner"),
    MomentDialog: lambda: MomentDialog(
        "Note a moment", partners=PARTNERS, now=NOW, moment_id="m", tags_for=lambda *_: []
    ),
    PlanDialog: lambda: PlanDialog(TherapyPlan(), PARTNERS, NOW.tzinfo),
    SessionDialog: lambda: SessionDialog("Note a session", TODAY),
    AssignmentDialog: lambda: AssignmentDialog(PARTNERS, TODAY),
    AttemptDialog: lambda: AttemptDialog("Reflect back", TODAY, TODAY),
    ReportDialog: lambda: ReportDialog(TODAY, Path("/tmp")),
    CalendarDialog: lambda: CalendarDialog(TODAY, Path("/tmp"), "sunday"),
}
"""Each form, opened as its pane opens it (at its fullest: every optional field shown)."""


def every_form_class() -> set[type[FormDialog]]:
    """Every form in tui/dialogs, found rather than listed."""
    for module in pkgutil.iter_modules(tui.dialogs.__path__):
        importlib.import_module(f"tui.dialogs.{module.name}")
    found: set[type[FormDialog]] = set()
    waiting = [FormDialog]
    while waiting:
        for kind in waiting.pop().__subclasses__():
            found.add(kind)
            waiting.append(kind)
    return {kind for kind in found if kind.__module__.startswith("tui.dialogs.")}


async def test_every_text_field_of_every_form_is_sorted_into_own_words_or_not() -> None:
    assert every_form_class() == set(EVERY_FORM), "a form to open here, and to sort its fields"
    fields_found: dict[str, set[str]] = {}
    app = App()
    async with app.run_test(size=(100, 40)) as pilot:
        for open_form in EVERY_FORM.values():
            form = open_form()
            await app.push_screen(form)
            await pilot.pause()
            texts = [*form.query(Input), *form.query(TextArea)]
            assert all(field.id for field in texts), f"{type(form).__name__}: a field has no id"
            fields_found[type(form).__name__] = {str(field.id) for field in texts}
            form.dismiss(None)
            await pilot.pause()
    for name, found in fields_found.items():
        words, others = set(OWN_WORDS.get(name, {})), NOT_WORDS.get(name, set())
        assert not words & others, name
        unsorted, gone = found - words - others, (words | others) - found
        assert not unsorted, f"{name}: sort {sorted(unsorted)} into OWN_WORDS or NOT_WORDS"
        assert not gone, f"{name} has no field {sorted(gone)} any more"
    assert set(OWN_WORDS) | set(NOT_WORDS) <= set(fields_found), "a form that is no more"
