"""The speaking clock: the turn-by-turn state machine of a weekly check-in.

All timing comes from deadlines on the injected monotonic clock. Nothing counts ticks, so a
stalled event loop, a sleeping laptop or a change of the wall clock cannot make a turn drift:
whenever the screen asks, the answer is computed afresh from the monotonic clock.
"""

from __future__ import annotations

from enum import Enum, StrEnum, auto

from msgspec.structs import replace

from tui.clock import Clock
from tui.core.checkins import (
    MINUTE_MS,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    TurnRecord,
    finished,
)


class Phase(StrEnum):
    """Where the check-in is now."""

    READY = "ready"
    SPEAKING = "speaking"
    REFLECT_BACK = "reflect-back"
    PAUSED = "paused"
    COOLING_OFF = "cooling-off"
    WRAPPING_UP = "wrapping-up"
    """Every turn is spoken (or talking was ended early): ratings come next."""
    FINISHED = "finished"
    ABANDONED = "abandoned"


class Event(Enum):
    """Something the screen should announce once; returned by `SpeakingClock.poll()`."""

    TIME_UP = auto()
    """The speaker's planned time just ran out: ring the bell."""
    HEATED_LIMIT_REACHED = auto()
    """The talk since the last break passed the agreed limit: suggest a cooling-off."""
    COOLING_OFF_OVER = auto()
    """The agreed break is over: time to come back."""


class IllegalMove(Exception):
    """An action that makes no sense in the current phase; the message says why."""


TALKING = (Phase.SPEAKING, Phase.REFLECT_BACK)
"""The phases in which a turn's clock runs."""
_OVER = (Phase.FINISHED, Phase.ABANDONED)
MINIMUM_TURN_MS = MINUTE_MS
LAST_MINUTE_MS = MINUTE_MS
"""From here on the turn's clock says that the time is nearly up."""


class SpeakingClock:
    """Runs one check-in: turns, reflect-backs, pauses, cooling-offs, then ratings."""

    def __init__(self, record: CheckinRecord, clock: Clock) -> None:
        self._clock = clock
        self.record = record
        self.phase = Phase.READY if self._turns_left else Phase.WRAPPING_UP
        self._interrupted_phase: Phase | None = None
        self._allowed_ms = 0
        self._elapsed_before_ms = 0
        self._segment_started: float | None = None
        self._turn_started_at = ""
        self._reflect_attempts = 0
        self._talk_since_break_before_ms = 0
        self._cooling_off_deadline = 0.0
        self._cooling_off_ends_at = ""
        self._time_up_announced = False
        self._heated_limit_announced = False
        self._cooling_off_over_announced = False

    # --- what the screen reads ------------------------------------------------------------

    @property
    def plan(self) -> CheckinPlan:
        """The agreed plan of this check-in."""
        return self.record.plan

    @property
    def turn_index(self) -> int:
        """The running (or next) turn, counting from 0."""
        return len(self.record.turns) - (1 if self._reflecting_on_last_turn else 0)

    @property
    def turn_count(self) -> int:
        """How many turns the plan has."""
        return len(self.plan.speaker_order())

    @property
    def speaker(self) -> str | None:
        """Who speaks in the running (or next) turn, or None when no turn is left."""
        order = self.plan.speaker_order()
        return order[self.turn_index] if self.turn_index < len(order) else None

    @property
    def next_speaker(self) -> str | None:
        """Who speaks after this turn, or None when this is the last one."""
        order = self.plan.speaker_order()
        following = self.turn_index + 1
        return order[following] if following < len(order) else None

    @property
    def round_number(self) -> int:
        """The running round, from 1."""
        return min(self.turn_index, self.turn_count - 1) // 2 + 1

    @property
    def talking_phase(self) -> Phase:
        """SPEAKING or REFLECT_BACK, even while paused or cooling off; else the phase itself."""
        if self.phase in (Phase.PAUSED, Phase.COOLING_OFF) and self._interrupted_phase:
            return self._interrupted_phase
        return self.phase

    def elapsed_ms(self) -> int:
        """Active time spent in the running speaking turn or reflect-back."""
        running = 0
        if self._segment_started is not None:
            running = round((self._clock.monotonic() - self._segment_started) * 1000)
        return self._elapsed_before_ms + running

    def remaining_ms(self) -> int:
        """Time left in the running turn or reflect-back; negative once in overtime."""
        return self._allowed_ms - self.elapsed_ms()

    @property
    def allowed_ms(self) -> int:
        """The planned length of the running turn or reflect-back, after +/- minutes."""
        return self._allowed_ms

    def overtime_ms(self) -> int:
        """How far the running speaking turn is past its planned length."""
        if self.talking_phase is not Phase.SPEAKING:
            return 0
        return max(0, -self.remaining_ms())

    def talk_since_break_ms(self) -> int:
        """Active talk since the start or the last cooling-off (for the heated-talk limit)."""
        running = 0
        if self._segment_started is not None:
            running = round((self._clock.monotonic() - self._segment_started) * 1000)
        return self._talk_since_break_before_ms + running

    def cooling_off_remaining_ms(self) -> int:
        """Time left of the agreed break; 0 once it is over."""
        if self.phase is not Phase.COOLING_OFF:
            return 0
        return max(0, round((self._cooling_off_deadline - self._clock.monotonic()) * 1000))

    @property
    def cooling_off_ends_at(self) -> str:
        """The wall-clock moment (ISO-8601) the break ends."""
        return self._cooling_off_ends_at

    @property
    def cooling_off_suggested(self) -> bool:
        """True once the talk since the last break has passed the heated-talk limit."""
        return self.talk_since_break_ms() >= self.plan.heated_limit_ms

    @property
    def is_under_way(self) -> bool:
        """True from the start until the check-in is finished or abandoned."""
        return self.phase not in _OVER

    @property
    def is_running(self) -> bool:
        """True while something counts down: a turn, a reflect-back or a cooling-off."""
        return self.phase in (*TALKING, Phase.COOLING_OFF)

    def is_in_overtime(self) -> bool:
        """True once a speaking turn has run past its planned length (paused or not)."""
        return self.talking_phase is Phase.SPEAKING and self.remaining_ms() < 0

    def is_in_last_minute(self) -> bool:
        """True in the last minute of a turn or reflect-back (paused or not)."""
        return self.talking_phase in TALKING and 0 <= self.remaining_ms() <= LAST_MINUTE_MS

    def poll(self) -> list[Event]:
        """Events that happened since the last poll, each announced exactly once."""
        events = []
        if self.phase is Phase.SPEAKING and self.remaining_ms() <= 0:
            if not self._time_up_announced:
                self._time_up_announced = True
                events.append(Event.TIME_UP)
        if self.phase in TALKING and self.cooling_off_suggested:
            if not self._heated_limit_announced:
                self._heated_limit_announced = True
                events.append(Event.HEATED_LIMIT_REACHED)
        if self.phase is Phase.COOLING_OFF and self.cooling_off_remaining_ms() == 0:
            if not self._cooling_off_over_announced:
                self._cooling_off_over_announced = True
                events.append(Event.COOLING_OFF_OVER)
        return events

    # --- actions ------------------------------------------------------------------------

    def start(self) -> None:
        """Begin (or, after a resume, continue with) the next speaking turn."""
        self._require(self.phase is Phase.READY, "The check-in has already started.")
        self._begin_turn()

    def toggle_pause(self) -> None:
        """Pause the running turn or reflect-back, or carry on from a pause."""
        if self.phase is Phase.PAUSED:
            self.phase = self._interrupted_phase or Phase.SPEAKING
            self._interrupted_phase = None
            self._open_segment()
            return
        self._require(self.phase in TALKING, "Only a running turn can be paused.")
        self._close_segment()
        self._interrupted_phase = self.phase
        self.phase = Phase.PAUSED

    def hand_over(self) -> None:
        """End the speaking turn (early, on time or after overtime) and move to reflect-back."""
        self._require(
            self.talking_phase is Phase.SPEAKING and self.phase is not Phase.COOLING_OFF,
            "Only a speaking turn can be handed over.",
        )
        self._close_segment()
        self._interrupted_phase = None
        self._record_running_turn()
        if self.plan.reflect_back_ms > 0:
            self.phase = Phase.REFLECT_BACK
            self._reflect_attempts = 1
            self._reset_timer(self.plan.reflect_back_ms)
            self._open_segment()
        else:
            self._advance()

    def confirm_heard(self) -> None:
        """The speaker felt heard: record it and move to the next turn."""
        self._require(self.talking_phase is Phase.REFLECT_BACK, "Nothing is being reflected back.")
        self._close_segment()
        self._interrupted_phase = None
        self._update_last_turn(heard=True)
        self._advance()

    def ask_again(self) -> None:
        """The speaker did not feel heard yet: the listener tries again, with fresh time."""
        self._require(self.phase is Phase.REFLECT_BACK, "Nothing is being reflected back.")
        self._close_segment()
        self._reflect_attempts += 1
        self._update_last_turn(heard=False)
        self._reset_timer(self.plan.reflect_back_ms)
        self._open_segment()

    def add_minute(self) -> None:
        """Give the running turn or reflect-back one more minute."""
        self._require(self.talking_phase in TALKING, "There is no running turn to extend.")
        self._allowed_ms += MINUTE_MS
        if self.remaining_ms() > 0:
            self._time_up_announced = False

    def take_minute(self) -> None:
        """Take a minute from the running turn or reflect-back (never below one minute)."""
        self._require(self.talking_phase in TALKING, "There is no running turn to shorten.")
        self._require(
            self._allowed_ms - MINUTE_MS >= MINIMUM_TURN_MS,
            "A turn can't be shorter than one minute.",
        )
        self._allowed_ms -= MINUTE_MS

    def start_cooling_off(self) -> None:
        """Stop talking for the agreed break; the talk resumes exactly where it stopped."""
        self._require(
            self.phase in (*TALKING, Phase.PAUSED, Phase.READY),
            "A cooling-off can start only while the check-in is under way.",
        )
        self._close_segment()
        if self.phase is not Phase.PAUSED:
            self._interrupted_phase = self.phase
        self.phase = Phase.COOLING_OFF
        self._talk_since_break_before_ms = 0
        self._heated_limit_announced = False
        self._cooling_off_over_announced = False
        self._cooling_off_deadline = self._clock.monotonic() + self.plan.cooling_off_ms / 1000
        self._cooling_off_ends_at = (
            self._clock.now().add(microseconds=self.plan.cooling_off_ms * 1000).isoformat()
        )
        self.record = replace(self.record, cooling_offs=self.record.cooling_offs + 1)

    def resume_after_cooling_off(self) -> None:
        """Come back from the break (early or on time) to where the talk stopped."""
        self._require(self.phase is Phase.COOLING_OFF, "There is no cooling-off to end.")
        self.phase = self._interrupted_phase or Phase.READY
        self._interrupted_phase = None
        if self.phase in TALKING:
            self._open_segment()

    def end_talking(self) -> None:
        """Stop the turns (all spoken, or ending early); the running turn counts as it stands."""
        self._require(self.phase not in _OVER, "This check-in is already over.")
        if self.phase is Phase.WRAPPING_UP:
            return
        self._close_segment()
        if self.talking_phase is Phase.SPEAKING and self._turn_started_at:
            self._record_running_turn()
        self._interrupted_phase = None
        self.phase = Phase.WRAPPING_UP

    def finish(self, ended_at: str) -> None:
        """Close the check-in at `ended_at` with what it holds: at its last step, once that is
        saved (`tui.core.checkins.finished` gives the same record to save first). No turn is
        running there: the talk was ended, skipped or never on the agenda."""
        self._require(self.phase in (Phase.READY, Phase.WRAPPING_UP), "End the talk first.")
        self.phase = Phase.FINISHED
        self.record = finished(self.record, ended_at)

    def abandon(self) -> None:
        """Give up on this check-in; every turn so far (the running one too) is kept."""
        self._require(self.phase not in _OVER, "This check-in is already over.")
        self._close_segment()
        if self.talking_phase is Phase.SPEAKING and self._turn_started_at:
            self._record_running_turn()
        self.phase = Phase.ABANDONED
        self.record = replace(
            self.record, status=CheckinStatus.ABANDONED, ended_at=self._clock.now().isoformat()
        )

    # --- internals ------------------------------------------------------------------------

    @property
    def _turns_left(self) -> bool:
        return len(self.record.turns) < self.turn_count

    @property
    def _reflecting_on_last_turn(self) -> bool:
        return self.talking_phase is Phase.REFLECT_BACK

    def _require(self, condition: bool, reason: str) -> None:
        if not condition:
            raise IllegalMove(reason)

    def _begin_turn(self) -> None:
        self.phase = Phase.SPEAKING
        self._turn_started_at = self._clock.now().isoformat()
        self._reset_timer(self.plan.turn_ms)
        self._open_segment()

    def _advance(self) -> None:
        if self._turns_left:
            self._begin_turn()
        else:
            self._turn_started_at = ""
            self.phase = Phase.WRAPPING_UP

    def _reset_timer(self, allowed_ms: int) -> None:
        self._allowed_ms = allowed_ms
        self._elapsed_before_ms = 0
        self._time_up_announced = False

    def _open_segment(self) -> None:
        self._segment_started = self._clock.monotonic()

    def _close_segment(self) -> None:
        if self._segment_started is None:
            return
        spent = round((self._clock.monotonic() - self._segment_started) * 1000)
        self._elapsed_before_ms += spent
        self._talk_since_break_before_ms += spent
        self._segment_started = None

    def _record_running_turn(self) -> None:
        turn = TurnRecord(
            speaker=self.speaker or self.plan.first_speaker,
            planned_ms=self._allowed_ms,
            spoken_ms=self._elapsed_before_ms,
            started_at=self._turn_started_at,
        )
        self._turn_started_at = ""
        self.record = replace(self.record, turns=(*self.record.turns, turn))

    def _update_last_turn(self, heard: bool) -> None:
        *earlier, last = self.record.turns
        updated = replace(last, reflect_attempts=self._reflect_attempts, heard=heard)
        self.record = replace(self.record, turns=(*earlier, updated))
