"""Progress: the way the couple has come, in pictures, over a period they choose.

A screen of its own, opened with one key from any pane rather than an eighth tab: it is a
look back over everything, not a place where anything is entered, and the tab bar already
fills 80 columns. Each chart has its sentence beside it (`tui.core.progress_words`), so the
view reads without colour and without the picture; the series are computed in
`tui.core.progress`. The plotting library is imported when the view is first built, so
start-up does not pay for it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.actions import parse
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.clock import Clock
from tui.core.days import logical_day
from tui.core.progress import PERIODS, ProgressPeriod, WeeklyHistory, history_until
from tui.core.progress_series import ProgressSeries, period_series
from tui.core.progress_words import ProgressSentences, sentences
from tui.core.sources import Sources
from tui.keys import bindings_of, key
from tui.paths import CONTENT_DIR, stylesheet
from tui.store import Store
from tui.widgets.too_small import TooSmallNotice

FIRST_PERIOD = ProgressPeriod.THREE_MONTHS
WIDE = 140
"""Columns from which the charts sit two abreast."""
TALL = 50
"""Rows from which the charts share the window's height rather than scroll."""
WHOLE_RECORD_AFTER = 0.1
"""Seconds after the first frame when the whole record is read, for the other periods."""
DRAW_AHEAD_AFTER = 0.05
"""Seconds after a period is on screen when the next one's charts are drawn ahead."""
CARD_ROWS = 12
"""Rows a chart's card takes at least, one above another: its words and its chart."""


class ProgressScreen(Screen[None]):
    """The charts of the couple's record over a period, a cursor on one week of it."""

    CSS_PATH = stylesheet("progress")
    AUTO_FOCUS = ""
    # The charts' colours and the cards' titles, here once rather than on each of six charts.
    COMPONENT_CLASSES = {
        "progress-card--title",
        *(f"progress-chart--{style}" for style in ("first", "second", "third", "mark", "cursor")),
    }
    BINDINGS = [
        key("progress", "d", "cycle_period", "Period", "Show the next period", footer=True),
        key("progress", "left,h", "move(-1)", "Earlier", "Move the cursor a week earlier"),
        key("progress", "right,l", "move(1)", "Later", "Move the cursor a week later"),
        key("progress", "home", "move_to_end(0)", "First", "Move the cursor to the first week"),
        key("progress", "end", "move_to_end(1)", "Last", "Move the cursor to this week"),
        key(
            "progress",
            "enter",
            "open_week",
            "Check-in",
            "Reread the check-in of the week under the cursor",
            footer=True,
        ),
        key("progress", "up,k", "scroll(-1)", "Up", "Scroll the charts up"),
        key("progress", "down,j", "scroll(1)", "Down", "Scroll the charts down"),
        key("progress", "pageup", "scroll(-10)", "Page up", "Scroll the charts up a page"),
        key("progress", "pagedown", "scroll(10)", "Page down", "Scroll the charts down a page"),
        key("progress", "escape", "close", "Back", "Go back to the dashboard", footer=True),
    ]

    def __init__(self, store: Store, clock: Clock, open_checkin: Callable[[str], None]) -> None:
        """`open_checkin` shows a past check-in's summary, given its id."""
        super().__init__()
        self.store = store
        self.clock = clock
        self.open_checkin = open_checkin
        self.period = FIRST_PERIOD
        self.cursor = 0
        self._sources: Sources | None = None
        self._history: WeeklyHistory | None = None
        self._ahead: tuple[ProgressPeriod, ProgressSeries] | None = None
        """The next period and its series, its charts drawn ahead (`_draw_next_ahead`)."""
        self._began = date.min
        self._collecting = False
        """Whether collection was on when the view was built (and is to be resumed)."""
        """The day of the couple's first record."""
        self._keys = bindings_of(self)
        self._live_keys: tuple[bool | None, ...] = ()
        self.series: ProgressSeries | None = None
        self.sentences: ProgressSentences | None = None

    def compose(self) -> ComposeResult:
        # Imported here: the charts bring the plotting library, which start-up does without.
        from tui.widgets.progress_cards import CHARTS, ChartCard

        # Nothing made for the first frame is garbage: collecting while it is made only walks
        # it again and again (a tenth of the frame's time). Resumed once the frame is drawn.
        self._collecting = gc.isenabled()
        gc.disable()
        # Laid out for the window's size from the start: changing it later restyles every chart.
        self._fit(self.app.size.width, self.app.size.height)
        yield Header()
        with Vertical(id="progress-body", classes="screen-body"):
            yield Static(id="progress-heading")
            with VerticalScroll(id="progress-charts", can_focus=False):
                # The cards below the window's edge come after the first frame (`_mount_rest`).
                for kind in CHARTS[: self._cards_in_view()]:
                    yield ChartCard(kind)
        yield TooSmallNotice(classes="too-small-notice")
        yield Footer()

    def _cards_in_view(self) -> int:
        """How many cards the first frame can show (a few more rather than one too few)."""
        from tui.widgets.progress_cards import CHARTS

        if self.has_class("-wide") and self.has_class("-tall"):
            return len(CHARTS)
        per_row = 2 if self.has_class("-wide") else 1
        return min(len(CHARTS), per_row * (self.app.size.height // CARD_ROWS + 1))

    async def _mount_rest(self) -> None:
        """Mount the cards the first frame left out, showing what the others show."""
        from tui.widgets.progress_cards import CHARTS, ChartCard

        mounted = {card.kind.id for card in self.query(ChartCard)}
        rest = [ChartCard(kind) for kind in CHARTS if kind.id not in mounted]
        if not rest:
            return
        await self.query_one("#progress-charts", VerticalScroll).mount_all(rest)
        if self.series is not None and self.sentences is not None:
            for card in rest:
                sentence = getattr(self.sentences, card.kind.sentence)
                card.show(self.series, sentence, self._names, self.cursor)

    def on_mount(self) -> None:
        partners = self.store.settings().partners
        self.sub_title = f"{partners.a} & {partners.b} · Progress"
        from tui.exports import sources_of

        self._sources = sources_of(self.store)
        # The first period's weeks alone, for the first frame; the whole record afterwards.
        recent = history_until(self._sources, self.today, self.period.weeks)
        self._began = recent.began
        self._show(period_series(recent, self.period))
        self.call_after_refresh(self._resume_collection)
        self.call_after_refresh(self._mount_rest)
        # The whole record, for the other periods, once the first frame is on screen.
        self.call_after_refresh(self.set_timer, WHOLE_RECORD_AFTER, self._read_whole_record)

    def _resume_collection(self) -> None:
        if self._collecting:
            self._collecting = False
            gc.enable()

    def on_unmount(self) -> None:
        self._resume_collection()  # closed before its first frame was drawn

    @property
    def _names(self) -> dict[str, str]:
        assert self._sources is not None
        partners = self._sources.settings.partners
        return {"a": partners.a, "b": partners.b}

    @property
    def today(self) -> date:
        """The couple's day now."""
        day = logical_day(self.clock.now(), self.store.settings().day_rollover_hour)
        return date(day.year, day.month, day.day)

    def _read_whole_record(self) -> None:
        self._whole_history()
        self._draw_next_ahead()

    def _draw_next_ahead(self) -> None:
        """Draw the charts of the period `d` shows next while the couple reads this one, one
        chart at a time so that a key pressed meanwhile waits for one chart at most."""
        from tui.widgets.progress_cards import ChartCard

        if self._history is None:
            return
        upcoming = _following(self.period)
        series = period_series(self._history, upcoming)
        self._ahead = (upcoming, series)
        for card in self.query(ChartCard):
            self.call_later(card.draw_ahead, series)

    def _whole_history(self) -> WeeklyHistory:
        if self._history is None and self._sources is not None:
            self._history = history_until(self._sources, self.today)
        assert self._history is not None
        return self._history

    def help_text(self) -> str:
        """What the view shows and how to read it (Markdown), above its keys in the help."""
        return (CONTENT_DIR / "help" / "progress.md").read_text(encoding="utf-8")

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(height >= TALL, "-tall")

    # --- drawing ---------------------------------------------------------------------------

    def _show(self, series: ProgressSeries) -> None:
        from tui.widgets.progress_cards import ChartCard

        names = self._names
        said = sentences(series, names, self.period.span_words(self._began))
        self.series, self.sentences = series, said
        self.cursor = len(series) - 1
        for card in self.query(ChartCard):
            card.show(series, getattr(said, card.kind.sentence), names, self.cursor)
        self._show_heading()
        self._refresh_keys()

    def _show_heading(self) -> None:
        from tui.widgets.progress_cards import SESSION

        series, said = self.series, self.sentences
        if series is None or said is None:
            return
        first, unit = series.starts[0], series.unit.value
        heading = Text(f"{self.period.value.capitalize()}", style="bold")
        heading.append(f": {first.day} {first:%b %Y} to {self.today.day} {self.today:%b %Y}, ")
        heading.append(f"{unit} by {unit}. ")
        heading.append(said.therapy)
        if series.session_days:
            heading.append(f" Each is marked {SESSION} on the first chart.")
        self.query_one("#progress-heading", Static).update(heading)

    # --- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        series = self.series
        if series is None:
            return action in ("close", "scroll")
        if action == "open_week":
            return bool(series.checkins[self.cursor])
        if action == "move" and parameters:
            step = int(str(parameters[0]))
            return 0 <= self.cursor + step < len(series)
        return True

    def action_cycle_period(self) -> None:
        """The next period: 4 weeks, 3 months, a year, everything, and round again."""
        self.period = _following(self.period)
        ahead = self._ahead
        if ahead is not None and ahead[0] is self.period:
            self._show(ahead[1])
        else:
            self._show(period_series(self._whole_history(), self.period))
        self.call_after_refresh(self.set_timer, DRAW_AHEAD_AFTER, self._draw_next_ahead)

    def action_move(self, step: int) -> None:
        """Move the cursor `step` buckets along the time axis."""
        if self.series is not None:
            self._move_cursor(max(0, min(len(self.series) - 1, self.cursor + step)))

    def action_move_to_end(self, last: int) -> None:
        """Move the cursor to the first bucket, or with `last` to the latest."""
        if self.series is not None:
            self._move_cursor(len(self.series) - 1 if last else 0)

    def _move_cursor(self, cursor: int) -> None:
        from tui.widgets.progress_cards import ChartCard

        self.cursor = cursor
        for card in self.query(ChartCard):
            card.move_cursor(cursor)
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Tell the footer and the palette which keys work now, if that changed: the footer
        rebuilds itself each time it is told, which would cost every move of the cursor."""
        live = tuple(self.check_action(*parse(b.action)[1:]) for b in self._keys)
        if live != self._live_keys:
            self._live_keys = live
            self.refresh_bindings()

    def action_open_week(self) -> None:
        """Open the summary of the latest check-in held in the bucket under the cursor."""
        if self.series is not None and (held := self.series.checkins[self.cursor]):
            self.open_checkin(held[-1])

    def action_scroll(self, lines: int) -> None:
        """Scroll the charts by `lines` (a page for ten)."""
        charts = self.query_one("#progress-charts", VerticalScroll)
        if abs(lines) >= 10:
            (charts.scroll_page_down if lines > 0 else charts.scroll_page_up)(animate=False)
        else:
            charts.scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss(None)


def _following(period: ProgressPeriod) -> ProgressPeriod:
    """The period `d` shows after `period`: 4 weeks, 3 months, a year, everything, round."""
    return PERIODS[(PERIODS.index(period) + 1) % len(PERIODS)]
