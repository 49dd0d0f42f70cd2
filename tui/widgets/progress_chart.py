"""One chart of the Progress view, drawn by Plotext through Textual's own wrapper for it.

The chart knows nothing of the couple's record: it draws a `Picture` (marks at points, each
series with a glyph of its own, and a cursor column) at whatever size it is given. Each series
has a glyph as well as a colour, so the chart reads the same with NO_COLOR; colours come from
the theme through the screen's component classes (styles/progress.tcss).

This module imports the plotting library: it is imported only when the Progress view is
first shown, so start-up does not pay for it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.content import Content
from textual_plotext import PlotextPlot

DRAWINGS_KEPT = 8
"""Charts drawn and kept, for a picture shown again (the next period, drawn ahead)."""
SERIES_STYLES = ("first", "second", "third", "mark")
"""The styles a series can be drawn in: the screen's component classes "progress-chart--first"
and so on ("progress-chart--cursor" for the cursor)."""


class Series(NamedTuple):
    """One series of a chart: its glyph, its style (one of `SERIES_STYLES`), its points."""

    glyph: str
    style: str
    points: list[tuple[float, float]]


class Picture(NamedTuple):
    """What a chart shows: series over `buckets` columns, a value range and the ticks."""

    buckets: int
    series: list[Series]
    lowest: float
    highest: float
    y_ticks: list[float]
    y_labels: list[str]
    x_ticks: list[tuple[int, str]]


class ProgressChart(PlotextPlot):
    """A Plotext chart of a `Picture` with a cursor on one bucket."""

    DEFAULT_CSS = """
    ProgressChart {
        height: 9;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        # Plotext's own "clear" theme paints no background and gives the frame and ticks no
        # colour, so the stylesheet decides them. (Its "auto" theme keeps each theme's colours
        # in a table shared by the whole process, made from whichever app drew it first.)
        self.theme = "clear"
        self.picture: Picture | None = None
        self.cursor = 0
        self._styles: dict[str, Style] = {}
        self._drawings: dict[tuple[int, int, int, int], tuple[Picture, Content]] = {}
        """Charts drawn, by picture, cursor and size, kept as Textual's own content (which a
        Rich text would be turned into on every showing): drawing one costs milliseconds."""

    def show(self, picture: Picture, cursor: int) -> None:
        """Draw `picture` with the cursor on bucket `cursor`."""
        self.picture, self.cursor = picture, cursor
        self.refresh()

    def move_cursor(self, cursor: int) -> None:
        """Move the cursor column to bucket `cursor`."""
        self.cursor = cursor
        self.refresh()

    def draw_ahead(self, picture: Picture, cursor: int) -> None:
        """Draw `picture` with the cursor on `cursor` now, at this size, without showing it,
        so that showing it later costs no drawing."""
        if not self.size.area:
            return
        shown = self.picture, self.cursor
        self.picture, self.cursor = picture, cursor
        try:
            self.render()
        finally:
            self.picture, self.cursor = shown

    def render(self) -> RenderResult:
        picture = self.picture
        if picture is None:
            self._draw()
            return super().render()
        key = (id(picture), self.cursor, *self.size)
        drawn = self._drawings.get(key)
        if drawn is not None and drawn[0] is picture:
            return drawn[1]
        self._draw()
        text = super().render()
        assert isinstance(text, Text)
        content = Content.from_rich_text(text, console=self.app.console)
        if len(self._drawings) >= DRAWINGS_KEPT:
            del self._drawings[next(iter(self._drawings))]  # the oldest
        self._drawings[key] = (picture, content)
        return content

    def series_style(self, style: str) -> Style:
        """The theme's style for series drawn in `style`, looked up once per theme.

        The styles are the screen's component classes rather than each chart's own: Textual
        restyles every component class of a node each time it restyles the node, which for
        six charts was a good part of the view's first frame."""
        if style not in self._styles:
            self._styles[style] = self.screen.get_component_rich_style(f"progress-chart--{style}")
        return self._styles[style]

    def notify_style_update(self) -> None:
        self._styles.clear()  # another theme: look the colours up again
        self._drawings.clear()
        super().notify_style_update()

    def _colour(self, style: str) -> tuple[int, int, int] | str:
        colour = self.series_style(style).color
        if colour is None:
            return "default"
        red, green, blue = colour.get_truecolor()
        return (red, green, blue)

    def _draw(self) -> None:
        plot = self.plt
        plot.clear_figure()
        picture = self.picture
        if picture is None:
            return
        plot.xlim(-0.5, picture.buckets - 0.5)
        plot.ylim(picture.lowest, picture.highest)
        plot.yticks(picture.y_ticks, picture.y_labels)
        plot.xticks([x for x, _label in picture.x_ticks], [label for _x, label in picture.x_ticks])
        # The cursor first: the marks of its bucket are drawn over it.
        plot.vertical_line(self.cursor, color=self._colour("cursor"))
        for series in picture.series:
            if not series.points:
                continue
            xs = [x for x, _y in series.points]
            ys = [y for _x, y in series.points]
            plot.scatter(xs, ys, marker=series.glyph, color=self._colour(series.style))
