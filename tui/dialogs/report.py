"""Writing a report or a calendar file from the dashboard: a form asks what and where, the
file is written readable by the user alone, an existing file is replaced only once the couple
says so, and a notice says where the file went.

Used by the Therapy pane's key and by the two palette commands of the app alike.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msgspec import Struct
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Input, Label

from tui.clock import Clock
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import ChoiceSet, TickBox

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tui.core.report import Period
    from tui.store import Store


class ReportDraft(Struct, frozen=True):
    """What the report dialog returns."""

    period: Period
    form: str
    notes: bool
    path: Path


class ReportDialog(FormDialog[ReportDraft]):
    """The period, the format, notes or not, and where to write the report."""

    def __init__(self, today: date, folder: Path) -> None:
        super().__init__("Write a report")
        self.today = today
        self.folder = folder

    def default_path(self, form: str) -> str:
        from tui.exports import default_file_name

        return str(self.folder / default_file_name("report", self.today.isoformat(), form))

    def compose_fields(self) -> ComposeResult:
        from tui.core.report import last_month

        period = last_month(self.today)
        yield Label("From (YYYY-MM-DD)")
        yield Input(period.first.isoformat(), id="from")
        yield Label("To (YYYY-MM-DD)")
        yield Input(period.last.isoformat(), id="to")
        yield Label("Format")
        yield ChoiceSet(
            [("markdown", "Markdown, to read"), ("json", "JSON, for programs")],
            "markdown",
            id="format",
            inline=True,
        )
        yield TickBox("Include our free-text notes (untick for a summary)", True, id="notes")
        yield Label("Where to write it")
        yield Input(self.default_path("markdown"), id="path")

    @on(ChoiceSet.Changed, "#format")
    def _format_chosen(self, event: ChoiceSet.Changed) -> None:
        """The file's name follows the format while it is the one suggested."""
        path = self.query_one("#path", Input)
        chosen = event.chosen
        other = "markdown" if chosen == "json" else "json"
        if path.value == self.default_path(other):
            path.value = self.default_path(chosen)

    def result(self) -> ReportDraft:
        from tui.core.report import InvalidPeriod, choose_period, parse_day
        from tui.exports import ExportFailed, chosen_path

        first = self.query_one("#from", Input).value
        last = self.query_one("#to", Input).value
        for field, text, label in (("from", first, "The first day"), ("to", last, "The last day")):
            try:
                parse_day(text, label)
            except InvalidPeriod as problem:
                raise FormProblem(str(problem), field) from None
        try:
            period = choose_period(first, last, self.today)
        except InvalidPeriod as problem:
            raise FormProblem(str(problem), "from") from None
        try:
            path = chosen_path(self.query_one("#path", Input).value)
        except ExportFailed as problem:
            raise FormProblem(str(problem), "path") from None
        notes = self.query_one("#notes", TickBox).value
        return ReportDraft(period, self.chosen("format") or "markdown", notes, path)


class CalendarDraft(Struct, frozen=True):
    """What the calendar dialog returns."""

    checkin_at: str
    sessions: int
    path: Path


class CalendarDialog(FormDialog[CalendarDraft]):
    """The check-in's time of day, how many sessions, and where to write the .ics file."""

    def __init__(self, today: date, folder: Path, weekday: str) -> None:
        super().__init__("Write a calendar file")
        self.today = today
        self.folder = folder
        self.weekday = weekday

    def compose_fields(self) -> ComposeResult:
        from tui.exports import default_file_name

        yield Label(f"The weekly check-in's time on {self.weekday.capitalize()}s (HH:MM)")
        yield Input("19:00", id="time")
        yield Label("How many of the next therapy sessions to include (0 to 52)")
        yield Input("6", id="sessions")
        yield Label("Where to write it (a .ics file your calendar can import)")
        yield Input(
            str(self.folder / default_file_name("calendar", self.today.isoformat())), id="path"
        )

    def result(self) -> CalendarDraft:
        from tui.core.calendar import MOST_SESSIONS, parse_time_of_day
        from tui.core.text import parse_whole_number
        from tui.exports import ExportFailed, chosen_path

        at = self.checked("time", parse_time_of_day)
        sessions = self.checked(
            "sessions",
            lambda text: parse_whole_number(
                text, label="The number of sessions", lowest=0, highest=MOST_SESSIONS
            ),
        )
        try:
            path = chosen_path(self.query_one("#path", Input).value)
        except ExportFailed as problem:
            raise FormProblem(str(problem), "path") from None
        return CalendarDraft(f"{at:%H:%M}", sessions, path)


def _today(store: Store, clock: Clock) -> date:
    from tui.core.days import logical_day

    return logical_day(clock.now(), store.settings().day_rollover_hour)


def _beside(store: Store) -> Path:
    """The folder suggested for a file: the data file's, which is private to the user and
    known to exist (the form shows the whole path, and the notice says where it went)."""
    return store.path.parent


def write_report(app: App, store: Store, clock: Clock, folder: Path | None = None) -> None:
    """Ask what to report and where, write it, and say where it went."""

    def answered(draft: ReportDraft | None) -> None:
        if draft is None:
            return
        from tui.exports import report_text

        text = report_text(store, draft.period, clock.now(), draft.form, draft.notes)
        _write(app, draft.path, text.encode("utf-8"), "Report")

    app.push_screen(ReportDialog(_today(store, clock), folder or _beside(store)), answered)


def write_calendar(app: App, store: Store, clock: Clock, folder: Path | None = None) -> None:
    """Ask for the check-in's time and where, write the calendar file, say where it went."""

    def answered(draft: CalendarDraft | None) -> None:
        if draft is None:
            return
        from tui.core.calendar import parse_time_of_day
        from tui.exports import calendar_bytes

        at = parse_time_of_day(draft.checkin_at)
        content = calendar_bytes(store, clock.now(), at, draft.sessions)
        _write(app, draft.path, content, "Calendar file")

    weekday = store.settings().checkin_weekday
    dialog = CalendarDialog(_today(store, clock), folder or _beside(store), weekday)
    app.push_screen(dialog, answered)


def _write(app: App, path: Path, content: bytes, what: str, replace: bool = False) -> None:
    """Write the file; over an existing one only after asking."""
    from tui.dialogs.confirm import ConfirmDialog
    from tui.exports import AlreadyThere, ExportFailed, write_private_file

    try:
        written = write_private_file(path, content, replace)
    except AlreadyThere:

        def again(yes: bool | None) -> None:
            if yes:
                _write(app, path, content, what, replace=True)

        app.push_screen(
            ConfirmDialog(
                "Replace the file?",
                f"{path.expanduser()} already exists. Replace it with this {what.lower()}?",
                yes="Replace",
                no="Keep it",
            ),
            again,
        )
        return
    except ExportFailed as problem:
        app.notify(str(problem), title=f"{what} not written", severity="error", markup=False)
        return
    app.notify(f"{what} written to {written} (readable by you alone).", markup=False)
