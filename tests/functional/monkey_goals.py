"""What a key monkey run must reach: goals derived from the code, and what counts as reached.

A run's goals are bindings that must run and dialogs and screens that must open. The bindings
are found by looking at every class of Attune, so a key added anywhere is a goal at once; a
binding counts as run for every class that declares it (a form's Save for `FormDialog` and for
the form itself). The steering that takes a run to its goals is in `monkey_steering`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from textual.binding import ActiveBinding, Binding

import tui
from tui.keys import bindings_of as bindings_declared_by
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import PANE_CLASSES
from tui.widgets.checkin_views import CoolingOffView, SummaryView
from tui.widgets.moment_list import MomentList
from tui.widgets.moment_tags import MomentSearch
from tui.widgets.plan_editor import PlanEditor
from tui.widgets.ritual_grid import RitualGrid

from .helpers import pane_key

Target = tuple[str, str]
"""(class that declares a binding, its action), as `RecordingApp` records a binding that ran."""

QUIT_ACTIONS = frozenset({"quit", "app.quit"})
"""Never goals and never pressed: quitting would end the run. The palette's Quit command can
still end it; `run_monkey` then starts the app again on the same data."""


def binding_owners() -> tuple[type, ...]:
    """Every class of Attune that declares key bindings of its own, found by looking: a pane,
    screen, dialog or widget given a binding tomorrow is a goal of the monkey tomorrow."""
    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(tui.__path__, "tui."):
        if module_info.name.endswith("__main__"):
            continue  # running it starts the app
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and own_bindings(value)
            ):
                found[value.__name__] = value
    return tuple(found[name] for name in sorted(found))


def own_bindings(owner: type) -> list[Binding]:
    """The bindings `owner` declares itself (not those it inherits), quitting left out."""
    return [
        binding for binding in bindings_declared_by(owner) if binding.action not in QUIT_ACTIONS
    ]


def all_bindings() -> frozenset[Target]:
    """(declaring class, action) of every binding of every pane, screen, dialog and widget."""
    return frozenset(bindings_of(binding_owners()))


def bindings_of(owners: Iterable[type]) -> set[Target]:
    """(owner class, action) of each binding `owners` declare themselves."""
    return {(owner.__name__, binding.action) for owner in owners for binding in own_bindings(owner)}


def binding_keys(owners: Iterable[type]) -> frozenset[str]:
    """Every key bound by `owners`, each alternative of a comma-separated binding on its own."""
    return frozenset(
        key.strip()
        for owner in owners
        for binding in own_bindings(owner)
        for key in binding.key.split(",")
    )


def targets_of(node: object, action: str) -> frozenset[Target]:
    """The goals that running `action` on `node` reaches: (class, action) for each class of
    `node`, its own or inherited, that declares a binding for the action."""
    return frozenset(
        (cls.__name__, action)
        for cls in type(node).__mro__
        if any(binding.action == action for binding in bindings_declared_by(cls))
    )


def owner_action(bound: ActiveBinding) -> frozenset[Target]:
    """The goals a live binding would reach."""
    return targets_of(bound.node, bound.binding.action)


PANE_WIDGETS: dict[type, tuple[type, ...]] = {
    CheckinPane: (PlanEditor, CoolingOffView, SummaryView),
    RitualsPane: (RitualGrid,),
    MomentsPane: (MomentList, MomentSearch),
}
"""The widgets each pane gives the keyboard to: their keys are the pane's keys too."""
PANE_OF_OWNER: dict[str, str] = {
    **{pane.__name__: pane.__name__ for pane in PANE_CLASSES},
    **{
        widget.__name__: pane.__name__
        for pane, widgets in PANE_WIDGETS.items()
        for widget in widgets
    },
}
"""The pane whose keys a binding owner's are; the dashboard's and the app's work from any."""
PANE_DIGITS: dict[str, str] = {pane.__name__: pane_key(pane) for pane in PANE_CLASSES}


@dataclass(frozen=True)
class Goals:
    """The bindings a run must run and the dialogs and screens it must open (with the
    bindings that open each one, which the steering presses until it has been seen, and again
    while a binding of its own is still to run)."""

    bindings: frozenset[Target]
    dialogs: frozenset[str]
    openers: Mapping[str, frozenset[Target]]

    def wanted(
        self, actions_run: Counter[Target], seen: set[str], barred: Collection[str] = ()
    ) -> set[Target]:
        """Bindings still to run, and the openers of dialogs still to be seen or whose own
        bindings are still to run (unless the place is `barred`: opened lately to no avail)."""
        unrun = {target for target in self.bindings if not actions_run[target]}
        places = (self.dialogs - seen) | {owner for owner, _ in unrun if owner not in barred}
        for place in places:
            unrun |= self.openers.get(place, frozenset())
        return unrun

    def missing(self, actions_run: Counter[Target], seen: set[str]) -> tuple[set, set]:
        """(bindings never run, dialogs never opened)."""
        return (
            {target for target in self.bindings if not actions_run[target]},
            set(self.dialogs - seen),
        )


FRUITLESS_VISITS = 3
"""Visits to a dialog or screen that reach nothing before its openers stop being wanted (the
key it waits for may need what this run does not have yet, such as a week to open)."""


class Visits:
    """Notes the visits to each dialog and screen, and bars the ones that lead nowhere until
    the run reaches something anywhere (which may be what they were waiting for)."""

    def __init__(self, barred: set[str], places: Collection[str]) -> None:
        self.barred = barred
        self._places = places
        self._fruitless: Counter[str] = Counter()
        self._visit: tuple[str, int] | None = None
        self._reached = -1

    def note(self, context: str, reached: int) -> None:
        """The run is in `context` now and has reached `reached` of its goals."""
        if reached != self._reached:
            self._reached = reached
            self._fruitless.clear()
            self.barred.clear()
        if self._visit is not None and self._visit[0] != context:
            place, reached_before = self._visit
            self._visit = None
            if reached == reached_before:
                self._fruitless[place] += 1
                if self._fruitless[place] >= FRUITLESS_VISITS:
                    self.barred.add(place)
        if self._visit is None and context in self._places:
            self._visit = (context, reached)
