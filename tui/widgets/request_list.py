"""The list of requests: each one's status in words and what it is now (what was agreed, once
it was; else what was asked), the newest first.

The status reads the same with NO_COLOR ("ANSWER DUE"); its colour comes from the theme
through a component class per status, styled in styles/requests.tcss.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.style import Style
from textual.widgets.option_list import Option

from tui.core.requests import Request, RequestStatus
from tui.widgets.option_list import PagedOptionList

STATUS_WIDTH = 13
"""Wide enough for the longest short status, "NOT AS ASKED", and a space."""

SHORT_STATUS = {
    RequestStatus.ASKED: "ASKED",
    RequestStatus.ANSWER_DUE: "ANSWER DUE",
    RequestStatus.OVERDUE: "OVERDUE",
    RequestStatus.NOT_AS_ASKED: "NOT AS ASKED",
    RequestStatus.ALTERNATIVE_OFFERED: "ALTERNATIVE",
    RequestStatus.AGREED: "AGREED",
    RequestStatus.KEPT: "KEPT",
    RequestStatus.WITHDRAWN: "WITHDRAWN",
}
"""The list's column of statuses: the detail says each in full ("alternative offered")."""


def status_class(prefix: str, status: RequestStatus) -> str:
    """The component class of a status: `request-list--answer-due` for prefix `request-list`."""
    return f"{prefix}--{status.name.lower().replace('_', '-')}"


STYLE_CLASSES = (
    *(status_class("request-list", status) for status in RequestStatus),
    "request-list--aside",
)


class RequestList(PagedOptionList):
    """Requests, the newest first; the option ids are the requests' ids."""

    COMPONENT_CLASSES = set(STYLE_CLASSES)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._requests: Sequence[Request] = ()
        self._today = date.min
        self._empty_text = ""
        self._styled_with: tuple[Style, ...] = ()

    def show(
        self, requests: Sequence[Request], today: date, empty_text: str, select: str | None
    ) -> None:
        """List `requests` as they stand on `today`; highlight `select` (else the first)."""
        self._requests = requests
        self._today = today
        self._empty_text = empty_text
        self._fill()
        if requests:
            known = select is not None and any(r.id == select for r in requests)
            self.highlighted = self.get_option_index(select) if known else 0

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted request, or None when the list is empty."""
        if self.highlighted is None or not self._requests:
            return None
        return self.get_option_at_index(self.highlighted).id

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The prompts carry the theme's colours, and this is called before the component
        # classes take the new theme's: build the prompts again once they have.
        self.call_later(self._restyle)

    def _restyle(self) -> None:
        if not self._styled_with or self._styles() == self._styled_with:
            return
        if not self._requests:
            self._fill()
            return
        self._styled_with = self._styles()
        for index, request in enumerate(self._requests):
            self.replace_option_prompt_at_index(index, self._prompt(request))

    def _styles(self) -> tuple[Style, ...]:
        return tuple(self.get_visual_style(name, partial=True) for name in STYLE_CLASSES)

    def _fill(self) -> None:
        self._styled_with = self._styles()
        self.clear_options()
        if not self._requests:
            aside = self.get_visual_style("request-list--aside", partial=True)
            self.add_option(Option(Content.styled(self._empty_text, aside), disabled=True))
            return
        self.add_options(Option(self._prompt(request), request.id) for request in self._requests)

    def _prompt(self, request: Request) -> Content:
        status = request.status(self._today)
        return Content.assemble(
            (
                f"{SHORT_STATUS[status]:<{STATUS_WIDTH}}",
                self.get_visual_style(status_class("request-list", status), partial=True),
            ),
            Content(request.headline),
        )
