"""First run: the couple's names and time zone, then the data file is created."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static
from textual.worker import Worker, WorkerState

from tui.clock import Clock
from tui.core.models import Partners, Settings
from tui.core.settings_rules import checked_time_zone, known_time_zones
from tui.core.text import InvalidText
from tui.store import SaveFailed, Store
from tui.widgets.too_small import TooSmallNotice

INTRODUCTION = (
    "A shared space for the two of you: a weekly check-in with a speaking clock, small daily "
    "rituals, the agreements you both keep, and answers when questions come up. Everything "
    "stays in one file on this computer."
)
PASSPHRASE_OFFER = (
    "A passphrase (optional) encrypts that file and its backups, for a computer others use "
    "too. Leave it empty to skip; Settings can set one later. Forgotten, it can't be recovered."
)
REQUIRED_FIELDS = ("first-name", "second-name", "time-zone")


class SetupScreen(Screen[None]):
    """Asks for both names and the time zone; posts `Completed` once the data file exists."""

    AUTO_FOCUS = "#first-name"

    class Completed(Message):
        """The couple's settings are saved: the dashboard can open."""

        def __init__(self, settings: Settings) -> None:
            super().__init__()
            self.settings = settings

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock

    def compose(self) -> ComposeResult:
        import pendulum

        # As in every form, the title and the way to begin stay put and only the fields
        # scroll: at 80x24 the passphrase fields are below the fold, "Enter: begin" is not.
        with Vertical(id="setup", classes="screen-body"):
            yield Static("Welcome to Attune", id="setup-title")
            with VerticalScroll(id="setup-body", can_focus=False):
                yield Static(INTRODUCTION, id="setup-introduction")
                with Grid(id="setup-fields", classes="setup-grid"):
                    yield Label("First partner's name")
                    yield Input(placeholder="e.g. Sam", id="first-name")
                    yield Label("Second partner's name")
                    yield Input(placeholder="e.g. Alex", id="second-name")
                    yield Label("Time zone")
                    yield Input(
                        self.clock.time_zone,
                        id="time-zone",
                        suggester=SuggestFromList(
                            sorted(pendulum.timezones()), case_sensitive=False
                        ),
                    )
                yield Static(PASSPHRASE_OFFER, id="setup-passphrase-offer")
                with Grid(id="setup-passphrase-fields", classes="setup-grid"):
                    yield Label("Passphrase (optional)")
                    yield Input(password=True, id="setup-passphrase")
                    yield Label("The same again")
                    yield Input(password=True, id="setup-passphrase-again")
            with Vertical(id="setup-foot"):
                yield Static("", id="setup-error")
                yield Static("Tab: next field   Enter: begin   Ctrl+Q: quit", id="setup-keys")
        yield TooSmallNotice(classes="too-small-notice")

    @on(Input.Submitted)
    def submit_or_move_on(self, event: Input.Submitted) -> None:
        """Enter moves to the next empty field, and begins once every needed field is filled
        (the passphrase is optional)."""
        fields = [self.query_one(f"#{name}", Input) for name in REQUIRED_FIELDS]
        if event.input in fields and event.input.value.strip():
            for field in fields[fields.index(event.input) + 1 :]:
                if not field.value.strip():
                    field.focus()
                    return
        self.begin()

    def begin(self) -> None:
        """Validate every field; save and leave, or show what needs fixing."""
        first = self.query_one("#first-name", Input)
        second = self.query_one("#second-name", Input)
        zone = self.query_one("#time-zone", Input)
        try:
            partners = Partners.from_names(first.value, second.value)
        except InvalidText as problem:
            self._show_problem(str(problem), first if problem.field == "first" else second)
            return
        try:
            time_zone = checked_time_zone(zone.value, known_time_zones())
        except InvalidText as problem:
            self._show_problem(str(problem), zone)
            return
        settings = Settings(partners=partners, time_zone=time_zone)
        passphrase = self.query_one("#setup-passphrase", Input)
        again = self.query_one("#setup-passphrase-again", Input)
        if not passphrase.value and not again.value:
            self._create(settings, None)
            return
        # Imported only for a passphrase: a first run without one does not pay for the forms.
        from tui.dialogs.passphrase import SHORTEST_PASSPHRASE

        if len(passphrase.value.strip()) < SHORTEST_PASSPHRASE:
            self._show_problem(
                f"Choose a passphrase of at least {SHORTEST_PASSPHRASE} characters, or leave "
                "both passphrase fields empty.",
                passphrase,
            )
            return
        if passphrase.value != again.value:
            self._show_problem("The two differ: type the same passphrase twice.", again)
            return
        self._say("Protecting the file...")
        self._protect(settings, passphrase.value)

    @work(thread=True, exclusive=True, group="protect")
    def _protect(self, settings: Settings, passphrase: str) -> tuple[Settings, object, object]:
        from tui.store.protected_files import new_protection

        key, recovery_key = new_protection(passphrase, with_recovery_key=True)
        return settings, key, recovery_key

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The key is derived: create the file encrypted from its first byte."""
        if event.worker.group == "protect" and event.state is WorkerState.SUCCESS:
            settings, key, recovery_key = event.worker.result  # type: ignore[misc]
            self.store.change_protection(key)  # nothing on disk yet: the first save uses it
            self._create(settings, recovery_key.text)

    def _create(self, settings: Settings, recovery_key: str | None) -> None:
        try:
            self.store.set_up(settings, created=self.clock.now().isoformat())
        except SaveFailed as problem:
            self._show_problem(str(problem), self.query_one("#first-name", Input))
            return
        if recovery_key is None:
            self.post_message(self.Completed(settings))
            return
        from tui.dialogs.passphrase import recovery_key_dialog

        # Shown once, over the setup, before the dashboard opens.
        self.app.push_screen(
            recovery_key_dialog(recovery_key),
            lambda _answer: self.post_message(self.Completed(settings)),
        )

    def _show_problem(self, message: str, field: Input) -> None:
        # Text(), not markup: the message can quote what the user typed.
        self._say(Text(message))
        field.focus()

    def _say(self, message: str | Text) -> None:
        # The line takes room from the fields only once it has something to say.
        line = self.query_one("#setup-error", Static)
        line.update(message)
        line.display = True
