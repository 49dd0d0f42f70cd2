"""A seeded key monkey: random keys, typing and pastes from whatever screen is current,
steered toward the keys and dialogs its run has not reached yet.

The monkey reads the bindings of the current screen, its focused widget and their ancestors
before every step, so dialogs and panes are explored with their own keys. Keys are posted as
the terminal driver would post them, and the monkey waits until every message a key caused
has been handled before it chooses the next one: that is what `Pilot.press()` does too, minus
its fixed idle sleeps (about 40 ms a key), which would make thousands of keys take minutes.

Part of the steps are chance; the rest are steered (`monkey_goals`): a wanted key the moment it
works, otherwise a move toward a state where it works. Forms are filled in as a person would
(`monkey_forms`), changes are made in Settings mid-run (`monkey_errands`), and after every
step the screen is checked against the data file (`monkey_watch`).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from textual import events
from textual.drivers.headless_driver import HeadlessDriver
from textual.geometry import Size
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import WorkerFailed

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.models import AgendaStep
from tui.dialogs.base import FormDialog
from tui.screens.main import MainScreen
from tui.screens.unlock import UnlockScreen

from .monkey_errands import Errands, PassphraseChange, Secret, SettingsChange
from .monkey_forms import Action, FormFiller
from .monkey_goals import (
    PANE_DIGITS,
    QUIT_ACTIONS,
    Goals,
    Target,
    Visits,
    binding_keys,
    binding_owners,
    owner_action,
    targets_of,
)
from .monkey_steering import State, Steering
from .monkey_watch import Watch

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
PHRASES = ("walked home together", "felt heard at dinner", "a kind word", "phones away")
TOKEN_LETTERS = "bcdfghjklmnpqrstvwxz"
"""Letters of the random word in each phrase the monkey writes: found on screen, it can only
have come from that field."""
SETTLE_LIMIT_SECONDS = 20
"""A key whose consequences take longer than this has hung the app."""
MAX_FRAMES_A_KEY = 50
"""Frames drawn at once after a key; a screen still dirty after these is redrawn by its timer."""
DIALOG_GRACE_STEPS = 6
"""Steps in a dialog before chance may leave it with escape on purpose."""
MAX_RESTARTS = 20
"""More would mean the app ends by itself, not through the palette's Quit now and then."""
TYPED_TEXT_LIMIT = 40
"""Longer texts are pasted only: typing 5,000 characters would spend the run on one field."""
STEERED_SHARE = 0.5
"""The share of steps that are steered while a run's minimum of presses lasts; after it,
until the run has reached its goals, every step is."""
BRIEF_RESIZE_STEPS = (1, 6)
"""A window resized away from the run's size comes back after this many steps."""
WRONG_PASSPHRASE_SHARE = 0.2
"""How often the monkey types a wrong passphrase at the lock before the right one."""

BASIC_KEYS = (
    *PANE_DIGITS.values(),
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
BOUND_KEYS = binding_keys(binding_owners())
"""Every key Attune binds anywhere: chance presses them wherever it is."""
WINDOW_SIZES = ((70, 20), (100, 30), (120, 40))
"""Sizes a brief resize picks from: one below the minimum (the "please enlarge" notice, when
every key but quitting is dropped)."""


class RecordingApp(AttuneApp):
    """AttuneApp that notes each action a binding actually ran (enabled, and handled), as
    the goal of each class that declares it (a form's Save counts for `FormDialog` and for the
    form's own class)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.actions_run: Counter[Target] = Counter()

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[no-untyped-def,override]
        handled = await super().run_action(action, default_namespace, namespaces)
        if handled and isinstance(action, str) and default_namespace is not None:
            self.actions_run.update(targets_of(default_namespace, action))
        return handled


class Step(NamedTuple):
    """One thing the monkey did, for the replay log."""

    number: int
    context: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.number:5} {self.context:<22} {self.kind:<6} {self.detail}"


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
        if _queues_empty(app) and _queues_empty(app, below=True):
            return


def _queues_empty(app: AttuneApp, below: bool = False) -> bool:
    """True when no node of the screen on top (or, `below`, of the screens under it) holds a
    message: a worker that ends posts to its own widget, which may be under a dialog."""
    screens = app.screen_stack[:-1] if below else [app.screen]
    return all(
        node._message_queue.empty()
        for screen in screens
        for node in (app, screen, *screen.walk_children())
    )


class KeyMonkey:
    """Chooses and sends input; remembers what it did and what it reached."""

    def __init__(
        self,
        seed: int,
        clock: FixedClock,
        goals: Goals,
        size: tuple[int, int],
        skipped_keys: frozenset[str] = frozenset(),
        confined_to: str | None = None,
        errands: Sequence[tuple[int, SettingsChange | PassphraseChange]] = (),
        keep_agenda: tuple[AgendaStep, ...] | None = None,
        secret: Secret | None = None,
    ) -> None:
        self.random = random.Random(seed)
        self.clock = clock
        self.goals = goals
        self.size = size
        # A run confined to one pane never leaves it for another (its digit and the other
        # panes' are never pressed), so a pane whose moments follow one another, such as a
        # whole weekly meeting, gets every press.
        leaving = (
            set(PANE_DIGITS.values()) - {PANE_DIGITS[confined_to]} | {"g", "f2"}
            if confined_to
            else set()
        )
        self.skipped_keys = skipped_keys | frozenset(leaving)
        self.steering = Steering(goals, self.random, confined_to)
        self.visits = Visits(self.steering.barred, set(goals.openers))
        self.tokens: set[str] = set()
        self.secret = secret or Secret("walk the long way home")
        """The passphrase typed wherever one is asked for: at the lock, and in the forms that
        set or check it (whoever opens them, chance or an errand)."""
        self.filler = FormFiller(
            self.random, self.phrase, self._today, lambda: self.secret.passphrase
        )
        self.errands = Errands(errands, keep_agenda, size, self._current_app)
        """Changes made in Settings mid-run, and `keep_agenda`, the check-in's steps of the
        run's mode, chosen again when the walk has changed them."""
        self.watch: Watch | None = None
        self.app: AttuneApp | None = None
        self.steps: list[Step] = []
        self.contexts: set[str] = set()
        self.actions_run: Counter[Target] = Counter()
        self.presses = 0
        """Inputs sent: keys (each typed character one), pastes and resizes."""
        self.restarts = 0
        self.minimum_presses = 0
        """Set by `run_monkey`: past it, every step is steered until the goals are reached."""
        self._pressed: set[tuple[str, str]] = set()
        self._steps_here = 0
        self._filling: dict[int, tuple[FormDialog, bool]] = {}
        self._resize_back_in: int | None = None

    # --- what is still to do ---------------------------------------------------------------

    def missing(self) -> tuple[set[Target], set[str]]:
        """(bindings never run, dialogs never opened) of the run's goals."""
        return self.goals.missing(self.actions_run, self.contexts)

    def has_work_left(self) -> bool:
        """True while a goal or an errand is still to be reached."""
        bindings, dialogs = self.missing()
        return bool(bindings or dialogs or self.errands.left())

    # --- texts -----------------------------------------------------------------------------

    def phrase(self) -> str:
        """A few plain words and a random word that appears nowhere else."""
        token = "".join(self.random.choice(TOKEN_LETTERS) for _ in range(8))
        self.tokens.add(token)
        return f"{self.random.choice(PHRASES)} {token}"

    def _text(self) -> str:
        return self.phrase() if self.random.random() < 0.25 else self.random.choice(HOSTILE_TEXTS)

    def _today(self) -> date:
        return self.clock.now().date()

    # --- choosing ----------------------------------------------------------------------------

    def _choose(
        self, app: AttuneApp, context: str, state: State | None
    ) -> Action | tuple[str, str, str]:
        """The next input: steered toward what is still wanted, or left to chance."""
        screen = app.screen
        wanting = any(self.missing())
        steered = self.random.random() < (
            1.0 if self.presses >= self.minimum_presses and wanting else STEERED_SHARE
        )
        on_top = not isinstance(screen, MainScreen)
        if wanting and on_top and (keys := self._wanted_here(screen)):
            # A key of this dialog or screen still to run (a picker's arrows, a choice's
            # other option, a screen's own keys): pressed the moment it works, steered or
            # not, since the dialog may open seldom (a rating, twice a meeting).
            return ("steer", self.random.choice(keys), "wanted here")
        if isinstance(screen, FormDialog):
            form, filling = self._filling.get(id(screen), (None, False))
            if form is not screen:
                filling = self.random.random() < (0.85 if wanting else 0.35)
                self._filling[id(screen)] = (screen, filling)
            if filling and (action := self.filler.next_action(screen)) is not None:
                return action
        elif steered and isinstance(screen, MainScreen):
            key = self.steering.key_on_dashboard(
                screen, state, self.actions_run, self.contexts, self.skipped_keys
            )
            if key is not None:
                return ("steer", key, self.steering.reason)
        elif steered and wanting and self._steps_here >= 1 and not isinstance(screen, MainScreen):
            # A question, a choice (who signs), help, past weeks, Settings: one of its own
            # keys (yes, no, the first partner, close), which may change what is wanted.
            own = sorted(
                key
                for key, bound in screen.active_bindings.items()
                if bound.enabled
                and bound.node is screen
                and bound.binding.action not in ("app.help", *QUIT_ACTIONS)
                and key not in self.skipped_keys
            )
            return ("key", self.random.choice(own or ["escape"]))
        return self._by_chance(app, context)

    def _by_chance(self, app: AttuneApp, context: str) -> Action | tuple[str, str, str]:
        roll = self.random.random()
        if roll < 0.015:
            columns, rows = self.random.choice(WINDOW_SIZES)
            self._resize_back_in = self.random.randint(*BRIEF_RESIZE_STEPS)
            return ("resize", f"{columns}x{rows}")
        if roll < 0.04:
            return ("paste", self._text())
        if roll < 0.25 and isinstance(focused := app.screen.focused, Input):
            # Printable characters only: a typed ESC would be the escape key. A passphrase
            # field gets the couple's passphrase: one set by chance must still unlock.
            text = "".join(c for c in self._text() if c.isprintable())[:TYPED_TEXT_LIMIT]
            if focused.password:
                text = self.secret.passphrase
            # Half the time Enter follows, as when a person fills in a field and submits.
            return ("type", text, "enter" if self.random.random() < 0.5 else "")
        return ("key", self._chance_key(app, context))

    def _chance_key(self, app: AttuneApp, context: str) -> str:
        """A key for now, weighted toward what has run least and away from dead ends."""
        active = app.screen.active_bindings
        quitting = {key for key, bound in active.items() if bound.binding.action in QUIT_ACTIONS}
        keys = sorted((set(active) | set(BASIC_KEYS) | BOUND_KEYS) - quitting - self.skipped_keys)
        pick = self.random.random()
        if not isinstance(app.screen, MainScreen) and pick < 0.15:
            if self._steps_here >= DIALOG_GRACE_STEPS:
                # Out of the palette, a dialog or help: without this the walk spends its
                # presses editing the palette's query. Not at once: a form needs a few steps.
                return "escape"
        if pick < 0.65:
            live = [key for key, bound in active.items() if key in keys and bound.enabled]
            if live:
                weights = [1 / (1 + self._runs(owner_action(active[key]))) for key in live]
                return self.random.choices(live, weights)[0]
        if pick < 0.75:
            untried = [key for key in keys if (context, key) not in self._pressed]
            if untried:
                return self.random.choice(untried)
        return self.random.choice(keys)

    def _runs(self, targets: frozenset[Target]) -> int:
        return min((self.actions_run[target] for target in targets), default=0)

    def _wanted_here(self, screen: Screen) -> list[str]:
        """The keys of a dialog or screen that would run a binding still wanted (in a text
        field, only those that don't type)."""
        wanted = self.goals.wanted(self.actions_run, self.contexts, self.steering.barred)
        typing = isinstance(screen.focused, Input | TextArea)
        return sorted(
            key
            for key, bound in screen.active_bindings.items()
            if bound.enabled
            # The digits a meeting run skips leave the pane only on the dashboard: here
            # they are the dialog's own (a rating's score).
            and bound.binding.action not in QUIT_ACTIONS
            and not (typing and len(key) == 1)
            and not owner_action(bound).isdisjoint(wanted)
        )

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
        self._pressed.add((context, key))
        self.presses += 1
        pilot.app.post_message(key_event(key))
        await settle(pilot)

    async def _send(
        self, pilot: Pilot, action: Action | tuple[str, str, str], context: str
    ) -> None:
        kind, detail = action[0], action[1]
        if kind in ("key", "steer"):
            await self._press(pilot, detail, context)
        elif kind == "paste":
            self.presses += 1
            # The app hands a terminal's paste to the focused widget, as it does here.
            pilot.app.post_message(events.Paste(detail))
            await settle(pilot)
        elif kind == "resize":
            self.presses += 1
            columns, rows = (int(number) for number in detail.split("x"))
            await resize(pilot, columns, rows)
        else:
            for key in [*detail, *([action[2]] if action[2] else [])]:
                if not pilot.app.is_running:
                    return
                await self._press(pilot, key, context)

    def _unlocking(self, screen: UnlockScreen) -> tuple[str, str, str]:
        """The passphrase typed at the lock (now and then a wrong one first), then Enter."""
        field = screen.query_one(Input)
        if field.value:
            return ("key", "ctrl+u", "")  # what chance typed there
        if self.random.random() < WRONG_PASSPHRASE_SHARE:
            return ("type", self.phrase(), "enter")
        return ("type", self.secret.passphrase, "enter")

    async def step(self, pilot: Pilot) -> None:
        """Advance the clock, then send one input (or type one text)."""
        app = pilot.app
        assert isinstance(app, AttuneApp)
        store = app.store if app.is_unlocked else None
        if self._advance_clock():
            # What the rollover timer, or the terminal's focus coming back, does after hours:
            # the panes move to the new day while a dialog may be open.
            app.post_message(events.AppFocus())
        context = context_of(app)
        self.contexts.add(context)
        missing_bindings, missing_dialogs = self.missing()
        self.visits.note(context, -len(missing_bindings) - len(missing_dialogs))
        state = self.steering.observe(app.screen, self.skipped_keys)
        same = bool(self.steps) and self.steps[-1].context == context
        self._steps_here = self._steps_here + 1 if same else 0
        action: Action | tuple[str, str, str] | None = None
        if self._resize_back_in is not None:
            self._resize_back_in -= 1
            if self._resize_back_in <= 0:
                self._resize_back_in = None
                action = ("resize", f"{self.size[0]}x{self.size[1]}")
        kind = "errand"
        if action is None and isinstance(app.screen, UnlockScreen):
            kind = "unlock"
            action = self._unlocking(app.screen)
        if action is None and store is not None:
            action = self.errands.next_action(app, store, self.presses, self.watch)
        if action is None:
            kind = ""
            action = self._choose(app, context, state)
        key = action[1] if action[0] in ("key", "steer") else None
        bound = app.screen.active_bindings.get(key) if key is not None else None
        runs = owner_action(bound) if bound is not None and bound.enabled else None
        self.steering.pressed(state, key, runs)
        if action[0] == "steer":
            shown = f"{action[1]!r} ({action[2]})"
        else:
            shown = _shown(action[1]) + (" ⏎" if action[0] == "type" and action[2] else "")
        self.steps.append(Step(len(self.steps) + 1, context, kind or action[0], shown))
        await self._send(pilot, action, context)
        if app.is_running and any(not worker.is_finished for worker in app.workers):
            # A passphrase being checked or a key derived, in a thread: a person waits. A
            # worker that fails (a wrong passphrase) is the app's to handle: one it does not
            # handle ends the app, which the run reports.
            with contextlib.suppress(WorkerFailed):
                await app.workers.wait_for_complete()
            await settle(pilot)
        self.steering.note_progress(self.actions_run, self.contexts)
        if self.watch is not None and app.is_running and app._exception is None:
            if app.is_unlocked:
                self.watch.store = app.store  # opened by the app at the lock, at launch
            self.watch.check(app, context_of(app))

    def _current_app(self) -> AttuneApp:
        assert self.app is not None
        return self.app

    def replay_log(self, last: int = 60) -> str:
        """The last steps, one a line, for a failure message."""
        return "\n".join(str(step) for step in self.steps[-last:])


def _shown(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 60 else f"{shown[:50]}… ({len(text)} characters)"


async def run_monkey(
    monkey: KeyMonkey,
    make_app: Callable[[], RecordingApp],
    presses: int,
    most_presses: int,
) -> None:
    """Drive apps from `make_app()` for at least `presses` inputs, and on until the monkey
    has reached its goals and made its errands or has sent `most_presses`.

    When the palette's Quit command ends an app, a new one starts on the same store and the
    run carries on. An exception inside the app is raised here, as `run_test` raises it.
    """
    monkey.minimum_presses = presses

    def going_on() -> bool:
        return monkey.presses < presses or (
            monkey.has_work_left() and monkey.presses < most_presses
        )

    while going_on():
        if monkey.restarts > MAX_RESTARTS:
            raise AssertionError(
                f"the app ended {monkey.restarts} times; is it quitting by itself?"
            )
        app = make_app()
        app.actions_run = monkey.actions_run  # one record across restarts
        monkey.app = app
        async with app.run_test(size=monkey.size) as pilot:
            await settle(pilot)
            while going_on() and app.is_running and app._exception is None:
                await monkey.step(pilot)
            if app.is_running:
                return
        monkey.restarts += 1
