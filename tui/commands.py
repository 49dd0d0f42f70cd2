"""Commands offered in more than one place: declared once here, placed by each owner.

A report and a calendar file can be written from the Therapy pane (a letter), from Settings (a
ctrl key, since Settings is all fields) and from the palette anywhere; each place reads the
command from here, so all three call it the same and none can drift.
"""

from __future__ import annotations

from tui.keys import key

WRITE_REPORT = key(
    "report", "w", "report", "Report", "Write a report of a period for your therapist", name="write"
)
WRITE_CALENDAR = key(
    "calendar",
    "c",
    "calendar",
    "Calendar",
    "Write a calendar file of the check-ins and the next sessions",
    name="write",
)
