"""The list of moments, newest first, one line each: the kind as a symbol and a word, the day,
who felt it and what happened.

Only the lines in view are drawn, so ten years of moments are filtered and shown again at each
keystroke without building thousands of rows. The kind reads the same with NO_COLOR; its colour
comes from the theme through a component class per kind, styled in styles/moments.tcss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui.core.models import BOTH_OF_US
from tui.core.moment_patterns import PatternPeriod
from tui.core.moments import Moment, MomentFilter, MomentKind
from tui.keys import key

KIND_SYMBOLS = {MomentKind.CONNECTION: "+", MomentKind.NEGLECT: "-", MomentKind.REPAIR: "~"}
"""The kind in one character, for the list; its legend is `LEGEND`."""
KIND_MARKS = {kind: f"{symbol} {kind.value:<10}" for kind, symbol in KIND_SYMBOLS.items()}
"""The kind in a symbol and a word, padded to one width."""
WHO_WIDTH = len(BOTH_OF_US)
"""The widest a name shows in the list: longer ones end in "…"."""
CHECKIN_MARK = "◆"
"""Beside a moment waiting for the next check-in."""
LEGEND = "  ".join(
    [
        *(f"{symbol} {kind.value}" for kind, symbol in KIND_SYMBOLS.items()),
        f"{CHECKIN_MARK} for the next check-in",
    ]
)
"""What the list's symbols mean, in words."""


def filters_line(
    shown: int,
    total: int,
    criteria: MomentFilter,
    period: PatternPeriod | None,
    names: Mapping[str, str],
) -> str:
    """Above the list: how many moments it shows and the filters that choose them, the tag
    of the search box included."""
    parts = [f"{shown:,} of {total:,} moments"]
    if criteria.kind is not None:
        parts.append(f"kind: {criteria.kind.value}")
    if criteria.partner is not None:
        parts.append(f"felt by {names[criteria.partner]}")
    if criteria.tag is not None:
        parts.append(f"tag: #{criteria.tag}")
    parts.append(period.last if period else "all time")
    return " · ".join(parts)


def kind_class(prefix: str, kind: MomentKind) -> str:
    """The component class of a kind: `moment-list--neglect` for prefix `moment-list`."""
    return f"{prefix}--{kind.value}"


class MomentList(ScrollView, can_focus=True):
    """Moments, the newest first, with a cursor; tells its pane when the cursor moves."""

    COMPONENT_CLASSES = {
        *(kind_class("moment-list", kind) for kind in MomentKind),
        "moment-list--cursor",
        "moment-list--cursor-blurred",
        "moment-list--aside",
    }
    BINDINGS = [
        key("moment-list", "up", "move(-1)", "Up", "Go up a moment"),
        key("moment-list", "down", "move(1)", "Down", "Go down a moment"),
        key("moment-list", "pageup", "page(-1)", "Page up", "Go up a page"),
        key("moment-list", "pagedown", "page(1)", "Page down", "Go down a page"),
        key("moment-list", "home", "first", "Newest", "Go to the newest moment"),
        key("moment-list", "end", "last", "Oldest", "Go to the oldest"),
    ]

    class CursorMoved(Message):
        """The selected moment changed (or the list did)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._moments: Sequence[Moment] = ()
        self._names: Mapping[str, str] = {}
        self._empty_text = ""
        self._time_zone = "UTC"
        self._rollover_hour = 0
        self._cursor = 0
        self._who_width = WHO_WIDTH

    def show(
        self,
        moments: Sequence[Moment],
        names: Mapping[str, str],
        time_zone: str,
        rollover_hour: int,
        empty_text: str,
        select: str | None = None,
    ) -> None:
        """List `moments` (newest first already), each on its day in `time_zone`; keep the
        cursor on `select` if it is there, else on the first."""
        self._moments = moments
        self._names = names
        self._time_zone = time_zone
        self._rollover_hour = rollover_hour
        self._empty_text = empty_text
        self._who_width = min(WHO_WIDTH, max(map(cell_len, names.values()), default=4))
        index = next((i for i, m in enumerate(moments) if m.id == select), 0) if select else 0
        self._cursor = index
        self.virtual_size = _rows(len(moments))
        self._keep_cursor_in_view()
        self.refresh()
        self.post_message(self.CursorMoved())

    @property
    def selected(self) -> Moment | None:
        """The moment under the cursor, or None when the list is empty."""
        return self._moments[self._cursor] if self._moments else None

    @property
    def count(self) -> int:
        """How many moments are listed."""
        return len(self._moments)

    def action_move(self, step: int) -> None:
        """Move the cursor by `step` moments."""
        self._move_to(self._cursor + step)

    def action_page(self, direction: int) -> None:
        """Move a page up or down."""
        self._move_to(self._cursor + direction * max(1, self.size.height - 1))

    def action_first(self) -> None:
        """Go to the newest moment."""
        self._move_to(0)

    def action_last(self) -> None:
        """Go to the oldest moment."""
        self._move_to(len(self._moments) - 1)

    def _move_to(self, index: int) -> None:
        if not self._moments:
            return
        index = max(0, min(len(self._moments) - 1, index))
        if index == self._cursor:
            return
        self._cursor = index
        self._keep_cursor_in_view()
        self.refresh()
        self.post_message(self.CursorMoved())

    def _keep_cursor_in_view(self) -> None:
        height = max(1, self.size.height)
        top = int(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = _rows(len(self._moments))
        self._keep_cursor_in_view()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # beside the scrollbar, not under it
        index = int(self.scroll_offset.y) + y
        if not self._moments:
            # Wrapped, not cut: the list may be narrower than the sentence.
            lines = Content(self._empty_text).wrap(max(1, width))
            if y >= len(lines):
                return self._blank(width)
            return self._strip([(lines[y].plain, self._style("aside"))], width, Style())
        if index >= len(self._moments):
            return self._blank(width)
        moment = self._moments[index]
        base = Style()
        if index == self._cursor:
            base = self._style("cursor" if self.has_focus else "cursor-blurred")
        who = self._names.get(moment.who, moment.who)
        waiting = moment.for_checkin and moment.talked_about_on is None
        parts = [
            (KIND_SYMBOLS[moment.kind], self._style(moment.kind.value)),
            (
                f" {moment.day(self._time_zone, self._rollover_hour).isoformat()} ",
                self._style("aside"),
            ),
            (f"{_fit(who, self._who_width)} ", Style()),
            (f"{CHECKIN_MARK if waiting else ' '} ", self._style("aside")),
            (moment.what_happened, Style()),
        ]
        return self._strip(parts, width, base)

    def _strip(self, parts: list[tuple[str, Style]], width: int, base: Style) -> Strip:
        """One line of `parts`; the last is cut short with "…" if the line is too long."""
        *lead, (last, last_style) = parts
        room = width - sum(cell_len(text) for text, _style in lead)
        parts = [*lead, (_fit(last, room), last_style)]
        rich_base = base.rich_style
        segments = [Segment(text, rich_base + style.rich_style) for text, style in parts]
        return Strip(segments).crop_extend(0, width, rich_base)

    def _blank(self, width: int) -> Strip:
        # A segment without a style breaks the monochrome filter that NO_COLOR runs.
        return Strip.blank(width, self.rich_style)

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"moment-list--{name}", partial=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _rows(count: int) -> Size:
    """The list's virtual size: a row a moment, and no width of its own, as each row is
    fitted to the list (a width would bring a horizontal scrollbar beside the vertical one)."""
    return Size(0, max(1, count))


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut short with "…" so a cut shows."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if width <= 0:
        return ""
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + "…", width)
