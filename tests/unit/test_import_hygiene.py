"""The layers stay apart (see tui/ARCHITECTURE.md).

The core and the store must stay usable without a terminal: no module of either imports
Textual. Only the store touches TinyDB. Widgets and dialogs are built by panes and never import
one, so a pane can change without breaking the pieces it is made of.
"""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tui"


def _modules_under(folder: str) -> list[str]:
    return sorted(
        "tui." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for path in (PACKAGE / folder).rglob("*.py")
    )


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_core_and_store_module_loads_without_textual() -> None:
    modules = [*_modules_under("core"), *_modules_under("store"), "tui.clock", "tui.paths"]
    assert "tui.core.rituals" in modules and "tui.store.repository" in modules
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(leaked); sys.exit(1 if leaked else 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, f"textual imported by core/store: {result.stdout}{result.stderr}"


def test_the_core_imports_neither_the_store_nor_the_screen() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imported_modules(path):
            assert not name.startswith(
                (
                    "tui.store",
                    "tui.panes",
                    "tui.widgets",
                    "tui.dialogs",
                    "tui.screens",
                    "tui.app",
                    "textual",
                    "tinydb",
                )
            ), f"{path.name} imports {name}"


def test_only_the_store_imports_tinydb() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "tinydb" for name in _imported_modules(path))
        and path.relative_to(PACKAGE).parts[0] != "store"
    ]
    assert offenders == []


def test_widgets_and_dialogs_never_import_panes_or_screens() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for folder in ("widgets", "dialogs")
        for path in (PACKAGE / folder).rglob("*.py")
        for name in _imported_modules(path)
        if name.startswith(("tui.panes", "tui.screens", "tui.app"))
    ]
    assert offenders == []
