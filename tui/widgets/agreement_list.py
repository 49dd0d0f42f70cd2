"""The list of agreements: each one's status in words, its wording and its lapses lately.

The status reads the same with NO_COLOR ("REVIEW DUE"); its colour comes from the theme
through a component class per status, styled in styles/agreements.tcss.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.style import Style
from textual.widgets.option_list import Option

from tui.core.agreements import RECENT_LAPSE_DAYS, Agreement, AgreementStatus
from tui.widgets.option_list import PagedOptionList

STATUS_WIDTH = 13
"""Wide enough for the longest status, "UNDER REPAIR", and a space."""


def status_class(prefix: str, status: AgreementStatus) -> str:
    """The component class of a status: `agreement-list--review-due` for prefix `agreement-list`."""
    return f"{prefix}--{status.name.lower().replace('_', '-')}"


def recent_lapses_phrase(count: int) -> str:
    """ "  · 2 lapses in 30 days", or nothing when there were none."""
    if not count:
        return ""
    return f"  · {count} lapse{'s' if count != 1 else ''} in {RECENT_LAPSE_DAYS} days"


STYLE_CLASSES = (
    *(status_class("agreement-list", status) for status in AgreementStatus),
    "agreement-list--aside",
)


class AgreementList(PagedOptionList):
    """The agreements in the order they were proposed; the option ids are the agreements' ids."""

    COMPONENT_CLASSES = set(STYLE_CLASSES)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._agreements: Sequence[Agreement] = ()
        self._today = date.min
        self._empty_text = ""
        self._styled_with: tuple[Style, ...] = ()

    def show(
        self,
        agreements: Sequence[Agreement],
        today: date,
        empty_text: str,
        select: str | None = None,
    ) -> None:
        """List `agreements` as they stand on `today`; highlight `select` (else the first)."""
        self._agreements = agreements
        self._today = today
        self._empty_text = empty_text
        self._fill()
        if agreements:
            known = select is not None and any(a.id == select for a in agreements)
            self.highlighted = self.get_option_index(select) if known else 0

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted agreement, or None when the list is empty."""
        if self.highlighted is None or not self._agreements:
            return None
        return self.get_option_at_index(self.highlighted).id

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The prompts carry the theme's colours, and this is called before the component
        # classes take the new theme's: build the prompts again once they have.
        self.call_later(self._restyle)

    def _restyle(self) -> None:
        if not self._styled_with or self._styles() == self._styled_with:
            return  # not shown yet, or the colours are the same
        if not self._agreements:
            self._fill()
            return
        self._styled_with = self._styles()
        # In place, so that the highlight and the scroll position stay.
        for index, agreement in enumerate(self._agreements):
            self.replace_option_prompt_at_index(index, self._prompt(agreement))

    def _styles(self) -> tuple[Style, ...]:
        return tuple(self.get_visual_style(name, partial=True) for name in STYLE_CLASSES)

    def _fill(self) -> None:
        self._styled_with = self._styles()
        self.clear_options()
        if not self._agreements:
            aside = self.get_visual_style("agreement-list--aside", partial=True)
            self.add_option(Option(Content.styled(self._empty_text, aside), disabled=True))
            return
        self.add_options(
            Option(self._prompt(agreement), agreement.id) for agreement in self._agreements
        )

    def _prompt(self, agreement: Agreement) -> Content:
        status = agreement.status(self._today)
        lapses = agreement.lapses_within(RECENT_LAPSE_DAYS, self._today)
        return Content.assemble(
            (
                f"{status.value.upper():<{STATUS_WIDTH}}",
                self.get_visual_style(status_class("agreement-list", status), partial=True),
            ),
            Content(agreement.wording),
            (
                recent_lapses_phrase(lapses),
                self.get_visual_style("agreement-list--aside", partial=True),
            ),
        )
