"""The dashboard's footer, whose keys are never cut off at the window's edge."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer


class FittedFooter(Footer):
    """The keys that work now, as many as fit whole.

    At 80 columns a pane with many keys (a step of the weekly meeting) would push the last
    ones off the edge, cut mid-word (`S Settin`). The pane's own keys give way first, the last
    of them first: its hint line lists them all, while the keys that work from any pane (note
    a moment, settings, help) are shown only here.
    """

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # Found by their type's name: Textual's FooterKey class is not public.
        keys = list(self.query_children("FooterKey"))
        room = self.size.width - sum(
            _width(key) for key in keys if key.has_class("-command-palette")
        )
        shown = [key for key in keys if not key.has_class("-command-palette")]
        for key in shown:
            key.display = True
        overflow = sum(map(_width, shown)) - room
        for key in self._in_order_of_giving_way(shown):
            if overflow <= 0:
                break
            key.display = False
            overflow -= _width(key)

    def _in_order_of_giving_way(self, keys: list[Widget]) -> list[Widget]:
        everywhere = (self.screen, self.app)
        active = self.screen.active_bindings

        def belongs_to_the_pane(key: Widget) -> bool:
            bound = active.get(key.key)  # type: ignore[attr-defined]
            return bound is not None and bound.node not in everywhere

        pane_keys = [key for key in keys if belongs_to_the_pane(key)]
        others = [key for key in keys if key not in pane_keys]
        return pane_keys[::-1] + others[::-1]


def _width(key: Widget) -> int:
    """The columns `key` takes: its text, padding, border and margin."""
    text = key.render()  # a FooterKey draws a rich Text
    return text.cell_len + key.styles.gutter.width + key.styles.margin.width  # type: ignore[union-attr]
