"""What the Check-in pane shows at the agenda's steps other than the talk, and what the summary
adds once a meeting with an agenda is finished.

The pane gathers what a step needs into an `AgendaScene` (reading the store) and these views
draw it; they never read the data file. Everything typed by the couple is drawn as
`rich.text.Text`, so text that looks like markup shows literally. Hidden ratings are never drawn
before both partners are in: the view shows only who has answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.agenda import (
    APPRECIATIONS_EACH,
    STEP_TITLES,
    RatingChange,
    appreciations_by,
    is_clock_only,
    who_rates_next,
    wish_of,
)
from tui.core.checkins import (
    CheckinRecord,
    format_duration,
    has_answered,
    is_unfinished,
    other_partner,
    ratings_revealed,
    shown_rating,
)
from tui.core.models import AgendaStep
from tui.core.moments import Moment
from tui.core.requests import Request
from tui.core.rituals import Track
from tui.core.streaks import Progress
from tui.core.wins import Win, wins_in_words
from tui.keys import hint_line
from tui.widgets.moment_review import MomentReview


@dataclass
class AgendaScene:
    """Everything one step (or the summary) shows, gathered by the pane from the store."""

    record: CheckinRecord
    names: dict[str, str]
    """"a" and "b" to the partners' names."""
    today: date
    time_zone: str
    """The couple's zone now: the moments' days are shown in it."""
    rollover_hour: int
    last_week: CheckinRecord | None = None
    wins: Sequence[Win] = ()
    streaks: Sequence[tuple[Track, Progress]] = ()
    moments: Sequence[Moment] = ()
    awaiting: Sequence[Request] = ()
    made: Sequence[Request] = ()
    changes: dict[str, RatingChange] = field(default_factory=dict)

    @property
    def order(self) -> tuple[str, str]:
        """The partners in the order they speak: the first speaker, then the other."""
        first = self.record.plan.first_speaker
        return first, other_partner(first)


UNFINISHED_NOTE = (
    "Unfinished: this check-in stopped part-way and was closed as it stood, not resumed."
)
"""Above a past week closed unfinished: what it holds is what was entered before it stopped."""


def _line(*parts: str | tuple[str, str]) -> Text:
    return Text.assemble(*parts)


def appreciations_part(scene: AgendaScene, with_last_week: bool) -> RenderableType:
    """Each partner's appreciations of the other, and last week's faintly beneath."""
    lines: list[RenderableType] = []
    for partner in scene.order:
        name, other = scene.names[partner], scene.names[other_partner(partner)]
        given = appreciations_by(scene.record, partner)
        lines.append(_line((name, "bold"), " appreciates ", (other, "bold"), " for:"))
        if given:
            lines.extend(_line("  • ", text) for text in given)
        else:
            lines.append(Text("  nothing written yet", style="dim"))
        earlier = appreciations_by(scene.last_week, partner) if with_last_week else []
        if earlier:
            lines.append(Text("  last week: " + " · ".join(earlier), style="dim italic"))
        lines.append(Text())
    return Group(*lines)


def wins_part(scene: AgendaScene) -> RenderableType:
    """Requests kept and rituals kept going since the last check-in: small changes, named."""
    lines: list[RenderableType] = [Text("Wins since the last check-in", style="bold")]
    for win in scene.wins:
        day = (f"{win.day.day} {win.day:%b}  ", "dim")
        lines.append(_line("  ✓ ", day, win.what, (f"  ({win.how})", "dim")))
    for track, done in scene.streaks:
        ritual = track.ritual.name
        who = scene.names.get(track.person, "together")
        unit = "days" if done.unit == "d" else "weeks"
        lines.append(_line("  ✓ ", ritual, (f"  {who}, {done.current} {unit} running", "dim")))
    if not scene.wins and not scene.streaks:
        lines.append(
            Text(
                "  No request came true and no streak is running this time; "
                "small steps still count, and there is next week.",
                style="dim",
            )
        )
    return Group(*lines)


def requests_part(scene: AgendaScene) -> RenderableType:
    """Open requests still waiting for an answer, and the ones made at this check-in."""
    lines: list[RenderableType] = [Text("Waiting for an answer", style="bold")]
    for request in scene.awaiting:
        asker = scene.names.get(request.asker, "")
        lines.append(
            _line(
                "  • ",
                (asker, "bold"),
                " asked: ",
                request.ask,
                (f"  ({request.describe_status(scene.today)})", "dim"),
            )
        )
    if not scene.awaiting:
        lines.append(Text("  Nothing is waiting for an answer.", style="dim"))
    if scene.made:
        lines += [Text(), Text("Made at this check-in", style="bold")]
        for request in scene.made:
            asker = scene.names.get(request.asker, "")
            lines.append(_line("  • ", (asker, "bold"), ": ", request.headline))
    return Group(*lines)


def ratings_part(scene: AgendaScene) -> RenderableType:
    """Before the reveal only who has answered; after it, both ratings and their change."""
    record = scene.record
    if not ratings_revealed(record):
        lines: list[RenderableType] = []
        for partner in scene.order:
            name = scene.names[partner]
            if has_answered(record, partner):
                lines.append(
                    _line("  ✓ ", (name, "bold"), " has answered (hidden until both are in)")
                )
            else:
                lines.append(_line("  … ", (name, "bold"), " has not answered yet"))
        waiting = who_rates_next(record)
        if waiting is not None:
            name = scene.names[waiting]
            other = scene.names[other_partner(waiting)]
            lines += [
                Text(),
                _line(
                    "Next: ",
                    (name, "bold"),
                    " rates how connected they felt this week, while ",
                    (other, "bold"),
                    " looks away.",
                ),
            ]
        return Group(*lines)
    table = Table(box=None, padding=(0, 2), show_edge=False)
    for column in ("", "felt connected", "note"):
        table.add_column(column)
    for partner in scene.order:
        change = scene.changes.get(partner) or RatingChange(None, None)
        rating = shown_rating(record, partner)
        table.add_row(
            Text(scene.names[partner], style="bold"),
            Text(change.describe()),
            Text(rating.note if rating else ""),
        )
    return Group(Text("Both are in:", style="bold"), table)


def wishes_part(scene: AgendaScene) -> RenderableType:
    """What each partner would like in the coming week."""
    lines: list[RenderableType] = []
    for partner in scene.order:
        name = scene.names[partner]
        wish = wish_of(scene.record, partner)
        lines.append(
            _line((name, "bold"), ": ", wish)
            if wish
            else _line((name, "bold"), (": nothing named yet", "dim"))
        )
    return Group(*lines)


_INTRODUCTIONS = {
    AgendaStep.APPRECIATIONS: (
        f"Each of you names up to {APPRECIATIONS_EACH} things the other did this week that you "
        "valued, small ones too. Say them to each other, then write them down."
    ),
    AgendaStep.WINS: (
        "Look at what went well since the last check-in, and at the moments either of you "
        "marked to talk about."
    ),
    AgendaStep.REQUESTS: (
        "Talk about what is still waiting for an answer (answers are given in the Requests "
        "pane), or turn a hurt from the talk into a need and a concrete request."
    ),
    AgendaStep.RATINGS: (
        "Each of you rates in turn while the other looks away; both ratings appear together."
    ),
    AgendaStep.LOOKING_AHEAD: (
        "Each of you names one thing that would help you feel loved this coming week. "
        "It stays in the Rituals pane as a reminder."
    ),
}


class AgendaView(VerticalScroll, can_focus=True):
    """One step of the agenda other than the talk: what it is for, and what it holds so far."""

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-intro")
        yield Static(id="agenda-body")
        yield MomentReview(id="agenda-moments")
        yield Static(classes="hint")

    def show_scene(self, scene: AgendaScene) -> None:
        """Draw the step `scene.record` is at."""
        step = scene.record.step
        self.query_one("#agenda-intro", Static).update(Text(_INTRODUCTIONS.get(step, "")))
        body: RenderableType = Text()
        if step is AgendaStep.APPRECIATIONS:
            body = appreciations_part(scene, with_last_week=True)
        elif step is AgendaStep.WINS:
            body = wins_part(scene)
        elif step is AgendaStep.REQUESTS:
            body = requests_part(scene)
        elif step is AgendaStep.RATINGS:
            body = ratings_part(scene)
        elif step is AgendaStep.LOOKING_AHEAD:
            body = wishes_part(scene)
        self.query_one("#agenda-body", Static).update(body)
        moments = self.query_one("#agenda-moments", MomentReview)
        moments.show(
            scene.moments if step is AgendaStep.WINS else (),
            {**scene.names},
            scene.time_zone,
            scene.rollover_hour,
        )

    def show_keys(self, keys: str) -> None:
        """Show the pane's keys that work now (a line made by `tui.keys.hint_line`)."""
        own = hint_line(self)
        self.query_one(".hint", Static).update(
            Text(" · ".join(part for part in (own, keys) if part))
        )


def step_line(record: CheckinRecord) -> Text:
    """ "Step 2 of 6 · Wins and moments   next: The talk"."""
    position = record.agenda.index(record.step) + 1
    line = Text.assemble(
        (f"Step {position} of {len(record.agenda)}", "bold"), " · ", STEP_TITLES[record.step]
    )
    if position < len(record.agenda):
        line.append(f"   next: {STEP_TITLES[record.agenda[position]]}", style="dim")
    if record.stuck:
        line.append("   · noted: we got stuck", style="bold")
    return line


def summary_table(
    record: CheckinRecord,
    names: dict[str, str],
    changes: dict[str, RatingChange],
    narrow: bool = False,
) -> Table:
    """Each partner's talk time, overtime, rating (with its change from last week when
    `changes` has it) and note; `narrow` leaves out the overtime and shortens the rating."""
    table = Table(box=None, padding=(0, 1 if narrow else 2), show_edge=False)
    columns = (
        ("", "spoke", "felt", "note")
        if narrow
        else ("", "spoke", "overtime", "felt connected", "note")
    )
    for column in columns:
        table.add_column(column)
    revealed = ratings_revealed(record)
    for key, name in names.items():
        rating = shown_rating(record, key)
        change = changes.get(key)
        if not revealed:
            # Never shown: one partner did not answer (see `shown_rating`).
            hidden = "hidden" if narrow else "hidden: only one of you answered"
            felt = hidden if has_answered(record, key) else "-"
        elif change is not None:
            felt = change.in_short() if narrow else change.describe()
        elif key in record.passed:
            felt = "passed"
        else:
            felt = f"{rating.score} of 5" if rating else "-"
        cells = [Text(name, style="bold"), Text(format_duration(record.spoken_ms(key)))]
        if not narrow:
            cells.append(Text(format_duration(record.overtime_ms(key))))
        cells += [Text(felt), Text(rating.note if rating else "")]
        table.add_row(*cells)
    return table


def meeting_summary(scene: AgendaScene) -> RenderableType:
    """A past check-in as its summary showed it: the table, then every other step."""
    parts: list[RenderableType] = []
    if is_unfinished(scene.record):
        parts.append(Text(UNFINISHED_NOTE + "\n", style="bold"))
    parts.append(summary_table(scene.record, scene.names, scene.changes, narrow=True))
    if scene.record.stuck:
        parts.append(Text("\nYou marked that you got stuck.", style="dim"))
    if not is_clock_only(scene.record) or scene.record.skipped:
        parts += [Text(), agenda_summary(scene)]
    return Group(*parts)


def agenda_summary(scene: AgendaScene) -> RenderableType:
    """What the summary of a finished meeting adds under the table of talk times and ratings:
    the other steps, in order, and the ones skipped."""
    record = scene.record
    parts: list[RenderableType] = []
    for step in record.agenda:
        if step in record.skipped or step in (AgendaStep.TALK, AgendaStep.RATINGS):
            continue
        parts.append(Text(("\n" if parts else "") + STEP_TITLES[step], style="bold"))
        if step is AgendaStep.APPRECIATIONS:
            parts.append(appreciations_part(scene, with_last_week=False))
        elif step is AgendaStep.WINS:
            came_true, streaks = wins_in_words(scene.wins), len(scene.streaks)
            parts.append(
                Text(
                    f"  {came_true[0].upper()}{came_true[1:]}; "
                    f"{streaks} ritual streak{'' if streaks == 1 else 's'} running"
                )
            )
        elif step is AgendaStep.REQUESTS:
            made = [
                _line("  • ", (scene.names.get(request.asker, ""), "bold"), ": ", request.headline)
                for request in scene.made
            ]
            parts.extend(made or [Text("  No new request this week.", style="dim")])
        elif step is AgendaStep.LOOKING_AHEAD:
            parts.append(wishes_part(scene))
    if record.skipped:
        skipped = ", ".join(STEP_TITLES[step] for step in record.agenda if step in record.skipped)
        parts.append(Text(("\n" if parts else "") + f"Skipped this week: {skipped}", style="dim"))
    return Group(*parts)
