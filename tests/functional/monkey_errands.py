"""Errands in the middle of a run: changes a couple makes in Settings, made as a person would,
and the check-in's steps chosen again when the walk has changed them.

An errand waits until the run's random walk is back on the dashboard (or takes it there),
opens Settings with its key, tabs to the field, selects what is in it, types, and saves. Each
key goes through the same path as the monkey's own, so the views must follow the change
wherever the walk has left them (a check-in under way, a filter set, a list scrolled).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from textual.widgets import Input

from tui.app import AttuneApp
from tui.core.models import AgendaStep
from tui.dialogs.agenda import AgendaDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.passphrase import CurrentPassphraseDialog, PassphraseDialog
from tui.screens.main import MainScreen
from tui.screens.settings import SettingsScreen
from tui.store import Store
from tui.widgets.choices import TickBox

from .monkey_watch import Watch

Action = tuple[str, str] | tuple[str, str, str]
"""("key", key name), ("resize", "COLUMNSxROWS") or ("type", text, key after it): one input
for the app."""
KEYS_TO_REACH_THE_DASHBOARD = 40
ERRAND_PATIENCE = 60
"""Presses an errand waits for the walk to come back to the dashboard by itself."""
CHOOSING_STEPS = "choose the check-in's steps again"
TABS_TO_REACH_A_FIELD = 30
STEPS_OF_A_PASSPHRASE_CHANGE = 12
"""Forms and questions between a passphrase button and the dashboard: at most the current
passphrase, the new one, the recovery key, and Settings itself."""


@dataclass
class Secret:
    """The passphrase the couple uses (or would choose, while the file has none): the monkey
    types it wherever a passphrase is asked for."""

    passphrase: str


@dataclass(frozen=True)
class SettingsChange:
    """One change made in Settings: which field, what is typed, and how to tell it was saved."""

    name: str
    """What the change is, for the log and for a failure message."""
    field_id: str
    typed: str
    saved: Callable[[Store], bool]
    """True once the store holds the change."""


def rename(partner: str, new_name: str) -> SettingsChange:
    """A partner's new name ("a" or "b"), typed over the old one."""
    field_id = "first-name" if partner == "a" else "second-name"
    return SettingsChange(
        f"rename {partner} to {new_name}",
        field_id,
        new_name,
        lambda store: getattr(store.settings().partners, partner) == new_name,
    )


def move_to_time_zone(zone: str, typed: str) -> SettingsChange:
    """The couple's time zone, found by typing part of its name (Enter takes the first match)."""
    return SettingsChange(
        f"time zone to {zone}", "time-zone", typed, lambda store: store.settings().time_zone == zone
    )


@dataclass(frozen=True)
class PassphraseChange:
    """Setting or changing the passphrase with its button in Settings' "Your data"."""

    name: str
    button_id: str
    new_passphrase: str
    secret: Secret
    """Typed where the current passphrase is asked for; holds the new one once it is set."""

    def saved(self, store: Store) -> bool:
        """True once the file is protected with the new passphrase."""
        if not store.is_protected:
            return False
        store.check_secret(self.new_passphrase)  # raises for any other passphrase
        return True


def set_passphrase(new_passphrase: str, secret: Secret) -> PassphraseChange:
    """Protect the file that has no passphrase yet (and write down the recovery key)."""
    return PassphraseChange("set a passphrase", "set-passphrase", new_passphrase, secret)


def change_passphrase(new_passphrase: str, secret: Secret) -> PassphraseChange:
    """Change the passphrase, after typing the one in use."""
    return PassphraseChange("change the passphrase", "change-passphrase", new_passphrase, secret)


def _to_settings(
    name: str, app_now: Callable[[], AttuneApp], size: tuple[int, int]
) -> Iterator[Action]:
    """From wherever the app is to Settings, at the run's size and out of any field."""
    for _ in range(KEYS_TO_REACH_THE_DASHBOARD):
        app = app_now()
        if isinstance(app.screen, MainScreen):
            break
        # A question (discard what was typed? end the talk?) is answered yes: the errand is
        # what the couple came to do. Every other screen and dialog closes with escape.
        yield ("key", "y" if isinstance(app.screen, ConfirmDialog) else "escape")
    else:
        raise AssertionError(
            f"{name}: the dashboard did not come back after "
            f"{KEYS_TO_REACH_THE_DASHBOARD} presses of escape"
        )
    if app_now().size != size:
        yield ("resize", f"{size[0]}x{size[1]}")
    if isinstance(app_now().screen.focused, Input):
        yield ("key", "escape")
    yield ("key", "S")
    screen = app_now().screen
    if not isinstance(screen, SettingsScreen):
        raise AssertionError(f"{name}: S on the dashboard opened {type(screen).__name__}")


def _tab_to(name: str, field_id: str, app_now: Callable[[], AttuneApp]) -> Iterator[Action]:
    for _ in range(TABS_TO_REACH_A_FIELD):
        focused = app_now().screen.focused
        if focused is not None and focused.id == field_id:
            return
        yield ("key", "tab")
    raise AssertionError(f"{name}: tab never reached #{field_id}")


def errand(
    change: SettingsChange | PassphraseChange,
    app_now: Callable[[], AttuneApp],
    size: tuple[int, int],
) -> Iterator[Action]:
    """The inputs that make `change` from wherever the app is; `app_now()` is the app running
    when each input is chosen (the palette's Quit may have started another).

    Raises AssertionError when Settings can't be opened or does not save the change.
    """
    yield from _to_settings(change.name, app_now, size)
    if isinstance(change, PassphraseChange):
        yield from _passphrase_inputs(change, app_now)
        return
    yield from _tab_to(change.name, change.field_id, app_now)
    yield ("key", "ctrl+shift+a")
    for character in change.typed:
        yield ("key", character)
    yield ("key", "enter")
    if isinstance(app_now().screen, SettingsScreen):
        # Enter in the time zone first takes the first match; a second one saves.
        yield ("key", "enter")
    if isinstance(app_now().screen, SettingsScreen):
        raise AssertionError(f"{change.name}: Settings did not close on saving")


def _passphrase_inputs(
    change: PassphraseChange, app_now: Callable[[], AttuneApp]
) -> Iterator[Action]:
    """Press the button, answer each form as a person would, and go back to the dashboard
    (the change is saved by its forms, not by Settings' Save). Chance may have set or
    removed the passphrase before: then the other button does it."""
    button = change.button_id
    if not app_now().screen.query_one(f"#{button}").display:
        button = "change-passphrase" if button == "set-passphrase" else "set-passphrase"
    yield from _tab_to(change.name, button, app_now)
    yield ("key", "enter")
    for _ in range(STEPS_OF_A_PASSPHRASE_CHANGE):
        screen = app_now().screen
        if isinstance(screen, MainScreen):
            return
        if isinstance(screen, CurrentPassphraseDialog):
            yield ("type", change.secret.passphrase, "enter")
        elif isinstance(screen, PassphraseDialog):
            yield ("type", change.new_passphrase, "")
            yield ("key", "tab")
            yield ("type", change.new_passphrase, "enter")
            change.secret.passphrase = change.new_passphrase
        elif isinstance(screen, ConfirmDialog):
            yield ("key", "y")  # the recovery key is written down
        else:
            yield ("key", "escape")
    raise AssertionError(f"{change.name}: the dashboard did not come back")


def choose_steps(
    agenda: tuple[AgendaStep, ...], app_now: Callable[[], AttuneApp]
) -> Iterator[Action]:
    """The check-in's steps chosen again in the plan (the key `o` on the Check-in pane), as a
    couple does who went back to their usual meeting; for a run whose walk changed them.

    Raises AssertionError when the form does not open.
    """
    yield ("key", "o")
    form = app_now().screen
    if not isinstance(form, AgendaDialog):
        raise AssertionError(f"choosing the steps: o opened {type(form).__name__}")
    for step in AgendaStep:
        box = form.query_one(f"#step-{step.value}", TickBox)
        for _ in range(TABS_TO_REACH_A_FIELD):
            if form.focused is box:
                break
            yield ("key", "tab")
        if box.value != (step in agenda):
            yield ("key", "space")
    yield ("key", "ctrl+s")


class _Errand(NamedTuple):
    name: str
    inputs: Iterator[Action]
    saved: Callable[[Store], bool]
    names_before: set[str]


def _names(store: Store) -> set[str]:
    partners = store.settings().partners
    return {partners.a, partners.b}


class Errands:
    """The errands of a run, each made when its time has come, and the check-in's steps
    chosen again whenever the walk has changed them (`keep_agenda`, for a meeting run)."""

    def __init__(
        self,
        due: Sequence[tuple[int, SettingsChange | PassphraseChange]],
        keep_agenda: tuple[AgendaStep, ...] | None,
        size: tuple[int, int],
        app_now: Callable[[], AttuneApp],
    ) -> None:
        self._due = sorted(due, key=lambda pair: pair[0])
        self._keep_agenda = keep_agenda
        self._size = size
        self._app_now = app_now
        self._errand: _Errand | None = None
        self.done: list[str] = []
        """The names of the errands made, in order."""

    def left(self) -> bool:
        """True while an errand is under way or still to come."""
        return bool(self._due or self._errand)

    def next_action(
        self, app: AttuneApp, store: Store, presses: int, watch: Watch | None
    ) -> Action | None:
        """The next input of the errand under way or due, if any; `presses` so far.

        Raises AssertionError when an errand's form closed but the file does not hold it.
        """
        if self._errand is None and self._is_due(app, presses):
            _, change = self._due.pop(0)
            inputs = errand(change, self._app_now, self._size)
            self._errand = _Errand(change.name, inputs, change.saved, _names(store))
        elif self._errand is None and self._agenda_to_choose_again(app, store):
            agenda = self._keep_agenda
            assert agenda is not None
            self._errand = _Errand(
                CHOOSING_STEPS,
                choose_steps(agenda, self._app_now),
                lambda store: store.settings().agenda == agenda,
                _names(store),
            )
        if self._errand is None:
            return None
        action = next(self._errand.inputs, None)
        if action is not None:
            return action
        finished, self._errand = self._errand, None
        if not finished.saved(store):
            raise AssertionError(f"{finished.name}: the form closed, but the file does not hold it")
        if finished.name != CHOOSING_STEPS:
            self.done.append(finished.name)
        if watch is not None:
            for old_name in finished.names_before - _names(store):
                watch.note_rename(old_name)
        return None

    def _is_due(self, app: AttuneApp, presses: int) -> bool:
        """True once the next errand's time has come and the couple is on the dashboard (a
        person finishes the form they are in first), or long after it regardless."""
        if not self._due:
            return False
        due = self._due[0][0]
        on_dashboard = isinstance(app.screen, MainScreen)
        return presses >= due and (on_dashboard or presses >= due + ERRAND_PATIENCE)

    def _agenda_to_choose_again(self, app: AttuneApp, store: Store) -> bool:
        """True when the walk has changed the run's steps and the key to choose them works."""
        if self._keep_agenda is None or store.settings().agenda == self._keep_agenda:
            return False
        if not isinstance(app.screen, MainScreen):
            return False
        bound = app.screen.active_bindings.get("o")
        return bound is not None and bound.enabled and bound.binding.action == "choose_steps"
