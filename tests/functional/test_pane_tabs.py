"""The tab bar's later panes: tabs from the start, panes once the first frame is drawn, or at
once when one is chosen sooner."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import ContentSwitcher, Static, TabPane

from tui.widgets.pane_tabs import PaneTabs

LATER = [("second", "Second"), ("third", "Third")]


class TwoLater(App[None]):
    """One pane for the first frame; two more built later, counted."""

    def __init__(self, choose_at_mount: str = "") -> None:
        super().__init__()
        self.built = 0
        self._choose_at_mount = choose_at_mount

    def _later(self) -> list[TabPane]:
        self.built += 1
        return [TabPane(title, Static(f"{title} pane"), id=pane_id) for pane_id, title in LATER]

    def compose(self) -> ComposeResult:
        with PaneTabs(later=LATER, build_later=self._later):
            yield TabPane("First", Static("First pane"), id="first")

    def on_mount(self) -> None:
        if self._choose_at_mount:
            # As a key pressed the moment the window appears: before the later panes come.
            self.query_one(PaneTabs).active = self._choose_at_mount


async def test_the_later_panes_come_once_after_the_first_frame_behind_their_tabs() -> None:
    app = TwoLater()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        tabs = app.query_one(PaneTabs)
        panes = tabs.query_one(ContentSwitcher).children
        assert [pane.id for pane in panes] == ["first", "second", "third"]
        assert tabs.active == "first" and tabs.tab_count == 3
        assert not tabs.get_pane("second").display
        tabs.add_later_panes()
        assert app.built == 1


async def test_a_later_pane_chosen_before_it_came_is_shown_at_once() -> None:
    app = TwoLater(choose_at_mount="third")
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        tabs = app.query_one(PaneTabs)
        assert tabs.active == "third" and tabs.get_pane("third").display
        assert not tabs.get_pane("first").display and not tabs.get_pane("second").display
        assert app.built == 1
