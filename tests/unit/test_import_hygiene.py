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


def _project_imports() -> dict[str, set[str]]:
    """Each project module and the project modules it imports (at the top or inside a
    function: a lazy import still makes a circle, only a later one)."""
    files = {
        "tui." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        if path.name != "__init__.py" or path.parent != PACKAGE
        else "tui": path
        for path in PACKAGE.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        found: set[str] = set()
        for node in _run_time_nodes(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                # `from tui.core import days` imports the module days, not only the package.
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[module] = {name for name in found if name in files and name != module}
    return graph


def _run_time_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` but those under `if TYPE_CHECKING:`, which never run."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def _circle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A chain of imports leading from `start` back to it, if there is one."""
    trail: list[str] = []
    seen: set[str] = set()

    def walk(module: str) -> list[str] | None:
        trail.append(module)
        for imported in sorted(graph[module]):
            if imported == start:
                return [*trail, start]
            if imported not in seen:
                seen.add(imported)
                if found := walk(imported):
                    return found
        trail.pop()
        return None

    return walk(start)


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _project_imports()
    assert "tui.shell" in graph and "tui.exits" in graph["tui.shell"]
    # A package importing its own modules to offer their names is not a circle of jobs.
    graph = {
        module: {name for name in imported if not module.startswith(name + ".")}
        for module, imported in graph.items()
    }
    circles = [" -> ".join(circle) for m in graph if (circle := _circle_from(m, graph))]
    assert circles == []


def test_the_shell_commands_never_import_the_command_line() -> None:
    for module in ("shell.py", "shell_unlocking.py"):
        assert "tui.cli" not in _imported_modules(PACKAGE / module), module


def test_the_data_format_s_constants_are_written_in_one_module() -> None:
    """The format version, the environment variable and the weekday words are read from
    `tui.data_format`; a second definition anywhere could drift from it unseen."""
    constants = {"SCHEMA_VERSION", "DATA_ENVIRONMENT_VARIABLE", "DATA_FILE_NAME", "WEEKDAY_NAMES"}
    copies = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "data_format.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign):
                named = {t.id for t in node.targets if isinstance(t, ast.Name)}
                written = isinstance(node.value, ast.Constant | ast.Tuple)
                if named & constants and written:
                    copies.append(f"{path.relative_to(PACKAGE)}: {sorted(named)}")
            if isinstance(node, ast.Constant) and node.value in ("ATTUNE_DATA", "saturday"):
                copies.append(f"{path.relative_to(PACKAGE)}: {node.value!r}")
    assert copies == []


_READS_AND_PARSES = {"open", "read_text", "read_bytes", "loads", "load", "decode", "fdopen"}
"""Calls that open a file or parse one: outside `tui/store`, each is listed below, with why."""
_FILES_READ_OUTSIDE_THE_STORE = {
    ("cli.py", "open"): "points standard output at the null device when the terminal is gone",
    ("exports.py", "open"): "creates the report or calendar file the couple asked for",
    ("exports.py", "fdopen"): "writes that file",
    ("panes/base.py", "read_text"): "a pane's help text, shipped with the app",
    ("screens/progress.py", "read_text"): "the Progress view's help text, shipped with the app",
    ("core/faq.py", "read_text"): "the FAQ, shipped with the app",
    ("shell_unlocking.py", "read_text"): "the passphrase file named by ATTUNE_PASSPHRASE_FILE",
}


def test_only_the_store_opens_or_parses_the_data_file_and_the_files_beside_it() -> None:
    """The data file, its backups, its summary and its journal are read by `tui/store` alone
    (the quick prompt line included, `tui.store.glance`). Anything else that opens or parses a
    file is listed above with its reason, so a second reader can't slip in unseen."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                if name in _READS_AND_PARSES and _reads_or_parses(node):
                    found.add((relative.as_posix(), name))
    assert found == set(_FILES_READ_OUTSIDE_THE_STORE)


def _reads_or_parses(call: ast.Call) -> bool:
    """False for `Store.open(...)` (asking the store to read the file) and for decoding bytes
    to text; `json.loads`, `msgspec.json.decode` and every open or read count."""
    if not isinstance(call.func, ast.Attribute):
        return True
    owner = call.func.value
    owner_name = getattr(owner, "id", getattr(owner, "attr", ""))
    if call.func.attr in {"loads", "load", "decode"}:
        return owner_name == "json"
    return owner_name != "Store"
