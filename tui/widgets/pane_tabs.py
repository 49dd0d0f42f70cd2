"""The dashboard's panes as tabs, with a tab bar that is never a stop of the Tab key."""

from __future__ import annotations

from textual.widgets import TabbedContent, Tabs


class PaneTabs(TabbedContent):
    """The panes, one tab each; the digits 1 to 7, the palette and the mouse choose the tab.

    The tab bar takes no focus: on it the pane's keys would stop while the pane's hint line
    still lists them, so `tab` moves only between the pane's own lists and fields.
    """

    def on_mount(self) -> None:
        for tab_bar in self.query_children(Tabs):
            tab_bar.can_focus = False
