"""The right-hand side of the Therapy pane: the line selected in full (an assignment and its
debriefed attempts, or a session's takeaways), what to raise at the next session, and the plan.

Text the couple typed is shown literally (rich `Text`), never parsed as markup; every state is
in words as well as in style, so it reads the same with NO_COLOR.
"""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual.widgets import Static

from tui.core.therapy import Assignment, Session, TherapyPlan, how_it_went_in_words
from tui.widgets.therapy_list import who_in_words

HEADING = "bold"
LABEL = "italic"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class TherapyDetail(Static):
    """One assignment or session in full, the things to raise, and the plan."""

    def show(
        self,
        selected: Assignment | Session | None,
        plan: TherapyPlan,
        next_session: datetime | None,
        to_raise: list[date],
        names: dict[str, str],
    ) -> None:
        """Draw it all again from these values."""
        text = Text()
        if isinstance(selected, Assignment):
            self._assignment(text, selected, names)
        elif isinstance(selected, Session):
            text.append(f"Session, {_day(selected.on)}\n", HEADING)
            text.append("What we took away\n", LABEL)
            text.append(f"{selected.takeaways or '(nothing noted)'}\n")
        text.append("\nTo raise at the next session\n", HEADING)
        if to_raise:
            for day in to_raise:
                text.append(f"• The check-in of {_day(day)}: we got stuck\n")
        else:
            text.append("Nothing flagged “we got stuck” since the last session.\n")
        self._plan(text, plan, next_session, names)
        self.update(text)

    def _assignment(self, text: Text, assignment: Assignment, names: dict[str, str]) -> None:
        text.append(assignment.what, HEADING)
        until = f", until {_day(assignment.until)}" if assignment.until else ", no end day"
        text.append(
            f"\nFor {who_in_words(assignment.who, names)}; given {_day(assignment.created)}"
            f"{until}\n"
        )
        if not assignment.attempts:
            text.append("No attempts debriefed yet.\n", LABEL)
        for attempt in reversed(assignment.attempts):
            text.append(f"\n{_day(attempt.on)}: went {how_it_went_in_words(attempt.how_it_went)}\n")
            if attempt.worked:
                text.append("  What worked: ", LABEL)
                text.append(f"{attempt.worked}\n")
            if attempt.adjust:
                text.append("  To adjust: ", LABEL)
                text.append(f"{attempt.adjust}\n")

    def _plan(
        self, text: Text, plan: TherapyPlan, next_session: datetime | None, names: dict[str, str]
    ) -> None:
        text.append("\nOur plan\n", HEADING)
        for partner in ("a", "b"):
            hopes = plan.hopes_of(partner)
            text.append(f"{names[partner]} hopes: ", LABEL)
            text.append("(not written yet)\n" if not hopes else "\n")
            for hope in hopes:
                text.append(f"  • {hope}\n")
        rows = (
            ("Therapist", plan.therapist),
            ("Approach", plan.approach),
            ("Contact", plan.contact),
            (
                "Sessions",
                f"every {plan.session_every} week{'s' if plan.session_every != 1 else ''}"
                if plan.session_every
                else "",
            ),
            (
                "Next session",
                f"{next_session:%a} {next_session.day} {next_session:%b %H:%M}"
                if next_session
                else "",
            ),
        )
        for label, value in rows:
            text.append(f"{label}: ", LABEL)
            text.append(f"{value or '–'}\n")
