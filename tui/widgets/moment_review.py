"""The moments to look at together before a check-in's talk starts: those marked for it since
the last check-in, the oldest first, each with what happened and what helped or was needed.

Given the moments by `tui.core.moments.to_review_at_checkin`; finishing the check-in marks them
as talked about (`Store.mark_moments_talked_about`), which keeps them in the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.core.moments import Moment, MomentKind
from tui.widgets.moment_list import KIND_MARKS, kind_class

PREFIX = "moment-review"
Part = Content | str | tuple[str, Style]


class MomentReview(Widget):
    """A short list of the moments to talk about at this check-in; nothing when there are none."""

    COMPONENT_CLASSES = {
        *(kind_class(PREFIX, kind) for kind in MomentKind),
        f"{PREFIX}--heading",
        f"{PREFIX}--label",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._moments: Sequence[Moment] = ()
        self._names: Mapping[str, str] = {}
        self._time_zone = "UTC"
        self._rollover_hour = 0

    @property
    def moment_ids(self) -> list[str]:
        """The ids of the moments shown, for marking them talked about when the check-in ends."""
        return [moment.id for moment in self._moments]

    def show(
        self,
        moments: Sequence[Moment],
        names: Mapping[str, str],
        time_zone: str,
        rollover_hour: int,
    ) -> None:
        """Show `moments`, each on its day in `time_zone` (days turning at `rollover_hour`);
        `names` maps "a", "b" and "both" to how they are shown."""
        self._moments = moments
        self._names = names
        self._time_zone = time_zone
        self._rollover_hour = rollover_hour
        self.display = bool(moments)
        self.refresh(layout=True)

    def render(self) -> Content:
        if not self._moments:
            return Content("")
        label = self._style("label")
        count = len(self._moments)
        parts: list[Part] = [
            (
                f"To talk about: {count} moment{'' if count == 1 else 's'} "
                "marked since the last check-in\n",
                self._style("heading"),
            )
        ]
        for moment in self._moments:
            who = self._names.get(moment.who, moment.who)
            parts += [
                (KIND_MARKS[moment.kind], self._style(moment.kind.value)),
                (
                    f" {moment.day(self._time_zone, self._rollover_hour).isoformat()}  {who}: ",
                    label,
                ),
                f"{moment.what_happened}\n",
            ]
            if moment.helped:
                parts += [("    what helped or was needed: ", label), f"{moment.helped}\n"]
        return Content.assemble(*parts)

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"{PREFIX}--{name}", partial=True)
