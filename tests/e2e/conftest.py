"""Fixtures for driving the installed `attune` command in a real terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .terminal import Terminal, tmux_available

ATTUNE = Path(sys.executable).parent / "attune"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skips = []
    if not tmux_available():
        skips.append(pytest.mark.skip(reason="tmux is not installed, so no real terminal"))
    if not ATTUNE.exists():
        skips.append(
            pytest.mark.skip(reason=f"the attune command is not installed beside {sys.executable}")
        )
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(pytest.mark.e2e)
            for skip in skips:
                item.add_marker(skip)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A private tmux terminal, ended after the test."""
    driven = Terminal(tmp_path)
    yield driven
    driven.stop()
