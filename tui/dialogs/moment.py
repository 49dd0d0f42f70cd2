"""Noting a moment, or changing one: what kind, who felt it, what happened, what set it off,
what helped, how strong, and whether to bring it to the next check-in.

The words ask about what happened and what was needed, never about what the other one did.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from tui.core.models import Partners, partner_options
from tui.core.moments import (
    Moment,
    MomentKind,
    edit_moment,
    new_moment,
    parse_tags,
    parse_when,
)
from tui.core.text import InvalidText, parse_whole_number
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import ChoiceSet, TickBox
from tui.widgets.moment_tags import TagSuggester

WHEN_FORMAT = "%Y-%m-%d %H:%M"
KIND_LABELS = {
    MomentKind.CONNECTION: "Connection",
    MomentKind.NEGLECT: "Neglect",
    MomentKind.REPAIR: "Repair",
}
TagsFor = Callable[[str, bool], list[str]]
"""Earlier tags starting with a prefix; the flag asks for tags of what helped."""


def _strength(text: str) -> int | None:
    if not text.strip():
        return None
    return parse_whole_number(text, label="How strong it felt", lowest=1, highest=5)


def _pair() -> Horizontal:
    """Two fields that sit side by side in a wide window, one under the other in a narrow one."""
    return Horizontal(classes="form-pair")


def _column() -> Vertical:
    return Vertical(classes="form-column")


class MomentDialog(FormDialog[Moment]):
    """Returns the moment as typed and checked (a new one, or `moment` changed), or None."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (128, "-wide")]
    """From 128 columns the form is wide enough for its fields in pairs (styles/dialogs.tcss)."""

    def __init__(
        self,
        title: str,
        *,
        partners: Partners,
        now: datetime,
        moment_id: str,
        tags_for: TagsFor,
        moment: Moment | None = None,
    ) -> None:
        super().__init__(title)
        self.partners = partners
        self.now = now
        self.moment_id = moment_id
        self.tags_for = tags_for
        self.moment = moment
        # A new moment's check-in mark follows its kind until someone sets it by hand.
        self._mark_follows_kind = moment is None

    def compose_fields(self) -> ComposeResult:
        # Top to bottom as a person tells it: what happened first (all a quick note needs, so
        # Enter there saves), then what kind and who, when and how strong, what set it off and
        # what helped. In a wide window the pairs sit side by side, so that every field, down
        # to the check-in box, shows at once.
        moment = self.moment
        kind = moment.kind if moment else MomentKind.CONNECTION
        yield Label("What happened (one line)")
        yield Input(
            moment.what_happened if moment else "",
            placeholder="e.g. I felt alone at dinner; we talked it through after",
            id="what_happened",
        )
        with _pair():
            with _column():
                yield Label("What kind of moment")
                yield ChoiceSet(
                    [(choice.value, label) for choice, label in KIND_LABELS.items()],
                    kind.value,
                    id="kind",
                    inline=True,
                )
            with _column():
                yield Label("Who felt it")
                yield ChoiceSet(
                    partner_options(self.partners, both="both"),
                    moment.who if moment else "both",
                    id="who",
                    inline=True,
                )
        with _pair():
            with _column():
                yield Label("When (YYYY-MM-DD HH:MM)")
                # On the couple's clock now, which is how what is typed here is read back.
                at = moment.local_time(self.now.tzinfo) if moment else self.now
                yield Input(at.strftime(WHEN_FORMAT), id="at")
            with _column():
                yield Label("How strong, 1 to 5 (optional)")
                strength = moment.strength if moment else None
                yield Input(
                    "" if strength is None else str(strength),
                    id="strength",
                    restrict=r"[0-9]*",
                    max_length=1,
                )
        with _pair():
            with _column():
                yield Label("What set it off (optional)")
                yield Input(moment.triggers if moment else "", id="triggers")
            with _column():
                yield Label("Its tags, e.g. work-late phones")
                yield Input(
                    " ".join(moment.tags) if moment else "",
                    id="tags",
                    suggester=TagSuggester(lambda typed: self.tags_for(typed, False)),
                )
        with _pair():
            with _column():
                yield Label("What helped, or what I needed (optional)")
                yield Input(moment.helped if moment else "", id="helped")
            with _column():
                yield Label("Its tags, e.g. walk slow-evening")
                yield Input(
                    " ".join(moment.helped_tags) if moment else "",
                    id="helped_tags",
                    suggester=TagSuggester(lambda typed: self.tags_for(typed, True)),
                )
        yield TickBox(
            "Bring it to the next check-in",
            value=moment.for_checkin if moment else kind is MomentKind.NEGLECT,
            id="for_checkin",
        )

    @on(ChoiceSet.Changed, "#kind")
    def _kind_chosen(self, event: ChoiceSet.Changed) -> None:
        """Neglect is brought to the check-in unless someone said otherwise."""
        if not self._mark_follows_kind:
            return
        mark = self.query_one("#for_checkin", TickBox)
        with mark.prevent(TickBox.Changed):
            mark.value = event.chosen == MomentKind.NEGLECT.value

    @on(TickBox.Changed, "#for_checkin")
    def _mark_set_by_hand(self) -> None:
        self._mark_follows_kind = False

    def result(self) -> Moment:
        fields = {
            "at": self.checked("at", lambda text: parse_when(text, self.now)),
            "who": self.chosen("who") or "both",
            "kind": MomentKind(self.chosen("kind") or MomentKind.CONNECTION.value),
            "what_happened": self.query_one("#what_happened", Input).value,
            "triggers": self.query_one("#triggers", Input).value,
            "tags": self.checked("tags", parse_tags),
            "helped": self.query_one("#helped", Input).value,
            "helped_tags": self.checked("helped_tags", parse_tags),
            "strength": self.checked("strength", _strength),
            "for_checkin": self.query_one("#for_checkin", TickBox).value,
        }
        try:
            if self.moment is None:
                return new_moment(self.moment_id, now=self.now, **fields)  # type: ignore[arg-type]
            return edit_moment(self.moment, now=self.now, **fields)
        except InvalidText as problem:
            raise FormProblem(str(problem), problem.field) from None
