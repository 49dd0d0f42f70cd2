"""Where the data lives: only regular files, private folders, nothing left behind, read-only.

Tests run as root in some environments, and root ignores file permissions; read-only disks are
therefore simulated by making the system calls fail as a read-only disk makes them fail.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tui.clock import FixedClock
from tui.core.rituals import Mark
from tui.store import DataFileInUse, SaveFailed, Store, restore_newest_backup
from tui.store.errors import NotAFile, ReadOnly
from tui.store.lock import DataFileLock, lock_path_for

from ..conftest import make_settings
from .test_store import GOOD_FILE

ROOT = os.name == "posix" and os.geteuid() == 0
posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes and /dev/null are POSIX things")
needs_file_permissions = pytest.mark.skipif(
    os.name != "posix" or ROOT,
    reason="root ignores file permissions (and Windows has no read-only folders), so chmod "
    "can't make a read-only file here; the simulated read-only disk covers the same code",
)


def read_only_disk(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` behave as if it were on a disk mounted read-only: the system says a file
    there is not writable and refuses every open for writing with EROFS."""
    real_open, real_access = os.open, os.access
    inside = folder.resolve()

    def within(path: object) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and Path(
            os.fsdecode(path)
        ).resolve().is_relative_to(inside)

    def open_refusing_writes(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if within(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def access_refusing_writes(path, mode, **options):  # type: ignore[no-untyped-def]
        if within(path) and mode & os.W_OK:
            return False
        return real_access(path, mode, **options)

    monkeypatch.setattr(os, "open", open_refusing_writes)
    monkeypatch.setattr(os, "access", access_refusing_writes)


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` with its bytes (None for a folder)."""
    return {
        str(entry.relative_to(folder)): None if entry.is_dir() else entry.read_bytes()
        for entry in sorted(folder.rglob("*"))
    }


# --- only a regular file (or a missing one) is a data file ------------------------------------


@posix_only
def test_a_pipe_is_refused_without_being_opened(tmp_path: Path, clock: FixedClock) -> None:
    pipe = tmp_path / "attune.json"
    os.mkfifo(pipe)
    with pytest.raises(NotAFile, match="it is a pipe"):
        Store.open(pipe, clock)  # opening a pipe to read it would wait here forever
    assert not lock_path_for(pipe).exists()


@posix_only
def test_a_device_is_refused_and_no_lock_file_is_made_beside_it(clock: FixedClock) -> None:
    lock = lock_path_for(Path("/dev/null"))
    if lock.exists():
        pytest.skip(f"{lock} was already there before this test")
    with pytest.raises(NotAFile, match="it is a device"):
        Store.open(Path("/dev/null"), clock)
    assert not lock.exists()


def test_a_folder_named_as_the_data_file_is_refused_and_left_alone(
    tmp_path: Path, clock: FixedClock
) -> None:
    folder = tmp_path / "attune.json"
    folder.mkdir()
    with pytest.raises(NotAFile, match="it is a folder"):
        Store.open(folder, clock)
    assert list(tmp_path.iterdir()) == [folder]
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not ROOT, reason="only root may make a device node (mknod)")
def test_restore_backup_never_renames_a_device(tmp_path: Path, clock: FixedClock) -> None:
    device = tmp_path / "attune.json"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # the null device
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "attune-2026-11-20.json").write_bytes(GOOD_FILE)
    with pytest.raises(NotAFile, match="it is a device"):
        restore_newest_backup(device, clock)
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["attune.json", "backups"]


@posix_only
def test_restore_backup_never_renames_a_folder_or_a_pipe(tmp_path: Path, clock: FixedClock) -> None:
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "attune-2026-11-20.json").write_bytes(GOOD_FILE)
    folder = tmp_path / "attune.json"
    folder.mkdir()
    pipe = tmp_path / "other.json"
    os.mkfifo(pipe)
    for path in (folder, pipe):
        with pytest.raises(NotAFile):
            restore_newest_backup(path, clock)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "attune.json",
        "backups",
        "other.json",
    ]


# --- folders made for a new file are private all the way --------------------------------------


def test_every_folder_made_on_the_way_to_a_new_file_is_private(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "home" / "share" / "attune" / "attune.json"
    old_umask = os.umask(0o022)
    try:
        with Store.open(path, clock) as store:
            store.set_up(make_settings(), created=clock.now().isoformat())
    finally:
        os.umask(old_umask)
    for folder in (tmp_path / "home", tmp_path / "home" / "share", path.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_folder_that_already_existed_keeps_its_mode(tmp_path: Path, clock: FixedClock) -> None:
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    with Store.open(existing / "attune" / "attune.json", clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755
    assert stat.S_IMODE((existing / "attune").stat().st_mode) == 0o700


# --- leaving the first run before saving leaves nothing behind --------------------------------


def test_the_first_run_holds_the_lock_until_it_is_left(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "new" / "attune.json"
    with Store.open(path, clock) as store:
        assert not store.is_set_up
        with pytest.raises(DataFileInUse):
            Store.open(path, clock)


def test_leaving_the_first_run_removes_the_lock_file_and_the_folders_made(
    tmp_path: Path, clock: FixedClock
) -> None:
    Store.open(tmp_path / "home" / "attune" / "attune.json", clock).close()
    assert list(tmp_path.iterdir()) == []


def test_leaving_the_first_run_keeps_folders_that_were_there_or_are_in_use(
    tmp_path: Path, clock: FixedClock
) -> None:
    made = tmp_path / "made"
    with Store.open(made / "inner" / "attune.json", clock):
        (made / "notes.txt").write_text("someone else's")
    assert sorted(path.name for path in made.iterdir()) == ["notes.txt"]

    existing = tmp_path / "existing"
    existing.mkdir()
    Store.open(existing / "attune.json", clock).close()
    assert existing.is_dir() and list(existing.iterdir()) == []


def test_a_set_up_file_keeps_its_lock_file(data_path: Path, clock: FixedClock) -> None:
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
    assert lock_path_for(data_path).exists()


def test_a_lock_file_removed_while_being_taken_is_taken_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run is left (its lock file removed) just as another window opened the old one:
    that window must not lock a file nobody else can find."""
    from tui.store import lock as lock_module

    path = tmp_path / "attune.json"
    leaving = DataFileLock(path)
    leaving.acquire()
    real_lock = lock_module._lock_exclusively
    calls = 0

    def leave_first(descriptor: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            leaving.release(remove_file=True)
        real_lock(descriptor)

    monkeypatch.setattr(lock_module, "_lock_exclusively", leave_first)
    arriving = DataFileLock(path)
    arriving.acquire()
    monkeypatch.setattr(lock_module, "_lock_exclusively", real_lock)
    assert calls == 2, "the lock on the removed file was given up and the new file locked"
    with pytest.raises(DataFileInUse):
        DataFileLock(path).acquire()
    arriving.release()


# --- a read-only disk, folder or file opens to look ---------------------------------------


def test_a_file_on_a_read_only_disk_opens_to_look_and_refuses_every_change(
    set_up_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_path_for(set_up_path).unlink()  # a read-only disk has no room for a new lock file
    before = listing(set_up_path.parent)
    read_only_disk(monkeypatch, set_up_path.parent)

    with Store.open(set_up_path, clock) as store:
        assert store.read_only
        assert store.settings().partners.a == "Sam"
        store.take_daily_backup()  # nothing to back up: nothing will change
        with pytest.raises(ReadOnly, match="can't be changed here") as refused:
            store.update_settings(theme="nord")
        assert isinstance(refused.value, SaveFailed), "panes already report SaveFailed"
        assert store.settings().theme != "nord"
        with pytest.raises(ReadOnly):
            store.save_rituals([])
        assert store.rituals() == []

    assert listing(set_up_path.parent) == before


def test_a_read_only_disk_reads_a_file_with_history_and_keeps_it_as_it_was(
    set_up_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.rituals import STARTER_RITUALS, Ritual

    with Store.open(set_up_path, clock) as store:
        starter = STARTER_RITUALS[0]
        ritual = Ritual(
            id="1" * 32,
            name=starter.name,
            cadence=starter.cadence,
            who=starter.who,
            position=0,
            created="2026-11-01",
            kind=starter.kind,
        )
        store.save_rituals([ritual])
        store.set_mark("2026-11-21", ritual.id, ritual.people()[0], Mark.DONE)
    before = set_up_path.read_bytes()
    read_only_disk(monkeypatch, set_up_path.parent)

    with Store.open(set_up_path, clock) as store:
        assert [r.name for r in store.rituals()] == [starter.name]
        with pytest.raises(ReadOnly):
            store.set_mark("2026-11-22", ritual.id, ritual.people()[0], Mark.DONE)
        with pytest.raises(ReadOnly):
            store.set_mark("2026-11-21", ritual.id, ritual.people()[0], None)
        assert store.done_days(ritual.id, ritual.people()[0], ["2026-11-21", "2026-11-22"]) == {
            "2026-11-21"
        }
    assert set_up_path.read_bytes() == before


def test_a_writable_file_is_not_read_only(store: Store) -> None:
    assert not store.read_only


@needs_file_permissions
def test_a_read_only_file_in_a_read_only_folder_opens_to_look(
    set_up_path: Path, clock: FixedClock
) -> None:
    before = set_up_path.read_bytes()
    os.chmod(set_up_path, 0o444)
    os.chmod(set_up_path.parent, 0o555)
    try:
        with Store.open(set_up_path, clock) as store:
            assert store.read_only
            with pytest.raises(ReadOnly):
                store.update_settings(theme="nord")
    finally:
        os.chmod(set_up_path.parent, 0o700)
    assert set_up_path.read_bytes() == before


@needs_file_permissions
def test_a_file_made_read_only_by_its_owner_is_not_changed(
    set_up_path: Path, clock: FixedClock
) -> None:
    before = set_up_path.read_bytes()
    os.chmod(set_up_path, 0o444)
    with Store.open(set_up_path, clock) as store:
        assert store.read_only
        with pytest.raises(ReadOnly):
            store.update_settings(theme="nord")
    assert set_up_path.read_bytes() == before


def test_leaving_the_setup_never_removes_another_attunes_lock_file(
    data_path: Path, clock: FixedClock
) -> None:
    first = Store.open(data_path, clock)  # the first run's setup is showing
    # The folder is emptied and another Attune starts on the same name meanwhile.
    lock_file = data_path.with_name(data_path.name + ".lock")
    lock_file.unlink()
    second = Store.open(data_path, clock)
    first.close()
    assert lock_file.exists(), "the second Attune's lock file is its own"
    with pytest.raises(DataFileInUse):
        Store.open(data_path, clock)
    second.close()
