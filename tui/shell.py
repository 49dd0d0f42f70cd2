"""`attune today`, `tick`, `report` and `calendar`: the dashboard's truth in a shell.

Each command reads what was typed, asks `tui.core` and the store, prints (or writes the file
asked for), and returns the exit status: 0 done, 1 a problem with the data (the file is open in
the dashboard, damaged, not set up, can't be saved), 2 a request that can't be carried out as
typed (no single ritual, partner or day; a bad date; a file that can't or may not be written).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.exits import EXIT_DATA_PROBLEM, EXIT_OK, EXIT_USAGE, fail
from tui.shell_unlocking import PASSPHRASE_FILE_VARIABLE as PASSPHRASE_FILE_VARIABLE
from tui.shell_unlocking import begin_unlocking, open_store

# typing costs milliseconds at start-up, which `attune today --short` in a prompt can't spare.
TYPE_CHECKING = False

LOCKED_LINE = "Attune locked"
"""`today --short` on a protected file with no summary made since its last change."""

if TYPE_CHECKING:
    from tui.clock import Clock
    from tui.core.rituals import Mark
    from tui.core.today import TodaySummary
    from tui.store import Store


def today(path: Path, form: str, clock: Clock | None = None) -> int:
    """Print today's summary in `form` ("text", "short" or "json"); the default clock is the
    system's, in the couple's time zone."""
    if form == "short":
        from tui.store.glance import quick_short_line

        line = quick_short_line(path, clock)
        if line is not None:
            print(line)
            return EXIT_OK
        from tui.store.protected_at_a_glance import is_protected_file

        if is_protected_file(path):
            # A prompt never asks for the passphrase: without a summary made since the last
            # change (Attune makes one when it closes the file), it says no more than this.
            print(LOCKED_LINE)
            return EXIT_OK
    from tui.store import StoreError

    try:
        unlocking = begin_unlocking(path)
        store = open_store(path, clock or _system_clock(), look_only=True, unlocking=unlocking)
    except StoreError as problem:
        return fail(problem)
    with store:
        if not store.is_set_up:
            return _not_set_up(path)
        summary = _summary(store, store_clock(store, clock))
    if form == "short":
        print(summary.short_line())
    elif form == "json":
        print(_as_json(summary))
    else:
        print(_as_text(summary))
    return EXIT_OK


def tick(
    path: Path,
    name: str,
    who: str | None,
    day: str,
    mark: Mark | None,
    clock: Clock | None = None,
) -> int:
    """Set (or with None, clear) one ritual's mark, durably, as a key in the dashboard does."""
    from tui.store import StoreError

    try:
        unlocking = begin_unlocking(path)
        # Imported while a protected file's key is derived.
        from tui.core.days import logical_day
        from tui.core.rituals import RitualList
        from tui.core.today import Refused, choose_person, choose_ritual, parse_day

        store = open_store(path, clock or _system_clock(), look_only=False, unlocking=unlocking)
    except StoreError as problem:
        return fail(problem)
    with store:
        if not store.is_set_up:
            return _not_set_up(path)
        settings = store.settings()
        now = store_clock(store, clock).now()
        this_day = logical_day(now, settings.day_rollover_hour)
        try:
            chosen_day = parse_day(day, this_day)
            ritual = choose_ritual(name, RitualList(store.rituals()).active(this_day))
            person = choose_person(ritual, who, settings.partners)
        except Refused as refusal:
            print(f"attune: {refusal}", file=sys.stderr)
            return EXIT_USAGE
        names = {"a": settings.partners.a, "b": settings.partners.b, "together": "together"}
        what = f'"{ritual.name}" ({names[person]}, {chosen_day.strftime("%A %d %B")})'
        if store.mark_book().get(chosen_day, ritual.id, person) == mark:
            print(f"{what} was already {_MARK_WORDS[mark]}; nothing changed.")
            return EXIT_OK
        try:
            store.set_mark(chosen_day.isoformat(), ritual.id, person, mark)
        except StoreError as problem:
            return fail(problem)
    print(f"{what}: {_MARK_WORDS[mark]}.")
    return EXIT_OK


def store_clock(store: Store, clock: Clock | None) -> Clock:
    """The clock in the couple's time zone, as the dashboard sets it after the setup."""
    chosen = clock or _system_clock()
    chosen.time_zone = store.settings().time_zone
    return chosen


def _system_clock() -> Clock:
    from tui.clock import SystemClock

    return SystemClock()


def _not_set_up(path: Path) -> int:
    print(
        f"attune: {path} holds no Attune data yet: run attune to set it up first.",
        file=sys.stderr,
    )
    return EXIT_DATA_PROBLEM


def _summary(store: Store, clock: Clock) -> TodaySummary:
    from tui.core.checkins import last_checkin_day
    from tui.core.days import logical_day
    from tui.core.today import build_today

    settings = store.settings()
    today = logical_day(clock.now(), settings.day_rollover_hour)
    last = last_checkin_day(store.checkins(), settings.time_zone, settings.day_rollover_hour)
    return build_today(
        settings, store.rituals(), store.mark_book(), today, last, store.agreements()
    )


def _as_text(summary: TodaySummary) -> str:
    from tui.core.checkins import day_in_words, due_in_words

    lines = [f"{summary.day.strftime('%A %d %B %Y')}: {summary.done} of {summary.due} done"]
    if not summary.tracks:
        lines.append("  No rituals yet: add them in the dashboard (attune).")
    for track in summary.tracks:
        glyph, words = _STATE_GLYPHS[track.state.value]
        label = track.name if track.partner is None else f"{track.name} · {track.partner}"
        streak = track.streak
        unit = "week" if streak.unit == "wk" else "day"
        details = [words, f"streak {streak.current} {unit}{'' if streak.current == 1 else 's'}"]
        if track.left_this_week is not None:
            left = track.left_this_week
            details.append(f"{left} more this week" if left else "done this week")
        lines.append(f"  {glyph} {label}: {', '.join(details)}")
    due = summary.checkin_due
    lines.append(f"Next check-in: {due_in_words(summary.day, due)} ({day_in_words(due)})")
    lines.extend(f"Review due: {wording}" for wording in summary.reviews_due)
    lines.extend(
        f"Repair, day {repair.day} of {repair.of} for {repair.partner}: {repair.repair} "
        f"({repair.agreement})"
        for repair in summary.repairs
    )
    return "\n".join(lines)


def _as_json(summary: TodaySummary) -> str:
    import json

    return json.dumps(
        {
            "day": summary.day.isoformat(),
            "done": summary.done,
            "due": summary.due,
            "rituals": [
                {
                    "name": track.name,
                    "for": track.person,
                    "partner": track.partner,
                    "cadence": track.cadence,
                    "state": track.state.value,
                    "counts_today": track.on_tally,
                    "done": track.done,
                    "streak": track.streak.current,
                    "best": track.streak.best,
                    "streak_unit": "weeks" if track.streak.unit == "wk" else "days",
                    "left_this_week": track.left_this_week,
                }
                for track in summary.tracks
            ],
            "next_checkin": summary.checkin_due.isoformat(),
            "reviews_due": summary.reviews_due,
            "repairs": [
                {
                    "partner": repair.partner,
                    "agreement": repair.agreement,
                    "repair": repair.repair,
                    "day": repair.day,
                    "of": repair.of,
                }
                for repair in summary.repairs
            ],
            "short": summary.short_line(),
        },
        ensure_ascii=False,
        indent=2,
    )


# The grid's glyphs (see tui/widgets/ritual_grid.py), each with words, so a piped or NO_COLOR
# reader loses nothing.
_STATE_GLYPHS = {
    "done": ("✓", "done"),
    "skipped": ("~", "skipped"),
    "not_done": ("✗", "not done"),
    "open": ("○", "not yet"),
    "not_due": ("-", "not due today"),
    "before": ("-", "starts later"),
    "missed": ("·", "missed"),
    "future": (" ", "still to come"),
}
_MARK_WORDS = {
    "done": "ticked",
    "skipped": "skipped",
    "not_done": "marked not done",
    None: "cleared",
}


def report(
    path: Path,
    first: str | None,
    last: str | None,
    form: str,
    output: str | None,
    notes: bool,
    replace: bool,
    clock: Clock | None = None,
) -> int:
    """Write the report of a period to `output` (standard output when None)."""
    from tui.exports import ExportFailed, chosen_path
    from tui.store import StoreError

    try:
        target = None if output is None else chosen_path(output)
    except ExportFailed as problem:
        return _refuse(problem)
    try:
        unlocking = begin_unlocking(path)
        # Imported while a protected file's key is derived (pendulum tells the time).
        import pendulum  # noqa: F401

        from tui.core.days import logical_day
        from tui.core.report import InvalidPeriod, choose_period
        from tui.exports import report_text

        store = open_store(path, clock or _system_clock(), look_only=True, unlocking=unlocking)
    except StoreError as problem:
        return fail(problem)
    with store:
        if not store.is_set_up:
            return _not_set_up(path)
        now = store_clock(store, clock).now()
        today = logical_day(now, store.settings().day_rollover_hour)
        try:
            period = choose_period(first, last, today)
        except InvalidPeriod as problem:
            return _refuse(problem)
        text = report_text(store, period, now, form, notes)
    return _deliver(text.encode("utf-8"), target, replace, "Report")


def calendar(
    path: Path,
    at: str,
    sessions: int,
    output: str | None,
    replace: bool,
    clock: Clock | None = None,
) -> int:
    """Write the calendar file of the weekly check-in and the next sessions to `output`
    (standard output when None)."""
    from tui.core.calendar import MOST_SESSIONS, parse_time_of_day
    from tui.core.text import InvalidText
    from tui.exports import ExportFailed, calendar_bytes, chosen_path
    from tui.store import StoreError

    try:
        target = None if output is None else chosen_path(output)
        checkin_at = parse_time_of_day(at)
        if not 0 <= sessions <= MOST_SESSIONS:
            raise InvalidText(f"--sessions is a number from 0 to {MOST_SESSIONS}.")
    except (ExportFailed, InvalidText) as problem:
        return _refuse(problem)
    try:
        store = open_store(
            path, clock or _system_clock(), look_only=True, unlocking=begin_unlocking(path)
        )
    except StoreError as problem:
        return fail(problem)
    with store:
        if not store.is_set_up:
            return _not_set_up(path)
        content = calendar_bytes(store, store_clock(store, clock).now(), checkin_at, sessions)
    return _deliver(content, target, replace, "Calendar")


def _deliver(content: bytes, target: Path | None, replace: bool, what: str) -> int:
    """Write `content` to standard output, or to `target` readable by the user alone (never
    over a file unless `replace`), saying where on standard error."""
    from tui.exports import ExportFailed, write_private_file

    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return EXIT_OK
    try:
        written = write_private_file(target, content, replace)
    except ExportFailed as problem:
        return _refuse(problem)
    print(f"{what} written to {written}.", file=sys.stderr)
    return EXIT_OK


def _refuse(problem: Exception) -> int:
    """A request that can't be carried out as typed: one line, exit status 2."""
    print(f"attune: {problem}", file=sys.stderr)
    return EXIT_USAGE
