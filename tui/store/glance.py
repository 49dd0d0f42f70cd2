"""`attune today --short` read straight from the data file, with the standard library alone.

The line sits in shell prompts and status bars, so it must start about as fast as
`attune --version`. Opening the store costs several times that: msgspec, pendulum and TinyDB
take longer to import than the whole command may, and ten years of history would be converted
into objects the line never needs. This reads only what the line shows. The rules it applies
are the ones `tui.core.today` applies (`tui.core.glance`), and a test compares the two on years
of history. Anything unexpected (a missing or damaged file, an older or newer format, a setting
left at its default) returns None: the caller then takes the store's way, which reads and
refuses exactly as the dashboard does.

Even parsing the whole file takes longer than the command may, and a prompt asks again and
again while the file rarely changes. The line depends only on the file and on the couple's
day, so each reading of the file also works out the line of every day from a week back to four
weeks ahead and keeps them, with the offsets from UTC of the couple's time zone over those days,
in a small text file beside the data file: `<data file>.glance`. It is stamped with the data
file's modification time, size and inode, and used only while that stamp matches the file on
disk and it holds the line of the current day; otherwise the whole file is read again and the
summary rewritten. Reading it needs neither json, datetime nor zoneinfo. It is a cache and
nothing more: one that can't be read or written costs time, never a wrong line, and deleting
it is always safe. It names no one and holds no words anyone wrote.

No lock is taken: every save replaces the file in one rename, so a read sees a whole file,
and a prompt must keep working while the dashboard is open.
"""

from __future__ import annotations

import os
import stat
from time import gmtime

from tui.data_format import SCHEMA_VERSION
from tui.standard_clock import StandardClock

# What the full read needs is imported inside it: the saved summary is read with os alone.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, tzinfo

    from tui.clock import Clock


GLANCE_SUFFIX = ".glance"
"""The summary's name is the data file's with this added: attune.json.glance."""
GLANCE_FORMAT = 2
"""The shape of the summary and the rules its lines were made by. A summary of any other format
counts as none, and is replaced: format 1's lines named the next check-in by an older rule."""
GLANCE_HEADER = (
    f"Attune glance, format {GLANCE_FORMAT}: the line of `attune today --short` for the days "
    "around the last change of the data file, kept so a shell prompt gets it at once. "
    "Safe to delete."
)
DAYS_BEFORE = 7
"""Days before the current one the summary holds, so that a clock set back still finds its day."""
DAYS_AHEAD = 28
"""Days from the current one on that the summary holds: a file left unchanged for longer is
read in full once more."""

_END = "end"
"""The summary's last line: one cut short anywhere is no summary."""
_LONGEST_SUMMARY = 64 * 1024
"""A summary is a few kilobytes: anything longer put in its place is no summary either."""
_COMPLETED = ("finished", "closed")
_NONBLOCKING = getattr(os, "O_NONBLOCK", 0)
"""Opening a pipe put where a file should be must not wait for a writer that never comes."""
_PROBE_SECONDS = 3600
"""The offset of a time zone is looked up once an hour of the summary's span, and a change
found is then narrowed to its second: no zone changes its offset twice within an hour."""


def quick_short_line(path: str | os.PathLike[str], clock: Clock | None = None) -> str | None:
    """The one-line summary of the data file at `path`, or None to take the store's way.

    `clock` tells the time (tests give a `FixedClock`); by default the machine's, read without
    pendulum (`tui.standard_clock.StandardClock`). The day is the couple's, in the zone their
    settings name.
    """
    clock = clock or StandardClock()
    # A symbolic link is followed, as the store does: the summary sits beside the real file.
    data_path = os.path.realpath(path)
    line = _saved_line(data_path, clock)
    if line is not None:
        return line
    try:
        return _line_from_data_file(data_path, clock)
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None


def saved_short_line(path: str | os.PathLike[str], clock: Clock | None = None) -> str | None:
    """The line from the summary beside the data file alone, without reading the data file.

    None when there is no summary, or none that describes the file as it is now and holds the
    current day: `quick_short_line` then reads the whole file and saves a new summary.
    """
    return _saved_line(os.path.realpath(path), clock or StandardClock())


def glance_path_for(data_path: str | os.PathLike[str]) -> str:
    """Where the summary of the data file `data_path` (links already followed) is kept."""
    return os.fspath(data_path) + GLANCE_SUFFIX


# --- the saved summary ----------------------------------------------------------------------


def _saved_line(data_path: str, clock: Clock) -> str | None:
    try:
        stamp = _stamp(os.stat(data_path))
        if stamp is None:
            return None
        with _open_regular_file(glance_path_for(data_path)) as saved:
            entries = saved.read(_LONGEST_SUMMARY).decode().split("\n")
        header, data_format, saved_stamp, rollover, offsets, *days, end, after_end = entries
        if (
            header != GLANCE_HEADER
            or (end, after_end) != (_END, "")
            or _value(data_format, "data-format") != str(SCHEMA_VERSION)
            or _value(saved_stamp, "stamp") != stamp
        ):
            return None
        rollover_hour = int(_value(rollover, "rollover-hour"))
        utc_offsets = _integers(_value(offsets, "utc-offsets"))
        if not 0 <= rollover_hour <= 23 or len(utc_offsets) % 2 == 0:
            return None
        today = _day_at(utc_offsets, rollover_hour, clock.timestamp())
        if today is None:
            return None
        for entry in days:
            day, _, line = entry.partition(" ")
            if day == today:
                return line
        return None
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        # Missing, damaged or of another shape: the data file decides, and the summary is
        # written afresh.
        return None


def _value(entry: str, name: str) -> str:
    label, _, value = entry.partition(" ")
    if label != name:
        raise ValueError(f"the summary has {label!r} where {name!r} belongs")
    return value


def _integers(text: str) -> list[int]:
    return [int(word) for word in text.split()]


def _day_at(offsets: list[int], rollover_hour: int, seconds: float) -> str | None:
    """The couple's logical day (YYYY-MM-DD) at `seconds` since the epoch, from the zone's
    offsets as `_utc_offsets` lists them; None outside the span they cover."""
    *changes, until = offsets
    second = int(seconds // 1)
    if not changes[0] <= second < until:
        return None
    offset = next(
        changes[at + 1] for at in range(len(changes) - 2, -1, -2) if changes[at] <= second
    )
    # The logical day is the calendar day of the wall clock put back by the rollover hour:
    # 01:30 before a 04:00 rollover counts for the day before.
    moment = gmtime(second + offset - rollover_hour * 3600)
    return f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}"


def _open_regular_file(path: str):  # type: ignore[no-untyped-def]
    descriptor = os.open(path, os.O_RDONLY | _NONBLOCKING)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path} is not a regular file")
    except BaseException:
        os.close(descriptor)
        raise
    return open(descriptor, "rb")


def _stamp(status: os.stat_result) -> str | None:
    """What changes whenever the data file does: a save writes a new file and renames it over
    the old one, so the inode changes even if the time and size happen to match. None for
    anything but a regular file."""
    if not stat.S_ISREG(status.st_mode):
        return None
    return f"{status.st_mtime_ns} {status.st_size} {status.st_ino}"


# --- the whole file -------------------------------------------------------------------------


def _line_from_data_file(data_path: str, clock: Clock) -> str | None:
    """Read the whole data file, save the summary of the days around today, return today's."""
    import json

    with _open_regular_file(data_path) as data_file:
        stamp = _stamp(os.fstat(data_file.fileno()))
        tables = json.loads(data_file.read())
    return _summarise(data_path, stamp, tables, clock)


def save_summary_of(data_path: str | os.PathLike[str], tables: dict, clock: Clock) -> None:
    """Save the summary of the data file at `data_path` (links followed) from its `tables`, as
    read by the store: for a file protected with a passphrase, which only an unlocked store
    can read. The summary holds counts and days only, never a name or a word anyone wrote."""
    path = os.path.realpath(data_path)
    try:
        _summarise(path, _stamp(os.stat(path)), tables, clock)
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        pass  # a summary that can't be made only means the prompt says "locked"


def _summarise(data_path: str, stamp: str | None, tables: dict, clock: Clock) -> str | None:
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from tui.core.days import logical_day, week_start_of

    if stamp is None or tables["meta"]["1"]["schema_version"] != SCHEMA_VERSION:
        return None
    settings = tables["settings"]["1"]
    zone = ZoneInfo(settings["time_zone"])
    rollover_hour = settings["day_rollover_hour"]
    today = logical_day(clock.now().astimezone(zone), rollover_hour)
    days = [today + timedelta(days=offset) for offset in range(-DAYS_BEFORE, DAYS_AHEAD)]
    # Each day's line looks back to the start of its week, the first day's furthest.
    recent = _recent_tables(tables, week_start_of(days[0], settings["week_start"]))
    last_checkin = _last_checkin_day(tables, settings, zone)
    lines = {day.isoformat(): _line_on(recent, day, last_checkin) for day in days}
    _save_summary(
        data_path,
        [
            GLANCE_HEADER,
            f"data-format {SCHEMA_VERSION}",
            f"stamp {stamp}",
            f"rollover-hour {rollover_hour}",
            "utc-offsets " + " ".join(map(str, _utc_offsets(zone, days[0], days[-1]))),
            *(f"{day} {line}" for day, line in lines.items()),
            _END,
        ],
    )
    return lines[today.isoformat()]


def _recent_tables(tables: dict, first: date) -> dict:
    """`tables` with only the day documents from `first` on: the rest never reach a line."""
    wanted = first.isoformat()
    days = tables.get("days", {})
    return {**tables, "days": {k: d for k, d in days.items() if d["day"] >= wanted}}


def _line_on(tables: dict, today: date, last_checkin: date | None) -> str:
    from datetime import timedelta

    from tui.core.days import week_start_of
    from tui.core.glance import next_checkin_date, on_todays_tally, short_line

    settings = tables["settings"]["1"]
    week_start = week_start_of(today, settings["week_start"])
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
    checkin_due = next_checkin_date(today, settings["checkin_weekday"], last_checkin)
    return short_line(done, due, today, checkin_due, reviews, repairs)


def _marks_since(days: dict, first: date) -> dict[date, dict[str, str]]:
    """The marks of each day from `first` on, as {"1.a": "done"}."""
    from datetime import date

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
    """(reviews due, repairs under way), by the rule `Agreement.status` reads."""
    from datetime import date

    from tui.core.glance import REVIEW_DUE, UNDER_REPAIR, lapse_stage

    reviews = repairs = 0
    for agreement in agreements:
        if agreement["retired"] or sorted(agreement["signatures"]) != ["a", "b"]:
            continue
        if not agreement["lapses"]:
            continue
        lapse = agreement["lapses"][-1]
        if any(review["lapse_id"] == lapse["id"] for review in agreement["reviews"]):
            continue
        stage = lapse_stage(
            today,
            date.fromisoformat(lapse["day"]),
            lapse["repair"]["days"],
            lapse["review_after_days"],
        )
        repairs += stage == UNDER_REPAIR
        reviews += stage == REVIEW_DUE
    return reviews, repairs


def _last_checkin_day(tables: dict, settings: dict, zone: tzinfo) -> date | None:
    """The logical day of the last finished or closed check-in, as `checkin_day` decides it."""
    from tui.core.days import local_day, stored_instant

    started = [
        record["started_at"]
        for record in tables.get("checkins", {}).values()
        if record["status"] in _COMPLETED
    ]
    if not started:
        return None
    # The latest instant, not the greatest text: times written in different offsets (a couple
    # who moved) do not sort as text.
    return local_day(max(map(stored_instant, started)), zone, settings["day_rollover_hour"])


def _utc_offsets(zone: tzinfo, first_day: date, last_day: date) -> list[int]:
    """The offsets of `zone` from UTC around the days `first_day` to `last_day`, as
    [from, offset, from, offset, ..., until] in whole seconds: each offset holds from its UTC
    second `from` on, the last until the second `until`."""
    from datetime import UTC, datetime, timedelta

    def offset_at(second: int) -> int:
        return int(datetime.fromtimestamp(second, zone).utcoffset().total_seconds())  # type: ignore[union-attr]

    # A day a side more than the days themselves: any zone's day lies within them.
    start = datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC)
    start_second = int((start - timedelta(days=1)).timestamp())
    until = int((start + timedelta(days=(last_day - first_day).days + 2)).timestamp())
    changes = [start_second, offset_at(start_second)]
    probe = start_second
    while probe < until:
        following = min(probe + _PROBE_SECONDS, until)
        if offset_at(following) != changes[-1]:
            before, after = probe, following
            while after - before > 1:
                middle = (before + after) // 2
                if offset_at(middle) == changes[-1]:
                    before = middle
                else:
                    after = middle
            changes += [after, offset_at(after)]
        probe = following
    return [*changes, until]


def _save_summary(data_path: str, entries: list[str]) -> None:
    """Replace the summary beside the data file in one rename, or leave it be.

    A folder that can't be written (a read-only disk) only means the next line reads the whole
    file again. Not flushed to disk: a summary lost in a power cut is simply made again. The
    temporary name is one the store clears away as an interrupted save of the data file, should
    this process be killed before the rename.
    """
    folder, name = os.path.split(data_path)
    temporary = os.path.join(folder, f".{name}.glance-{os.getpid()}-{os.urandom(4).hex()}.tmp")
    payload = ("\n".join(entries) + "\n").encode()
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, glance_path_for(data_path))
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
