"""Another program changes the data file while Attune holds it open (a file-sync tool, say)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from tui.clock import FixedClock
from tui.store import ChangedOutside, DataFileDamaged, SaveFailed, Store

from ..conftest import make_settings


def write_from_another_process(path: Path, **settings: object) -> bytes:
    """Change the file's settings the way a sync tool would: from elsewhere, in place."""
    data = msgspec.json.decode(path.read_bytes())
    data["settings"]["1"].update(settings)
    payload = msgspec.json.encode(data)
    copy_stdin = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"
    subprocess.run([sys.executable, "-c", copy_stdin, str(path)], input=payload, check=True)
    return payload


def test_a_save_over_a_file_changed_outside_is_refused_and_keeps_the_outside_bytes(
    store: Store, set_up_path: Path
) -> None:
    outside = write_from_another_process(set_up_path, theme="gruvbox")
    with pytest.raises(ChangedOutside, match="changed outside Attune") as refused:
        store.update_settings(turn_minutes=9)
    assert isinstance(refused.value, SaveFailed), "panes that handle SaveFailed handle this too"
    assert set_up_path.read_bytes() == outside
    assert store.settings().turn_minutes != 9, "memory stays as it was before the key"
    with pytest.raises(ChangedOutside):
        store.update_settings(turn_minutes=9)  # and again, until the file is reloaded


def test_after_a_reload_the_outside_change_shows_and_saves_work_again(
    store: Store, set_up_path: Path
) -> None:
    write_from_another_process(set_up_path, theme="gruvbox")
    with pytest.raises(ChangedOutside):
        store.update_settings(turn_minutes=9)
    store.reload()
    assert store.settings().theme == "gruvbox"
    store.update_settings(turn_minutes=9)
    saved = msgspec.json.decode(set_up_path.read_bytes())["settings"]["1"]
    assert (saved["theme"], saved["turn_minutes"]) == ("gruvbox", 9)


def test_a_file_changed_outside_with_its_size_and_time_kept_is_still_noticed(
    store: Store, set_up_path: Path
) -> None:
    before = set_up_path.stat()
    original = set_up_path.read_bytes()
    same_size = original.replace(b'"Sam"', b'"Kim"')
    assert len(same_size) == len(original)
    set_up_path.write_bytes(same_size)
    os.utime(set_up_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ChangedOutside):
        store.update_settings(turn_minutes=9)
    assert set_up_path.read_bytes() == same_size


def test_a_file_rewritten_outside_with_the_same_bytes_is_no_change(
    store: Store, set_up_path: Path
) -> None:
    set_up_path.write_bytes(set_up_path.read_bytes())  # a sync tool re-downloading the same copy
    store.update_settings(turn_minutes=9)
    assert msgspec.json.decode(set_up_path.read_bytes())["settings"]["1"]["turn_minutes"] == 9


def test_a_file_created_outside_after_an_empty_open_is_not_overwritten(
    data_path: Path, set_up_path: Path, clock: FixedClock
) -> None:
    elsewhere = set_up_path.read_bytes()
    set_up_path.unlink()
    with Store.open(data_path, clock) as store:
        data_path.write_bytes(elsewhere)
        with pytest.raises(ChangedOutside):
            store.set_up(make_settings("Jo", "Lee"), created=clock.now().isoformat())
        assert data_path.read_bytes() == elsewhere
        store.reload()
        assert store.settings().partners.a == "Sam"


def test_a_damaged_file_is_not_reloaded_and_the_store_keeps_what_it_held(
    store: Store, set_up_path: Path
) -> None:
    set_up_path.write_bytes(b'{"half a')
    with pytest.raises(DataFileDamaged):
        store.reload()
    assert store.settings().partners.a == "Sam"
    assert set_up_path.read_bytes() == b'{"half a', "a reload never writes"
