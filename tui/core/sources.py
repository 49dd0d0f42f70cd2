"""Everything the couple's record holds, as the store lists it: what a report and the
Progress view read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from tui.core.agreements import Agreement
from tui.core.checkins import CheckinRecord
from tui.core.mark_book import MarkBook
from tui.core.models import Settings
from tui.core.moments import Moment
from tui.core.requests import Request
from tui.core.therapy import Assignment, Session, TherapyPlan


class Sources(Struct):
    """Everything the report and the Progress view read, as the store lists it."""

    settings: Settings
    checkins: Sequence[CheckinRecord]
    rituals: Sequence[Any]
    mark_book: MarkBook
    agreements: Sequence[Agreement]
    moments: Sequence[Moment]
    requests: Sequence[Request]
    plan: TherapyPlan
    sessions: Sequence[Session]
    assignments: Sequence[Assignment]
