"""Backups: the daily copy, a copy taken by hand, one rule that keeps the newest days."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tui.clock import FixedClock
from tui.store import BackupFailed, Store
from tui.store.backups import Backup, Backups, data_file_facts


def test_a_copy_by_hand_lies_beside_the_daily_one_and_holds_the_file_as_saved(
    set_up_path: Path, clock: FixedClock
) -> None:
    with Store.open(set_up_path, clock) as store:
        store.take_daily_backup()
        store.update_settings(theme="nord")
        clock.advance(60)
        copy = store.back_up_now()
    folder = set_up_path.parent / "backups"
    assert copy == folder / "attune-2026-11-22-103100.json"
    assert copy.read_bytes() == set_up_path.read_bytes()
    assert (folder / "attune-2026-11-22.json").exists()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_the_newest_backup_is_the_last_taken(set_up_path: Path, clock: FixedClock) -> None:
    with Store.open(set_up_path, clock) as store:
        store.take_daily_backup()
        assert store.backups.newest() == Backup(
            set_up_path.parent / "backups" / "attune-2026-11-22.json", "2026-11-22", None
        )
        store.back_up_now()
        newest = store.backups.newest()
    assert newest is not None
    assert (newest.day, newest.time) == ("2026-11-22", "10:30:00")


def test_copies_by_hand_are_kept_with_their_day_and_pruned_with_it(
    set_up_path: Path, clock: FixedClock
) -> None:
    for _day in range(9):
        with Store.open(set_up_path, clock) as store:
            store.take_daily_backup()
            store.back_up_now()
            clock.advance(3600)
            store.back_up_now()
        clock.advance(23 * 3600)
    names = sorted(path.name for path in (set_up_path.parent / "backups").iterdir())
    # Nine days from 22 November: the seven newest days remain, three copies each.
    days = [f"2026-11-{day}" for day in range(24, 31)]
    assert names == sorted(
        name
        for day in days
        for name in (f"attune-{day}.json", f"attune-{day}-103000.json", f"attune-{day}-113000.json")
    )


def test_many_copies_in_a_day_never_push_out_the_days_before(tmp_path: Path) -> None:
    backups = Backups(tmp_path / "attune.json", keep=2)
    backups.take_daily(b"{}", "2026-11-21")
    for minute in range(10):
        backups.take_now(b"{}", "2026-11-22", f"10:{minute:02}:00")
    assert backups.path_for("2026-11-21").exists()
    assert len(backups.newest_first()) == 11


def test_the_newest_good_backup_may_be_a_copy_by_hand(tmp_path: Path) -> None:
    backups = Backups(tmp_path / "attune.json")
    daily = backups.take_daily(b'{"meta": {}}', "2026-11-22")
    by_hand = backups.take_now(b"{broken", "2026-11-22", "11:00:00")
    assert backups.newest_first() == [by_hand, daily]


def test_a_backup_that_cannot_be_written_says_so(set_up_path: Path, clock: FixedClock) -> None:
    (set_up_path.parent / "backups").write_text("in the way")
    with Store.open(set_up_path, clock) as store, pytest.raises(BackupFailed, match="in the way"):
        store.back_up_now()


def test_the_facts_about_the_file(set_up_path: Path, clock: FixedClock) -> None:
    facts = data_file_facts(set_up_path)
    assert facts.path == set_up_path
    assert facts.size == set_up_path.stat().st_size
    assert facts.newest_backup is None
    with Store.open(set_up_path, clock) as store:
        copy = store.back_up_now()
    assert data_file_facts(set_up_path).newest_backup == Backup(copy, "2026-11-22", "10:30:00")


def test_a_missing_file_has_no_size(tmp_path: Path) -> None:
    assert data_file_facts(tmp_path / "gone.json").size is None
