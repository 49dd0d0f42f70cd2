"""The cards of the Progress view: for each chart its title, the values of the bucket under
the cursor beside each series' glyph (the legend), its sentence and the chart.

What each chart draws is chosen here from a `ProgressSeries`; the series and the sentences
themselves are computed in `tui.core.progress` and `tui.core.progress_words`. Every series has
a glyph of its own (a partner is ● or ▲ in every chart), so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.core.progress_series import ProgressSeries, Unit
from tui.widgets.progress_chart import Picture, ProgressChart, Series

FIRST, SECOND, TOGETHER, SESSION = "●", "▲", "■", "◇"
COOLING_OFF, STUCK = "‖", "?"
KIND_GLYPHS = {"connection": "+", "neglect": "-", "repair": "~"}
KIND_STYLES = ("first", "second", "third")
"""As the Moments pane writes each kind."""
ANSWERED, CAME_TRUE, LAPSE, REPAIRED = "○", "✓", "•", "✓"
OFFSET = 0.18
"""How far apart two series are drawn within one bucket, so that equal values both show."""
TICKS = 5
"""Labels along the time axis, at most."""


class Legend(NamedTuple):
    """One series in words: its glyph, its style, and what it holds at a bucket."""

    glyph: str
    style: str
    words: Callable[[ProgressSeries, int, dict[str, str]], str]


class ChartKind(NamedTuple):
    """One chart of the view: its title, legend, picture and which sentence goes with it."""

    id: str
    title: str
    sentence: str
    legend: tuple[Legend, ...]
    picture: Callable[[ProgressSeries], Picture]


def bucket_words(series: ProgressSeries, index: int) -> str:
    """ "week of 9 Nov 2026", or "November 2026" for a month."""
    start = series.starts[index]
    if series.unit is Unit.MONTH:
        return f"{start:%B %Y}"
    return f"week of {start.day} {start:%b %Y}"


def time_ticks(series: ProgressSeries) -> list[tuple[int, str]]:
    """A few buckets along the time axis, labelled with their first day or month."""
    count = len(series)
    if count == 0:
        return []
    step = max(1, -(-(count - 1) // (TICKS - 1)))
    chosen = sorted({*range(0, count, step), count - 1})
    if len(chosen) > 1 and chosen[-1] - chosen[-2] < step / 2:
        chosen.pop(-2)  # the last label would run into the one before it
    return [(index, _tick(series.starts[index], series.unit)) for index in chosen]


def _tick(day: date, unit: Unit) -> str:
    return f"{day:%b %Y}" if unit is Unit.MONTH else f"{day.day} {day:%b}"


def _points(values: Sequence[float | None], shift: float = 0.0) -> list[tuple[float, float]]:
    return [(index + shift, value) for index, value in enumerate(values) if value is not None]


def _counted(values: Sequence[int], shift: float = 0.0) -> list[tuple[float, float]]:
    """A count's points; a zero is the axis itself, left bare."""
    return [(index + shift, value) for index, value in enumerate(values) if value]


def _count_picture(series: ProgressSeries, drawn: list[Series]) -> Picture:
    highest = max((y for line in drawn for _x, y in line.points), default=1)
    top = max(2, int(highest) + 1)
    ticks = sorted({0, top // 2, top - 1} if top > 2 else {0, 1})
    return Picture(len(series), drawn, 0, top, ticks, [str(t) for t in ticks], time_ticks(series))


# --- the charts ---------------------------------------------------------------------------------


def connection_picture(series: ProgressSeries) -> Picture:
    """Each partner's rating, 1 to 5, and the therapy sessions along the bottom."""
    drawn = [
        Series(FIRST, "first", _points(series.connection["a"], -OFFSET)),
        Series(SECOND, "second", _points(series.connection["b"], OFFSET)),
        Series(SESSION, "mark", _counted(series.sessions)),
    ]
    drawn[2] = drawn[2]._replace(points=[(x, 0.2) for x, _count in drawn[2].points])
    ticks = [1.0, 2.0, 3.0, 4.0, 5.0]
    return Picture(len(series), drawn, 0, 5.5, ticks, ["1", "2", "3", "4", "5"], time_ticks(series))


def talk_picture(series: ProgressSeries) -> Picture:
    """Minutes each partner spoke; cooling-offs and the times the talk got stuck above."""
    spoken = [m for p in "ab" for m in series.talk_minutes[p] if m is not None]
    most = max(5, round(max(spoken, default=0)))
    top = most * 1.3  # room above the longest talk for the cooling-off and stuck marks
    drawn = [
        Series(FIRST, "first", _points(series.talk_minutes["a"], -OFFSET)),
        Series(SECOND, "second", _points(series.talk_minutes["b"], OFFSET)),
        Series(COOLING_OFF, "mark", [(x, top * 0.95) for x, _ in _counted(series.cooling_offs)]),
        Series(STUCK, "third", [(x, top * 0.95) for x, _ in _counted(series.stuck, OFFSET)]),
    ]
    ticks = [0.0, float(round(most / 2)), float(most)]
    return Picture(
        len(series), drawn, 0, top, ticks, [f"{t:.0f}" for t in ticks], time_ticks(series)
    )


def rituals_picture(series: ProgressSeries) -> Picture:
    """The share of what was due that was kept: together, and each partner's own."""

    def percent(values: Sequence[float | None]) -> list[float | None]:
        return [None if value is None else 100 * value for value in values]

    drawn = [
        Series(TOGETHER, "third", _points(percent(series.rituals["together"]))),
        Series(FIRST, "first", _points(percent(series.rituals["a"]), -OFFSET)),
        Series(SECOND, "second", _points(percent(series.rituals["b"]), OFFSET)),
    ]
    ticks = [0.0, 50.0, 100.0]
    return Picture(len(series), drawn, -5, 110, ticks, ["0%", "50%", "100%"], time_ticks(series))


def moments_picture(series: ProgressSeries) -> Picture:
    """Moments of each kind in each bucket."""
    drawn = [
        Series(KIND_GLYPHS["connection"], "first", _counted(series.moments["connection"], -OFFSET)),
        Series(KIND_GLYPHS["neglect"], "second", _counted(series.moments["neglect"])),
        Series(KIND_GLYPHS["repair"], "third", _counted(series.moments["repair"], OFFSET)),
    ]
    return _count_picture(series, drawn)


def requests_picture(series: ProgressSeries) -> Picture:
    """Requests answered, and requests that came true."""
    drawn = [
        Series(ANSWERED, "second", _counted(series.requests_answered, -OFFSET)),
        Series(CAME_TRUE, "first", _counted(series.requests_came_true, OFFSET)),
    ]
    return _count_picture(series, drawn)


def agreements_picture(series: ProgressSeries) -> Picture:
    """Lapses of an agreement, and repairs completed with their joint review."""
    drawn = [
        Series(LAPSE, "second", _counted(series.lapses, -OFFSET)),
        Series(REPAIRED, "first", _counted(series.repairs_completed, OFFSET)),
    ]
    return _count_picture(series, drawn)


def _rating(partner: str) -> Callable[[ProgressSeries, int, dict[str, str]], str]:
    def words(series: ProgressSeries, index: int, names: dict[str, str]) -> str:
        value = series.connection[partner][index]
        if value is None:
            return f"{names[partner]} {series.unrated[partner][index] or '–'}"
        return (
            f"{names[partner]} {value:g}"
            if value == int(value)
            else f"{names[partner]} {value:.1f}"
        )

    return words


def _minutes(partner: str) -> Callable[[ProgressSeries, int, dict[str, str]], str]:
    def words(series: ProgressSeries, index: int, names: dict[str, str]) -> str:
        value = series.talk_minutes[partner][index]
        return f"{names[partner]} –" if value is None else f"{names[partner]} {value:.0f} min"

    return words


def _share(group: str) -> Callable[[ProgressSeries, int, dict[str, str]], str]:
    def words(series: ProgressSeries, index: int, names: dict[str, str]) -> str:
        value = series.rituals[group][index]
        who = "together" if group == "together" else names[group]
        return f"{who} –" if value is None else f"{who} {round(100 * value)}%"

    return words


def _count(
    label: str, values: Callable[[ProgressSeries], Sequence[int]], plural: str | None = None
) -> Callable[[ProgressSeries, int, dict[str, str]], str]:
    def words(series: ProgressSeries, index: int, _names: dict[str, str]) -> str:
        count = values(series)[index]
        return f"{count} {label if count == 1 else plural or label}"

    return words


def _stuck(series: ProgressSeries, index: int, _names: dict[str, str]) -> str:
    return "stuck: yes" if series.stuck[index] else "stuck: no"


CHARTS = (
    ChartKind(
        "connection",
        "How connected you felt (1 to 5)",
        "connection",
        (
            Legend(FIRST, "first", _rating("a")),
            Legend(SECOND, "second", _rating("b")),
            Legend(SESSION, "mark", _count("session", lambda s: s.sessions, "sessions")),
        ),
        connection_picture,
    ),
    ChartKind(
        "talk",
        "Who spoke how long (minutes)",
        "talk",
        (
            Legend(FIRST, "first", _minutes("a")),
            Legend(SECOND, "second", _minutes("b")),
            Legend(
                COOLING_OFF, "mark", _count("cooling-off", lambda s: s.cooling_offs, "cooling-offs")
            ),
            Legend(STUCK, "third", _stuck),
        ),
        talk_picture,
    ),
    ChartKind(
        "rituals",
        "Rituals kept (share of what was due)",
        "rituals",
        (
            Legend(TOGETHER, "third", _share("together")),
            Legend(FIRST, "first", _share("a")),
            Legend(SECOND, "second", _share("b")),
        ),
        rituals_picture,
    ),
    ChartKind(
        "moments",
        "Moments noted",
        "moments",
        tuple(
            Legend(glyph, style, _count(kind, lambda s, kind=kind: s.moments[kind]))
            for (kind, glyph), style in zip(KIND_GLYPHS.items(), KIND_STYLES, strict=True)
        ),
        moments_picture,
    ),
    ChartKind(
        "requests",
        "Requests",
        "requests",
        (
            Legend(ANSWERED, "second", _count("answered", lambda s: s.requests_answered)),
            Legend(CAME_TRUE, "first", _count("came true", lambda s: s.requests_came_true)),
        ),
        requests_picture,
    ),
    ChartKind(
        "agreements",
        "Agreements",
        "agreements",
        (
            Legend(LAPSE, "second", _count("lapse", lambda s: s.lapses, "lapses")),
            Legend(
                REPAIRED,
                "first",
                _count("repair completed", lambda s: s.repairs_completed, "repairs completed"),
            ),
        ),
        agreements_picture,
    ),
)


class ChartCard(Vertical):
    """One chart, and above it in words its title, the legend with the values under the
    cursor, and its sentence."""

    def __init__(self, kind: ChartKind) -> None:
        super().__init__(id=f"progress-{kind.id}", classes="progress-card")
        self.kind = kind
        self._series: ProgressSeries | None = None
        self._names: dict[str, str] = {}
        self._sentence = ""
        self._ahead: tuple[ProgressSeries, Picture] | None = None
        """A series drawn ahead (`draw_ahead`) and its picture."""

    def compose(self) -> ComposeResult:
        # One text for the three lines: fewer widgets make the view's first frame quicker.
        yield Static(classes="progress-words")
        yield ProgressChart(classes="progress-chart")

    def show(
        self, series: ProgressSeries, sentence: str, names: dict[str, str], cursor: int
    ) -> None:
        """Draw `series` with its `sentence`, the cursor on bucket `cursor`."""
        self._series, self._names, self._sentence = series, names, sentence
        ahead = self._ahead
        picture = ahead[1] if ahead and ahead[0] is series else self.kind.picture(series)
        self.query_one(ProgressChart).show(picture, cursor)
        self._show_words(cursor)

    def draw_ahead(self, series: ProgressSeries) -> None:
        """Draw the chart of `series` (the cursor on its last bucket) without showing it, so
        that `show` then has nothing left to draw."""
        picture = self.kind.picture(series)
        self._ahead = (series, picture)
        self.query_one(ProgressChart).draw_ahead(picture, len(series) - 1)

    def move_cursor(self, cursor: int) -> None:
        """Put the cursor on bucket `cursor`: the chart's column and the legend's values."""
        self.query_one(ProgressChart).move_cursor(cursor)
        self._show_words(cursor)

    def _show_words(self, cursor: int) -> None:
        series = self._series
        if series is None or not len(series):
            return
        chart = self.query_one(ProgressChart)
        words = Text()
        words.append(self.kind.title, self.screen.get_component_rich_style("progress-card--title"))
        words.append(f"\n{bucket_words(series, cursor)}: ")
        for number, entry in enumerate(self.kind.legend):
            if number:
                words.append("  ")
            words.append(entry.glyph, chart.series_style(entry.style))
            words.append(f" {entry.words(series, cursor, self._names)}")
        words.append(f"\n{self._sentence}")
        self.query_one(".progress-words", Static).update(words)
