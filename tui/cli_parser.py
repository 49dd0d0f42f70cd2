"""The command line of `attune`: its options, its commands and their help.

Kept apart from `tui.cli` so that the dashboard, opened with nothing but `--data PATH`, and
`attune today --short` start without importing argparse or building this parser.
"""

from __future__ import annotations

import argparse

from tui import __version__
from tui.exits import EXIT_USAGE

# typing is left unimported here too, as in `tui.cli`.
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
