"""The questions the Check-in pane asks in a dialog: before abandoning a check-in, and on
finding one left unfinished (a crash, a closed terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.checkins import CheckinRecord, interrupted_in_words

if TYPE_CHECKING:
    from tui.dialogs.confirm import ConfirmDialog


def abandon_question() -> ConfirmDialog:
    """Abandon the check-in under way? Its answer is True to abandon."""
    from tui.dialogs.confirm import ConfirmDialog

    return ConfirmDialog(
        "Abandon this check-in?",
        "The turns spoken so far are kept in the history, but the check-in will not count as "
        "finished.",
        yes="Abandon",
        no="Keep going",
    )


def resume_question(record: CheckinRecord) -> ConfirmDialog:
    """Resume `record` where it stopped (True), or close it as it stands (False)?"""
    from tui.core.agenda import STEP_TITLES, step_position
    from tui.dialogs.confirm import ConfirmDialog

    number, steps = step_position(record)
    step = STEP_TITLES[record.step]
    where = f"{interrupted_in_words(record)}, at step {number} of {steps}: {step}"
    return ConfirmDialog(
        "An unfinished check-in",
        f"{where}. Resume it where it stopped, or close it as it stands "
        "(what it holds so far is kept)?",
        yes="Resume",
        no="Close as it stands",
    )
