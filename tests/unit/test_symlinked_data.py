"""A data file reached through a symbolic link (into a synced folder, say): one real file."""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec
import pytest

from tui.clock import FixedClock
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.store import ChangedOutside, DataFileInUse, Store, restore_newest_backup

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights")


@pytest.fixture
def link(set_up_path: Path, tmp_path: Path) -> Path:
    """`elsewhere/link.json`, a link to the set-up data file."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    link = folder / "link.json"
    link.symlink_to(set_up_path)
    return link


def test_a_tick_through_a_link_changes_the_real_file_and_the_link_stays(
    link: Path, set_up_path: Path, clock: FixedClock
) -> None:
    with Store.open(link, clock) as store:
        store.save_rituals(
            [Ritual("r1", "Talk time", Cadence.daily(), Who.TOGETHER, 0, "2026-11-01")]
        )
        store.set_mark("2026-11-22", "r1", "together", Mark.DONE)
    assert link.is_symlink() and link.resolve() == set_up_path.resolve()
    days = msgspec.json.decode(set_up_path.read_bytes())["days"]
    assert [document["day"] for document in days.values()] == ["2026-11-22"]


def test_a_second_open_of_the_real_file_is_refused_while_the_link_is_open(
    link: Path, set_up_path: Path, clock: FixedClock
) -> None:
    with Store.open(link, clock):
        with pytest.raises(DataFileInUse, match="already open in another Attune window"):
            Store.open(set_up_path, clock)


def test_the_lock_and_backups_sit_beside_the_real_file(
    link: Path, set_up_path: Path, clock: FixedClock
) -> None:
    with Store.open(link, clock) as store:
        store.update_settings(theme="nord")
    assert (set_up_path.parent / "backups" / "attune-2026-11-22.json").exists()
    assert not (link.parent / "backups").exists()
    assert not list(link.parent.glob("*.lock"))


def test_a_link_made_while_open_is_followed_and_its_file_is_not_overwritten(
    set_up_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    other = tmp_path / "synced" / "attune.json"
    other.parent.mkdir()
    other.write_bytes(set_up_path.read_bytes().replace(b'"Sam"', b'"Kim"'))
    with Store.open(set_up_path, clock) as store:
        set_up_path.unlink()
        set_up_path.symlink_to(other)
        with pytest.raises(ChangedOutside):
            store.update_settings(theme="nord")
        store.reload()
        assert store.settings().partners.a == "Kim"
        store.update_settings(theme="nord")
        with pytest.raises(DataFileInUse):
            Store.open(other, clock)
    assert set_up_path.is_symlink()
    assert b'"nord"' in other.read_bytes()


def test_restoring_through_a_link_restores_the_real_file(
    link: Path, set_up_path: Path, clock: FixedClock
) -> None:
    with Store.open(link, clock) as store:
        store.take_daily_backup()
    set_up_path.write_bytes(b"")
    restore_newest_backup(link, clock)
    assert link.is_symlink()
    assert b'"Sam"' in set_up_path.read_bytes()
