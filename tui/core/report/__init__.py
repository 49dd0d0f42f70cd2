"""The progress report a couple can bring to their therapist: one period's record.

`period` reads the days typed to choose it; `gathering` gathers the record into the typed values
of `model` (which writes them as JSON, for programs); `markdown` writes them for people.

Pure: the caller hands over what the store holds (`Sources`), the period and the moment of
writing; nothing here reads a file or a clock.
"""

from __future__ import annotations

from tui.core.report.gathering import CONTAINS, FORMATS, RATING_WORDS, gather
from tui.core.report.markdown import render_markdown
from tui.core.report.model import Report, render_json
from tui.core.report.period import InvalidPeriod, Period, choose_period, last_month, parse_day

__all__ = [
    "CONTAINS",
    "FORMATS",
    "RATING_WORDS",
    "InvalidPeriod",
    "Period",
    "Report",
    "choose_period",
    "gather",
    "last_month",
    "parse_day",
    "render",
    "render_json",
    "render_markdown",
]


def render(report: Report, form: str) -> str:
    """The report in `form`, "markdown" or "json"."""
    return render_json(report) if form == "json" else render_markdown(report)
