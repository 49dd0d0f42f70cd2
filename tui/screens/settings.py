"""Settings: everything the couple set up, changeable from the keyboard, and where their data is.

Nothing is saved until Save: then the fields that differ from what the screen opened with are
written in one call to the store, and the screen closes with the settings as saved so that
every pane can show them at once.
"""

from __future__ import annotations

from msgspec import structs
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, OptionList, Select, Static

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
from tui.dialogs.base import FormDialog, FormProblem
from tui.keys import bindings_of, hint_line, key, key_again
from tui.paths import stylesheet
from tui.screens.data_file_facts import DataFileFacts
from tui.screens.settings_rows import note, row, section
from tui.store import SaveFailed, Store
from tui.widgets.plan_editor import PlanEditor

NOT_PART_OF_THE_DEFAULT_PLAN = frozenset({"first_speaker", "checkin_weekday"})
"""Plan lines the Settings screen leaves out: who speaks first is chosen each week, and the
check-in day has a field of its own."""


class DefaultPlanEditor(PlanEditor):
    """The check-in plan every new check-in starts from, without this week's choices."""

    def show(self, settings: Settings, first_speaker: str) -> None:
        super().show(settings, first_speaker)
        self.rows = tuple(
            line for line in self.rows if line.key not in NOT_PART_OF_THE_DEFAULT_PLAN
        )
        self.cursor = min(self.cursor, len(self.rows) - 1)

    def field_names(self) -> list[str]:
        """The settings this editor changes."""
        return [line.key for line in self.rows]


def _weekday_options() -> list[tuple[str, str]]:
    return [(day.capitalize(), day) for day in WEEKDAYS]


class SettingsScreen(FormDialog[Settings]):
    """The couple's settings and their data file, as a form the size of the window. Dismisses
    with the settings as saved, or None when nothing was saved."""

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
    CANCEL_LABEL = "Back"
    PROBLEM_LINE_ID = "settings-problem"

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__("Settings")
        self.store = store
        self.clock = clock
        self._opened = store.settings()
        self._plan = self._opened
        """The plan as edited here; written only on Save, and only the lines that changed."""
        self._zones = known_time_zones()
        self._shown: dict[str, object] = {}

    # --- layout -----------------------------------------------------------------------------

    def compose_fields(self) -> ComposeResult:
        settings = self._opened
        yield from self.compose_couple(settings)
        yield from self.compose_days(settings)
        yield from self.compose_checkin(settings)
        yield from self.compose_look(settings)
        yield from self.compose_your_data(settings)

    def compose_couple(self, settings: Settings) -> ComposeResult:
        """The two names and each partner's love language."""
        yield section("The two of you")
        languages = [(label.capitalize(), code) for code, label in LOVE_LANGUAGES.items()]
        for partner, ordinal, name, language in (
            ("a", "First", settings.partners.a, settings.love_language_a),
            ("b", "Second", settings.partners.b, settings.love_language_b),
        ):
            yield row(
                f"{ordinal} partner's name", Input(name, id=f"{ordinal.lower()}-name", compact=True)
            )
            yield row(
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
        yield section("Days and weeks")
        yield row(
            "Time zone",
            Input(
                settings.time_zone,
                id="time-zone",
                compact=True,
                suggester=SuggestFromList(sorted(self._zones), case_sensitive=False),
            ),
        )
        yield note("Type part of a name to find it below; Enter takes the first.")
        yield OptionList(id="time-zone-matches", classes="settings-indented", compact=True)
        yield note("", id="time-zone-now")
        yield row(
            "New day starts at",
            Input(str(settings.day_rollover_hour), id="rollover-hour", compact=True),
            Static("o'clock", classes="settings-unit"),
        )
        yield note(ROLLOVER_EXPLANATION, id="rollover-explanation")
        yield note("", id="today-counts-as")
        yield row(
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
        yield section("The weekly check-in")
        yield row(
            "Check-in day",
            Select(
                _weekday_options(),
                value=settings.checkin_weekday,
                allow_blank=False,
                id="checkin-weekday",
                compact=True,
            ),
        )
        yield row(
            "Plan each one starts from",
            DefaultPlanEditor(settings, "a", id="settings-plan"),
            classes="-text",
        )
        yield note("", id="plan-keys")

    def compose_look(self, settings: Settings) -> ComposeResult:
        """The theme."""
        yield section("Look")
        themes = sorted(self.app.available_themes)
        current = settings.theme if settings.theme in themes else self.app.theme
        yield row(
            "Theme",
            Select(
                [(name, name) for name in themes],
                value=current,
                allow_blank=False,
                id="theme",
                compact=True,
            ),
        )

    def compose_your_data(self, settings: Settings) -> ComposeResult:
        """Where the data file is, its size, its newest backup, a backup on request, the
        passphrase, when the screen locks, and the report and calendar file: the same forms as
        the Therapy pane's and the palette's."""
        from tui.screens.passphrase_controls import PassphraseControls

        yield section("Your data")
        yield DataFileFacts(self.store)
        yield PassphraseControls(self.store)
        yield row(
            "Lock after",
            Input(str(settings.lock_after_minutes), id="lock-after", compact=True),
            Static("minutes alone (0: never)", classes="settings-unit"),
        )
        yield Button("Write a report", id="write-report", classes="settings-indented", compact=True)
        yield Button(
            "Write a calendar file", id="write-calendar", classes="settings-indented", compact=True
        )

    def on_mount(self) -> None:
        # The form then focuses the first field and notes what the fields hold.
        self._shown = self._showing()
        editor = self.query_one(DefaultPlanEditor)
        self.query_one("#plan-keys", Static).update(hint_line(editor, bindings_of(PlanEditor)))
        self._show_time_zone_matches()
        self._show_the_days()

    def form_keys(self) -> list[Binding]:
        """The exports have their buttons under "Your data" (and F1 lists their keys): the line
        by the buttons keeps to what fits on it."""
        return [binding for binding in super().form_keys() if "write" not in binding.action]

    def has_unsaved_changes(self) -> bool:
        """True once a field or a line of the plan differs from what the screen opened with."""
        return self._plan != self._opened or super().has_unsaved_changes()

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
            "time_zone": self.checked(
                "time-zone", lambda text: checked_time_zone(text, self._zones)
            ),
            "day_rollover_hour": self.checked("rollover-hour", checked_rollover_hour),
            "lock_after_minutes": self.checked("lock-after", checked_lock_minutes),
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
            zone = self.checked("time-zone", lambda text: checked_time_zone(text, self._zones))
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
            hour = self.checked("rollover-hour", checked_rollover_hour)
        except FormProblem:
            day_line.update("")
            return
        today = local_day(now, zone, hour)
        day_line.update(f"So today counts as {today:%A} {today.day} {today:%B}.")

    @on(Input.Submitted, "#time-zone")
    def _enter_in_the_time_zone(self, event: Input.Submitted) -> None:
        """Enter saves, as in every form; in the time zone, it first takes the first match."""
        if self._take_first_time_zone_match():
            event.stop()
            event.prevent_default()  # not saved yet: the form's own Enter does not run

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

    def result(self) -> Settings:
        """The settings as the fields now say (the rest as the screen opened with them); or a
        `FormProblem` naming the field to correct."""
        try:
            return structs.replace(self._opened, **self._wanted())
        except InvalidSetting as problem:
            raise FormProblem(str(problem)) from None

    def accept(self, result: Settings) -> None:
        """Write what differs from what the screen showed, in one save, and close with the
        settings as saved (None when nothing changed); or say why it can't be saved."""
        changes = changed_settings(self._shown, shown_settings(result))
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

    # --- your data --------------------------------------------------------------------------

    def action_back_up_now(self) -> None:
        """Copy the data file now, beside the daily backups."""
        self.query_one(DataFileFacts).back_up_now()

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
        self.query_one(DataFileFacts).show_facts()
