"""Settings: everything the couple set up, changeable from the keyboard, and where their data is.

Nothing is saved until Save: then the fields that differ from what the screen opened with are
written in one call to the store, and the screen closes with the settings as saved so that
every pane can show them at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from msgspec import structs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static

from tui.clock import Clock
from tui.commands import WRITE_CALENDAR, WRITE_REPORT
from tui.core.days import local_day
from tui.core.models import LOVE_LANGUAGES, WEEKDAYS, InvalidSetting, Partners, Settings
from tui.core.settings_rules import (
    ROLLOVER_EXPLANATION,
    changed_settings,
    checked_lock_minutes,
    checked_rollover_hour,
    checked_time_zone,
    known_time_zones,
    matching_time_zones,
    shown_settings,
)
from tui.core.text import InvalidText
from tui.dialogs.base import Dialog, FormProblem, ask_before_discarding, field_values
from tui.keys import bindings_of, hint_line, key, key_again
from tui.paths import stylesheet
from tui.store import BackupFailed, SaveFailed, Store
from tui.store.backups import Backup, data_file_facts
from tui.widgets.plan_editor import PlanEditor

Checked = TypeVar("Checked")

NOT_PART_OF_THE_DEFAULT_PLAN = frozenset({"first_speaker", "checkin_weekday"})
"""Plan lines the Settings screen leaves out: who speaks first is chosen each week, and the
check-in day has a field of its own."""


class DefaultPlanEditor(PlanEditor):
    """The check-in plan every new check-in starts from, without this week's choices."""

    def show(self, settings: Settings, first_speaker: str) -> None:
        super().show(settings, first_speaker)
        self.rows = tuple(row for row in self.rows if row.key not in NOT_PART_OF_THE_DEFAULT_PLAN)
        self.cursor = min(self.cursor, len(self.rows) - 1)

    def field_names(self) -> list[str]:
        """The settings this editor changes."""
        return [row.key for row in self.rows]


def _weekday_options() -> list[tuple[str, str]]:
    return [(day.capitalize(), day) for day in WEEKDAYS]


def readable_size(size: int) -> str:
    """A file size in the units people read: bytes, KB or MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe_backup(backup: Backup | None) -> str:
    """When the newest backup was taken, and its name, in words."""
    if backup is None:
        return "None yet: the first is taken the next time Attune opens this file."
    import pendulum

    taken = pendulum.parse(backup.day).format("dddd D MMMM YYYY")  # type: ignore[union-attr]
    if backup.time is not None:
        taken += f" at {backup.time[:5]}"
    return f"{taken}: {backup.path.name}, in the backups folder beside the file."


class SettingsScreen(Dialog[Settings | None]):
    """The couple's settings and their data file. Dismisses with the settings as saved, or
    None when nothing was saved."""

    CSS_PATH = [stylesheet("dialogs"), stylesheet("settings")]
    BINDINGS = [
        key("settings", "ctrl+s", "save", "Save", "Save every change", footer=True),
        key("settings", "escape", "cancel", "Back", "Go back without saving", footer=True),
        key(
            "settings",
            "ctrl+b",
            "back_up_now",
            "Back up now",
            "Copy your data file beside the daily backups now",
            footer=True,
        ),
        key_again(WRITE_REPORT, "ctrl+r", "write_report", footer=True),
        key_again(WRITE_CALENDAR, "ctrl+t", "write_calendar", footer=True),
    ]
    # The first field takes focus once mounted, without scrolling the fields from their top.
    AUTO_FOCUS = ""

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        settings = store.settings()
        self._plan = settings
        """The plan as edited here; written only on Save, and only the lines that changed."""
        self._plan_as_opened = settings
        self._fields_as_opened: list[object] = []
        self._zones = known_time_zones()
        self._shown: dict[str, object] = {}

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        settings = self.store.settings()
        with Vertical(classes="dialog form", id="settings"):
            yield Static("Settings", classes="dialog-title")
            with VerticalScroll(classes="form-fields", id="settings-fields", can_focus=False):
                yield from self.compose_couple(settings)
                yield from self.compose_days(settings)
                yield from self.compose_checkin(settings)
                yield from self.compose_look(settings)
                yield from self.compose_your_data()
                yield from self.compose_exports()
            with Vertical(classes="form-foot"):
                yield Static("", classes="form-problem", id="settings-problem")
                with Horizontal(classes="dialog-buttons"):
                    yield Static("", classes="form-keys", id="settings-keys")
                    yield Button("Save", id="save", variant="primary")
                    yield Button("Back", id="cancel")

    def compose_couple(self, settings: Settings) -> ComposeResult:
        """The two names and each partner's love language."""
        yield _section("The two of you")
        languages = [(label.capitalize(), code) for code, label in LOVE_LANGUAGES.items()]
        for partner, ordinal, name, language in (
            ("a", "First", settings.partners.a, settings.love_language_a),
            ("b", "Second", settings.partners.b, settings.love_language_b),
        ):
            yield _row(
                f"{ordinal} partner's name", Input(name, id=f"{ordinal.lower()}-name", compact=True)
            )
            yield _row(
                "  Their love language",
                Select(
                    languages,
                    value=Select.NULL if language is None else language,
                    prompt="not chosen yet",
                    id=f"language-{partner}",
                    compact=True,
                ),
            )

    def compose_days(self, settings: Settings) -> ComposeResult:
        """The time zone, the hour a new day starts and the week's first day."""
        yield _section("Days and weeks")
        yield _row(
            "Time zone",
            Input(
                settings.time_zone,
                id="time-zone",
                compact=True,
                suggester=SuggestFromList(sorted(self._zones), case_sensitive=False),
            ),
        )
        yield _note("Type part of a name to find it below; Enter takes the first.")
        yield OptionList(id="time-zone-matches", classes="settings-indented", compact=True)
        yield _note("", id="time-zone-now")
        yield _row(
            "New day starts at",
            Input(str(settings.day_rollover_hour), id="rollover-hour", compact=True),
            Static("o'clock", classes="settings-unit"),
        )
        yield _note(ROLLOVER_EXPLANATION, id="rollover-explanation")
        yield _note("", id="today-counts-as")
        yield _row(
            "Week starts on",
            Select(
                _weekday_options(),
                value=settings.week_start,
                allow_blank=False,
                id="week-start",
                compact=True,
            ),
        )

    def compose_checkin(self, settings: Settings) -> ComposeResult:
        """The check-in's weekday and the plan each check-in starts from."""
        yield _section("The weekly check-in")
        yield _row(
            "Check-in day",
            Select(
                _weekday_options(),
                value=settings.checkin_weekday,
                allow_blank=False,
                id="checkin-weekday",
                compact=True,
            ),
        )
        yield _row(
            "Plan each one starts from",
            DefaultPlanEditor(settings, "a", id="settings-plan"),
            classes="-text",
        )
        yield _note("", id="plan-keys")

    def compose_look(self, settings: Settings) -> ComposeResult:
        """The theme."""
        yield _section("Look")
        themes = sorted(self.app.available_themes)
        current = settings.theme if settings.theme in themes else self.app.theme
        yield _row(
            "Theme",
            Select(
                [(name, name) for name in themes],
                value=current,
                allow_blank=False,
                id="theme",
                compact=True,
            ),
        )

    def compose_your_data(self) -> ComposeResult:
        """Where the data file is, its size, its newest backup, a backup on request, the
        passphrase and when the screen locks."""
        from tui.screens.passphrase_controls import PassphraseControls

        yield _section("Your data")
        yield _text_row("Data file", "data-file")
        yield _text_row("Newest backup", "newest-backup")
        yield Button("Back up now", id="back-up-now", classes="settings-indented", compact=True)
        yield PassphraseControls(self.store)
        yield _row(
            "Lock after",
            Input(str(self.store.settings().lock_after_minutes), id="lock-after", compact=True),
            Static("minutes alone (0: never)", classes="settings-unit"),
        )

    def compose_exports(self) -> ComposeResult:
        """The report and calendar file, under "Your data": the same forms as the Therapy pane's
        and the palette's."""
        yield Button("Write a report", id="write-report", classes="settings-indented", compact=True)
        yield Button(
            "Write a calendar file", id="write-calendar", classes="settings-indented", compact=True
        )

    def on_mount(self) -> None:
        self._shown = self._showing()
        # The exports have their buttons under "Your data" (and F1 lists their keys): the line
        # by the buttons keeps to what fits on it.
        form_keys = [key for key in bindings_of(self) if "write" not in key.action]
        self.query_one("#settings-keys", Static).update(hint_line(self, form_keys))
        editor = self.query_one(DefaultPlanEditor)
        self.query_one("#plan-keys", Static).update(hint_line(editor, bindings_of(PlanEditor)))
        self._show_time_zone_matches()
        self._show_the_days()
        self._show_your_data()
        self.query_one("#first-name", Input).focus(scroll_visible=False)
        self._fields_as_opened = field_values(self)

    def has_unsaved_changes(self) -> bool:
        """True once a field or a line of the plan differs from what the screen opened with."""
        return self._plan != self._plan_as_opened or field_values(self) != self._fields_as_opened

    def _showing(self) -> dict[str, object]:
        """Every setting as the screen opened with it (the theme as the app shows it)."""
        shown = shown_settings(self.store.settings())
        shown["theme"] = self.query_one("#theme", Select).value
        return shown

    # --- what the fields say ----------------------------------------------------------------

    def _wanted(self) -> dict[str, object]:
        """Every setting as the fields now say, checked; or a `FormProblem` naming the field."""
        first = self.query_one("#first-name", Input).value
        second = self.query_one("#second-name", Input).value
        try:
            partners = Partners.from_names(first, second)
        except InvalidText as problem:
            field = "first-name" if problem.field == "first" else "second-name"
            raise FormProblem(str(problem), field) from None
        wanted: dict[str, object] = {
            "partners": partners,
            "love_language_a": self._language("a"),
            "love_language_b": self._language("b"),
            "time_zone": self._checked(
                "time-zone", lambda text: checked_time_zone(text, self._zones)
            ),
            "day_rollover_hour": self._checked("rollover-hour", checked_rollover_hour),
            "lock_after_minutes": self._checked("lock-after", checked_lock_minutes),
            "week_start": self.query_one("#week-start", Select).value,
            "checkin_weekday": self.query_one("#checkin-weekday", Select).value,
            "theme": self.query_one("#theme", Select).value,
        }
        editor = self.query_one(DefaultPlanEditor)
        for name in editor.field_names():
            wanted[name] = getattr(self._plan, name)
        return wanted

    def _language(self, partner: str) -> str | None:
        value = self.query_one(f"#language-{partner}", Select).value
        return value if isinstance(value, str) else None

    def _checked(self, field: str, check: Callable[[str], Checked]) -> Checked:
        try:
            return check(self.query_one(f"#{field}", Input).value)
        except InvalidText as problem:
            raise FormProblem(str(problem), field) from None

    # --- live lines under the fields --------------------------------------------------------

    @on(Input.Changed, "#time-zone")
    def _time_zone_typed(self) -> None:
        self._show_time_zone_matches()
        self._show_the_days()

    @on(Input.Changed, "#rollover-hour")
    def _rollover_typed(self) -> None:
        self._show_the_days()

    def _show_time_zone_matches(self) -> None:
        typed = self.query_one("#time-zone", Input).value
        matches = self.query_one("#time-zone-matches", OptionList)
        matches.clear_options()
        matches.add_options(matching_time_zones(typed, self._zones))
        # Enter in the list takes the first match without an arrow key first.
        matches.highlighted = 0 if matches.option_count else None

    def _show_the_days(self) -> None:
        """The time now in the zone typed, and the day it counts as with the hour typed."""
        now = self.clock.now()
        zone_line = self.query_one("#time-zone-now", Static)
        try:
            zone = self._checked("time-zone", lambda text: checked_time_zone(text, self._zones))
        except FormProblem:
            zone_line.update("Type or choose a time zone to see the time there.")
            zone = self.store.settings().time_zone
        else:
            there = now.in_timezone(zone)
            zone_line.update(
                f"It is {there.format('HH:mm')} on {there.format('dddd D MMMM')} there."
            )
        day_line = self.query_one("#today-counts-as", Static)
        try:
            hour = self._checked("rollover-hour", checked_rollover_hour)
        except FormProblem:
            day_line.update("")
            return
        today = local_day(now, zone, hour)
        day_line.update(f"So today counts as {today:%A} {today.day} {today:%B}.")

    @on(Input.Submitted)
    def _enter_in_a_field(self, event: Input.Submitted) -> None:
        """Enter saves, as in every form; in the time zone, it first takes the first match."""
        event.stop()
        if event.input.id == "time-zone" and self._take_first_time_zone_match():
            return
        self.save()

    def _take_first_time_zone_match(self) -> bool:
        """Put the first match in the time zone field unless it names a zone already."""
        field = self.query_one("#time-zone", Input)
        try:
            checked_time_zone(field.value, self._zones)
        except InvalidText:
            matches = matching_time_zones(field.value, self._zones)
            if matches:
                field.value = matches[0]
                field.cursor_position = len(field.value)
                return True
        return False

    @on(OptionList.OptionSelected, "#time-zone-matches")
    def _time_zone_chosen(self, event: OptionList.OptionSelected) -> None:
        field = self.query_one("#time-zone", Input)
        field.value = str(event.option.prompt)
        field.cursor_position = len(field.value)
        field.focus()

    @on(PlanEditor.ChangeRequested)
    def _plan_changed(self, event: PlanEditor.ChangeRequested) -> None:
        event.stop()
        try:
            self._plan = structs.replace(self._plan, **{event.field: event.value})
        except InvalidSetting as problem:
            self.show_problem(FormProblem(str(problem), "settings-plan"))
            return
        self.query_one(DefaultPlanEditor).show(self._plan, "a")

    # --- saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save from any field."""
        self.save()

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Write what changed in one save and go back; or say what to correct."""
        try:
            wanted = self._wanted()
        except FormProblem as problem:
            self.show_problem(problem)
            return
        changes = changed_settings(self._shown, wanted)
        if not changes:
            self.dismiss(None)
            return
        try:
            saved = self.store.update_settings(**changes)
        except (InvalidSetting, SaveFailed) as problem:
            self.show_problem(FormProblem(str(problem)))
            return
        self.app.notify("Settings saved.", title="Settings")
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Go back without saving: at once if nothing changed, else once they say to discard."""
        if self.has_unsaved_changes():
            ask_before_discarding(self, lambda: self.dismiss(None))
        else:
            self.dismiss(None)

    def show_problem(self, problem: FormProblem) -> None:
        """Explain a refusal in the problem line and move to the field at fault."""
        self.query_one("#settings-problem", Static).update(Text(str(problem)))
        if problem.field is not None:
            field = self.query_one(f"#{problem.field}")
            field.focus(scroll_visible=False)
            # Once laid out again: a longer problem line leaves less room for the fields.
            self.call_after_refresh(field.scroll_visible, animate=False)

    # --- your data --------------------------------------------------------------------------

    @on(Button.Pressed, "#back-up-now")
    def action_back_up_now(self) -> None:
        """Copy the data file now, beside the daily backups."""
        try:
            path = self.store.back_up_now()
        except BackupFailed as problem:
            self.notify(str(problem), title="Not backed up", severity="error", markup=False)
            return
        self._show_your_data()
        self.notify(f"Backed up as {path.name}.", title="Backup", markup=False)

    @on(Button.Pressed, "#write-report")
    def action_write_report(self) -> None:
        """Write a report of a period for your therapist (asks what and where)."""
        from tui.dialogs.report import write_report

        write_report(self.app, self.store, self.clock)

    @on(Button.Pressed, "#write-calendar")
    def action_write_calendar(self) -> None:
        """Write the check-ins and sessions as a calendar file (asks the time and where)."""
        from tui.dialogs.report import write_calendar

        write_calendar(self.app, self.store, self.clock)

    def on_passphrase_controls_changed(self) -> None:
        """The file was rewritten (and backed up first): its size and newest backup change."""
        self._show_your_data()

    def _show_your_data(self) -> None:
        facts = data_file_facts(self.store.path)
        size = "size unknown" if facts.size is None else readable_size(facts.size)
        self.query_one("#data-file", Static).update(Text(f"{facts.path} ({size})"))
        self.query_one("#newest-backup", Static).update(Text(describe_backup(facts.newest_backup)))


def _section(title: str) -> Static:
    return Static(title, classes="settings-section")


def _note(text: str, *, id: str | None = None) -> Static:
    return Static(text, id=id, classes="settings-note settings-indented")


def _row(label: str, *fields: Widget, classes: str = "") -> Horizontal:
    return Horizontal(
        Label(label, classes="settings-label"), *fields, classes=f"settings-row {classes}".strip()
    )


def _text_row(label: str, id: str) -> Horizontal:
    """A labelled line of text rather than a field; it wraps when long (a path)."""
    return _row(label, Static("", id=id, classes="settings-text"), classes="-text")
