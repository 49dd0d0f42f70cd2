"""Pictures of what stands in front of a protected file, at 80x24: the unlock screen after a
wrong passphrase, and the plain cover of a file without one. Neither may show a name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.store import Store, protected_files
from tui.store.protected_files import new_protection
from tui.store.protection import ScryptCost

from ..conftest import make_settings
from ..functional.helpers import screen_text

SIZE = (80, 24)


@pytest.fixture
def protected_path(data_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", ScryptCost(10, 1, 1))
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
        store.change_protection(new_protection("a long walk, then tea", False)[0])
    return data_path


def test_the_unlock_screen_after_a_wrong_passphrase(
    snap_compare, protected_path: Path, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    app = AttuneApp(None, clock, locked_path=protected_path)

    async def type_a_wrong_one(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(*"wrong one", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Sam" not in screen_text(app) and "Alex" not in screen_text(app)

    assert snap_compare(app, terminal_size=SIZE, run_before=type_a_wrong_one)


def test_the_cover_of_a_file_without_a_passphrase(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
) -> None:  # type: ignore[no-untyped-def]
    app = launch(set_up_path)

    async def hide(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "Sam" not in screen_text(app) and "Alex" not in screen_text(app)

    assert snap_compare(app, terminal_size=SIZE, run_before=hide)
