"""What the dashboard imports before its first frame: only the first pane of the seven."""

from __future__ import annotations

import subprocess
import sys

from tui.screens.main import PANE_CLASSES, PANE_TABS


def test_the_tabs_name_each_pane_as_its_class_does() -> None:
    assert [(pane_id, title) for pane_id, title, _where in PANE_TABS] == [
        (pane.PANE_ID, pane.TITLE) for pane in PANE_CLASSES
    ]


def test_the_app_imports_only_the_first_pane_and_no_parser() -> None:
    # The other panes, and the parser of other command lines, wait until they are needed.
    probe = (
        "import sys; import tui.cli, tui.app;"
        "print(sorted(m for m in sys.modules if m.startswith('tui.panes.') and "
        "not m.startswith('tui.panes.checkin') and m != 'tui.panes.base'), "
        "'argparse' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[] False", result.stdout + result.stderr
