"""A seeded key monkey: random keys, typing and pastes from whatever screen is current.

The monkey reads the bindings of the current screen, its focused widget and their ancestors
before every step, so dialogs and panes are explored with their own keys. Keys are posted as
the terminal driver would post them, and the monkey waits until every message a key caused
has been handled before it chooses the next one: that is what `Pilot.press()` does too, minus
its fixed idle sleeps (about 40 ms a key), which would make thousands of keys take minutes.
"""

from __future__ import annotations

import asyncio
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.drivers.headless_driver import HeadlessDriver
from textual.geometry import Size
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.panes.base import AttunePane
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.screens.progress import ProgressScreen
from tui.widgets.moment_list import MomentList
from tui.widgets.plan_editor import PlanEditor
from tui.widgets.ritual_grid import RitualGrid

from .helpers import pane_key

HOSTILE_TEXTS = (
    "[/]",
    "[@click=app.quit]x[/]",
    "[bold]",
    "\x1b[2J\x1b[31m",
    "💞👩\u200d❤\ufe0f\u200d👨",
    ("We talked for an hour, phones away. " * 150)[:5000],
    "",
    "We listen 2 each other",
)
SETTLE_LIMIT_SECONDS = 20
"""A key whose consequences take longer than this has hung the app."""
MAX_FRAMES_A_KEY = 50
"""Frames drawn at once after a key; a screen still dirty after these is redrawn by its timer."""
DIALOG_GRACE_STEPS = 6
"""Steps in a dialog before the monkey may leave it with escape on purpose."""
MAX_RESTARTS = 20
"""More would mean the app ends by itself, not through the palette's Quit now and then."""
TYPED_TEXT_LIMIT = 40
"""Longer texts are pasted only: typing 5,000 characters would spend the run on one field."""

PANE_DIGITS = tuple(pane_key(pane) for pane in PANE_CLASSES)
"""The digit of every pane, in the dashboard's order."""
BASIC_KEYS = (
    *PANE_DIGITS,
    "up",
    "down",
    "left",
    "right",
    "space",
    "enter",
    "escape",
    "tab",
    "shift+tab",
)
QUIT_ACTIONS = frozenset({"quit", "app.quit"})
"""Never pressed: quitting would end the run. The palette's Quit command can still end it;
`run_monkey` then starts the app again on the same data."""

WINDOW_SIZES = ((70, 20), (80, 24), (80, 24), (100, 30))
"""Sizes a resize picks from: one below the minimum (the "please enlarge" notice)."""

PANE_WIDGETS: dict[type, tuple[type, ...]] = {
    CheckinPane: (PlanEditor,),
    RitualsPane: (RitualGrid,),
    MomentsPane: (MomentList,),
}
"""The widgets each pane gives the keyboard to: their keys are the pane's keys too."""
# What "every binding of every pane" means: the dashboard's own keys, each pane's, and the
# keys of the widgets each pane gives the keyboard to.
PANE_BINDING_OWNERS: tuple[type, ...] = (
    MainScreen,
    ProgressScreen,
    *PANE_CLASSES,
    *(widget for widgets in PANE_WIDGETS.values() for widget in widgets),
)


def binding_keys(owners: Iterable[type]) -> frozenset[str]:
    """Every key bound by `owners`, each alternative of a comma-separated binding on its own."""
    return frozenset(
        key.strip()
        for owner in owners
        for binding in owner.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    )


PANE_KEYS = binding_keys(PANE_BINDING_OWNERS)


def bindings_of(owners: Iterable[type]) -> set[tuple[str, str]]:
    """(owner class, action) of each binding of `owners`."""
    return {
        (owner.__name__, binding.action)
        for owner in owners
        for binding in owner.BINDINGS
        if isinstance(binding, Binding)
    }


def required_bindings(skipped_actions: Iterable[tuple[str, str]] = ()) -> set[tuple[str, str]]:
    """(owner class, action) of every pane binding, except those the run may not press."""
    return bindings_of(PANE_BINDING_OWNERS) - set(skipped_actions)


class RecordingApp(AttuneApp):
    """AttuneApp that notes each action a binding actually ran (enabled, and handled)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.actions_run: Counter[tuple[str, str]] = Counter()

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[no-untyped-def,override]
        handled = await super().run_action(action, default_namespace, namespaces)
        if handled and isinstance(action, str) and default_namespace is not None:
            self.actions_run[type(default_namespace).__name__, action] += 1
        return handled


class Step(NamedTuple):
    """One thing the monkey did, for the replay log."""

    number: int
    context: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.number:5} {self.context:<22} {self.kind:<5} {self.detail}"


def key_event(key: str) -> events.Key:
    """The Key event a terminal would deliver for `key` (as `Pilot.press` builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


def context_of(app: AttuneApp) -> str:
    """Where the keyboard is: the dashboard's current pane, or the class of the screen on top."""
    screen = app.screen
    if isinstance(screen, MainScreen):
        return type(screen.current_pane).__name__
    return type(screen).__name__


async def resize(pilot: Pilot, columns: int, rows: int) -> None:
    """Resize the test terminal as `Pilot.resize_terminal` does, then settle as after a key
    (Pilot's own wait can let real time decide what runs, and a run must depend on its seed)."""
    size = Size(columns, rows)
    driver = pilot.app._driver
    if isinstance(driver, HeadlessDriver):
        driver._size = size
    pilot.app.post_message(events.Resize(size, size))
    await settle(pilot)


async def settle(pilot: Pilot) -> None:
    """Wait until the app has handled every message that the last input caused.

    A key travels from the app to the focused widget and bubbles back up, one message queue
    at a time: yield to the app while any queue holds a message. Then draw the frame that is
    due, as `Pilot.pause()` does, so callbacks waiting for it (a dialog a pane offers when
    first shown) run now rather than after a real-time timer; a run then depends only on its
    seed. Finally confirm with one round of `Pilot`'s own wait.
    """
    app = pilot.app
    deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
    frames = 0
    while app.is_running and app._exception is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"the app was still busy {SETTLE_LIMIT_SECONDS} s after a key")
        if not _queues_empty(app):
            await asyncio.sleep(0)
            continue
        screen = app.screen
        # Private, like the rest of this: it is how Pilot itself settles a screen.
        if frames < MAX_FRAMES_A_KEY and (
            screen._callbacks or screen._layout_required or screen._dirty_widgets
        ):
            frames += 1
            screen._on_timer_update()
            await asyncio.sleep(0)
            continue
        await pilot._wait_for_screen()
        if _queues_empty(app):
            return


def _queues_empty(app: AttuneApp) -> bool:
    return all(node._message_queue.empty() for node in (app, *app.screen.walk_children()))


class KeyMonkey:
    """Chooses and sends random input; remembers what it did and what it reached."""

    def __init__(
        self,
        seed: int,
        clock: FixedClock,
        required: set[tuple[str, str]],
        dialog_openers: Mapping[str, set[tuple[str, str]]],
        skipped_keys: Mapping[str, frozenset[str]] | None = None,
        confined_to: type[AttunePane] | None = None,
    ) -> None:
        self.random = random.Random(seed)
        # A run confined to one pane never leaves it for another (its digit and the other
        # panes' are never pressed), so a pane whose moments follow one another, such as a
        # whole weekly meeting, gets every press.
        self._leaving_keys = (
            frozenset(PANE_DIGITS) - {pane_key(confined_to)} | {"g", "f2"}
            if confined_to
            else frozenset()
        )
        self.clock = clock
        self.skipped_keys = skipped_keys or {}
        self._required = required
        self._dialog_openers = dialog_openers
        # Each pane's digit, and the bindings that belong to it.
        self._pane_keys = {pane.__name__: pane_key(pane) for pane in PANE_CLASSES}
        self._pane_bindings = {
            pane.__name__: bindings_of((pane, *PANE_WIDGETS.get(pane, ()))) for pane in PANE_CLASSES
        }
        self.steps: list[Step] = []
        self.pressed: set[tuple[str, str]] = set()
        self.contexts: set[str] = set()
        self.actions_run: Counter[tuple[str, str]] = Counter()
        self.presses = 0
        self.restarts = 0
        self._steps_here = 0

    # --- choosing ----------------------------------------------------------------------------

    def _choose_key(self, app: AttuneApp, context: str) -> str:
        """A key for now, weighted toward what has run least and away from dead ends."""
        active = app.screen.active_bindings
        quitting = {key for key, bound in active.items() if bound.binding.action in QUIT_ACTIONS}
        skipped = self.skipped_keys.get(context, frozenset()) | self._leaving_keys
        keys = sorted((set(active) | set(BASIC_KEYS) | PANE_KEYS) - quitting - skipped)
        pick = self.random.random()
        screen = app.screen
        if isinstance(screen, MainScreen):
            pane = screen.current_pane
            if pick < 0.3 and isinstance(screen.focused, Input):
                # Digits and letters only type here: leave the field first.
                return "escape"
            if pick < 0.3 and not any(bound.node is pane for bound in active.values()):
                # The focus is outside the pane (on the tabs), so its keys do nothing.
                return self.random.choice(("tab", "shift+tab"))
            if pick < 0.3 and not self._pending(context) and not self._leaving_keys:
                # On to a pane with keys still to run, once this one's have all run.
                pending = sorted(name for name in self._pane_keys if self._pending(name))
                if not pending:
                    return self.random.choice(PANE_DIGITS)
                return self._pane_keys[self.random.choice(pending)]
        elif pick < 0.15 and self._steps_here >= DIALOG_GRACE_STEPS:
            # Out of the palette, a dialog or help: without this the walk spends its presses
            # editing the palette's query. Not at once: a form needs a few steps to fill in.
            return "escape"
        if pick < 0.65:
            bound_keys = [key for key, bound in active.items() if key in keys and bound.enabled]
            if bound_keys:
                wanted = self._wanted()
                targets = [_owner_action(active[key]) for key in bound_keys]
                # A pane key still wanted but not live now (`a` needs a reflect-back) comes
                # only from the pane's other keys: keep those in play however often they ran.
                pending = self._pane_bindings.get(context, set()) & wanted
                exploring = bool(pending) and pending.isdisjoint(targets)
                weights = [
                    max(self._weight(target, wanted), 1.0)
                    if exploring and target[0] == context
                    else self._weight(target, wanted)
                    for target in targets
                ]
                return self.random.choices(bound_keys, weights)[0]
        if pick < 0.75:
            untried = [key for key in keys if (context, key) not in self.pressed]
            if untried:
                return self.random.choice(untried)
        return self.random.choice(keys)

    def _wanted(self) -> set[tuple[str, str]]:
        """Pane keys never run yet, and the keys that open a dialog not yet seen."""
        unrun = {target for target in self._required if not self.actions_run[target]}
        return unrun.union(
            *(
                openers
                for dialog, openers in self._dialog_openers.items()
                if dialog not in self.contexts
            )
        )

    def _weight(self, target: tuple[str, str], wanted: set[tuple[str, str]]) -> float:
        # The least-run bindings first. What is still wanted comes far first: a key may be
        # live only briefly (`a` asks for another reflect-back only while one runs), and a
        # key that opens a dialog only when something is selected must come back later,
        # when something is, so its weight falls slowly.
        runs = self.actions_run[target]
        return 20 / (1 + runs) if target in wanted else 1 / (1 + runs) ** 2

    def _pending(self, pane: str) -> set[tuple[str, str]]:
        return self._pane_bindings[pane] & self._wanted()

    def _text(self) -> str:
        return self.random.choice(HOSTILE_TEXTS)

    def _advance_clock(self) -> bool:
        """Move the clock on; True when it jumped by hours."""
        # Mostly seconds; sometimes minutes (turns run out, the heated-talk limit passes);
        # now and then hours, so the 04:00 day rollover is crossed during the run.
        roll = self.random.random()
        if roll < 0.03:
            seconds = self.random.uniform(3_600, 6 * 3_600)
        elif roll < 0.2:
            seconds = self.random.uniform(60, 20 * 60)
        else:
            seconds = self.random.uniform(0, 5)
        self.clock.advance(seconds)
        return seconds >= 3_600

    # --- sending -----------------------------------------------------------------------------

    async def _press(self, pilot: Pilot, key: str, context: str) -> None:
        self.pressed.add((context, key))
        self.presses += 1
        pilot.app.post_message(key_event(key))
        await settle(pilot)

    async def _type(self, pilot: Pilot, keys: list[str], context: str) -> None:
        for key in keys:
            if not pilot.app.is_running:
                return
            await self._press(pilot, key, context)

    async def _paste(self, pilot: Pilot, text: str) -> None:
        # The app hands a terminal's paste to the focused widget, as it does here.
        pilot.app.post_message(events.Paste(text))
        await settle(pilot)

    async def step(self, pilot: Pilot) -> None:
        """Advance the clock, then press a key, type a text or paste one."""
        app = pilot.app
        assert isinstance(app, AttuneApp)
        if self._advance_clock():
            # What the rollover timer, or the terminal's focus coming back, does after hours:
            # the panes move to the new day while a dialog may be open.
            app.post_message(events.AppFocus())
        context = context_of(app)
        self.contexts.add(context)
        same = bool(self.steps) and self.steps[-1].context == context
        self._steps_here = self._steps_here + 1 if same else 0
        number = len(self.steps) + 1
        roll = self.random.random()
        focused: Widget | None = app.screen.focused
        if roll < 0.015:
            # A window briefly too small, or another size: focus must survive it.
            columns, rows = self.random.choice(WINDOW_SIZES)
            self.steps.append(Step(number, context, "resize", f"{columns}x{rows}"))
            await resize(pilot, columns, rows)
        elif roll < 0.04:
            text = self._text()
            self.steps.append(Step(number, context, "paste", _shown(text)))
            await self._paste(pilot, text)
        elif roll < 0.25 and isinstance(focused, Input):
            # Printable characters only: a typed ESC would be the escape key.
            text = "".join(c for c in self._text() if c.isprintable())[:TYPED_TEXT_LIMIT]
            # Half the time Enter follows, as when a person fills in a field and submits.
            submit = self.random.random() < 0.5
            shown = _shown(text) + (" ⏎" if submit else "")
            self.steps.append(Step(number, context, "type", shown))
            await self._type(pilot, [*text, *(["enter"] if submit else [])], context)
        else:
            key = self._choose_key(app, context)
            self.steps.append(Step(number, context, "key", key))
            await self._press(pilot, key, context)

    def replay_log(self, last: int = 60) -> str:
        """The last steps, one a line, for a failure message."""
        return "\n".join(str(step) for step in self.steps[-last:])


def _owner_action(bound: ActiveBinding) -> tuple[str, str]:
    return type(bound.node).__name__, bound.binding.action


def _shown(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 60 else f"{shown[:50]}… ({len(text)} characters)"


async def run_monkey(
    monkey: KeyMonkey,
    make_app: Callable[[], RecordingApp],
    presses: int,
    size: tuple[int, int],
) -> None:
    """Drive apps from `make_app()` until the monkey has pressed `presses` keys.

    When the palette's Quit command ends an app, a new one starts on the same store and the
    run carries on. An exception inside the app is raised here, as `run_test` raises it.
    """
    while monkey.presses < presses:
        if monkey.restarts > MAX_RESTARTS:
            raise AssertionError(
                f"the app ended {monkey.restarts} times; is it quitting by itself?"
            )
        app = make_app()
        app.actions_run = monkey.actions_run  # one record across restarts
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            while monkey.presses < presses and app.is_running and app._exception is None:
                await monkey.step(pilot)
            if app.is_running:
                return
        monkey.restarts += 1
