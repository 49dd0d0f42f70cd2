"""The dashboard: header, the four panes as tabs, and the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent

from tui.clock import Clock
from tui.panes.agreements import AgreementsPane
from tui.panes.base import AttunePane
from tui.panes.checkin import CheckinPane
from tui.panes.faq import FaqPane
from tui.panes.rituals import RitualsPane
from tui.store import Store
from tui.widgets.too_small import TooSmallNotice

PANE_CLASSES: tuple[type[AttunePane], ...] = (CheckinPane, RitualsPane, AgreementsPane, FaqPane)
_PANE_KEYS = Binding.Group("Panes", compact=True)


class MainScreen(Screen[None]):
    """The four panes of Attune, switched with the keys 1 to 4."""

    # Focus goes to the current pane's main widget (`_focus_current_pane`). Textual's own
    # choice, the first focusable widget, is the tab bar: focusing it and then taking focus
    # away restyled the tabs twice before the first frame, some 7 ms of start-up.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding(
            str(number),
            f"show_pane('{pane.PANE_ID}')",
            pane.TITLE,
            tooltip=f"Show the {pane.TITLE} pane",
            group=_PANE_KEYS,
            id=f"pane.{pane.PANE_ID}",
        )
        for number, pane in enumerate(PANE_CLASSES, start=1)
    ] + [
        Binding(
            "g,f2",
            "faq_for_pane",
            "FAQ on this",
            key_display="g",
            tooltip="Open the FAQ entry about what this pane is for",
            id="faq.jump",
        )
    ]

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="panes", classes="screen-body"):
            for pane in PANE_CLASSES:
                yield pane(self.store, self.clock)
        yield TooSmallNotice(classes="too-small-notice")
        yield Footer()

    def on_mount(self) -> None:
        settings = self.store.settings()
        self.sub_title = f"{settings.partners.a} & {settings.partners.b}"
        # At once, not after the first refresh: a key pressed the moment the window appears
        # must already reach the pane.
        self._focus_current_pane()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Whichever way a pane was chosen, its keys work straight away."""
        self._focus_current_pane()
        self.refresh_bindings()

    def action_faq_for_pane(self) -> None:
        """Open the FAQ entry that fits the current pane."""
        topic = self.current_pane.FAQ_TOPIC
        if topic is None:
            return
        self.action_show_pane(FaqPane.PANE_ID)
        self.query_one(FaqPane).open_entry(topic)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "faq_for_pane":
            return self.current_pane.FAQ_TOPIC is not None
        return True

    def on_agreements_pane_reviews_due(self, message: AgreementsPane.ReviewsDue) -> None:
        """A review due shows in the tab title, in words."""
        title = f"Agreements ({message.count} review due)" if message.count else "Agreements"
        self.query_one(TabbedContent).get_tab(AgreementsPane.PANE_ID).label = title

    def on_agreements_pane_repair_started(self, message: AgreementsPane.RepairStarted) -> None:
        """A repair is a new ritual: the Rituals pane reads its rituals again."""
        self.query_one(RitualsPane).note_marks_changed()

    def on_checkin_pane_finished(self, message: CheckinPane.Finished) -> None:
        """The check-in ritual may have been ticked: the Rituals pane reads its marks again."""
        self.query_one(RitualsPane).note_marks_changed()

    def _focus_current_pane(self) -> None:
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

    def action_show_pane(self, pane_id: str) -> None:
        """Select the tab of `pane_id`."""
        self.query_one(TabbedContent).active = pane_id
