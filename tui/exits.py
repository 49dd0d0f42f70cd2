"""What `attune` returns to the shell, and its one-line way of saying what went wrong.

Both the command line (`tui.cli`) and the shell commands (`tui.shell`) end with these, so they
live apart from either: the shell commands never import the command line that calls them.
"""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_DATA_PROBLEM = 1
EXIT_USAGE = 2
EXIT_NOT_A_FILE = EXIT_USAGE
EXIT_INTERRUPTED = 130


def fail(problem: Exception) -> int:
    """Tell the user what is wrong with the data file, in one line; returns the exit status."""
    from tui.store.errors import NotAFile

    print(f"attune: {problem}", file=sys.stderr)
    # A path that can never hold the data (a folder, a pipe, a device) is a mistake in the
    # command itself, like a wrong option, rather than a problem with the data.
    return EXIT_NOT_A_FILE if isinstance(problem, NotAFile) else EXIT_DATA_PROBLEM
