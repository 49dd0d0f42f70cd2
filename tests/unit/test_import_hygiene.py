"""The core and the store must stay usable without a terminal: they never import Textual."""

import subprocess
import sys


def test_core_and_store_do_not_import_textual() -> None:
    probe = (
        "import sys, tui.core.models, tui.core.text, tui.store, tui.clock, tui.paths;"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'));"
        "print(leaked); sys.exit(1 if leaked else 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, f"textual imported by core/store: {result.stdout}{result.stderr}"


def test_only_the_store_imports_tinydb() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "tui"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tinydb" in path.read_text() and path.relative_to(package).parts[0] != "store"
    ]
    assert offenders == []
