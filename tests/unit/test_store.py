"""The data file: round trips, refusals that leave files untouched, locks, backups, migrations."""

from __future__ import annotations

import datetime
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tui.clock import FixedClock
from tui.store import (
    DataFileDamaged,
    DataFileInUse,
    DataFileTooNew,
    NothingToRestore,
    SaveFailed,
    Store,
    restore_newest_backup,
    schema,
)
from tui.store.atomic import temp_prefix

from ..command_line import run_in_process
from ..conftest import make_settings


def test_settings_round_trip(set_up_path: Path, clock: FixedClock) -> None:
    with Store.open(set_up_path, clock) as store:
        store.update_settings(theme="nord", turn_minutes=7, week_start="sunday")
    with Store.open(set_up_path, clock) as store:
        assert store.is_set_up
        assert store.settings() == make_settings(theme="nord", turn_minutes=7, week_start="sunday")


def test_missing_file_opens_empty_and_writes_nothing(data_path: Path, clock: FixedClock) -> None:
    with Store.open(data_path, clock) as store:
        assert not store.is_set_up
    assert not data_path.exists()


def test_file_and_folder_are_private(set_up_path: Path) -> None:
    assert stat.S_IMODE(set_up_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(set_up_path.parent.stat().st_mode) == 0o700


def test_full_disk_leaves_the_old_file_and_memory_intact(
    store: Store, set_up_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set_up_path.read_bytes()
    real_write = os.write

    def write_half_then_fill_the_disk(descriptor: int, data: bytes) -> int:
        if len(data) > 1:
            return real_write(descriptor, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write_half_then_fill_the_disk)
    with pytest.raises(SaveFailed, match="the disk is full"):
        store.update_settings(theme="nord")
    monkeypatch.undo()

    assert set_up_path.read_bytes() == before
    assert store.settings().theme is None, "memory must not show a change that is not on disk"
    assert not list(set_up_path.parent.glob(f"{temp_prefix(set_up_path)}*"))
    store.update_settings(theme="nord")  # works again once there is space
    assert b'"nord"' in set_up_path.read_bytes()


GOOD_FILE = msgspec.json.encode(
    {
        "meta": {"1": {"schema_version": 1, "created": "2026-11-01T09:00:00+00:00"}},
        "settings": {"1": {"partner_a": "Sam", "partner_b": "Alex", "time_zone": "UTC"}},
    }
)
REFUSED_FILES = {
    "empty": (b"", "it is empty"),
    "blank": (b"  \n", "it is empty"),
    "null": (b"null", "JSON null"),
    "truncated": (GOOD_FILE[:-17], "not valid JSON, so it may have been cut short"),
    "cut short inside": (GOOD_FILE[:-1], "(it ends too early)"),
    "garbage": (b"\x00\xff\xfe not json at all", "(the first problem is at byte 0)"),
    "trailing garbage": (GOOD_FILE + b"x", "(the first problem is at byte "),
    "not text": (b'{"meta": "\xff"}', "(it holds bytes that are not text, the first at byte 10)"),
    "a number after the end": (
        GOOD_FILE + b"1",
        f"(the first problem is at byte {len(GOOD_FILE)})",
    ),
    "a number too large": (b'{"meta": 1e999}', "it can't be read as JSON"),
    "nested too deeply": (b"[" * 100_000, "it can't be read as JSON"),
    "a list": (b"[]", "JSON list"),
    "table not an object": (b'{"meta": 5}', "not a table"),
    "bad document id": (b'{"meta": {"x": {}}}', "wrong shape"),
    "no version": (b'{"meta": {"1": {}}}', "no Attune format version"),
    "no settings": (b'{"meta": {"1": {"schema_version": 1}}}', "settings are missing"),
    "bad settings": (
        GOOD_FILE.replace(b'"time_zone":"UTC"', b'"time_zone":"UTC","turn_minutes":900'),
        "settings are not valid",
    ),
}


@pytest.mark.parametrize("content,reason", REFUSED_FILES.values(), ids=REFUSED_FILES.keys())
def test_damaged_files_are_refused_and_left_byte_identical(
    data_path: Path, clock: FixedClock, content: bytes, reason: str
) -> None:
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(content)
    with pytest.raises(DataFileDamaged) as refusal:
        Store.open(data_path, clock)
    assert reason in str(refusal.value)
    assert str(data_path) in str(refusal.value)
    assert "No good backup" in str(refusal.value)
    assert data_path.read_bytes() == content
    assert not (data_path.parent / "backups").exists(), "a damaged file must not become a backup"


# Names with letters of two bytes in UTF-8, so that a character count and a byte count differ.
ACCENTED_FILE = msgspec.json.encode(
    {
        "meta": {"1": {"schema_version": 2, "created": "2026-11-01T09:00:00+00:00"}},
        "settings": {
            "1": {"partner_a": "Zoë", "partner_b": "Aleš", "time_zone": "UTC", "turn_minutes": 5}
        },
        "checkins": {"1": {"note": None, "done": True, "rating": -1.5e0}},
    }
)


def refusal_of(raw: bytes) -> str:
    """Why `parse_tables` refuses `raw`."""
    with pytest.raises(schema.ShapeError) as refusal:
        schema.parse_tables(raw)
    return str(refusal.value)


def test_bytes_that_are_not_utf8_are_named_by_position() -> None:
    raw = ACCENTED_FILE.replace("Aleš".encode(), b"Ale\xff")
    at = raw.index(b"\xff")
    assert refusal_of(raw).endswith(f"(it holds bytes that are not text, the first at byte {at})")


def test_a_file_cut_short_anywhere_ends_too_early() -> None:
    for end in range(1, len(ACCENTED_FILE)):  # inside strings, numbers, words and characters
        assert refusal_of(ACCENTED_FILE[:end]).endswith("(it ends too early)"), end


def test_a_syntax_error_is_placed_in_bytes_not_characters() -> None:
    raw = ACCENTED_FILE.replace(b',"time_zone"', b' "time_zone"')
    at = raw.index(b'"time_zone"')
    assert at != raw.decode().index('"time_zone"')
    assert refusal_of(raw).endswith(f"(the first problem is at byte {at})")


def test_refusal_names_the_newest_good_backup(data_path: Path, clock: FixedClock) -> None:
    backups = data_path.parent / "backups"
    backups.mkdir(parents=True)
    (backups / "attune-2026-11-20.json").write_bytes(GOOD_FILE)
    (backups / "attune-2026-11-21.json").write_bytes(b"{broken")
    data_path.write_bytes(b"")
    with pytest.raises(DataFileDamaged) as refusal:
        Store.open(data_path, clock)
    assert refusal.value.newest_backup == backups / "attune-2026-11-20.json"
    assert "attune-2026-11-20.json" in str(refusal.value)
    assert "--restore-backup" in str(refusal.value)


def test_restore_puts_the_newest_good_backup_in_place(data_path: Path, clock: FixedClock) -> None:
    backups = data_path.parent / "backups"
    backups.mkdir(parents=True)
    (backups / "attune-2026-11-20.json").write_bytes(GOOD_FILE)
    data_path.write_bytes(b"{truncated")

    report = restore_newest_backup(data_path, clock)

    assert data_path.read_bytes() == GOOD_FILE
    assert report.restored_from == backups / "attune-2026-11-20.json"
    assert report.damaged_kept_as is not None
    assert report.damaged_kept_as.read_bytes() == b"{truncated"
    with Store.open(data_path, clock) as store:
        assert store.settings().partners.a == "Sam"


def test_restore_refuses_to_touch_a_healthy_file(set_up_path: Path, clock: FixedClock) -> None:
    before = set_up_path.read_bytes()
    with pytest.raises(NothingToRestore, match="healthy"):
        restore_newest_backup(set_up_path, clock)
    assert set_up_path.read_bytes() == before


def test_restore_without_backups_says_so(data_path: Path, clock: FixedClock) -> None:
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(b"")
    with pytest.raises(NothingToRestore, match="no good backup"):
        restore_newest_backup(data_path, clock)
    assert data_path.read_bytes() == b""


def test_a_file_from_a_newer_version_is_refused_untouched(
    data_path: Path, clock: FixedClock
) -> None:
    newer = GOOD_FILE.replace(b'"schema_version":1', b'"schema_version":99')
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(newer)
    with pytest.raises(DataFileTooNew, match="newer version of Attune"):
        Store.open(data_path, clock)
    assert data_path.read_bytes() == newer


def test_older_files_are_migrated_after_a_backup(
    data_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_rituals_table(tables: dict) -> dict:
        return {**tables, "rituals": {}}

    # An imagined version 5 on top of the real steps: a version-1 file takes them in turn.
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 5)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, 4: add_rituals_table})
    monkeypatch.setattr("tui.store.repository.SCHEMA_VERSION", 5)
    monkeypatch.setattr("tui.store.loading.SCHEMA_VERSION", 5)
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(GOOD_FILE)

    Store.open(data_path, clock).close()

    migrated = msgspec.json.decode(data_path.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == 5
    assert migrated["rituals"] == {}
    assert (data_path.parent / "backups" / "attune-2026-11-22.json").read_bytes() == GOOD_FILE


def test_a_second_store_on_the_same_file_is_refused(
    store: Store, set_up_path: Path, clock: FixedClock
) -> None:
    before = set_up_path.read_bytes()
    with pytest.raises(DataFileInUse, match="already open in another Attune window"):
        Store.open(set_up_path, clock)
    assert set_up_path.read_bytes() == before


def test_a_second_attune_command_is_refused_and_writes_nothing(
    store: Store, set_up_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = set_up_path.read_bytes()
    result = run_in_process(capsys, "--data", str(set_up_path))
    assert result.returncode == 1
    assert "already open in another Attune window" in result.stderr
    assert "Traceback" not in result.stderr
    assert set_up_path.read_bytes() == before


def test_one_backup_per_day_and_only_the_last_seven_are_kept(
    set_up_path: Path, clock: FixedClock
) -> None:
    for _day in range(10):
        for _launch in range(2):
            with Store.open(set_up_path, clock) as store:
                store.take_daily_backup()
        clock.advance(24 * 3600)
    backups = sorted(path.name for path in (set_up_path.parent / "backups").iterdir())
    # Launched daily from 22 November to 1 December: the seven newest days remain.
    assert backups == [f"attune-2026-11-{day}.json" for day in range(25, 31)] + [
        "attune-2026-12-01.json"
    ]
    for path in (set_up_path.parent / "backups").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_stray_temp_files_from_interrupted_saves_are_removed(
    set_up_path: Path, clock: FixedClock
) -> None:
    stray = set_up_path.parent / f"{temp_prefix(set_up_path)}abc123.tmp"
    stray.write_bytes(b'{"half a')
    unrelated = set_up_path.parent / "notes.tmp"
    unrelated.write_bytes(b"mine")
    Store.open(set_up_path, clock).close()
    assert not stray.exists()
    assert unrelated.exists()


def test_a_folder_in_place_of_the_file_is_a_plain_error(tmp_path: Path, clock: FixedClock) -> None:
    from tui.store import DataFileUnreachable

    with pytest.raises(DataFileUnreachable, match="folder"):
        Store.open(tmp_path, clock)


def test_the_first_save_of_a_session_backs_up_what_was_opened(
    set_up_path: Path, clock: FixedClock
) -> None:
    opened = set_up_path.read_bytes()
    with Store.open(set_up_path, clock) as store:
        assert not (set_up_path.parent / "backups").exists(), "opening alone writes nothing"
        store.update_settings(theme="nord")
        store.update_settings(theme="gruvbox")
    assert (set_up_path.parent / "backups" / "attune-2026-11-22.json").read_bytes() == opened


def test_a_failed_combined_save_leaves_check_ins_as_on_disk(
    store: Store, set_up_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.checkins import CheckinPlan, CheckinRecord

    record = CheckinRecord("c1", "2026-11-22T10:00:00+00:00", CheckinPlan("a", 1, 1, 0, 1, 1))
    before = set_up_path.read_bytes()

    def full_disk(path: Path, payload: bytes, retire: object = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tui.store.storage.write_atomically", full_disk)
    with pytest.raises(SaveFailed):
        store.save_finished_checkin(record, "2026-11-22")
    monkeypatch.undo()
    assert store.checkins() == []
    assert set_up_path.read_bytes() == before
    store.save_finished_checkin(record, "2026-11-22")
    assert store.checkins() == [record]


def test_the_mark_book_follows_every_change_and_each_caller_has_its_own(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.checkins import CheckinPlan, CheckinRecord
    from tui.core.rituals import Cadence, Mark, Ritual, RitualKind, Who

    day = datetime.date(2026, 11, 21)
    talk = Ritual("r1", "Talk time", Cadence.daily(), Who.TOGETHER, 0, "2026-11-01")
    weekly = Ritual(
        "r2", "Check-in", Cadence.daily(), Who.TOGETHER, 1, "2026-11-01", kind=RitualKind.CHECKIN
    )
    store.save_rituals([talk, weekly])
    mine = store.mark_book()
    mine.set(day, "r1", "together", Mark.SKIPPED)  # a pane's own copy changes apart
    assert store.mark_book().get(day, "r1", "together") is None
    store.set_mark("2026-11-21", "r1", "together", Mark.DONE)
    store.set_mark("2026-11-22", "r1", "together", Mark.DONE)
    store.set_mark("2026-11-22", "r1", "together", None)
    book = store.mark_book()
    assert book.get(day, "r1", "together") is Mark.DONE
    assert book.get(day + datetime.timedelta(days=1), "r1", "together") is None

    def full_disk(path: Path, payload: bytes, retire: object = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # A tick made inside a save that then fails is not in the book afterwards.
    record = CheckinRecord("c1", "2026-11-22T10:00:00+00:00", CheckinPlan("a", 1, 1, 0, 1, 1))
    monkeypatch.setattr("tui.store.storage.write_atomically", full_disk)
    with pytest.raises(SaveFailed):
        store.save_finished_checkin(record, "2026-11-20")
    monkeypatch.undo()
    assert store.mark_book().get(day - datetime.timedelta(days=1), "r2", "together") is None
    store.save_finished_checkin(record, "2026-11-20")
    assert store.mark_book().get(day - datetime.timedelta(days=1), "r2", "together") is Mark.DONE


def test_archiving_a_ritual_keeps_its_history(store: Store, set_up_path: Path) -> None:
    from msgspec.structs import replace

    from tui.core.rituals import Cadence, Mark, Ritual, Who

    ritual = Ritual("r1", "Talk time", Cadence.daily(), Who.TOGETHER, 0, "2026-11-01")
    store.save_rituals([ritual])
    store.set_mark("2026-11-21", "r1", "together", Mark.DONE)
    store.save_rituals([replace(ritual, archived=True)])
    store.close()
    with Store.open(set_up_path, FixedClock(store._clock.now())) as reopened:
        (archived,) = reopened.rituals()
        assert archived.archived
        assert reopened.mark_book().get(datetime.date(2026, 11, 21), "r1", "together") is Mark.DONE


def test_an_older_file_is_validated_after_its_migration(
    data_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this imagined history, files before version 5 had no time zone; today's converters
    # require one, so the file must not be checked before every step has run.
    old = GOOD_FILE.replace(b',"time_zone":"UTC"', b"")

    def add_time_zone(tables: dict) -> dict:
        tables["settings"]["1"]["time_zone"] = "Europe/London"
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 5)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, 4: add_time_zone})
    monkeypatch.setattr("tui.store.repository.SCHEMA_VERSION", 5)
    monkeypatch.setattr("tui.store.loading.SCHEMA_VERSION", 5)
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(old)

    with Store.open(data_path, clock) as store:
        assert store.settings().time_zone == "Europe/London"
    assert msgspec.json.decode(data_path.read_bytes())["meta"]["1"]["schema_version"] == 5
    assert (data_path.parent / "backups" / "attune-2026-11-22.json").read_bytes() == old


def version_1_file_with_days(marks: object) -> bytes:
    """A file as version 1 wrote it: a day's marks as {ritual key: {person: mark}}."""
    data = msgspec.json.decode(GOOD_FILE)
    data["rituals"] = {
        "1": {
            "id": "r1",
            "key": 1,
            "name": "Talk time",
            "cadence": {"kind": "daily", "times_per_week": 1, "weekdays": []},
            "who": "each",
            "position": 0,
            "created": "2026-11-01",
        }
    }
    data["days"] = {"1": {"day": "2026-11-21", "marks": marks}}
    return msgspec.json.encode(data)


def test_version_1_day_marks_become_one_string_and_read_the_same(
    data_path: Path, clock: FixedClock
) -> None:
    from tui.core.rituals import Mark

    old = version_1_file_with_days({"1": {"a": "done", "b": "skipped"}})
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(old)

    with Store.open(data_path, clock) as store:
        book = store.mark_book()
        assert book.get(datetime.date(2026, 11, 21), "r1", "a") is Mark.DONE
        assert book.get(datetime.date(2026, 11, 21), "r1", "b") is Mark.SKIPPED
    migrated = msgspec.json.decode(data_path.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION  # every later step
    assert migrated["days"]["1"] == {"day": "2026-11-21", "marks": "1.a=done 1.b=skipped"}
    assert (data_path.parent / "backups" / "attune-2026-11-22.json").read_bytes() == old


@pytest.mark.parametrize(
    "marks",
    [{"1": "done"}, {"1": {"a": "maybe"}}, {"1": {"a b": "done"}}, ["done"]],
    ids=["people not an object", "unknown mark", "a space in a person", "a list"],
)
def test_a_damaged_version_1_day_is_refused_untouched(
    data_path: Path, clock: FixedClock, marks: object
) -> None:
    old = version_1_file_with_days(marks)
    data_path.parent.mkdir(parents=True)
    data_path.write_bytes(old)

    with pytest.raises(DataFileDamaged, match="a day of rituals in it is not readable"):
        Store.open(data_path, clock)
    assert data_path.read_bytes() == old


DAMAGED_DAYS = {
    "unknown ritual": lambda day: day.update({"marks": "1.together=done 99.together=done"}),
    "unknown mark": lambda day: day.update({"marks": "1.together=maybe"}),
    "unknown person": lambda day: day.update({"marks": "1.someone=done"}),
    "no person": lambda day: day.update({"marks": "1=done"}),
    "a stray word": lambda day: day.update({"marks": "1.together=done hello"}),
    "marks not a string": lambda day: day.update({"marks": ["done"]}),
    "version-1 marks in a version-2 file": lambda day: day.update(
        {"marks": {"1": {"together": "done"}}}
    ),
    "no day": lambda day: day.pop("day"),
}


@pytest.mark.parametrize("damage", DAMAGED_DAYS.values(), ids=DAMAGED_DAYS.keys())
def test_a_damaged_day_of_rituals_is_refused_untouched(
    store: Store, set_up_path: Path, damage: Callable[[dict[str, Any]], object]
) -> None:
    from tui.core.rituals import Cadence, Mark, Ritual, Who

    store.save_rituals([Ritual("r1", "Talk time", Cadence.daily(), Who.TOGETHER, 0, "2026-11-01")])
    store.set_mark("2026-11-21", "r1", "together", Mark.DONE)
    clock = FixedClock(store._clock.now())
    store.close()
    data = msgspec.json.decode(set_up_path.read_bytes())
    (day,) = data["days"].values()
    damage(day)
    damaged = msgspec.json.encode(data)
    set_up_path.write_bytes(damaged)

    with pytest.raises(DataFileDamaged, match="a day of rituals in it is not readable"):
        Store.open(set_up_path, clock)
    assert set_up_path.read_bytes() == damaged


def test_update_settings_changes_only_the_named_fields_on_what_is_saved(
    store: Store, set_up_path: Path
) -> None:
    store.update_settings(theme="nord")
    returned = store.update_settings(turn_minutes=7)
    assert returned == store.settings() == make_settings(theme="nord", turn_minutes=7)
    saved = msgspec.json.decode(set_up_path.read_bytes())["settings"]["1"]
    assert (saved["theme"], saved["turn_minutes"]) == ("nord", 7)


def test_an_impossible_setting_is_refused_and_nothing_is_saved(
    store: Store, set_up_path: Path
) -> None:
    from tui.core.models import InvalidSetting

    before = set_up_path.read_bytes()
    with pytest.raises(InvalidSetting):
        store.update_settings(turn_minutes=99)
    with pytest.raises(InvalidSetting):
        store.update_settings(love_language_a="telepathy")
    assert set_up_path.read_bytes() == before
    assert store.settings() == make_settings()


def test_a_file_named_backups_in_the_way_warns_and_never_blocks_saving(
    store: Store, set_up_path: Path
) -> None:
    from tui.store import BackupFailed

    (set_up_path.parent / "backups").write_bytes(b"not a folder")
    store.update_settings(theme="nord")  # the first save of the session, which backs up first
    assert b'"nord"' in set_up_path.read_bytes()
    with pytest.raises(BackupFailed) as failed:
        store.take_daily_backup()
    assert str(failed.value) == (
        "Today's backup could not be written: a file named backups is in the way beside "
        "attune.json; move or rename it. Your changes are still saved."
    )


def test_a_read_only_backups_folder_warns_and_never_blocks_saving(
    store: Store, set_up_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import BackupFailed

    folder = set_up_path.parent / "backups"
    folder.mkdir()

    def read_only(path: Path, payload: bytes) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    # Patched rather than chmod-ed: the tests may run as root, whom no mode stops.
    monkeypatch.setattr("tui.store.backups.write_atomically", read_only)
    store.update_settings(theme="nord")
    assert b'"nord"' in set_up_path.read_bytes()
    with pytest.raises(BackupFailed, match=f"the folder {folder} is read-only"):
        store.take_daily_backup()
