"""The `attune` command: arguments, plain-words errors and exit codes."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from tui import __version__
from tui.data_format import DATA_ENVIRONMENT_VARIABLE
from tui.exits import EXIT_DATA_PROBLEM, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, fail

# typing costs milliseconds at start-up, which `attune today --short` in a prompt can't spare.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


class _Parser(argparse.ArgumentParser):
    """Refuses a mistyped command in one line (exit 2) rather than the usage and a message."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} ({self.prog} --help explains)\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line of `attune`."""
    parser = _Parser(
        prog="attune",
        description=(
            "A shared terminal dashboard for a couple: a weekly check-in with a speaking clock, "
            "daily rituals, agreements and a guide to healing emotional neglect."
        ),
        epilog=(
            "The data file defaults to attune.json in your user data folder; ATTUNE_DATA "
            "or --data chooses another."
        ),
    )
    parser.add_argument(
        "--data",
        metavar="PATH",
        help="the data file to use (default: $ATTUNE_DATA, else the user data folder)",
    )
    parser.add_argument(
        "--restore-backup",
        action="store_true",
        help="replace a damaged data file with its newest good backup (the damaged file is kept)",
    )
    parser.add_argument("--version", action="version", version=f"attune {__version__}")
    commands = parser.add_subparsers(
        dest="command",
        title="commands (the dashboard opens when none is given)",
        metavar="{today,tick,report,calendar}",
    )
    today = commands.add_parser(
        "today",
        help="today's rituals, marks and streaks, the next check-in, reviews and repairs due",
        description="Today's rituals for both of you (as the dashboard's grid shows them), "
        "the next check-in and any review or repair due. Works while the dashboard is open.",
    )
    _add_data_option(today)
    form = today.add_mutually_exclusive_group()
    form.add_argument(
        "--short",
        dest="form",
        action="store_const",
        const="short",
        help="one line for a shell prompt or status bar: Attune 3/7 today · check-in Sun",
    )
    form.add_argument(
        "--json", dest="form", action="store_const", const="json", help="the same, as JSON"
    )
    tick = commands.add_parser(
        "tick",
        help="tick a ritual (or skip it, mark it not done, clear it) without the dashboard",
        description="Tick a ritual as done, saved before the command returns. NAME is the "
        "start of the ritual's name or of one of its words, or a near miss; the ritual chosen "
        "is named in the reply.",
    )
    _add_data_option(tick)
    tick.add_argument("name", metavar="NAME", help="the ritual, e.g. talk")
    tick.add_argument(
        "--who",
        metavar="PARTNER",
        help="whose tick, by name or initial (needed for a ritual each of you does)",
    )
    tick.add_argument(
        "--day",
        metavar="DAY",
        default="today",
        help="today (the default), yesterday or YYYY-MM-DD, up to 27 days back",
    )
    mark = tick.add_mutually_exclusive_group()
    mark.add_argument(
        "--skip",
        dest="mark",
        action="store_const",
        const="skipped",
        help="skipped (ill, apart): neither counts nor breaks a streak",
    )
    mark.add_argument(
        "--not-done",
        dest="mark",
        action="store_const",
        const="not_done",
        help="entered as not done",
    )
    mark.add_argument(
        "--clear", dest="mark", action="store_const", const="clear", help="remove the day's mark"
    )
    _add_report_command(commands)
    _add_calendar_command(commands)
    return parser


def _add_report_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="write a progress report of a period, for your therapist (Markdown or JSON)",
        description="A report of a period: check-ins, rituals, agreements, moments, requests "
        "and therapy. Markdown for people, JSON for programs; written to standard output unless "
        "--output names a file (created readable by you alone, never over an existing file "
        "without --force). Works while the dashboard is open.",
    )
    _add_data_option(report)
    report.add_argument(
        "--from",
        dest="first",
        metavar="DATE",
        help="the first day, YYYY-MM-DD (default: a month before the last day)",
    )
    report.add_argument(
        "--to", dest="last", metavar="DATE", help="the last day, YYYY-MM-DD (default: today)"
    )
    report.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="default: markdown"
    )
    report.add_argument("--output", metavar="FILE", help="the file to write (default: stdout)")
    report.add_argument(
        "--no-notes",
        dest="notes",
        action="store_false",
        help="leave out free-text notes, for a summary that can be shared",
    )
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _add_calendar_command(commands: argparse._SubParsersAction) -> None:
    calendar = commands.add_parser(
        "calendar",
        help="write a calendar file (.ics) of the weekly check-in and the next therapy sessions",
        description="An iCalendar file for your phone or computer: the weekly check-in, "
        "repeating on your check-in day at the time you choose, and the next therapy sessions "
        "from your plan, in your time zone.",
    )
    _add_data_option(calendar)
    calendar.add_argument("--output", metavar="FILE", help="the .ics file (default: stdout)")
    calendar.add_argument(
        "--time", dest="at", metavar="HH:MM", default="19:00", help="the check-in's time (19:00)"
    )
    calendar.add_argument(
        "--sessions",
        type=int,
        default=6,
        metavar="N",
        help="how many of the next therapy sessions to include (default: 6)",
    )
    calendar.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _add_data_option(command: argparse.ArgumentParser) -> None:
    # Accepted after the command as well as before it; left unset here, so that
    # `attune --data X today` keeps the X given first.
    command.add_argument(
        "--data", metavar="PATH", default=argparse.SUPPRESS, help="the data file to use"
    )


def main(argv: list[str] | None = None) -> int:
    """Run Attune; returns the process exit code."""
    asked_for_short_line, data = _plain_short_today(sys.argv[1:] if argv is None else argv)
    if asked_for_short_line:
        # A shell prompt runs this before every prompt: building the whole parser (and the
        # help formatter it imports) would take a fifth of its time.
        code = _run_command(argparse.Namespace(command="today", form="short", data=data))
        return code if argv is not None else _leave_at_once(code)
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command is not None:
        if arguments.restore_backup:
            parser.error(f"--restore-backup stands alone, without {arguments.command}")
        # A shell command reads years of history and ends within a second: collecting garbage
        # meanwhile only walks the same records again and again (15 ms of a ten-year report).
        gc.disable()
        try:
            code = _run_command(arguments)
        finally:
            gc.enable()
        return code if argv is not None else _leave_at_once(code)
    # Start-up creates a few hundred thousand objects that live as long as the app (modules,
    # classes, styles, widgets). Collecting garbage while they are made only walks them again
    # and again: about a fifth of the time to the first screen. The app resumes collection
    # once that screen is drawn.
    gc.disable()
    try:
        return _run(arguments)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        gc.enable()


def _leave_at_once(code: int) -> NoReturn:
    """End the `attune` process after a shell command, without tearing down its objects.

    The command has closed the data file (its lock released, its saves on disk) and written
    its output; what is left is Python freeing every record of ten years one by one, which took
    longer than gathering a month's report. Standard output and error are flushed first.
    """
    try:
        sys.stdout.flush()
    finally:
        sys.stderr.flush()
        os._exit(code)


def _plain_short_today(arguments: list[str]) -> tuple[bool, str | None]:
    """Whether `arguments` are exactly `today --short`, with at most one `--data PATH` or
    `--data=PATH` anywhere among them, and that PATH (None when not given).

    These read the same wherever the option stands. Any other spelling (an abbreviation, a
    repeat, an empty PATH or one that starts with a dash) is left to the parser, which knows
    what it means or words the mistake.
    """
    rest: list[str] = []
    data = None
    remaining = iter(arguments)
    for argument in remaining:
        if data is None and argument == "--data":
            data = next(remaining, "")
            if data.startswith("-"):
                return False, None
        elif data is None and argument.startswith("--data="):
            data = argument.removeprefix("--data=")
        else:
            rest.append(argument)
    return rest == ["today", "--short"] and data != "", data


def resume_garbage_collection() -> None:
    """Collect garbage again, leaving out everything made during start-up.

    Frozen objects are still freed when nothing refers to them; only the cycle collector
    stops walking them, which keeps its later passes short.
    """
    gc.freeze()
    gc.enable()


def _run(arguments: argparse.Namespace) -> int:
    from tui.clock import SystemClock
    from tui.paths import resolve_data_path
    from tui.store import Store, StoreError, restore_newest_backup

    path = resolve_data_path(arguments.data)
    clock = SystemClock()
    if arguments.restore_backup:
        try:
            report = restore_newest_backup(path, clock)
        except StoreError as problem:
            return fail(problem)
        print(f"Restored {path} from the backup {report.restored_from}.")
        if report.damaged_kept_as is not None:
            print(f"The damaged file was kept as {report.damaged_kept_as}.")
        return EXIT_OK

    from tui.store.protection_errors import PassphraseNeeded

    store: Store | None
    try:
        store = Store.open(path, clock)
    except PassphraseNeeded:
        store = None  # the app asks for the passphrase, and opens the file with it
    except StoreError as problem:
        return fail(problem)
    from tui.app import AttuneApp

    app = AttuneApp(store, clock, locked_path=path, after_first_frame=resume_garbage_collection)
    try:
        app.run()
    finally:
        if app.is_unlocked:
            app.store.close()
    return app.return_code or EXIT_OK


def _run_command(arguments: argparse.Namespace) -> int:
    """`attune today`, `tick`, `report` or `calendar`: plain text out, no dashboard, and no
    Textual imported."""
    if hasattr(sys.stdout, "reconfigure"):
        # A pipe or a terminal that can't show ✓ gets a ? rather than a crash.
        sys.stdout.reconfigure(errors="replace")
    try:
        if arguments.command == "today" and arguments.form == "short":
            line = _saved_short_line(arguments.data)
            if line is not None:
                print(line)
                return EXIT_OK
        from tui.paths import resolve_data_path

        path = resolve_data_path(arguments.data)
        if arguments.command == "today":
            from tui.shell import today

            return today(path, arguments.form or "text")
        if arguments.command == "report":
            from tui.shell import report

            return report(
                path,
                arguments.first,
                arguments.last,
                arguments.format,
                arguments.output,
                arguments.notes,
                arguments.force,
            )
        if arguments.command == "calendar":
            from tui.shell import calendar

            return calendar(
                path, arguments.at, arguments.sessions, arguments.output, arguments.force
            )
        from tui.core.rituals import Mark
        from tui.shell import tick

        mark = None if arguments.mark == "clear" else Mark(arguments.mark or "done")
        return tick(path, arguments.name, arguments.who, arguments.day, mark)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (`head`, a closed status bar) left early: nothing more to say, and
        # Python's own flush at exit must not complain about the pipe either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_DATA_PROBLEM


def _saved_short_line(given: str | None) -> str | None:
    """The short line from the summary kept beside a data file named on the command line or in
    $ATTUNE_DATA, before pathlib, the store or the data file itself are opened; None to go the
    longer way, which finds the default file and reads it (and the summary) as well."""
    chosen = given or os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    if not chosen:
        return None
    path = os.path.expanduser(chosen)
    if path.startswith("~"):
        return None  # a home that can't be found is the longer way's to explain
    from tui.store.glance import saved_short_line

    return saved_short_line(path)
