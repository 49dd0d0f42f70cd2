"""The dashboard's footer, whose keys are never cut off at the window's edge."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer


class FittedFooter(Footer):
    """The keys that work now, as many as fit whole.

    At 80 columns a pane with many keys (a step of the weekly meeting) would push the last
    ones off the edge, cut mid-word (`S Settin`). The pane's own keys give way first, the last
    of them first: its hint line lists them all, while the keys that work from any pane (note
    a moment, settings, help) are shown only here.
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if type(widget).__name__ == "FooterKey" and not widget.has_class("-command-palette"):
                # A key starts out compact and is made plain as it mounts (bound to the
                # footer's `compact`; the palette's key is not), which styles it twice more:
                # it starts as it will be.
                widget.set_reactive(type(widget).compact, self.compact)  # type: ignore[attr-defined]
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    _shown: tuple[object, ...] | None = None
    """What the keys were last built from (see `_what_it_would_show`)."""

    async def recompose(self) -> None:
        # Textual rebuilds the footer whenever the keys may have changed: after every change
        # of focus and every refresh of what the keys allow, mostly to the same keys. Each new
        # key is styled three times as it mounts, which made rebuilding the footer the larger
        # part of a key press's work; so it is rebuilt only when it would show something else.
        shown = self._what_it_would_show() if self.is_attached else None
        if shown is not None and shown == self._shown:
            return
        await super().recompose()
        self._shown = shown
        self._fit()

    def _what_it_would_show(self) -> tuple[object, ...]:
        """Everything `Footer.compose` builds the keys from, and what decides the order in
        which they give way (whether a key is the pane's)."""
        everywhere = (self.screen, self.app)
        keys = tuple(
            (key, bound.binding, bound.enabled, bound.tooltip, bound.node in everywhere)
            for key, bound in self.screen.active_bindings.items()
        )
        return (self._bindings_ready, self.show_command_palette, keys)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # Found by their type's name: Textual's FooterKey class is not public.
        keys = list(self.query_children("FooterKey"))
        room = self.size.width - sum(
            _width(key) for key in keys if key.has_class("-command-palette")
        )
        shown = [key for key in keys if not key.has_class("-command-palette")]
        overflow = sum(map(_width, shown)) - room
        giving_way = set()
        for key in self._in_order_of_giving_way(shown):
            if overflow <= 0:
                break
            giving_way.add(key)
            overflow -= _width(key)
        # Each key is set once, to where it ends up: a key shown and hidden again in one fit
        # would lay the screen out again for nothing.
        for key in shown:
            key.display = key not in giving_way

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
