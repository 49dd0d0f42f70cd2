"""Every form of Attune, each built as its pane would build it, for the tests that hold all forms
to the same promises (choices that read without colour, escape that asks before dropping typed
words, the partners always in one order, nothing cut at 80 columns).

A form added to `tui/dialogs` without a builder here fails `test_every_form_has_a_builder`, so
the promises reach it too.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import tui.dialogs
from tui.core.agreements import Repair
from tui.core.models import AgendaStep, Partners
from tui.core.requests import new_request
from tui.core.rituals import Cadence, RitualDraft, Who
from tui.core.therapy import TherapyPlan
from tui.dialogs.base import FormDialog

PARTNERS = Partners("Robin", "Sasha")
TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)
"""Fixed, so that what a form shows never depends on the day a test runs."""

REQUEST = new_request(
    "r1",
    asker="a",
    need="to feel that my day matters to you",
    ask="Ask about my day at dinner, most evenings",
    day=TODAY,
    hurt="I felt alone when dinner went by in silence",
)
MOMENT_CHOICE = ("Sat 21 Nov, neglect: Dinner went by in silence", "m1")
"""A logged moment a request may come from, as the request form lists it."""


def every_form_class() -> set[type[FormDialog]]:
    """Every `FormDialog` subclass defined in the modules of `tui/dialogs`."""
    for module in pkgutil.iter_modules(tui.dialogs.__path__):
        importlib.import_module(f"tui.dialogs.{module.name}")
    found: set[type[FormDialog]] = set()
    waiting = [FormDialog]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            if subclass.__module__.startswith("tui.dialogs."):
                found.add(subclass)
            waiting.append(subclass)
    return found


def _builders(folder: Path) -> dict[str, Callable[[], FormDialog]]:
    # Imported here so that `every_form_class` finds the forms by itself, not through this list.
    from tui.dialogs.agenda import (
        AgendaDialog,
        AppreciationsDialog,
        HiddenRatingDialog,
        WishesDialog,
    )
    from tui.dialogs.agreement import AgreementDialog, LapseDialog, ReviewDialog
    from tui.dialogs.love_languages import LoveLanguageDialog
    from tui.dialogs.moment import MomentDialog
    from tui.dialogs.passphrase import CurrentPassphraseDialog, PassphraseDialog
    from tui.dialogs.report import CalendarDialog, ReportDialog
    from tui.dialogs.request import AlternativeDialog, AnswerDialog, RequestDialog
    from tui.dialogs.ritual import RitualDialog
    from tui.dialogs.therapy import AssignmentDialog, AttemptDialog, PlanDialog, SessionDialog

    return {
        "AgendaDialog": lambda: AgendaDialog(tuple(AgendaStep)),
        "AppreciationsDialog": lambda: AppreciationsDialog(
            PARTNERS, "a", {}, {"a": ["the tea"], "b": []}
        ),
        "HiddenRatingDialog": lambda: HiddenRatingDialog(PARTNERS.a, PARTNERS.b),
        "WishesDialog": lambda: WishesDialog(PARTNERS, "a", {}),
        "AgreementDialog": lambda: AgreementDialog(
            "Propose an agreement", repair=Repair(), partners=PARTNERS
        ),
        "LapseDialog": lambda: LapseDialog(PARTNERS, TODAY),
        "ReviewDialog": lambda: ReviewDialog("We talk each week with our phones put away."),
        "LoveLanguageDialog": lambda: LoveLanguageDialog(PARTNERS, ("time", None)),
        "MomentDialog": lambda: MomentDialog(
            "Note a moment",
            partners=PARTNERS,
            now=NOW,
            moment_id="m2",
            tags_for=lambda typed, helped: [],
        ),
        "PassphraseDialog": lambda: PassphraseDialog(
            "Protect your data with a passphrase", offer_recovery_key=True
        ),
        "CurrentPassphraseDialog": lambda: CurrentPassphraseDialog(
            "Change the passphrase", "First the one in use now.", lambda secret: None
        ),
        "CalendarDialog": lambda: CalendarDialog(TODAY, folder, "sunday"),
        "ReportDialog": lambda: ReportDialog(TODAY, folder),
        "AlternativeDialog": lambda: AlternativeDialog(REQUEST, PARTNERS, "b", ("a", "b")),
        "AnswerDialog": lambda: AnswerDialog(REQUEST, PARTNERS.b, TODAY),
        "RequestDialog": lambda: RequestDialog(PARTNERS, (MOMENT_CHOICE,)),
        "RitualDialog": lambda: RitualDialog(
            "Edit the ritual", RitualDraft("Sea swim", Cadence.on(5, 6), Who.EACH)
        ),
        "AssignmentDialog": lambda: AssignmentDialog(PARTNERS, TODAY),
        "AttemptDialog": lambda: AttemptDialog(
            "Reflect back before answering", TODAY, date(2026, 11, 1)
        ),
        "PlanDialog": lambda: PlanDialog(TherapyPlan(), PARTNERS, UTC),
        "SessionDialog": lambda: SessionDialog("Note a session", TODAY),
    }


def form_builders(folder: Path) -> dict[str, Callable[[], FormDialog]]:
    """A builder of each form by its class name; `folder` is where the exports would go."""
    return _builders(folder)
