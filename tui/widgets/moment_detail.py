"""The selected moment in full: its kind, when and who, what happened, what set it off, what
helped, how strong it felt, and where it stands for the check-in.

Text the couple typed is shown literally, never as markup; every kind is also in words.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.core.moments import Moment, MomentKind
from tui.widgets.moment_list import CHECKIN_MARK, KIND_MARKS, kind_class

PREFIX = "moment-detail"
Part = Content | str | tuple[str, Style]


def checkin_state(moment: Moment) -> str:
    """Where a moment stands for the check-in, in words."""
    if moment.talked_about_on is not None:
        return f"talked about at the check-in of {moment.talked_about_on.isoformat()}"
    if moment.for_checkin:
        return f"{CHECKIN_MARK} to bring to the next check-in"
    return "not marked for the check-in"


class MomentDetail(Widget):
    """Everything about one moment, or a hint when none is selected."""

    COMPONENT_CLASSES = {
        *(kind_class(PREFIX, kind) for kind in MomentKind),
        f"{PREFIX}--label",
        f"{PREFIX}--heading",
        f"{PREFIX}--tags",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._moment: Moment | None = None
        self._names: Mapping[str, str] = {}
        self._time_zone = "UTC"

    def show(self, moment: Moment | None, names: Mapping[str, str], time_zone: str) -> None:
        """Show `moment`, its time in `time_zone`; `names` maps "a", "b" and "both" to how
        they read (`Partners.names`)."""
        self._moment = moment
        self._names = names
        self._time_zone = time_zone
        self.refresh(layout=True)

    def render(self) -> Content:
        moment = self._moment
        if moment is None:
            return Content("")
        label, heading = self._style("label"), self._style("heading")
        parts: list[Part] = [
            (KIND_MARKS[moment.kind].strip(), self._style(moment.kind.value)),
            (f"  {moment.local_time(self._time_zone):%a %Y-%m-%d %H:%M}\n", label),
            ("Who felt it: ", label),
            f"{self._names.get(moment.who, moment.who)}\n",
            ("\nWhat happened\n", heading),
            f"{moment.what_happened}\n",
        ]
        parts += self._section("What set it off", moment.triggers, moment.tags)
        parts += self._section("What helped, or what was needed", moment.helped, moment.helped_tags)
        if moment.strength is not None:
            dots = "●" * moment.strength + "○" * (5 - moment.strength)
            parts += [("\nHow strong ", label), f"{dots} {moment.strength} of 5\n"]
        parts += [("\nCheck-in: ", label), f"{checkin_state(moment)}\n"]
        return Content.assemble(*parts)

    def _section(self, title: str, text: str, tags: tuple[str, ...]) -> list[Part]:
        if not text and not tags:
            return []
        parts: list[Part] = [(f"\n{title}\n", self._style("heading"))]
        if text:
            parts.append(f"{text}\n")
        if tags:
            parts.append((" ".join(f"#{tag}" for tag in tags) + "\n", self._style("tags")))
        return parts

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"{PREFIX}--{name}", partial=True)
