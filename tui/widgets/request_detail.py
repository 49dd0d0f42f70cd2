"""The selected request in full: who asks whom, the hurt and the need behind it, what it is
now (what was agreed, with what was first asked beneath when they differ), where it stands,
and its thread of answers and alternatives, each with its day and who.

Drawn from the request each time, with the theme's colours (component classes styled in
styles/requests.tcss); every state is also in words, so it reads the same with NO_COLOR.
Text the couple typed is shown literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.core.agreements import Agreement
from tui.core.mark_book import MarkBook
from tui.core.models import Settings
from tui.core.moments import Moment
from tui.core.request_words import describe_streaks
from tui.core.requests import Request, RequestStatus, RequestStep, StepKind, linked_id
from tui.core.rituals import Ritual
from tui.widgets.request_list import status_class

if TYPE_CHECKING:
    from pendulum import Date

PREFIX = "request-detail"
Part = Content | str | tuple[str, Style]
"""A piece of `Content.assemble`: a plain string is shown as it is, never as markup."""


class Linked(Struct, frozen=True):
    """What a request became, as the detail shows it: "Ritual: Walk after dinner",
    "streak 4 d (best 9)"."""

    label: str
    name: str
    progress: str = ""


GONE = "no longer in the list"
MOMENT_LABEL_LENGTH = 50


def linked_agreement(request: Request, agreements: Iterable[Agreement]) -> Linked:
    """The agreement a request became, by its wording."""
    found = next((a for a in agreements if a.id == linked_id(request)), None)
    return Linked("Agreement", found.wording if found else GONE)


def linked_ritual(
    request: Request, rituals: Iterable[Ritual], book: MarkBook, today: Date, settings: Settings
) -> Linked:
    """The ritual a request became, with its streak as of `today`."""
    ritual = next((r for r in rituals if r.id == linked_id(request)), None)
    if ritual is None:
        return Linked("Ritual", GONE)
    name = ritual.name + (" (archived)" if ritual.archived else "")
    return Linked("Ritual", name, describe_streaks(ritual, book, today, settings))


def moment_label(moment: Moment, time_zone: str, rollover_hour: int) -> str:
    """ "Sat 21 Nov, neglect: Dinner on our phones again", short enough for one line; the day
    is the moment's on the couple's clock (`time_zone`, days turning at `rollover_hour`)."""
    what = moment.what_happened.splitlines()[0] if moment.what_happened else ""
    if len(what) > MOMENT_LABEL_LENGTH:
        what = what[: MOMENT_LABEL_LENGTH - 1] + "\u2026"
    day = moment.day(time_zone, rollover_hour)
    return f"{day:%a} {day.day} {day:%b}, {moment.kind.value}: {what}"


def moment_choices(
    moments: Iterable[Moment], time_zone: str, rollover_hour: int
) -> list[tuple[str, str]]:
    """(label, id) of each of `moments`, for the request form's list of moments."""
    return [(moment_label(m, time_zone, rollover_hour), m.id) for m in moments]


def moment_line(
    moment_id: str | None, moments: Iterable[Moment], time_zone: str, rollover_hour: int
) -> str:
    """The moment a request came from, for its detail: "" when it came from none."""
    if moment_id is None:
        return ""
    moment = next((m for m in moments if m.id == moment_id), None)
    return moment_label(moment, time_zone, rollover_hour) if moment else "no longer in the log"


STEP_PHRASES = {
    StepKind.DOABLE: "doable as asked",
    StepKind.NOT_AS_ASKED: "not doable as asked",
    StepKind.THINKING: "would like to think it over",
    StepKind.ALTERNATIVE: "offered instead",
    StepKind.ACCEPTED: "accepted the alternative",
    StepKind.KEPT: "kept it",
    StepKind.RITUAL: "made it a ritual",
    StepKind.AGREEMENT: "proposed it as an agreement",
    StepKind.WITHDRAWN: "no longer asks",
}


class RequestDetail(Widget):
    """Everything about one request, or nothing when none is selected."""

    COMPONENT_CLASSES = {
        *(status_class(PREFIX, status) for status in RequestStatus),
        f"{PREFIX}--ask",
        f"{PREFIX}--label",
        f"{PREFIX}--heading",
        f"{PREFIX}--name",
        f"{PREFIX}--quote",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._request: Request | None = None
        self._today = date.min
        self._names: dict[str, str] = {}
        self._moment = ""
        self._linked: Linked | None = None

    def show(
        self,
        request: Request | None,
        today: date,
        names: dict[str, str],
        moment: str = "",
        linked: Linked | None = None,
    ) -> None:
        """Show `request` as it stands on `today`; `names` maps partner keys to names, `moment`
        describes the moment it grew from, `linked` the ritual or agreement it became."""
        self._request = request
        self._today = today
        self._names = names
        self._moment = moment
        self._linked = linked
        self.refresh(layout=True)

    def render(self) -> Content:
        request = self._request
        if request is None:
            return Content("")
        parts = self._summary(request)
        if self._linked is not None:
            parts += self._became(self._linked)
        if request.steps:
            parts += self._thread(request)
        return Content.assemble(*parts)

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"{PREFIX}--{name}", partial=True)

    def _summary(self, request: Request) -> list[Part]:
        label = self._style("label")
        status = request.status(self._today)
        parts: list[Part] = [
            (request.headline, self._style("ask")),
            "\n\n",
            ("Status: ", label),
            (
                request.describe_status(self._today),
                self.get_visual_style(status_class(PREFIX, status), partial=True),
            ),
            "\n",
            (self._names[request.asker], self._style("name")),
            (" asks ", label),
            (self._names[request.asked], self._style("name")),
            (f", {request.created.isoformat()}\n", label),
            ("Need: ", label),
            f"{request.need}\n",
        ]
        if request.hurt:
            parts += [("Hurt: ", label), f"{request.hurt}\n"]
        if self._moment:
            parts += [("Moment: ", label), f"{self._moment}\n"]
        if request.headline != request.ask:
            parts += [("First asked: ", label), (f"{request.ask}\n", self._style("quote"))]
        return parts

    def _became(self, linked: Linked) -> list[Part]:
        label = self._style("label")
        parts: list[Part] = ["\n", (f"{linked.label}: ", label), (linked.name, self._style("name"))]
        if linked.progress:
            parts += [(" · ", label), linked.progress]
        return [*parts, "\n"]

    def _thread(self, request: Request) -> list[Part]:
        parts: list[Part] = [("\nThread\n", self._style("heading"))]
        for step in request.steps:
            parts += self._step(step)
        return parts

    def _step(self, step: RequestStep) -> list[Part]:
        label = self._style("label")
        parts: list[Part] = [
            (f"  {step.day.isoformat()}  ", label),
            (self._names[step.by], self._style("name")),
            f" {STEP_PHRASES[step.kind]}",
        ]
        if step.kind is StepKind.THINKING and step.answer_by is not None:
            parts.append(f", answer by {step.answer_by.isoformat()}")
        if step.kind is StepKind.ALTERNATIVE:
            parts += [": ", (step.text, self._style("quote"))]
        elif step.text:
            parts += ["\n    ", (step.text, self._style("quote"))]
        return [*parts, "\n"]
