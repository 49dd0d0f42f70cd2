"""Every text field of every form, sorted once: the couple's own words (and the record field
they are kept in), or something else (a day, a number, a file's path).

`tests/functional/test_own_words_forms.py` holds this list to the forms themselves, so a new
field cannot be missed; `tests/unit/test_own_words.py` types a marker into each field of words,
as the form would save it, and looks for it in the report with and without notes.
"""

from __future__ import annotations

import re

from tui.core.agreements import Lapse, Repair, Review, Wording
from tui.core.checkins import Appreciation, Rating, Wish
from tui.core.moments import Moment
from tui.core.requests import Request, RequestStep
from tui.core.rituals import Ritual
from tui.core.therapy import Assignment, Attempt, Session, TherapyPlan

OWN_WORDS: dict[str, dict[str, tuple[type, str]]] = {
    "AppreciationsDialog": {
        f"appreciation-{partner}-{number}": (Appreciation, "text")
        for partner in "ab"
        for number in (1, 2, 3)
    },
    "WishesDialog": {f"wish-{partner}": (Wish, "text") for partner in "ab"},
    "HiddenRatingDialog": {"hidden-note": (Rating, "note")},
    "RitualDialog": {"name": (Ritual, "name")},
    "RequestDialog": {
        "hurt": (Request, "hurt"),
        "need": (Request, "need"),
        "ask": (Request, "ask"),
    },
    "AnswerDialog": {"reason": (RequestStep, "text")},
    "AlternativeDialog": {"alternative": (RequestStep, "text")},
    "AgreementDialog": {"wording": (Wording, "text"), "repair-what": (Repair, "what")},
    "LapseDialog": {"note": (Lapse, "note")},
    "ReviewDialog": {"note": (Review, "note"), "new-wording": (Wording, "text")},
    "MomentDialog": {
        field: (Moment, field)
        for field in ("what_happened", "triggers", "tags", "helped", "helped_tags")
    },
    "PlanDialog": {
        "hopes-a": (TherapyPlan, "hopes_a"),
        "hopes-b": (TherapyPlan, "hopes_b"),
        "therapist": (TherapyPlan, "therapist"),
        "approach": (TherapyPlan, "approach"),
        "contact": (TherapyPlan, "contact"),
    },
    "SessionDialog": {"takeaways": (Session, "takeaways")},
    "AssignmentDialog": {"what": (Assignment, "what")},
    "AttemptDialog": {"worked": (Attempt, "worked"), "adjust": (Attempt, "adjust")},
}
"""Form, then field id: the record and field its words are kept in."""

NOT_WORDS: dict[str, set[str]] = {
    "MomentDialog": {"at", "strength"},
    # A secret: kept in no file at all, only the key derived from it.
    "PassphraseDialog": {"new-passphrase", "repeat-passphrase"},
    "CurrentPassphraseDialog": {"current-passphrase"},
    "RitualDialog": {"times"},
    "AnswerDialog": {"answer-by"},
    "AgreementDialog": {"repair-minutes", "repair-days", "review-after"},
    "LapseDialog": {"day"},
    "PlanDialog": {"session-every", "next-session"},
    "SessionDialog": {"on"},
    "AssignmentDialog": {"until"},
    "AttemptDialog": {"on"},
    "ReportDialog": {"from", "to", "path"},
    "CalendarDialog": {"time", "sessions", "path"},
}
"""Form, then the ids of its text fields that hold no words of the couple's own."""


def marker(form: str, field: str) -> str:
    """The text typed into `field` of `form`: one word, a valid tag, found nowhere else."""
    letters = re.sub(r"[^a-z0-9]", "", (form.removesuffix("Dialog") + field).lower())
    return f"zq{letters}qz"
