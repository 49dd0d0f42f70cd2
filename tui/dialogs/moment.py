"""Noting a moment, or changing one: what kind, who felt it, what happened, what set it off,
what helped, how strong, and whether to bring it to the next check-in.

The words ask about what happened and what was needed, never about what the other one did.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet

from tui.core.models import Partners
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


class MomentDialog(FormDialog[Moment]):
    """Returns the moment as typed and checked (a new one, or `moment` changed), or None."""

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
        moment = self.moment
        kind = moment.kind if moment else MomentKind.CONNECTION
        who = moment.who if moment else "both"
        yield Label("What kind of moment")
        with RadioSet(id="kind", classes="inline-choices"):
            for choice, label in KIND_LABELS.items():
                yield RadioButton(label, value=choice is kind, name=choice.value)
        yield Label("Who felt it")
        with RadioSet(id="who", classes="inline-choices"):
            yield RadioButton(Text(self.partners.a), value=who == "a", name="a")
            yield RadioButton(Text(self.partners.b), value=who == "b", name="b")
            yield RadioButton("Both of us", value=who == "both", name="both")
        yield Label("What happened (one line)")
        yield Input(
            moment.what_happened if moment else "",
            placeholder="e.g. I felt alone at dinner; we talked it through after",
            id="what_happened",
        )
        yield Label("When (YYYY-MM-DD HH:MM)")
        # On the couple's clock now, which is how what is typed here is read back.
        at = moment.local_time(self.now.tzinfo) if moment else self.now
        yield Input(at.strftime(WHEN_FORMAT), id="at")
        yield Label("What set it off (optional)")
        yield Input(moment.triggers if moment else "", id="triggers")
        yield Label("Tags for what set it off, e.g. work-late phones (earlier ones are offered)")
        yield Input(
            " ".join(moment.tags) if moment else "",
            id="tags",
            suggester=TagSuggester(lambda typed: self.tags_for(typed, False)),
        )
        yield Label("What helped, or what I needed (optional)")
        yield Input(moment.helped if moment else "", id="helped")
        yield Label("Tags for what helped")
        yield Input(
            " ".join(moment.helped_tags) if moment else "",
            id="helped_tags",
            suggester=TagSuggester(lambda typed: self.tags_for(typed, True)),
        )
        yield Label("How strong it felt, 1 to 5 (optional)")
        strength = moment.strength if moment else None
        yield Input(
            "" if strength is None else str(strength),
            id="strength",
            restrict=r"[0-9]*",
            max_length=1,
        )
        yield Checkbox(
            "Bring it to the next check-in",
            value=moment.for_checkin if moment else kind is MomentKind.NEGLECT,
            id="for_checkin",
        )

    def first_field(self) -> Widget:
        # What happened is all a quick note needs: kind and who have their usual answers.
        return self.query_one("#what_happened", Input)

    @on(RadioSet.Changed, "#kind")
    def _kind_chosen(self, event: RadioSet.Changed) -> None:
        """Neglect is brought to the check-in unless someone said otherwise."""
        if not self._mark_follows_kind:
            return
        mark = self.query_one("#for_checkin", Checkbox)
        with mark.prevent(Checkbox.Changed):
            mark.value = event.pressed.name == MomentKind.NEGLECT.value

    @on(Checkbox.Changed, "#for_checkin")
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
            "for_checkin": self.query_one("#for_checkin", Checkbox).value,
        }
        try:
            if self.moment is None:
                return new_moment(self.moment_id, now=self.now, **fields)  # type: ignore[arg-type]
            return edit_moment(self.moment, now=self.now, **fields)
        except InvalidText as problem:
            raise FormProblem(str(problem), problem.field) from None
