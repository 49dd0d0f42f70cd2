"""The practice between sessions and the sessions held, in one list: open assignments first,
then those whose time has gone, then the sessions, the newest first.

Each line says what it is in words ("OPEN", "ENDED", "SESSION"), so it reads the same with
NO_COLOR; the theme colours it through component classes styled in styles/therapy.tcss.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets.option_list import Option

from tui.core.models import PARTNER_KEYS
from tui.core.therapy import Assignment, Session, open_assignments, past_assignments
from tui.widgets.option_list import PagedOptionList

KIND_WIDTH = 8
"""Wide enough for the longest kind, "SESSION", and a space."""
ASSIGNMENT = "assignment"
SESSION = "session"


def who_in_words(who: str, names: dict[str, str]) -> str:
    """ "Sam", "Alex" or "both of you", as a sentence says whom the practice is for; `names`
    from `Partners.names`."""
    return names[who] if who in PARTNER_KEYS else "both of you"


class TherapyList(PagedOptionList):
    """Assignments and sessions; option ids are "assignment:<id>" and "session:<id>"."""

    COMPONENT_CLASSES = {
        "therapy-list--open",
        "therapy-list--ended",
        "therapy-list--session",
        "therapy-list--aside",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._count = 0

    def show(
        self,
        assignments: Sequence[Assignment],
        sessions: Sequence[Session],
        today: date,
        names: dict[str, str],
        empty_text: str,
        select: str | None = None,
    ) -> None:
        """List everything as it stands on `today`; highlight `select` (else the first)."""
        aside = self.get_visual_style("therapy-list--aside", partial=True)
        options: list[Option] = []
        for assignment in open_assignments(assignments, today):
            options.append(self._assignment(assignment, "open", names))
        for assignment in past_assignments(assignments, today):
            options.append(self._assignment(assignment, "ended", names))
        kind = self.get_visual_style("therapy-list--session", partial=True)
        for session in sorted(sessions, key=lambda s: s.on, reverse=True):
            prompt = Content.assemble(
                (f"{'SESSION':<{KIND_WIDTH}}", kind),
                f"{session.on:%a} {session.on.day} {session.on:%b %Y}",
                (f"  {session.takeaways.splitlines()[0]}" if session.takeaways else "", aside),
            )
            options.append(Option(prompt, f"{SESSION}:{session.id}"))
        self._count = len(options)
        self.clear_options()
        if not options:
            self.add_option(Option(Content.styled(empty_text, aside), disabled=True))
            return
        self.add_options(options)
        known = select is not None and any(option.id == select for option in options)
        self.highlighted = self.get_option_index(select) if known else 0  # type: ignore[arg-type]

    def _assignment(self, assignment: Assignment, state: str, names: dict[str, str]) -> Option:
        tries = len(assignment.attempts)
        prompt = Content.assemble(
            (
                f"{state.upper():<{KIND_WIDTH}}",
                self.get_visual_style(f"therapy-list--{state}", partial=True),
            ),
            Content(assignment.what),
            (
                f"  · {who_in_words(assignment.who, names)}, {tries} "
                f"attempt{'s' if tries != 1 else ''}",
                self.get_visual_style("therapy-list--aside", partial=True),
            ),
        )
        return Option(prompt, f"{ASSIGNMENT}:{assignment.id}")

    @property
    def selected(self) -> tuple[str, str] | None:
        """("assignment" or "session", its id) of the highlighted line, or None."""
        if self.highlighted is None or not self._count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        kind, _, record_id = option_id.partition(":")
        return kind, record_id
