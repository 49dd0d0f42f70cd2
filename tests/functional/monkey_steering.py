"""The steering that takes a key monkey run to its goals from whatever state it is in.

Chance alone reaches a key that works only in some state (answer a request not yet answered,
ask for another reflect-back while one runs) only now and then, and how often depends on the
machine's speed. The steering reads the state instead: it presses a wanted key the moment the
app offers it, and otherwise makes the app offer it, by going to the pane that owns it, moving
the selection over the pane's items, and using the pane's other keys (whose forms are then
filled in and saved, see `monkey_forms`) until an item is in the state the key needs.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable

from textual.screen import Screen
from textual.widgets import Input

from tui.screens.main import MainScreen

from .monkey_goals import PANE_DIGITS, PANE_OF_OWNER, Goals, Target, owner_action

SELECTION_KEYS = ("down", "down", "down", "up", "home", "end", "pagedown", "right", "left")
"""Keys that move a pane's selection: which item is selected decides which keys apply."""
PATIENCE = 40
"""Steered steps without reaching anything new before the steering wanders at random for
`WANDERING_STEPS` (a key that once led somewhere may seldom do so again)."""
ENABLERS: dict[Target, tuple[Target, ...]] = {
    ("AgreementsPane", "lapse"): (("AgreementsPane", "sign"),),
    ("AgreementsPane", "review"): (("AgreementsPane", "lapse"),),
    ("AgreementsPane", "restore"): (("AgreementsPane", "retire"),),
    ("RequestsPane", "alternative"): (("RequestsPane", "answer"),),
    ("RequestsPane", "confirm('accepted')"): (("RequestsPane", "alternative"),),
    ("RequestsPane", "confirm('kept')"): (("RequestsPane", "answer"),),
    ("RequestsPane", "ritual"): (("RequestsPane", "answer"),),
    ("RequestsPane", "agreement"): (("RequestsPane", "answer"),),
    # A meeting's last step finishes it only once both partners have rated (or passed); for
    # the clock alone, the ratings come straight after the talk, which ends first.
    ("CheckinPane", "step('finish_meeting')"): (("CheckinPane", "step('rate')"),),
    ("CheckinPane", "step('rate')"): (("CheckinPane", "step('go_on')"),),
    ("CheckinPane", "step('go_on')"): (("CheckinPane", "step('end_talk')"),),
    ("CheckinPane", "step('end_talk')"): (("CheckinPane", "move('start')"),),
}
"""What a couple does before a key applies, where it takes more than one step to get there
(an agreement is signed by both before a lapse can be logged, and a lapse comes before its
review). The steering presses these while the key they lead to is still wanted; the map of
states finds the rest."""
SCAN_KEYS = 12
"""Selection keys the steering presses in a pane, after reaching something there or coming to
it, before it changes what the pane holds to make a wanted key work."""
ENABLING_DEPTH = 3
"""How many steps back the steering follows what makes a wanted key work (start the talk,
hand over, then ask for another reflect-back)."""
WANDERING_STEPS = 8
FRUITLESS_TRIES = 3
QUITTING_KEYS = frozenset({"q", "ctrl+q"})
"""Never tried: quitting would end the run."""


State = tuple[str, frozenset[Target]]
"""Where the walk is on the dashboard: the pane, and the bindings that work there now."""


class StateMap:
    """What the walk has learnt: from each dashboard state, where each key led.

    Keys lead to different states at different times (the clock moves; a form is saved or
    not), so each key keeps a count of every state it led to.
    """

    def __init__(self) -> None:
        self.edges: dict[State, dict[str, Counter[State]]] = {}
        self.keys: dict[State, frozenset[str]] = {}
        """The keys worth trying in each state seen."""

    def note_state(self, state: State, keys: Iterable[str]) -> None:
        """Remember `state` and the keys that can be tried in it."""
        self.keys.setdefault(state, frozenset(keys))

    def note_edge(self, before: State, key: str, after: State) -> None:
        """`key`, pressed in `before`, led to `after` (through any dialogs it opened)."""
        self.edges.setdefault(before, {}).setdefault(key, Counter())[after] += 1

    def untried(self, state: State) -> set[str]:
        """The keys of `state` never pressed there."""
        return set(self.keys.get(state, ())) - set(self.edges.get(state, {}))

    def route(
        self, start: State, arrived: Callable[[State], bool], barred: Iterable[str] = ()
    ) -> str | None:
        """The first key of the likeliest known way from `start` to a state where `arrived`,
        within the pane of `start`, not starting with a `barred` key."""
        best = {start: 0.0}
        queue: list[tuple[float, int, State, str]] = []
        order = 0
        for key, outcomes in sorted(self.edges.get(start, {}).items()):
            if key not in barred:
                order = self._push(queue, best, 0.0, self._within(start, outcomes), key, order)
        while queue:
            cost, _, state, first = heapq.heappop(queue)
            if cost > best.get(state, math.inf):
                continue
            if arrived(state):
                return first
            for outcomes in self.edges.get(state, {}).values():
                order = self._push(queue, best, cost, self._within(start, outcomes), first, order)
        return None

    @staticmethod
    def _within(start: State, outcomes: Counter[State]) -> Counter[State]:
        return Counter({after: n for after, n in outcomes.items() if after[0] == start[0]})

    @staticmethod
    def _push(
        queue: list[tuple[float, int, State, str]],
        best: dict[State, float],
        cost: float,
        outcomes: Counter[State],
        first: str,
        order: int,
    ) -> int:
        total = sum(outcomes.values())
        for after, count in outcomes.items():
            # The presses it takes, on average, for the key to have this outcome.
            reached = cost + total / count
            if reached < best.get(after, math.inf):
                best[after] = reached
                order += 1
                heapq.heappush(queue, (reached, order, after, first))
        return order


class Steering:
    """Chooses a key toward what a run still wants, from the state the app is in now.

    A wanted key is pressed the moment it works. Otherwise the steering follows the map of
    states learnt so far to the nearest state where a wanted key works; when the map knows
    none, it tries a key not yet tried here, or heads for a state that has such keys.
    """

    def __init__(
        self,
        goals: Goals,
        rng: random.Random,
        confined_to: str | None = None,
    ) -> None:
        self.goals = goals
        self.random = rng
        self.confined_to = confined_to
        self.map = StateMap()
        self.barred: set[str] = set()
        """Dialogs and screens whose openers are not wanted for now (see `Visits`)."""
        self._goal_targets = goals.bindings.union(*goals.openers.values())
        self._pending: tuple[State, str] | None = None
        self._pending_action: frozenset[Target] | None = None
        self._tries: Counter[tuple[Target, Target]] = Counter()
        self._enabled: Counter[tuple[Target, Target]] = Counter()
        """(action, goal): how often the action ran while the goal did not work, and how
        often the goal worked right after (pausing makes carrying on work)."""
        self._expecting: tuple[State, str, Target, int] | None = None
        self._fruitless: Counter[tuple[State, str]] = Counter()
        """Wanted keys that worked in a state but ran nothing there (a summary too short to
        scroll): after `FRUITLESS_TRIES`, the steering stops pressing them there until the
        walk has been elsewhere (the next summary may be longer)."""
        self._last_state: State | None = None
        self._routed: tuple[State, str] | None = None
        self._scans = 0
        """Selection keys pressed in this pane since the walk last reached something."""
        self._dead_ends: Counter[tuple[State, str]] = Counter()
        """Keys that the map's ways began with and that led back to where they started: after
        `FRUITLESS_TRIES`, a way no longer begins with them there."""
        self._steps_without_progress = 0
        self._wandering = 0
        self._reached = 0
        self.reason = ""
        """Why the last steered key was chosen, for the replay log."""

    def note_progress(self, actions_run: Counter[Target], seen: set[str]) -> None:
        """Count what has been reached; patience starts again when it grows."""
        if self._expecting is not None:
            state, key, target, runs = self._expecting
            if actions_run[target] == runs:
                self._fruitless[state, key] += 1
            self._expecting = None
        bindings, dialogs = self.goals.missing(actions_run, seen)
        reached = -len(bindings) - len(dialogs)
        if reached != self._reached:
            self._reached = reached
            self._steps_without_progress = 0
            self._scans = 0

    def observe(self, screen: Screen, skipped: frozenset[str]) -> State | None:
        """Learn from where the last dashboard key led; the dashboard's state now, or None
        when a dialog or another screen is on top."""
        if not isinstance(screen, MainScreen):
            return None
        pane = screen.current_pane
        focused = screen.focused
        if focused is None or pane not in focused.ancestors_with_self:
            return None  # on the tab bar: no pane's state, and the steering tabs back
        active = screen.active_bindings
        live = frozenset().union(
            *(owner_action(bound) for bound in active.values() if bound.enabled)
        )
        name = type(pane).__name__
        state = (name, live)
        # What is worth trying here: the pane's own keys and moving its selection. Other
        # panes are chosen apart (`_next_pane`); the keys that work everywhere (a moment,
        # Settings, help) are left to chance.
        keys = {
            key
            for key, bound in active.items()
            if bound.enabled and pane in bound.node.ancestors_with_self
        }
        keys |= set(SELECTION_KEYS)
        if isinstance(focused, Input):
            keys = {key for key in keys if len(key) > 1}  # a letter or digit only types
        self.map.note_state(state, keys - skipped - QUITTING_KEYS)
        if self._pending is not None:
            before, key = self._pending
            self.map.note_edge(before, key, state)
            if self._pending == self._routed and state == before:
                # The way the map knew led nowhere this time (the same state again).
                self._dead_ends[self._pending] += 1
            action = self._pending_action
            if action is not None and before[0] == state[0]:
                self._learn(action, before, state)
            self._pending = None
        if state != self._last_state:
            self._fruitless.clear()
            self._last_state = state
        return state

    def pressed(
        self, state: State | None, key: str | None, action: frozenset[Target] | None = None
    ) -> None:
        """A key was pressed in `state` (None: something else was sent, or not on the
        dashboard), running `action` if a binding had it: where it leads, and which keys it
        made work, are learnt at the next dashboard state."""
        if state is not None:
            self._pending = (state, key) if key is not None else None
            self._pending_action = action

    def key_on_dashboard(
        self,
        screen: MainScreen,
        state: State | None,
        actions_run: Counter[Target],
        seen: set[str],
        skipped: frozenset[str],
    ) -> str | None:
        """A key toward a wanted binding on the dashboard, or None when nothing is wanted.

        In order: a wanted key that works now; back into the pane (out of a field, off the
        tab bar); another pane when this one has nothing wanted; the map's way to a state
        where a wanted key works; the other items of the pane's list (which item is selected
        decides which keys work); a key that makes a wanted one work (`ENABLERS`, and what
        the run has seen), the nearest first; and last, a key not yet tried here.
        """
        wanted = self.goals.wanted(actions_run, seen, self.barred)
        if not wanted:
            return None
        active = screen.active_bindings
        typing = isinstance(screen.focused, Input)
        # In a field, a letter or digit is typed, not pressed: only other keys are live.
        usable = {
            key: owner_action(bound)
            for key, bound in active.items()
            if bound.enabled
            and key not in skipped
            and not (typing and len(key) == 1)
            and self._fruitless[state, key] < FRUITLESS_TRIES
        }
        live = sorted(key for key, targets in usable.items() if not targets.isdisjoint(wanted))
        if live:
            key = self.random.choice(live)
            self._expect(state, key, usable[key] & wanted, actions_run)
            return self._steer("wanted", key)
        if typing:
            return self._steer("out of the field", "escape")
        if state is None:
            return self._steer("off the tab bar", self.random.choice(("tab", "shift+tab")))
        name = state[0]
        if self.confined_to is not None and name != self.confined_to:
            return self._steer("back", PANE_DIGITS[self.confined_to])  # the palette led out
        here = {target for target in wanted if PANE_OF_OWNER.get(target[0]) == name}
        self._steps_without_progress += 1
        tired = self._steps_without_progress > PATIENCE
        if self.confined_to is None and (not here or tired):
            other = self._next_pane(wanted, name, here)
            if other is not None:
                self._steps_without_progress = 0
                self._scans = 0
                return self._steer("next pane", PANE_DIGITS[other])
        if tired:
            # Nothing new for a while (a key that seldom does what it once did): a few keys
            # at random, then the map again.
            self._steps_without_progress = 0
            self._wandering = WANDERING_STEPS
        if self._wandering:
            self._wandering -= 1
            return self._steer("wander", self.random.choice(sorted(self.map.keys[state])))
        # Within the pane: showing another pane is a whole new layout, the dearest key there
        # is, so the pane is left only by the choice above.
        barred = {
            key
            for (there, key), tries in self._dead_ends.items()
            if there == state and tries >= FRUITLESS_TRIES
        }
        key = self.map.route(
            state, lambda there: there != state and not wanted.isdisjoint(there[1]), barred
        )
        if key is not None:
            self._routed = (state, key)
            return self._steer("route", key)
        if here and self._scans < SCAN_KEYS:
            self._scans += 1
            return self._steer("scan", "home" if self._scans == 1 else "down")
        for enablers in self._enablers(wanted):
            keys = sorted(
                key
                for key, targets in usable.items()
                if not targets.isdisjoint(enablers)
                and self._dead_ends[state, key] < FRUITLESS_TRIES
            )
            if keys:
                key = self.random.choice(keys)
                self._expect(state, key, usable[key] & enablers, actions_run)
                self._routed = (state, key)  # one that changes nothing is a dead end
                return self._steer("enabler", key)
        untried = sorted(self.map.untried(state))
        if untried:
            return self._steer("untried", self.random.choice(untried))
        key = self.map.route(state, lambda there: bool(self.map.untried(there)), barred)
        if key is not None:
            self._routed = (state, key)
            return self._steer("frontier", key)
        return self._steer("any", self.random.choice(sorted(self.map.keys[state])))

    def _expect(
        self, state: State | None, key: str, targets: frozenset[Target], runs: Counter[Target]
    ) -> None:
        target = min(targets)
        self._expecting = (state, key, target, runs[target])

    def _steer(self, reason: str, key: str) -> str:
        self.reason = reason
        return key

    def _learn(self, actions: frozenset[Target], before: State, after: State) -> None:
        for action in actions:
            for goal in self._goal_targets - before[1]:
                self._tries[action, goal] += 1
                if goal in after[1]:
                    self._enabled[action, goal] += 1

    def learnt_enablers(self, goal: Target) -> set[Target]:
        """The actions seen to make `goal` work at least half the times they ran without it."""
        return {
            action
            for (action, enabled), times in self._enabled.items()
            if enabled == goal and times * 2 >= self._tries[action, goal]
        }

    def _enablers(self, wanted: set[Target]) -> list[set[Target]]:
        """The bindings that lead to one of `wanted` working, nearest first: those that do it
        directly, then those that make those work, and so on; known beforehand
        (`ENABLERS`) or seen during the run."""
        levels: list[set[Target]] = []
        found = set(wanted)
        frontier = set(wanted)
        for _ in range(ENABLING_DEPTH):
            frontier = {
                enabler
                for target in frontier
                for enabler in (*ENABLERS.get(target, ()), *self.learnt_enablers(target))
            } - found
            found |= frontier
            levels.append(frontier)
        return levels

    def _next_pane(self, wanted: set[Target], current: str, here: set[Target]) -> str | None:
        """The pane to go to: the one with the most still wanted; any other when only the
        dashboard's own keys are wanted and they don't work here; None to stay."""
        counts = Counter(
            PANE_OF_OWNER[owner]
            for owner, _ in wanted
            if PANE_OF_OWNER.get(owner, current) != current
        )
        if counts:
            most = max(counts.values())
            return self.random.choice(sorted(pane for pane, n in counts.items() if n == most))
        if not here:
            return self.random.choice(sorted(set(PANE_DIGITS) - {current}))
        return None
