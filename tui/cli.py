"""The `attune` command: arguments, plain-words errors and exit codes."""

from __future__ import annotations

import argparse
import gc
import sys

from tui import __version__

EXIT_OK = 0
EXIT_DATA_PROBLEM = 1
EXIT_NOT_A_FILE = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The command line of `attune`."""
    parser = argparse.ArgumentParser(
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run Attune; returns the process exit code."""
    arguments = build_parser().parse_args(argv)
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
            return _fail(problem)
        print(f"Restored {path} from the backup {report.restored_from}.")
        if report.damaged_kept_as is not None:
            print(f"The damaged file was kept as {report.damaged_kept_as}.")
        return EXIT_OK

    try:
        store = Store.open(path, clock)
    except StoreError as problem:
        return _fail(problem)
    with store:
        from tui.app import AttuneApp

        app = AttuneApp(store, clock, after_first_frame=resume_garbage_collection)
        app.run()
    return app.return_code or EXIT_OK


def _fail(problem: Exception) -> int:
    from tui.store.errors import NotAFile

    print(f"attune: {problem}", file=sys.stderr)
    # A path that can never hold the data (a folder, a pipe, a device) is a mistake in the
    # command itself, like a wrong option, rather than a problem with the data.
    return EXIT_NOT_A_FILE if isinstance(problem, NotAFile) else EXIT_DATA_PROBLEM
