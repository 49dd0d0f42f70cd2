"""Writing a report or a calendar file where the couple chose: readable by the user alone,
and never over a file that is already there unless they said so.

The one module above the store that writes a file of its own; what goes in the file is made
in `tui.core.report` (and its entries and Markdown) and `tui.core.calendar`.
"""

from __future__ import annotations

import os
from pathlib import Path

# typing is not imported: `attune report` starts with these imports, and every one counts.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime, time

    from tui.core.report import Period, Report
    from tui.core.sources import Sources
    from tui.store import Store

PRIVATE_FILE_MODE = 0o600


class ExportFailed(Exception):
    """A file that could not be written; the message says why in plain words."""


class AlreadyThere(ExportFailed):
    """The chosen file exists and replacing it was not asked for."""


def chosen_path(text: str) -> Path:
    """The path typed, with ~ expanded; `ExportFailed` for an empty one."""
    cleaned = text.strip()
    if not cleaned:
        raise ExportFailed("Say where to write the file.")
    return Path(cleaned).expanduser()


def write_private_file(path: Path, content: bytes, replace: bool = False) -> Path:
    """Write `content` to `path`, readable and writable by the user alone (0600); returns
    the absolute path written.

    An existing file is left alone (`AlreadyThere`) unless `replace`; a replaced file keeps
    nothing of its old content or permissions. Raises `ExportFailed` in plain words.
    """
    target = path.expanduser().absolute()
    if target.is_dir():
        raise ExportFailed(f"{target} is a folder: name a file inside it.")
    if not target.parent.is_dir():
        raise ExportFailed(f"The folder {target.parent} does not exist.")
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL)
    try:
        descriptor = os.open(target, flags, PRIVATE_FILE_MODE)
    except FileExistsError:
        raise AlreadyThere(
            f"{target} already exists: choose another name, or allow replacing it."
        ) from None
    except OSError as problem:
        raise ExportFailed(f"Attune can't write {target}: {_reason(problem)}.") from None
    try:
        # A file that existed keeps its old mode on open; make it private before writing.
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
    except OSError as problem:
        raise ExportFailed(f"Attune can't write {target}: {_reason(problem)}.") from None
    return target


def _reason(problem: OSError) -> str:
    """Why, in words, from the error number rather than the library's wording."""
    import errno

    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EISDIR: "it is a folder",
        errno.ENOTDIR: "part of the path is not a folder",
        errno.ENAMETOOLONG: "the name is too long",
    }
    return reasons.get(problem.errno or 0, "the system refused")


def sources_of(store: Store) -> Sources:
    """Everything the store holds, as a report and the Progress view read it."""
    from tui.core.sources import Sources

    return Sources(
        settings=store.settings(),
        checkins=store.checkins(),
        rituals=store.rituals(),
        mark_book=store.mark_book(),
        agreements=store.agreements(),
        moments=store.moments(),
        requests=store.requests(),
        plan=store.therapy_plan(),
        sessions=store.sessions(),
        assignments=store.assignments(),
    )


def gather_report(store: Store, period: Period, now: datetime, notes: bool) -> Report:
    """The report of `period` from everything the store holds, written at `now`."""
    from tui.core.report import gather

    return gather(sources_of(store), period, now, notes)


def report_text(store: Store, period: Period, now: datetime, form: str, notes: bool) -> str:
    """The report of `period` in `form` ("markdown" or "json")."""
    from tui.core.report import render

    return render(gather_report(store, period, now, notes), form)


def calendar_bytes(store: Store, now: datetime, checkin_at: time, sessions: int) -> bytes:
    """The calendar file of the weekly check-in and the next `sessions` therapy sessions; the
    check-in's first date is the one the plan shows as the next."""
    from zoneinfo import ZoneInfo

    from tui.core.calendar import build_calendar
    from tui.core.checkins import next_checkin_due
    from tui.core.days import logical_day

    settings = store.settings()
    today = logical_day(now.astimezone(ZoneInfo(settings.time_zone)), settings.day_rollover_hour)
    due = next_checkin_due(store.checkins(), settings, today)
    return build_calendar(
        settings, store.therapy_plan(), now, checkin_at, sessions, checkin_due=due
    )


def default_file_name(kind: str, day: str, form: str = "markdown") -> str:
    """ "attune-report-2026-11-22.md", "attune-report-2026-11-22.json", "attune-2026-11-22.ics"."""
    if kind == "calendar":
        return f"attune-{day}.ics"
    return f"attune-report-{day}.{'json' if form == 'json' else 'md'}"
