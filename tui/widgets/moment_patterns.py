"""What the log shows over a period: connection, neglect and repair week by week as bars, the
comparison with the period before, the most frequent triggers and helpers, and when moments
cluster (weekday against time of day).

Counts are written out beside every bar, and kinds carry their symbol and word, so the view
reads the same with NO_COLOR.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.core.moment_patterns import WEEKDAYS, Patterns, TagCount, TimeOfDay, busiest
from tui.core.moments import MomentKind
from tui.widgets.moment_list import KIND_MARKS, kind_class

PREFIX = "moment-patterns"
LEVELS = "▁▂▃▄▅▆▇█"
NONE_THAT_WEEK = "·"
SHORT_MARK = {MomentKind.CONNECTION: "+", MomentKind.NEGLECT: "-", MomentKind.REPAIR: "~"}
Part = Content | str | tuple[str, Style]


def bars(counts: list[int], highest: int, columns_per_week: int) -> str:
    """One bar a week, as high as its count against `highest`; a dot for a week with none."""
    cells = []
    for count in counts:
        if count == 0:
            mark = NONE_THAT_WEEK
        else:
            mark = LEVELS[min(len(LEVELS) - 1, (count * len(LEVELS) - 1) // max(1, highest))]
        cells.append(mark * max(1, columns_per_week - 1) + (" " if columns_per_week > 1 else ""))
    return "".join(cells)


def tag_line(counts: tuple[TagCount, ...]) -> str:
    """ "#work-late 4 · #phones 2", or a word when there were none."""
    return " · ".join(f"#{item.tag} {item.count}" for item in counts) or "no tags yet"


class MomentPatternsView(Widget):
    """The patterns of one period, drawn from a `Patterns` each time."""

    COMPONENT_CLASSES = {
        *(kind_class(PREFIX, kind) for kind in MomentKind),
        f"{PREFIX}--label",
        f"{PREFIX}--heading",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._patterns: Patterns | None = None

    def show(self, patterns: Patterns) -> None:
        """Draw `patterns`."""
        self._patterns = patterns
        self.refresh(layout=True)

    def render(self) -> Content:
        seen = self._patterns
        if seen is None:
            return Content("")
        heading, label = self._style("heading"), self._style("label")
        parts: list[Part] = [
            (seen.period.last.capitalize(), heading),
            (f"  {seen.first_day.isoformat()} to {seen.last_day.isoformat()}\n", label),
        ]
        parts += self._weeks(seen)
        parts.append(("\nAgainst the period before\n", heading))
        parts += [f"{sentence}\n" for sentence in seen.comparisons]
        parts.append(("\nWhat tends to set moments off\n", heading))
        for kind in MomentKind:
            parts += [
                (f"{KIND_MARKS[kind]}  ", self._style(kind.value)),
                f"{tag_line(seen.triggers[kind])}\n",
            ]
        parts += [("What helped most  ", label), f"{tag_line(seen.helpers)}\n"]
        parts += self._clusters(seen)
        return Content.assemble(*parts)

    def _weeks(self, seen: Patterns) -> list[Part]:
        columns = max(1, min(4, 52 // len(seen.weeks)))
        by_kind = {
            MomentKind.CONNECTION: [week.connection for week in seen.weeks],
            MomentKind.NEGLECT: [week.neglect for week in seen.weeks],
            MomentKind.REPAIR: [week.repair for week in seen.weeks],
        }
        highest = max((max(counts) for counts in by_kind.values()), default=0)
        parts: list[Part] = [
            (
                f"\nWeek by week, oldest on the left (tallest: {highest} in a week)\n",
                self._style("heading"),
            )
        ]
        for kind, counts in by_kind.items():
            style = self._style(kind.value)
            parts += [
                (f"{KIND_MARKS[kind]}  ", style),
                (bars(counts, highest, columns), style),
                f" {seen.totals[kind]}\n",
            ]
        return parts

    def _clusters(self, seen: Patterns) -> list[Part]:
        label = self._style("label")
        shown = (MomentKind.CONNECTION, MomentKind.NEGLECT)
        marks = " ".join(f"{SHORT_MARK[kind]}{kind.value}" for kind in shown)
        parts: list[Part] = [
            ("\nWhen moments cluster ", self._style("heading")),
            (f"({marks})\n", label),
            ("     " + "".join(f"{part.value:<11}" for part in TimeOfDay) + "\n", label),
        ]
        for weekday, name in enumerate(WEEKDAYS):
            parts.append((f"{name[:3]}  ", label))
            for part in range(len(TimeOfDay)):
                cell = " ".join(
                    f"{SHORT_MARK[kind]}{seen.clusters[kind][weekday][part]}" for kind in shown
                )
                parts.append(f"{cell:<11}")
            parts.append("\n")
        for kind in MomentKind:
            cluster = busiest(seen.clusters[kind])
            if cluster is not None:
                parts.append(f"{cluster.describe(kind)}\n")
        return parts

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"{PREFIX}--{name}", partial=True)
