"""Running `attune` from a test: in this process where a process is not the point (quick), or as
the installed console script in a process of its own (its exit status, its real pipes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ATTUNE = Path(sys.executable).parent / "attune"
"""The console script that installing the package puts beside the interpreter."""


def run_in_process(
    capsys: pytest.CaptureFixture[str], *arguments: str
) -> subprocess.CompletedProcess[str]:
    """`attune ARGUMENTS` through `tui.cli.main`, as the console script calls it: the status it
    would exit with (argparse's own exits included) and what it printed."""
    capsys.readouterr()  # only what this command prints
    try:
        status = main(list(arguments))
    except SystemExit as leaving:
        status = 0 if leaving.code is None else leaving.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(arguments), status, out, err)


def run_installed(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The installed `attune ARGUMENTS` in a process of its own, with no terminal: pipes out,
    nothing in."""
    if not ATTUNE.exists():
        pytest.skip(f"the attune command is not installed beside {sys.executable}")
    return subprocess.run(
        [str(ATTUNE), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
