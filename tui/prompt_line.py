"""`attune today --short` read straight from the data file, with the standard library alone.

The line sits in shell prompts and status bars, so it must start about as fast as
`attune --version`. Opening the store costs several times that: msgspec, pendulum and TinyDB
take longer to import than the whole command may, and ten years of history would be converted
into objects the line never needs. This reads only what the line shows. The rules it applies
are the ones `tui.core.today` applies (`tui.core.glance`), and a test compares the two on years
of history. Anything unexpected (a missing or damaged file, an older or newer format, a setting
left at its default) returns None: the caller then takes the store's way, which reads and
refuses exactly as the dashboard does.

No lock is taken: every save replaces the file in one rename, so a read sees a whole file,
and a prompt must keep working while the dashboard is open.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from tui.core.glance import (
    logical_date,
    next_checkin_date,
    on_todays_tally,
    short_line,
    week_start_date,
)

READS_FORMAT = 3
"""The data format this reads (`tui.store.schema.SCHEMA_VERSION`; a test keeps them equal)."""

_COMPLETED = ("finished", "closed")


def quick_short_line(path: Path, now: datetime | None = None) -> str | None:
    """The one-line summary of the data file at `path`, or None to take the store's way.

    `now` (for tests) is a moment with its time zone; by default the couple's own clock.
    """
    try:
        tables = json.loads(path.read_bytes())
        if tables["meta"]["1"]["schema_version"] != READS_FORMAT:
            return None
        return _line(tables, now)
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None


def _line(tables: dict, now: datetime | None) -> str:
    settings = tables["settings"]["1"]
    if now is None:
        from zoneinfo import ZoneInfo

        now = datetime.now(ZoneInfo(settings["time_zone"]))
    today = logical_date(now, settings["day_rollover_hour"])
    week_start = week_start_date(today, settings["week_start"])
    marks = _marks_since(tables.get("days", {}), week_start)
    done = due = 0
    for ritual in tables.get("rituals", {}).values():
        if ritual["archived"] or (
            ritual["ends"] is not None and today.isoformat() > ritual["ends"]
        ):
            continue
        cadence = ritual["cadence"]
        due_today = ritual["created"] <= today.isoformat() and (
            cadence["kind"] != "weekdays" or today.weekday() in cadence["weekdays"]
        )
        for person in _people(ritual):
            cell = f"{ritual['key']}.{person}"
            week_met = False
            if cadence["kind"] == "weekly":
                done_before = sum(
                    1
                    for offset in range((today - week_start).days)
                    if marks.get(week_start + timedelta(days=offset), {}).get(cell) == "done"
                )
                week_met = done_before >= cadence["times_per_week"]
            counted, is_done = on_todays_tally(marks.get(today, {}).get(cell), due_today, week_met)
            due += counted
            done += is_done
    reviews, repairs = _agreements_due(tables.get("agreements", {}).values(), today)
    checkin_due = next_checkin_date(
        today, settings["checkin_weekday"], _last_checkin_day(tables, settings)
    )
    return short_line(done, due, today, checkin_due, reviews, repairs)


def _marks_since(days: dict, first: date) -> dict[date, dict[str, str]]:
    """The marks of each day from `first` on, as {"1.a": "done"}."""
    wanted = first.isoformat()
    found = {}
    for document in days.values():
        if document["day"] >= wanted:
            cells = (cell.split("=") for cell in document["marks"].split())
            found[date.fromisoformat(document["day"])] = {place: mark for place, mark in cells}
    return found


def _people(ritual: dict) -> tuple[str, ...]:
    if ritual["only"] is not None:
        return (ritual["only"],)
    return ("together",) if ritual["who"] == "together" else ("a", "b")


def _agreements_due(agreements, today: date) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(reviews due, repairs under way), as `Agreement.status` decides them."""
    reviews = repairs = 0
    for agreement in agreements:
        if agreement["retired"] or sorted(agreement["signatures"]) != ["a", "b"]:
            continue
        if not agreement["lapses"]:
            continue
        lapse = agreement["lapses"][-1]
        if any(review["lapse_id"] == lapse["id"] for review in agreement["reviews"]):
            continue
        first_day = date.fromisoformat(lapse["day"])
        if today <= first_day + timedelta(days=lapse["repair"]["days"] - 1):
            repairs += 1
        elif today >= first_day + timedelta(days=lapse["review_after_days"]):
            reviews += 1
    return reviews, repairs


def _last_checkin_day(tables: dict, settings: dict) -> date | None:
    """The logical day of the last finished or closed check-in, as `checkin_day` decides it."""
    started = [
        record["started_at"]
        for record in tables.get("checkins", {}).values()
        if record["status"] in _COMPLETED
    ]
    if not started:
        return None
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(max(started)).astimezone(ZoneInfo(settings["time_zone"]))
    return logical_date(moment, settings["day_rollover_hour"])
