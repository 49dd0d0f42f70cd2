"""The dashboard's panes as tabs, with a tab bar that is never a stop of the Tab key."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.widgets import ContentSwitcher, TabbedContent, TabPane, Tabs
from textual.widgets._tabbed_content import ContentTab, ContentTabs


class PaneTabs(TabbedContent):
    """The panes, one tab each; the digits 1 to 7, the palette and the mouse choose the tab.

    The tab bar takes no focus: on it the pane's keys would stop while the pane's hint line
    still lists them, so `tab` moves only between the pane's own lists and fields.

    Only the panes composed inside it are there for the first frame; `later` names (id,
    title) the ones `build_later` makes once that frame is drawn, whose tabs show from the
    start. Choosing one of them sooner (a key pressed the moment the window appears) adds
    them at once.
    """

    def __init__(
        self,
        *,
        later: Sequence[tuple[str, str]] = (),
        build_later: Callable[[], Sequence[TabPane]] = tuple,
        id: str | None = None,  # noqa: A002 - Textual's own name for it
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._later = tuple(later)
        self._build_later: Callable[[], Sequence[TabPane]] | None = build_later

    def compose(self) -> ComposeResult:
        panes = [pane for pane in self._tab_content if isinstance(pane, TabPane)]
        tabs = [ContentTab(pane._title, pane.id or "", disabled=pane.disabled) for pane in panes]
        tabs += [ContentTab(self.render_str(title), pane_id) for pane_id, title in self._later]
        yield ContentTabs(*tabs, tabbed_content=self)
        with ContentSwitcher():
            yield from panes

    def on_mount(self) -> None:
        for tab_bar in self.query_children(Tabs):
            tab_bar.can_focus = False
        self.call_after_refresh(self.add_later_panes)

    def add_later_panes(self) -> None:
        """Add the panes left out of the first frame, behind the others (once)."""
        build, self._build_later = self._build_later, None
        if build is None:
            return
        panes = build()
        for pane in panes:
            pane.display = False  # the switcher shows only the current one
        self.get_child_by_type(ContentSwitcher).mount_all(panes)

    def validate_active(self, active: str) -> str:
        """Before a pane left for later is shown, every such pane is added."""
        if active and any(active == pane_id for pane_id, _title in self._later):
            self.add_later_panes()
        return active
