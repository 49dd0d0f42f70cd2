"""What the couple can do at each moment of a check-in: the rule behind the Check-in pane's keys.

The pane names its actions after these moves and offers only the open ones, so the footer,
the hint lines and the command palette show what works now and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from tui.core.speaking import TALKING, IllegalMove, Phase, SpeakingClock


class Move(StrEnum):
    """One thing the couple can do during a check-in (or just before or after one)."""

    START = "start"
    """Begin a new check-in from the plan, or the next turn of a resumed one."""
    PAUSE = "pause"
    CARRY_ON = "carry_on"
    """Carry on after a pause."""
    HAND_OVER = "hand_over"
    """End the speaking turn: the listener reflects back, or speaks next."""
    CONFIRM_HEARD = "confirm_heard"
    ASK_AGAIN = "ask_again"
    """The speaker did not feel heard yet: the listener tries again."""
    ADD_MINUTE = "add_minute"
    TAKE_MINUTE = "take_minute"
    COOLING_OFF = "cooling_off"
    COME_BACK = "come_back"
    """End the cooling-off: the talk resumes where it stopped."""
    ABANDON = "abandon"
    PLAN_NEXT = "plan_next"
    """Leave the summary of a finished check-in for the plan of the next one."""


def open_moves(talk: SpeakingClock | None) -> frozenset[Move]:
    """The moves that make sense now; `talk` is None before a check-in starts."""
    if talk is None or talk.phase is Phase.ABANDONED:
        return frozenset({Move.START})
    if talk.phase is Phase.FINISHED:
        return frozenset({Move.PLAN_NEXT})
    phase, talking = talk.phase, talk.talking_phase
    moves = {Move.ABANDON}
    if phase is Phase.READY:
        moves.add(Move.START)
    if phase in TALKING:
        moves.add(Move.PAUSE)
    if phase is Phase.PAUSED:
        moves.add(Move.CARRY_ON)
    if phase is Phase.COOLING_OFF:
        moves.add(Move.COME_BACK)
    elif talking in TALKING:
        # A pause keeps the turn: it can still be handed over, heard, or left for a break.
        moves.add(Move.COOLING_OFF)
        moves.add(Move.HAND_OVER if talking is Phase.SPEAKING else Move.CONFIRM_HEARD)
    if phase is Phase.REFLECT_BACK:
        moves.add(Move.ASK_AGAIN)
    if talking in TALKING:
        # The running turn's time, even while paused or on a break.
        moves.update((Move.ADD_MINUTE, Move.TAKE_MINUTE))
    return frozenset(moves)


_ON_THE_CLOCK: dict[Move, Callable[[SpeakingClock], None]] = {
    Move.START: SpeakingClock.start,
    Move.PAUSE: SpeakingClock.toggle_pause,
    Move.CARRY_ON: SpeakingClock.toggle_pause,
    Move.HAND_OVER: SpeakingClock.hand_over,
    Move.CONFIRM_HEARD: SpeakingClock.confirm_heard,
    Move.ASK_AGAIN: SpeakingClock.ask_again,
    Move.ADD_MINUTE: SpeakingClock.add_minute,
    Move.TAKE_MINUTE: SpeakingClock.take_minute,
    Move.COOLING_OFF: SpeakingClock.start_cooling_off,
    Move.COME_BACK: SpeakingClock.resume_after_cooling_off,
    Move.ABANDON: SpeakingClock.abandon,
}


def make_move(talk: SpeakingClock, move: Move) -> bool:
    """Make `move` on the speaking clock; True when the check-in is to be saved now.

    Every move that changes what is stored (a turn, a phase, a break) saves the check-in, so a
    crash loses at most the running turn. A minute more or less changes only the running turn,
    which is saved when it is handed over. Raises `IllegalMove` when the move can't be made now.
    """
    on_the_clock = _ON_THE_CLOCK.get(move)
    if on_the_clock is None:
        raise IllegalMove("That is done outside the speaking clock.")
    on_the_clock(talk)
    return move not in (Move.ADD_MINUTE, Move.TAKE_MINUTE)
