"""The `attune` command: arguments, plain-words errors and exit codes."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from tui import __version__

# typing costs milliseconds at start-up, which `attune today --short` in a prompt can't spare.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_OK = 0
EXIT_DATA_PROBLEM = 1
EXIT_USAGE = 2
EXIT_NOT_A_FILE = EXIT_USAGE
EXIT_INTERRUPTED = 130


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
        metavar="{today,tick}",
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
    return parser


def _add_data_option(command: argparse.ArgumentParser) -> None:
    # Accepted after the command as well as before it; left unset here, so that
    # `attune --data X today` keeps the X given first.
    command.add_argument(
        "--data", metavar="PATH", default=argparse.SUPPRESS, help="the data file to use"
    )


def main(argv: list[str] | None = None) -> int:
    """Run Attune; returns the process exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command is not None:
        if arguments.restore_backup:
            parser.error(f"--restore-backup stands alone, without {arguments.command}")
        return _run_command(arguments)
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

    try:
        store = Store.open(path, clock)
    except StoreError as problem:
        return fail(problem)
    with store:
        from tui.app import AttuneApp

        app = AttuneApp(store, clock, after_first_frame=resume_garbage_collection)
        app.run()
    return app.return_code or EXIT_OK


def _run_command(arguments: argparse.Namespace) -> int:
    """`attune today` or `attune tick`: plain text out, no dashboard, and no Textual imported."""
    from tui.paths import resolve_data_path

    if hasattr(sys.stdout, "reconfigure"):
        # A pipe or a terminal that can't show ✓ gets a ? rather than a crash.
        sys.stdout.reconfigure(errors="replace")
    path = resolve_data_path(arguments.data)
    try:
        if arguments.command == "today":
            from tui.shell import today

            return today(path, arguments.form or "text")
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


def fail(problem: Exception) -> int:
    """Tell the user what is wrong with the data file, in one line; returns the exit status."""
    from tui.store.errors import NotAFile

    print(f"attune: {problem}", file=sys.stderr)
    # A path that can never hold the data (a folder, a pipe, a device) is a mistake in the
    # command itself, like a wrong option, rather than a problem with the data.
    return EXIT_NOT_A_FILE if isinstance(problem, NotAFile) else EXIT_DATA_PROBLEM
