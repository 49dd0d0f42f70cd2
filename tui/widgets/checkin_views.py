"""What the Check-in pane shows once a check-in runs: the turn, the break and the summary.

Each view is re-drawn from the `SpeakingClock` it is given. Names and notes are always passed
as `rich.text.Text`, so markup-like text shows literally. The state of the clock (running, last
minute, overtime, paused, reflect-back, a break over) becomes CSS classes that
styles/checkin.tcss colours from the theme; the words on screen say it too, for NO_COLOR.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Digits, ProgressBar, Static

from tui.core.agenda import RatingChange
from tui.core.checkins import CheckinRecord, format_duration, other_partner
from tui.core.models import Partners
from tui.core.prompts import (
    FOR_THE_LISTENER,
    FOR_THE_REFLECT_BACK,
    FOR_THE_SPEAKER,
    WHILE_COOLING_OFF,
    rotating,
)
from tui.core.speaking import TALKING, Phase, SpeakingClock
from tui.keys import hint_line, key
from tui.widgets.agenda_views import AgendaScene, agenda_summary, summary_table
from tui.widgets.request_wins import WinsSinceCheckin


def clock_face(remaining_ms: int) -> str:
    """m:ss counting down, then +m:ss counting the overtime up."""
    if remaining_ms >= 0:
        return format_duration(remaining_ms + 999)  # 4:59.2 left still shows 5:00... then 4:59
    return "+" + format_duration(-remaining_ms)


class RunningView(Vertical, can_focus=True):
    """A view of a running check-in. Its `Static` children are updated only when their text
    really changes; its `.hint` line shows the keys its pane says work now."""

    def show(self, talk: SpeakingClock) -> None:
        """Draw `talk` as it is at this moment."""
        raise NotImplementedError

    def show_keys(self, keys: str) -> None:
        """Show the view's own keys, then `keys`: the pane's keys that work now (a line made by
        `tui.keys.hint_line`)."""
        self._set(".hint", Text(" · ".join(line for line in (hint_line(self), keys) if line)))

    def _set(self, selector: str, text: Text) -> None:
        widget = self.query_one(selector, Static)
        if getattr(widget, "_shown_text", None) != text:
            widget._shown_text = text  # type: ignore[attr-defined]
            widget.update(text)


class TalkView(RunningView):
    """The running turn: who speaks, big digits, progress, prompts and the heated-talk gauge."""

    def __init__(self, partners: Partners, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = partners.names()

    def compose(self) -> ComposeResult:
        yield Static(id="talk-headline")
        yield Digits("0:00", id="talk-digits")
        # A total from the start: without one the bar animates 15 times a second, even hidden.
        yield ProgressBar(total=1, id="talk-progress", show_eta=False, show_percentage=False)
        yield Static(id="talk-status")
        yield Static(id="talk-prompt")
        yield Static(id="talk-listener")
        yield Static(id="talk-gauge")
        yield Static(id="talk-keys", classes="hint")

    def show(self, talk: SpeakingClock) -> None:
        """Draw `talk` as it is at this moment."""
        phase, talking = talk.phase, talk.talking_phase
        speaker = talk.speaker
        speaker_name = self.names.get(speaker or "", "")
        listener_name = self.names.get(other_partner(speaker), "") if speaker else ""
        remaining = talk.remaining_ms()
        elapsed = talk.elapsed_ms()
        overtime = talk.is_in_overtime()

        # The stylesheet colours these; the status line below says the same in words.
        self.set_class(phase in TALKING, "-running")
        self.set_class(talking is Phase.REFLECT_BACK, "-reflect")
        self.set_class(talk.is_in_last_minute(), "-last-minute")
        self.set_class(overtime, "-overtime")
        self.set_class(phase is Phase.PAUSED, "-paused")

        if phase is Phase.WRAPPING_UP:
            self._show_wrapping_up(talk)
            return
        if phase is Phase.READY:
            headline = Text.assemble((speaker_name, "bold"), " speaks next")
            status = Text("Start the turn when you are both ready.")
            remaining, elapsed = talk.plan.turn_ms, 0
        elif talking is Phase.REFLECT_BACK:
            headline = Text.assemble(
                "Reflect-back: ", (listener_name, "bold"), " → ", (speaker_name, "bold")
            )
            status = Text.assemble(
                (speaker_name, "bold"), ": did you feel heard? If not, ask for another try."
            )
        else:
            headline = Text.assemble((speaker_name, "bold"), " is speaking")
            if overtime:
                status = Text(
                    f"TIME'S UP · overtime {clock_face(remaining)} · "
                    "hand over when the sentence is finished",
                    style="bold",
                )
            elif talk.is_in_last_minute():
                status = Text("ONE MINUTE LEFT", style="bold")
            else:
                status = Text("")
        if phase is Phase.PAUSED:
            status = Text("PAUSED · carry on when you are both ready", style="bold")

        headline.append(
            f"   round {talk.round_number} of {talk.plan.rounds} · "
            f"turn {min(talk.turn_index + 1, talk.turn_count)} of {talk.turn_count}",
            style="dim",
        )
        self._set("#talk-headline", headline)
        digits = self.query_one("#talk-digits", Digits)
        face = clock_face(remaining)
        if digits.value != face:
            digits.update(face)
        bar = self.query_one("#talk-progress", ProgressBar)
        allowed_seconds = max(1, talk.allowed_ms // 1000)
        bar.update(total=allowed_seconds, progress=min(allowed_seconds, elapsed // 1000))
        self._set("#talk-status", status)
        self._show_prompts(talk, speaker_name, listener_name, elapsed)
        self._show_gauge(talk)

    def _show_prompts(
        self, talk: SpeakingClock, speaker_name: str, listener_name: str, elapsed: int
    ) -> None:
        if talk.talking_phase is Phase.REFLECT_BACK:
            # The template's placeholders become the names, in bold and never read as markup.
            names = {"listener": listener_name, "speaker": speaker_name}
            pieces = re.split(r"\{(listener|speaker)\}", rotating(FOR_THE_REFLECT_BACK, elapsed))
            text = Text()
            for index, piece in enumerate(pieces):
                text.append(names[piece] if index % 2 else piece, "bold" if index % 2 else "")
            self._set("#talk-prompt", text)
            self._set("#talk-listener", Text(""))
            return
        self._set(
            "#talk-prompt",
            Text.assemble("For ", (speaker_name, "bold"), ": ", rotating(FOR_THE_SPEAKER, elapsed)),
        )
        self._set(
            "#talk-listener",
            Text.assemble(
                "For ", (listener_name, "bold"), ": ", rotating(FOR_THE_LISTENER, elapsed)
            ),
        )

    def _show_gauge(self, talk: SpeakingClock) -> None:
        """Who is next, and the talk since the last break against the heated-talk limit."""
        next_speaker = talk.next_speaker
        gauge = (
            Text.assemble("Next: ", (self.names[next_speaker], "bold"), " · ")
            if next_speaker
            else Text("Last turn · ")
        )
        minutes = talk.talk_since_break_ms() // 60_000
        limit = talk.plan.heated_limit_ms // 60_000
        gauge.append(f"talk since the last break {minutes} of {limit} min")
        if talk.cooling_off_suggested:
            gauge.append(" · past your limit: time for a cooling-off?", style="bold")
        self._set("#talk-gauge", gauge)

    def _show_wrapping_up(self, talk: SpeakingClock) -> None:
        every_turn = len(talk.record.turns) >= talk.turn_count
        headline = "Every turn is spoken" if every_turn else "The talk is over"
        self._set("#talk-headline", Text(headline, style="bold"))
        digits = self.query_one("#talk-digits", Digits)
        total = format_duration(talk.record.total_spoken_ms)
        if digits.value != total:
            digits.update(total)
        self._set("#talk-status", Text("Total talk time above. Go on when you are both ready."))
        for selector in ("#talk-prompt", "#talk-listener", "#talk-gauge"):
            self._set(selector, Text(""))


class CoolingOffView(RunningView):
    """A calm countdown of the agreed break, and the wall-clock time to come back."""

    BINDINGS = [
        key(
            "checkin",
            "space,c",
            "come_back",
            "Come back",
            "End the cooling-off: the talk resumes where it stopped",
            footer=True,
            key_display="space",
        ),
    ]

    class ComeBackRequested(Message):
        """The couple is ready to talk again: the pane ends the break."""

    def action_come_back(self) -> None:
        """Ask the pane to end the break."""
        self.post_message(self.ComeBackRequested())

    def compose(self) -> ComposeResult:
        yield Static("Cooling-off", classes="card-title")
        yield Digits("0:00", id="cooling-digits")
        yield Static(id="cooling-back-at")
        yield Static(id="cooling-prompt")
        yield Static(classes="hint")

    def show(self, talk: SpeakingClock) -> None:
        """Draw the break as it stands now."""
        import pendulum

        remaining = talk.cooling_off_remaining_ms()
        self.set_class(remaining == 0, "-over")
        digits = self.query_one("#cooling-digits", Digits)
        face = format_duration(remaining + 999) if remaining else "0:00"
        if digits.value != face:
            digits.update(face)
        back_at = pendulum.parse(talk.cooling_off_ends_at).format("HH:mm")  # type: ignore[union-attr]
        self._set(
            "#cooling-back-at",
            Text("The break is over: come back when you are both ready.", style="bold")
            if remaining == 0
            else Text(f"Back at {back_at}"),
        )
        elapsed = talk.plan.cooling_off_ms - remaining
        self._set("#cooling-prompt", Text(rotating(WHILE_COOLING_OFF, elapsed)))


class SummaryView(RunningView):
    """After finishing: each partner's talk time, overtime, rating and note."""

    BINDINGS = [
        key(
            "checkin",
            "space",
            "plan_next",
            "Plan next",
            "Leave the summary for the plan of the next check-in",
            footer=True,
        ),
        # A whole meeting's summary is longer than a small window: it scrolls (styles/checkin.tcss).
        key(
            "checkin",
            "down,j",
            "scroll_down",
            "Scroll down",
            "Scroll the summary down",
            name="summary_down",
            key_display="↓",
        ),
        key(
            "checkin",
            "up,k",
            "scroll_up",
            "Scroll up",
            "Scroll the summary up",
            name="summary_up",
            key_display="↑",
        ),
    ]

    class PlanNextRequested(Message):
        """The couple is done reading the summary: the pane shows the plan of the next one."""

    def __init__(self, partners: Partners, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = partners.names()
        self._changes: dict[str, RatingChange] = {}

    def compose(self) -> ComposeResult:
        yield Static("Check-in finished", classes="card-title")
        yield Static(id="summary-table")
        yield Static(id="summary-stuck")
        yield WinsSinceCheckin(id="summary-wins")
        yield Static(id="summary-agenda")
        yield Static(classes="hint")

    def show_agenda(self, scene: AgendaScene | None) -> None:
        """Under the talk times: every other step of a meeting with an agenda (nothing for the
        clock alone); the ratings column shows each partner's change from last week."""
        agenda = self.query_one("#summary-agenda", Static)
        agenda.display = scene is not None
        if scene is None:
            return
        self._changes = scene.changes
        agenda.update(agenda_summary(scene))
        self._draw_table(scene.record)

    def action_plan_next(self) -> None:
        """Ask the pane for the plan of the next check-in."""
        self.post_message(self.PlanNextRequested())

    def show(self, talk: SpeakingClock) -> None:
        """Draw the finished check-in."""
        record = talk.record
        self._changes = {}
        self._draw_table(record)
        self._set(
            "#summary-stuck",
            Text(
                "You marked that you got stuck. Next time, consider inviting a therapist or a "
                "trusted mediator to help you both feel heard."
                if record.stuck
                else ""
            ),
        )

    def _draw_table(self, record: CheckinRecord) -> None:
        table = summary_table(record, self.names, self._changes)
        self.query_one("#summary-table", Static).update(table)
