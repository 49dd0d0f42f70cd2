"""The keys of the Check-in pane: the speaking clock's moves and the agenda's steps.

One key can mean several moves: only the one open now is live (the pane's `check_action`
asks `tui.core.checkin_moves.open_moves` and `tui.core.agenda.open_step_moves`), and the footer,
the hint lines and the palette show only that one.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from tui.core import agenda as agenda_rules
from tui.core.agenda import StepMove
from tui.core.checkin_moves import Move, open_moves
from tui.core.models import AgendaStep
from tui.core.speaking import SpeakingClock
from tui.keys import key

COOLING_OFF_ACTION = f"move('{Move.COOLING_OFF.value}')"
"""The cooling-off's key, named when the talk runs past the agreed limit."""


def _key_for(
    keys: str, move: Move, description: str, tooltip: str, *, show: bool = True, **options: Any
) -> Binding:
    """The binding of `move`, its id named after it. Abandoning asks first, in a dialog: it
    has an action of its own."""
    action = move.value if move is Move.ABANDON else f"move('{move.value}')"
    return key(
        "checkin", keys, action, description, tooltip, name=move.value, footer=show, **options
    )


def _step_key(
    keys: str, move: StepMove, description: str, tooltip: str, *, show: bool = True, **options: Any
) -> Binding:
    """The binding of one move of the agenda, its id named after it."""
    action = f"step('{move.value}')"
    return key(
        "checkin", keys, action, description, tooltip, name=move.value, footer=show, **options
    )


# One key can mean several moves: only the one open now is live (see `check_action`), and
# the footer, the hint lines and the palette show only that one. Coming back from a break
# and leaving the summary are keys of those two views (see tui/widgets/checkin_views.py).
CHECKIN_BINDINGS = [
    _key_for("space", Move.START, "Start", "Start the check-in or its next turn"),
    _key_for("space", Move.PAUSE, "Pause", "Pause the running turn"),
    _key_for("space", Move.CARRY_ON, "Carry on", "Carry on after the pause"),
    _key_for("enter,n", Move.HAND_OVER, "Hand over", "Hand the turn over", key_display="enter"),
    _key_for("enter,n", Move.CONFIRM_HEARD, "Heard", "Say you felt heard", key_display="enter"),
    _key_for("a", Move.ASK_AGAIN, "Try again", "Ask the listener to reflect back again"),
    _key_for("c", Move.COOLING_OFF, "Cooling-off", "Take the agreed cooling-off break"),
    _key_for(
        "plus,equals_sign",
        Move.ADD_MINUTE,
        "More time",
        "Give the running turn one more minute",
        key_display="+",
        show=False,
    ),
    _key_for(
        "minus",
        Move.TAKE_MINUTE,
        "Less time",
        "Take a minute from the running turn",
        key_display="-",
        show=False,
    ),
    _key_for("escape", Move.ABANDON, "Abandon", "Abandon this check-in", show=False),
    # The agenda's steps around the talk (see tui/core/agenda.py for when each is open).
    _step_key("enter,n", StepMove.GO_ON, "Go on", "Go on to the next step", key_display="enter"),
    _step_key(
        "enter,n",
        StepMove.FINISH,
        "Finish",
        "Finish the check-in: this is its last step",
        key_display="enter",
    ),
    _step_key("s", StepMove.SKIP, "Skip step", "Skip this step and go on to the next"),
    _step_key("w", StepMove.APPRECIATE, "Appreciate", "Write what each of you appreciated"),
    _step_key("w", StepMove.NEW_REQUEST, "New request", "Turn a hurt into a need and a request"),
    _step_key("w", StepMove.WISH, "Wishes", "Write one wish each for the coming week"),
    _step_key("r", StepMove.RATE, "Rate", "Rate the week, unseen by the other partner"),
    _step_key("f", StepMove.END_TALK, "End talk", "End the talk here and go on with the agenda"),
    _step_key("x", StepMove.STUCK, "Stuck", "Note that the talk got stuck, or take it back"),
    key(
        "checkin",
        "p",
        "past",
        "Past weeks",
        "Reread the check-ins held before, each as its summary showed it",
        name="past",
        footer=True,
    ),
    key(
        "checkin",
        "o",
        "choose_steps",
        "Steps",
        "Choose the steps of the check-in",
        name="choose_steps",
        footer=True,
    ),
]

_MOVES = frozenset(Move)
_STEP_MOVES = frozenset(StepMove)


def open_step_moves(talk: SpeakingClock | None) -> frozenset[StepMove]:
    """The agenda's moves open now (none when no check-in is under way). Every check-in
    walks its steps: the clock alone, its talk and then its ratings."""
    if talk is None or not talk.is_under_way:
        return frozenset()
    return agenda_rules.open_step_moves(talk.record, talk.phase)


def is_open(
    action: str, parameters: tuple[object, ...], talk: SpeakingClock | None, has_history: bool
) -> bool:
    """Whether the Check-in pane's `action` applies now, with `talk` the check-in under way
    (or just finished) and `has_history` once one was held. Keys of another moment are hidden
    rather than greyed: the footer stays readable."""
    if action == "step" and parameters and parameters[0] in _STEP_MOVES:
        return StepMove(str(parameters[0])) in open_step_moves(talk)
    if action == "choose_steps":
        return talk is None
    if action == "past":
        return talk is None and has_history  # before a check-in starts, once one was held
    name = parameters[0] if action == "move" and parameters else action
    if name not in _MOVES:
        return True
    move = Move(name)
    away_from_the_talk = (
        talk is not None and talk.is_under_way and talk.record.step is not AgendaStep.TALK
    )
    if move is not Move.ABANDON and away_from_the_talk:
        return False  # the clock works at the talk only; finishing is the last step's
    return move in open_moves(talk)
