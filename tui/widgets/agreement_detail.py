"""The selected agreement in full: status, who proposed and signed, what a lapse starts, and
its history of wordings, lapses with their repairs, and reviews.

Drawn from the agreement each time, with the theme's colours (component classes styled in
styles/agreements.tcss); every state is also in words, so it reads the same with NO_COLOR.
Text the couple typed is shown literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from tui.core.agreements import Agreement, AgreementStatus
from tui.widgets.agreement_list import status_class

PREFIX = "agreement-detail"
Part = Content | str | tuple[str, Style]
"""A piece of `Content.assemble`: a plain string is shown as it is, never as markup."""


class AgreementDetail(Widget):
    """Everything about one agreement, or nothing when none is selected."""

    COMPONENT_CLASSES = {
        *(status_class(PREFIX, status) for status in AgreementStatus),
        f"{PREFIX}--wording",
        f"{PREFIX}--label",
        f"{PREFIX}--heading",
        f"{PREFIX}--name",
        f"{PREFIX}--note",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._agreement: Agreement | None = None
        self._today = date.min
        self._names: dict[str, str] = {}
        self._repairs: Mapping[str, tuple[int, int]] = {}

    def show(
        self,
        agreement: Agreement | None,
        today: date,
        names: dict[str, str],
        repairs: Mapping[str, tuple[int, int]],
    ) -> None:
        """Show `agreement` as it stands on `today`.

        `names` maps partner keys to names; `repairs` maps each lapse's id to (days of its repair
        done, days in its repair).
        """
        self._agreement = agreement
        self._today = today
        self._names = names
        self._repairs = repairs
        self.refresh(layout=True)

    def render(self) -> Content:
        agreement = self._agreement
        if agreement is None:
            return Content("")
        parts = self._summary(agreement)
        if len(agreement.wordings) > 1:
            parts += self._earlier_wordings(agreement)
        if agreement.lapses:
            parts += self._lapses(agreement)
        if agreement.reviews:
            parts += self._reviews(agreement)
        return Content.assemble(*parts)

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"{PREFIX}--{name}", partial=True)

    def _summary(self, agreement: Agreement) -> list[Part]:
        status = agreement.status(self._today)
        label = self._style("label")
        signers = " and ".join(self._names[p] for p in sorted(agreement.signatures))
        return [
            (agreement.wording, self._style("wording")),
            "\n\n",
            ("Status: ", label),
            (status.value, self.get_visual_style(status_class(PREFIX, status), partial=True)),
            "\n",
            ("Proposed by ", label),
            agreement.proposer(self._names),
            "\n",
            ("Signed by ", label),
            signers or "nobody yet",
            "\n",
            ("After a lapse: ", label),
            f"{agreement.describe_follow_up()}.\n",
        ]

    def _earlier_wordings(self, agreement: Agreement) -> list[Part]:
        parts: list[Part] = [("\nEarlier wordings\n", self._style("heading"))]
        for wording in agreement.wordings[:-1]:
            parts += [(f"  {wording.since}  ", self._style("label")), f"{wording.text}\n"]
        return parts

    def _lapses(self, agreement: Agreement) -> list[Part]:
        label = self._style("label")
        parts: list[Part] = [("\nLapses and repairs\n", self._style("heading"))]
        for lapse in reversed(agreement.lapses):
            done, total = self._repairs.get(lapse.id, (0, lapse.repair.days))
            parts += [
                (f"  {lapse.day}  ", label),
                (self._names[lapse.partner], self._style("name")),
                f": repair {done} of {total} days done",
                (f"; review due {lapse.review_day.isoformat()}\n", label),
            ]
            if lapse.note:
                parts += ["    ", (f"{lapse.note}\n", self._style("note"))]
        return parts

    def _reviews(self, agreement: Agreement) -> list[Part]:
        parts: list[Part] = [("\nReviews\n", self._style("heading"))]
        for review in reversed(agreement.reviews):
            parts.append((f"  {review.day}  {review.outcome.value}", self._style("label")))
            parts.append(f"  {review.note}\n" if review.note else "\n")
        return parts
