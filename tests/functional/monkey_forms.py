"""A person filling in a form: every empty field in turn, then Save; a field the form refuses
(the form moves the focus to it and says why) gets another kind of answer.

The monkey's random keys rarely fill in every field a form needs, so without this the items
that later keys need (a request to answer, a session to edit) would come only by luck. Nothing
here knows a particular form: it reads which fields there are and which one the form refused.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from tui.dialogs.base import FormDialog
from tui.widgets.choices import ChoiceSet
from tui.widgets.rating_picker import RatingPicker

Action = tuple[str, str]
"""("key", key name) or ("paste", text): one input for the app."""
MOST_INPUTS_A_FORM = 40
"""A form still open after this many inputs is refusing what a person would enter: the filler
gives up and the monkey goes back to chance (which may press escape)."""


def is_empty(widget: Widget) -> bool:
    """True for a field with nothing entered or chosen yet."""
    if isinstance(widget, Input):
        return not widget.value
    if isinstance(widget, TextArea):
        return not widget.text
    if isinstance(widget, ChoiceSet):
        return widget.chosen is None
    if isinstance(widget, RatingPicker):
        return widget.value is None
    if isinstance(widget, Select):
        return widget.is_blank()
    return False


@dataclass
class _Progress:
    form: FormDialog
    visited: set[int] = field(default_factory=set)
    refusals: dict[int, int] = field(default_factory=dict)
    inputs: int = 0
    saved_once: bool = False
    answered_refusal: bool = False
    queued: list[Action] = field(default_factory=list)


class FormFiller:
    """Fills in forms as a person would, one input at a time."""

    def __init__(
        self,
        rng: random.Random,
        phrase: Callable[[], str],
        today: Callable[[], date],
        passphrase: Callable[[], str],
    ) -> None:
        self.random = rng
        self.phrase = phrase
        self.today = today
        self.passphrase = passphrase
        """What goes in a passphrase field: the one the couple knows, so that a passphrase
        set or asked for by any form is one the monkey can unlock with."""
        self._forms: dict[int, _Progress] = {}

    def next_action(self, form: FormDialog) -> Action | None:
        """The next input for `form`, or None when the filler gives up on it."""
        progress = self._forms.get(id(form))
        if progress is None or progress.form is not form:
            progress = self._forms[id(form)] = _Progress(form)
        progress.inputs += 1
        if progress.inputs > MOST_INPUTS_A_FORM:
            return None
        if progress.queued:
            return progress.queued.pop(0)
        fields = [widget for widget in form.focus_chain if _is_field(widget)]
        focused = form.focused
        if not progress.saved_once:
            if focused in fields and id(focused) not in progress.visited:
                progress.visited.add(id(focused))
                # Boxes are left as they are: the steps of the meeting, for one, are the
                # mode a run is in.
                if is_empty(focused):
                    return self._answer(focused, progress, again=False)
            if any(id(widget) not in progress.visited for widget in fields):
                return ("key", "tab")
            progress.saved_once = True
            return ("key", "ctrl+s")
        if progress.answered_refusal:
            progress.answered_refusal = False
            return ("key", "ctrl+s")
        if focused in fields:
            # Saving was refused and the form took the focus to the field at fault.
            progress.answered_refusal = True
            return self._answer(focused, progress, again=True)
        return None

    def _answer(self, widget: Widget, progress: _Progress, again: bool) -> Action:
        """The inputs that fill `widget` in; `again` after the form refused what it held."""
        tries = progress.refusals.get(id(widget), 0)
        progress.refusals[id(widget)] = tries + 1
        actions: list[Action]
        if isinstance(widget, Input) and widget.password:
            actions = [("paste", self.passphrase())]
        elif isinstance(widget, Input | TextArea):
            actions = [("paste", self._candidate(tries if again else 0))]
            if not is_empty(widget):
                # Select what is there, so that the paste replaces it.
                select_all = "ctrl+shift+a" if isinstance(widget, Input) else "ctrl+a"
                actions.insert(0, ("key", select_all))
        elif isinstance(widget, ChoiceSet):
            # Enter in a choice saves the form, as in a text field: only the arrows choose.
            actions = [("key", "down")] * self.random.randint(1, 3)
        elif isinstance(widget, RatingPicker):
            actions = [("key", str(self.random.randint(1, 5)))]
        elif isinstance(widget, Select):
            actions = [("key", "enter"), ("key", "down"), ("key", "enter")]
        else:
            actions = [("key", "space")]
        progress.queued.extend(actions[1:])
        return actions[0]

    def _candidate(self, tries: int) -> str:
        """What a person would try next in a field refused `tries` times: words first, then
        a small number, a date (today, a week on, a week ago), a time, both."""
        today = self.today()
        week_on = today + timedelta(days=7)
        answers = (
            self.phrase(),
            "3",
            today.isoformat(),
            f"{week_on.isoformat()} 18:30",
            "18:30",
            (today - timedelta(days=7)).isoformat(),
            week_on.isoformat(),
            "1",
        )
        return answers[tries % len(answers)]


def _is_field(widget: Widget) -> bool:
    """A field of the form's own (not its Save and Cancel buttons)."""
    return any(ancestor.has_class("form-fields") for ancestor in widget.ancestors) and isinstance(
        widget, Input | TextArea | ChoiceSet | RatingPicker | Select | Checkbox
    )
