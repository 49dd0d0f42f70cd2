"""The `attune` command: arguments, plain-words errors and exit codes."""

from __future__ import annotations

import gc
import os
import sys
from types import SimpleNamespace

from tui.data_format import DATA_ENVIRONMENT_VARIABLE
from tui.exits import EXIT_DATA_PROBLEM, EXIT_INTERRUPTED, EXIT_OK, fail

# typing costs milliseconds at start-up, which `attune today --short` in a prompt can't spare.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import NoReturn

    Arguments = argparse.Namespace | SimpleNamespace


def build_parser() -> argparse.ArgumentParser:
    """The command line of `attune` (`tui.cli_parser`), imported only when it is needed."""
    from tui.cli_parser import build_parser as build

    return build()


def main(argv: list[str] | None = None) -> int:
    """Run Attune; returns the process exit code."""
    given = sys.argv[1:] if argv is None else argv
    quick = _read_without_the_parser(given)
    if quick is not None and quick.command == "today":
        code = _run_command(quick)
        return code if argv is not None else _leave_at_once(code)
    if quick is not None:
        arguments: Arguments = quick
    else:
        parser = build_parser()
        arguments = parser.parse_args(argv)
        if arguments.command is not None and arguments.restore_backup:
            parser.error(f"--restore-backup stands alone, without {arguments.command}")
    if arguments.command is not None:
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


def _read_without_the_parser(arguments: list[str]) -> SimpleNamespace | None:
    """What `arguments` ask for, read without argparse when they are exactly `today --short`
    or nothing at all (the dashboard), each with at most one `--data PATH` or `--data=PATH`
    anywhere among them; None for anything else.

    A shell prompt runs `today --short` before every prompt, and building the whole parser
    (and the help formatter it imports) would take a fifth of its time; for the dashboard it
    would only add to start-up. Any other spelling (an abbreviation, a repeat, an empty PATH
    or one that starts with a dash) is left to the parser, which knows what it means or words
    the mistake.
    """
    rest, data = _data_option_and_the_rest(arguments)
    if data == "":
        return None
    if rest == ["today", "--short"]:
        return SimpleNamespace(command="today", form="short", data=data)
    if rest == []:
        return SimpleNamespace(command=None, data=data, restore_backup=False)
    return None


def _data_option_and_the_rest(arguments: list[str]) -> tuple[list[str] | None, str | None]:
    """The arguments other than the first `--data PATH` (or `--data=PATH`), and that PATH
    (None when not given; "" when given empty, which only the parser may word).

    The rest is None when PATH is missing or starts with a dash: the parser's to explain.
    """
    rest: list[str] = []
    data = None
    remaining = iter(arguments)
    for argument in remaining:
        if data is None and argument == "--data":
            data = next(remaining, "")
            if data.startswith("-"):
                return None, None
        elif data is None and argument.startswith("--data="):
            data = argument.removeprefix("--data=")
        else:
            rest.append(argument)
    return rest, data


def resume_garbage_collection() -> None:
    """Collect garbage again, leaving out everything made during start-up.

    Frozen objects are still freed when nothing refers to them; only the cycle collector
    stops walking them, which keeps its later passes short.
    """
    gc.freeze()
    gc.enable()


def _run(arguments: Arguments) -> int:
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


def _run_command(arguments: Arguments) -> int:
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
