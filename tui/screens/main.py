"""The dashboard: header, the panes as tabs, and the footer."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static, TabbedContent

from tui.clock import Clock
from tui.core.models import Settings
from tui.core.speaking import SpeakingClock
from tui.keys import key
from tui.panes.base import AttunePane
from tui.panes.checkin import CheckinPane
from tui.store import Store, StoreError
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.pane_tabs import PaneTabs
from tui.widgets.too_small import TooSmallNotice

if TYPE_CHECKING:
    from tui.panes.agreements import AgreementsPane
    from tui.panes.requests import RequestsPane
    from tui.panes.therapy import TherapyPane

PANE_TABS: tuple[tuple[str, str, str], ...] = (
    ("checkin", "Check-in", "tui.panes.checkin:CheckinPane"),
    ("rituals", "Rituals", "tui.panes.rituals:RitualsPane"),
    ("requests", "Requests", "tui.panes.requests:RequestsPane"),
    ("agreements", "Agreements", "tui.panes.agreements:AgreementsPane"),
    ("moments", "Moments", "tui.panes.moments:MomentsPane"),
    ("therapy", "Therapy", "tui.panes.therapy:TherapyPane"),
    ("faq", "FAQ", "tui.panes.faq:FaqPane"),
)
"""Each pane's id, tab title and class, in the tabs' order. Only the first is imported and
built for the first frame; the others once it is drawn (`PaneTabs`), each module imported
and pane built before it delaying it. Each class's own PANE_ID and TITLE are these."""


@cache
def pane_classes() -> tuple[type[AttunePane], ...]:
    """The classes of `PANE_TABS`, imported (all but the first) when first asked for."""
    found = []
    for _pane_id, _title, where in PANE_TABS:
        module, name = where.split(":")
        found.append(getattr(import_module(module), name))
    return tuple(found)


def __getattr__(name: str) -> object:
    # PANE_CLASSES is worked out when first read, so that importing this module does not
    # import every pane.
    if name == "PANE_CLASSES":
        return pane_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_Pane = TypeVar("_Pane", bound=AttunePane)
_PANE_KEYS = Binding.Group("Panes", compact=True)
READ_ONLY_NOTICE = (
    "Read-only: this file can't be changed here (the disk or file is read-only). "
    "Nothing you press will be saved."
)


class MainScreen(Screen[None]):
    """The panes of Attune, switched with the keys 1 to 7.

    At 80 columns the footer holds the current pane's own keys, then the two keys that work
    from any pane (note a moment, settings) and help; the pane digits, the FAQ key and the
    Progress view's key are in the tab bar's order, the help and the palette.
    """

    # Focus goes to the current pane's main widget (`focus_current_pane`). Textual's own
    # choice, the first focusable widget, is the tab bar: focusing it and then taking focus
    # away restyled the tabs twice before the first frame, some 7 ms of start-up.
    AUTO_FOCUS = ""
    BINDINGS = [
        key(
            "pane",
            str(number),
            f"show_pane('{pane_id}')",
            title,
            f"Show the {title} pane",
            name=pane_id,
            group=_PANE_KEYS,
        )
        for number, (pane_id, title, _where) in enumerate(PANE_TABS, start=1)
    ] + [
        key(
            "moments",
            "m",
            "note_moment",
            "Moment",
            "Note a moment from any pane, with now filled in",
            name="note",
            footer=True,
        ),
        key(
            "faq",
            "g,f2",
            "faq_for_pane",
            "FAQ on this",
            "Open the FAQ entry about what this pane is for",
            name="jump",
            key_display="g",
        ),
        # Not in the footer: no room at 80 columns; the help, the palette and the README list it.
        key(
            "progress",
            "P",
            "open_progress",
            "Progress",
            "Show how you have come along, in charts: ratings, talk, rituals, moments",
            name="open",
        ),
        key(
            "settings",
            "S",
            "open_settings",
            "Settings",
            "Change your names, time zone, day start, plan and theme; back up",
            name="open",
            footer=True,
        ),
    ]

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self._today: date | None = None
        self._day_timer: Timer | None = None
        self._carried_checkin: SpeakingClock | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        if self.store.read_only:
            yield Static(READ_ONLY_NOTICE, id="read-only-banner", classes="screen-body")
        later = [(pane_id, title) for pane_id, title, _where in PANE_TABS[1:]]
        with PaneTabs(
            later=later, build_later=self._later_panes, id="panes", classes="screen-body"
        ):
            checkin = CheckinPane(self.store, self.clock)
            if self._carried_checkin is not None:
                checkin.carry_on_with(self._carried_checkin)
            yield checkin
        yield TooSmallNotice(classes="too-small-notice")
        yield FittedFooter()

    def _later_panes(self) -> list[AttunePane]:
        return [pane_class(self.store, self.clock) for pane_class in pane_classes()[1:]]

    def _pane(self, pane_class: type[_Pane]) -> _Pane:
        """A pane, there even if asked for before the first frame was drawn."""
        self.query_one(PaneTabs).add_later_panes()
        return self.query_one(pane_class)

    def on_mount(self) -> None:
        self.sub_title = self.store.settings().partners.pair
        # At once, not after the first refresh: a key pressed the moment the window appears
        # must already reach the pane.
        self.focus_current_pane()
        # After the first frame: days need pendulum, which start-up does without.
        self.call_after_refresh(self._wake_at_the_next_rollover)
        self.app.app_resume_signal.subscribe(self, lambda _app: self.follow_the_day())

    class SettingsSaved(Message):
        """The settings changed (saved in the Settings screen, or read again from a file
        changed outside): the app applies them, then every pane shows them."""

        def __init__(self, settings: Settings) -> None:
            super().__init__()
            self.settings = settings

    def action_open_settings(self) -> None:
        """Open the Settings screen; what it saves shows everywhere at once."""
        from tui.screens.settings import SettingsScreen

        def announce(saved: Settings | None) -> None:
            if saved is not None:
                self.post_message(self.SettingsSaved(saved))

        self.app.push_screen(SettingsScreen(self.store, self.clock), announce)

    def action_open_progress(self) -> None:
        """Open the Progress view over whichever pane is showing."""
        from tui.screens.progress import ProgressScreen

        checkin = self.query_one(CheckinPane)
        self.app.push_screen(ProgressScreen(self.store, self.clock, checkin.show_past))

    def apply_changed_settings(self) -> None:
        """Show the settings as saved now in the header and every pane, "today" included."""
        self.sub_title = self.store.settings().partners.pair
        self.follow_the_day()
        for pane in self.query(AttunePane):
            pane.settings_changed()

    def follow_the_day(self) -> None:
        """If the couple's day turned over while Attune was open, move every pane to it.

        Called by a timer set for the rollover hour, and when the app resumes or regains the
        terminal's focus (a timer sleeps through a suspended computer).
        """
        from tui.core.days import logical_day

        today = logical_day(self.clock.now(), self.store.settings().day_rollover_hour)
        if self._today is not None and today != self._today:
            for pane in self.query(AttunePane):
                pane.note_day_turned()
        self._wake_at_the_next_rollover()

    def _wake_at_the_next_rollover(self) -> None:
        from tui.core.days import logical_day, next_rollover

        now = self.clock.now()
        rollover_hour = self.store.settings().day_rollover_hour
        self._today = logical_day(now, rollover_hour)
        if self._day_timer is not None:
            self._day_timer.stop()
        wait = (next_rollover(now, rollover_hour) - now).total_seconds()
        # A moment late rather than early: a timer that fires just before the hour would find
        # the same day and only set itself again.
        self._day_timer = self.set_timer(wait + 0.5, self.follow_the_day)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Whichever way a pane was chosen, its keys work straight away."""
        self.focus_current_pane()
        self.refresh_bindings()

    def action_faq_for_pane(self) -> None:
        """Open the FAQ entry that fits the current pane."""
        topic = self.current_pane.FAQ_TOPIC
        if topic is None:
            return
        from tui.panes.faq import FaqPane

        self.action_show_pane(FaqPane.PANE_ID)
        self._pane(FaqPane).open_entry(topic)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "faq_for_pane":
            return self.current_pane.FAQ_TOPIC is not None
        return True

    def on_agreements_pane_reviews_due(self, message: AgreementsPane.ReviewsDue) -> None:
        """A review due shows in the tab title, in words."""
        reviews = "1 review due" if message.count == 1 else f"{message.count} reviews due"
        from tui.panes.agreements import AgreementsPane

        title = f"Agreements ({reviews})" if message.count else "Agreements"
        self.query_one(TabbedContent).get_tab(AgreementsPane.PANE_ID).label = title

    def on_agreements_pane_repair_started(self, message: AgreementsPane.RepairStarted) -> None:
        """A repair is a new ritual: the Rituals pane reads its rituals again."""
        from tui.panes.rituals import RitualsPane

        self._pane(RitualsPane).note_marks_changed()

    def on_requests_pane_ritual_added(self, message: RequestsPane.RitualAdded) -> None:
        """A request became a ritual: the Rituals pane reads its rituals again."""
        from tui.panes.rituals import RitualsPane

        self._pane(RitualsPane).note_marks_changed()

    def on_therapy_pane_session_soon(self, message: TherapyPane.SessionSoon) -> None:
        """A session within a day shows in the tab title, with its time."""
        from tui.panes.therapy import TherapyPane

        title = f"Therapy ({message.words})" if message.words else "Therapy"
        self.query_one(TabbedContent).get_tab(TherapyPane.PANE_ID).label = title

    def on_checkin_pane_finished(self, message: CheckinPane.Finished) -> None:
        """The check-in ritual may have been ticked and its moments marked as talked about: the
        Rituals and Moments panes read them again."""
        from tui.panes.moments import MomentsPane
        from tui.panes.rituals import RitualsPane

        self._pane(RitualsPane).note_marks_changed()
        self._pane(MomentsPane).note_moments_changed()

    def on_attune_pane_file_changed_outside(self, message: AttunePane.FileChangedOutside) -> None:
        """Another program changed the data file: say so and offer to read it again."""
        from tui.dialogs.confirm import ConfirmDialog

        async def reload_if_wanted(answer: bool | None) -> None:
            if not answer:
                return
            try:
                self.store.reload()
            except StoreError as problem:
                self.notify(str(problem), title="Not reloaded", severity="error", markup=False)
                return
            # Every pane is built afresh from the file as it is now, rather than each one
            # learning to forget what it showed; the couple stays on the pane they were on.
            # A check-in under way is not the file's but the couple's, here and now: it goes
            # on over the reloaded file, its running turn uninterrupted, and is saved into it.
            pane_id = self.current_pane.PANE_ID
            self._carried_checkin = self.query_one(CheckinPane).running_checkin()
            try:
                await self.recompose()
            finally:
                self._carried_checkin = None
            self.action_show_pane(pane_id)
            self.focus_current_pane()
            # The names in the header, the time zone and the theme, as the file has them now.
            self.post_message(self.SettingsSaved(self.store.settings()))

        self.app.push_screen(
            ConfirmDialog(
                "Changed outside Attune",
                str(message.problem),
                yes="Reload now",
                no="Not now",
            ),
            reload_if_wanted,
        )

    def on_screen_resume(self) -> None:
        """Back from a dialog: the pane's keys work at once, even if the window was too
        small meanwhile (hiding the body drops its focus)."""
        self.focus_current_pane()

    def focus_current_pane(self) -> None:
        """Give the keyboard to the current pane's main widget, unless it has it already."""
        # Looked up when called, and the old focus dropped first: a focused widget left in a
        # hidden pane would pull its tab back into view (after a dialog, for instance).
        pane = self.current_pane
        if self.focused is not None and pane in self.focused.ancestors:
            return  # already there; dropping and retaking focus would only restyle twice
        self.set_focus(None)
        pane.focus_primary()

    @property
    def current_pane(self) -> AttunePane:
        """The pane whose tab is selected."""
        tabs = self.query_one(TabbedContent)
        return self.query_one(f"#{tabs.active}", AttunePane)

    def action_note_moment(self) -> None:
        """Open the form for a new moment over whichever pane is showing."""
        from tui.panes.moments import MomentsPane

        self._pane(MomentsPane).note_moment()

    def action_show_pane(self, pane_id: str) -> None:
        """Select the tab of `pane_id`."""
        self.query_one(TabbedContent).active = pane_id
