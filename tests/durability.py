"""Which tests keep the real `fsync`: those that crash, kill or fail a save on purpose.

Flushing to disk is what makes a save survive a power cut, and only the tests of that promise
need it; everywhere else it costs milliseconds per save and proves nothing, so the suite's
conftest turns it into a no-op. A test that crashes a save, kills or signals a process, runs
the store's state machine or makes a save fail keeps the real call: the conftest marks it
`durability` when `why_it_needs_real_fsync` finds one of these in its code (so a new crash test
need not remember to), and a test the rules cannot see through is marked by hand.
"""

from __future__ import annotations

import inspect
import os
import types
import unittest
from collections.abc import Iterator
from pathlib import Path

REAL_FSYNC = os.fsync
"""The operating system's own flush, as it was before any test replaced it."""

MARKER = "durability"

MODULE_WORDS = {
    "crash": "is in a module of crash tests",
    "fault": "is in a module of fault tests",
    "signal": "is in a module of signal tests",
}
"""Words in a test module's name that make every test in it one of durability."""

# Names whose use (as a call, an attribute or a constant) makes a test one of durability.
PROCESS_NAMES = {
    "fork": "forks a process to kill it part way",
    "kill": "kills or signals a process",
    "killpg": "kills or signals a process",
    "SIGKILL": "kills a process",
}
DISK_FAULTS = {"ENOSPC", "EROFS", "EIO", "EDQUOT", "EACCES"}
"""Error numbers a test raises to make a save fail as a full, read-only or broken disk would."""
SAVE_FUNCTIONS = {"write_atomically", "write", "fsync", "replace", "mkstemp"}
"""What a fault test replaces (by name, with monkeypatch.setattr) to make a save fail."""


def skip_fsync(descriptor: int) -> None:
    """Stands in for `os.fsync` in tests that do not test durability: the data stays in the
    page cache, which every reader in the same machine sees."""


def why_it_needs_real_fsync(
    path: Path, function: object | None, owner: type | None = None
) -> str | None:
    """What the test `function` (of class `owner`, in the module at `path`) does that needs the
    real `fsync`: a crash, a kill, a signal, a failed save, in words; None for any other test."""
    for word, reason in MODULE_WORDS.items():
        if word in path.stem:
            return reason
    if owner is not None and issubclass(owner, unittest.TestCase):
        if owner.__qualname__.endswith(".TestCase"):  # hypothesis.stateful's test case
            return "runs a state machine that crashes and fails saves"
    if not isinstance(function, types.FunctionType):
        return None
    names, strings = _names_used(function)
    for name, reason in PROCESS_NAMES.items():
        if name in names:
            return reason
    if "RuleBasedStateMachine" in names:
        return "runs a state machine that crashes and fails saves"
    # monkeypatch.setattr(os, "write", ...) or setattr("tui.store.storage.write_atomically", ...)
    replaced = {text.rpartition(".")[2] for text in strings}
    if "setattr" in names and replaced & SAVE_FUNCTIONS:
        return "replaces a step of saving, to make it fail"
    if names & DISK_FAULTS and "OSError" in names:
        return "makes a save fail as a full, read-only or broken disk would"
    return None


def _names_used(function: types.FunctionType) -> tuple[set[str], set[str]]:
    """Every name and string constant in `function`, its nested functions, and the functions
    and classes of the test suite it calls (helpers, fakes), followed to any depth."""
    names: set[str] = set()
    strings: set[str] = set()
    seen: set[int] = set()
    pending: list[object] = [function]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for code, global_names in _code_objects(current):
            names.update(code.co_names)
            strings.update(value for value in code.co_consts if isinstance(value, str))
            for name in code.co_names:
                found = global_names.get(name)
                if _belongs_to_the_suite(found):
                    pending.append(found)
    return names, strings


def _code_objects(value: object) -> Iterator[tuple[types.CodeType, dict[str, object]]]:
    """The code of a function (with its nested functions) or of every method of a class."""
    if isinstance(value, type):
        for member in vars(value).values():
            member = getattr(member, "__func__", member)
            if isinstance(member, types.FunctionType):
                yield from _code_objects(member)
        return
    function = inspect.unwrap(value)  # type: ignore[arg-type]
    if not isinstance(function, types.FunctionType):
        return
    stack = [function.__code__]
    while stack:
        code = stack.pop()
        yield code, function.__globals__
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))


def _belongs_to_the_suite(value: object) -> bool:
    module = getattr(value, "__module__", None) or ""
    return module.startswith("tests.") and isinstance(value, type | types.FunctionType)
