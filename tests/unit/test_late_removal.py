"""A save hands the file it replaced to be deleted later, off the save's path: the file keeps
a second name until then, and nothing of it outlives closing the file or a change of
protection."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.clock import FixedClock
from tui.core.rituals import Cadence, Ritual, Who
from tui.store import Store, protected_files
from tui.store.atomic import TEMP_SUFFIX, remove_stray_temp_files, temp_prefix, write_atomically
from tui.store.late_removal import LateRemoval
from tui.store.protected_files import new_protection
from tui.store.protection import ScryptCost

MARKER = "kettle-on-at-seven"


def test_the_replaced_file_is_handed_over_under_a_second_name(tmp_path: Path) -> None:
    path = tmp_path / "attune.json"
    path.write_bytes(b"old")
    handed: list[Path] = []
    write_atomically(path, b"new", retire=handed.append)
    assert path.read_bytes() == b"new"
    [retired] = handed
    assert retired.read_bytes() == b"old" and retired.parent == tmp_path
    # Named as a temporary file of this one, so a crash before it is deleted leaves nothing
    # that the next open does not remove.
    assert retired.name.startswith(temp_prefix(path)) and retired.name.endswith(TEMP_SUFFIX)
    assert remove_stray_temp_files(path) == [retired]
    write_atomically(tmp_path / "first.json", b"new", retire=handed.append)
    assert len(handed) == 1, "a file written for the first time replaced nothing"


def test_without_hard_links_the_rename_frees_the_old_file_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object) -> None:
        raise OSError("no hard links on this file system")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "attune.json"
    path.write_bytes(b"old")
    handed: list[Path] = []
    write_atomically(path, b"new", retire=handed.append)
    assert path.read_bytes() == b"new" and handed == []
    assert sorted(tmp_path.iterdir()) == [path]


def test_a_failed_rename_leaves_the_old_file_and_no_second_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise OSError("the disk refused")

    monkeypatch.setattr(os, "replace", refuse)
    path = tmp_path / "attune.json"
    path.write_bytes(b"old")
    handed: list[Path] = []
    with pytest.raises(OSError):
        write_atomically(path, b"new", retire=handed.append)
    assert path.read_bytes() == b"old" and handed == []
    assert sorted(tmp_path.iterdir()) == [path]


def test_late_removal_deletes_in_order_and_finish_waits_for_it(tmp_path: Path) -> None:
    files = [tmp_path / f"{number}.tmp" for number in range(5)]
    for file in files:
        file.write_bytes(b"x")
    removal = LateRemoval()
    removal.finish()  # nothing handed yet: returns at once
    for file in files:
        removal.remove(file)
    removal.remove(tmp_path / "gone already.tmp")  # a file that is not there is no error
    removal.finish()
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "again.tmp").write_bytes(b"x")
    removal.remove(tmp_path / "again.tmp")  # usable again after finishing
    removal.finish()
    assert list(tmp_path.iterdir()) == []


class HeldRemoval(LateRemoval):
    """Deletes nothing until finished: the slowest a busy machine could be."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Path] = []

    def remove(self, path: Path) -> None:
        self.held.append(path)

    def finish(self) -> None:
        for path in self.held:
            path.unlink(missing_ok=True)
        self.held.clear()


def test_closing_and_protecting_leave_no_replaced_file_behind(
    set_up_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.store.storage.LateRemoval", HeldRemoval)
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", ScryptCost(10, 1, 1))
    folder = set_up_path.parent
    with Store.open(set_up_path, clock) as store:
        for number in range(3):
            name = f"{MARKER} {number}"
            ritual = Ritual(f"r{number}", name, Cadence.daily(), Who.TOGETHER, number, "2026-11-01")
            store.save_rituals([*store.rituals(), ritual])
        assert any(MARKER.encode() in file.read_bytes() for file in _files_beside(set_up_path))
        store.change_protection(new_protection("a long walk, then tea", False)[0])
        for file in folder.rglob("*"):
            if file.is_file():
                assert MARKER.encode() not in file.read_bytes(), f"{file.name} holds plain text"
        store.save_rituals(store.rituals()[:1])
    assert not list(_files_beside(set_up_path))


def _files_beside(path: Path) -> list[Path]:
    """The replaced copies of `path` waiting to be deleted."""
    return list(path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"))


def test_a_reload_leaves_no_thread_of_the_storage_it_dropped(
    set_up_path: Path, clock: FixedClock
) -> None:
    def removal_threads() -> int:
        return sum(thread.name == "attune-late-removal" for thread in threading.enumerate())

    with Store.open(set_up_path, clock) as store:
        for turn in range(3):
            store.update_settings(theme="nord" if turn % 2 else "gruvbox")
            store.reload()
            assert removal_threads() == 0
        store.update_settings(theme="nord")
        assert removal_threads() == 1
    assert removal_threads() == 0
    assert not _files_beside(set_up_path)
