"""`attune today --short` from the summary kept beside the data file: always the store's line.

The summary (`<data file>.glance`) is only a cache. Each test here changes the file, the day,
the summary or the folder in a way that could leave it stale, and checks that the line still
equals the one the store's full reading gives.
"""

from __future__ import annotations

import json
import os
import random
import re
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pendulum
import pytest
from msgspec.structs import replace

from tui.cli import DATA_ENVIRONMENT_VARIABLE, _read_without_the_parser, build_parser, main
from tui.clock import FixedClock, SystemClock
from tui.core.agreements import Lapse, Repair
from tui.core.days import logical_day
from tui.core.rituals import Mark
from tui.shell import _summary, store_clock
from tui.standard_clock import StandardClock
from tui.store import Store
from tui.store.glance import (
    _COMPLETED,
    DAYS_AHEAD,
    DAYS_BEFORE,
    GLANCE_FORMAT,
    GLANCE_HEADER,
    _day_at,
    _utc_offsets,
    glance_path_for,
    quick_short_line,
    saved_short_line,
)

from ..command_line import run_in_process

LONDON = "Europe/London"
SUNDAY = pendulum.datetime(2026, 11, 22, 10, 30, tz=LONDON)
"""The last day of the generated history."""


@pytest.fixture(scope="module")
def history_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A year of generated history (rituals, marks, check-ins, lapses and reviews)."""
    from bench.history import write_history

    path = tmp_path_factory.mktemp("history") / "attune.json"
    write_history(path, years=1)
    return path.read_bytes()


@pytest.fixture
def history(tmp_path: Path, history_bytes: bytes) -> Path:
    """A private copy of the history, with no summary beside it yet."""
    path = tmp_path / "couple" / "attune.json"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(history_bytes)
    path.chmod(0o600)
    return path


def store_line(path: Path, moment: pendulum.DateTime) -> str:
    """The line as `attune today --short` worked it out before there was any summary."""
    clock = FixedClock(moment)
    with Store.peek(path, clock) as store:
        return _summary(store, store_clock(store, clock)).short_line()


def summary_of(path: Path) -> Path:
    return Path(glance_path_for(path))


def assert_line_is_the_stores(path: Path, moment: pendulum.DateTime) -> str:
    expected = store_line(path, moment)
    assert quick_short_line(path, FixedClock(moment)) == expected, moment
    assert saved_short_line(path, FixedClock(moment)) == expected, (
        f"{moment}: the summary holds the day"
    )
    return expected


def change_in_the_store(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Save `change(store)` as the dashboard would, at the fixed Sunday."""
    with Store.open(path, FixedClock(SUNDAY)) as store:
        change(store)


# --- the summary and the store agree ----------------------------------------------------------


def test_the_line_from_the_summary_equals_the_stores_day_by_day(history: Path) -> None:
    """Every 7 hours for five weeks: across midnight, the 04:00 rollover and week starts."""
    assert saved_short_line(history, FixedClock(SUNDAY)) is None, "no summary yet"
    assert_line_is_the_stores(history, SUNDAY)
    written = summary_of(history).stat()
    for hours in range(-24 * DAYS_BEFORE, 24 * (DAYS_AHEAD - 1), 7):
        moment = SUNDAY.add(hours=hours)
        if logical_day(moment, 4) < logical_day(SUNDAY, 4) + timedelta(days=DAYS_AHEAD):
            expected = store_line(history, moment)
            assert saved_short_line(history, FixedClock(moment)) == expected, moment
            assert quick_short_line(history, FixedClock(moment)) == expected, moment
    again = summary_of(history).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns), (
        "days within the summary are answered without writing it again"
    )


def test_a_day_past_the_summary_reads_the_file_and_saves_a_new_one(history: Path) -> None:
    quick_short_line(history, FixedClock(SUNDAY))
    later = SUNDAY.add(days=DAYS_AHEAD + 3)
    earlier = SUNDAY.subtract(days=DAYS_BEFORE + 1)
    for moment in (later, earlier):
        assert saved_short_line(history, FixedClock(moment)) is None
        assert quick_short_line(history, FixedClock(moment)) == store_line(history, moment)
        assert saved_short_line(history, FixedClock(moment)) == store_line(history, moment)


def test_each_change_saved_by_the_store_makes_the_summary_stale(history: Path) -> None:
    """Ticks, skips and clears on days of this week and last, a ritual archived, an agreement's
    lapse, settings that move the day and the week: after each, the summary is ignored until
    it is written again, and the line is the store's."""
    randomness = random.Random(8)
    with Store.peek(history, FixedClock(SUNDAY)) as store:
        rituals = [ritual for ritual in store.rituals() if not ritual.archived]
        agreement = store.agreements()[0]
    moments = [SUNDAY.subtract(days=2), SUNDAY, SUNDAY.add(hours=16), SUNDAY.add(days=3)]
    changes = []
    for _ in range(12):
        ritual = randomness.choice(rituals)
        day = (SUNDAY.date() + timedelta(days=randomness.randint(-9, 3))).isoformat()
        mark = randomness.choice([Mark.DONE, Mark.SKIPPED, Mark.NOT_DONE, None])
        person = randomness.choice(ritual.people())
        changes.append(
            lambda store, r=ritual, d=day, p=person, m=mark: store.set_mark(d, r.id, p, m)
        )
    lapse = Lapse("fresh-lapse", "a", "2026-11-20", "", Repair(days=7), review_after_days=7)
    changes += [
        lambda store: store.save_rituals([replace(rituals[0], archived=True)]),
        lambda store: store.save_agreement(replace(agreement, lapses=(*agreement.lapses, lapse))),
        lambda store: store.update_settings(week_start="sunday"),
        lambda store: store.update_settings(day_rollover_hour=0),
        lambda store: store.update_settings(checkin_weekday="wednesday"),
    ]
    for change in changes:
        for moment in moments:
            assert_line_is_the_stores(history, moment)
        change_in_the_store(history, change)
        assert all(saved_short_line(history, FixedClock(moment)) is None for moment in moments), (
            "the file changed: the summary no longer describes it"
        )
    for moment in moments:
        assert_line_is_the_stores(history, moment)


def test_the_couples_clock_turns_the_day_without_the_file_changing(history: Path) -> None:
    """Sunday's line, Sunday just before midnight, Monday before the 04:00 rollover (still
    Sunday), Monday at 04:00 (a new day and a new week): all from the one summary."""
    quick_short_line(history, FixedClock(SUNDAY))
    written = summary_of(history).read_bytes()
    for moment in (
        SUNDAY.replace(hour=23, minute=59),
        SUNDAY.add(days=1).replace(hour=3, minute=59, second=59),
        SUNDAY.add(days=1).replace(hour=4, minute=0),
        SUNDAY.add(days=7).replace(hour=4, minute=0),
    ):
        assert saved_short_line(history, FixedClock(moment)) == store_line(history, moment), moment
    assert saved_short_line(history, FixedClock(SUNDAY.add(days=1).replace(hour=3))) == store_line(
        history, SUNDAY
    )
    assert summary_of(history).read_bytes() == written


def test_the_clock_read_through_the_saved_offsets_gives_the_stores_line(history: Path) -> None:
    """The prompt's clock at a second either side of the rollover and of midnight, from the
    one summary: the day is worked out from the instant alone, through the saved offsets."""
    quick_short_line(history, FixedClock(SUNDAY))
    monday = SUNDAY.add(days=1)
    for moment in (
        SUNDAY.replace(hour=23, minute=59, second=59),
        monday.replace(hour=0, minute=0, second=0),
        monday.replace(hour=3, minute=59, second=59),
        monday.replace(hour=4, minute=0, second=0),
        SUNDAY.add(days=DAYS_AHEAD - 1).replace(hour=12),
    ):
        # A clock in another zone tells the same instant: the couple's zone decides the day.
        assert saved_short_line(history, FixedClock(moment, "Asia/Tokyo")) == store_line(
            history, moment
        ), moment
    later = FixedClock(SUNDAY.add(days=DAYS_AHEAD + 2))
    assert saved_short_line(history, later) is None, "past the days the summary holds"


def test_the_line_on_the_real_clock_is_the_stores(history: Path) -> None:
    expected = store_line(history, SystemClock(LONDON).now())
    line = quick_short_line(history)
    if line != expected:  # the couple's day turned between the two readings
        expected = store_line(history, SystemClock(LONDON).now())
    assert line == expected
    assert saved_short_line(history) == quick_short_line(history)


def test_the_prompts_own_clock_tells_the_machines_instant_in_utc() -> None:
    """The default clock of the line reads the machine's time without pendulum."""
    clock = StandardClock()
    before = clock.timestamp()
    now = clock.now()
    after = clock.timestamp()
    assert now.utcoffset() == timedelta(0)
    # A datetime keeps microseconds and the float seconds a little less: a millisecond apart.
    assert before - 0.001 <= now.timestamp() <= after + 0.001
    assert clock.monotonic() <= clock.monotonic()


# --- the couple's day from the saved offsets --------------------------------------------------


@pytest.mark.parametrize(
    "zone_name",
    [
        LONDON,
        "America/New_York",
        "Australia/Lord_Howe",  # half an hour of summer time
        "Asia/Kathmandu",  # +05:45
        "Pacific/Chatham",  # +12:45 and +13:45
        "America/St_Johns",  # -03:30, changing at 02:00 local
        "UTC",
    ],
)
@pytest.mark.parametrize("first_day", ["2026-03-20", "2026-10-20"])
def test_the_day_from_the_saved_offsets_is_the_zones(zone_name: str, first_day: str) -> None:
    """Over the summary's span around the spring and autumn changes, every 7 minutes and a
    second either side of each change, for rollover hours 0, 4 and 23."""
    zone = ZoneInfo(zone_name)
    first = pendulum.Date.fromisoformat(first_day)
    last = first + timedelta(days=DAYS_BEFORE + DAYS_AHEAD - 1)
    offsets = _utc_offsets(zone, first, last)
    changes, until = offsets[:-1], offsets[-1]
    seconds = set(range(changes[0], until, 7 * 60))
    for at in changes[2::2]:
        seconds |= {at - 1, at, at + 1}
    for second in sorted(seconds):
        for rollover in (0, 4, 23):
            expected = logical_day(datetime.fromtimestamp(second, zone), rollover).isoformat()
            assert _day_at(offsets, rollover, second + 0.999) == expected, (second, rollover)
    assert _day_at(offsets, 4, changes[0] - 1) is None
    assert _day_at(offsets, 4, until) is None


def test_the_offsets_span_every_day_of_the_summary_in_any_zone() -> None:
    first = pendulum.Date(2026, 11, 15)
    last = first + timedelta(days=DAYS_BEFORE + DAYS_AHEAD - 1)
    for zone_name in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # +14:00 and -11:00
        offsets = _utc_offsets(ZoneInfo(zone_name), first, last)
        days = {_day_at(offsets, 0, second) for second in range(offsets[0], offsets[-1], 3600)}
        assert {(first + timedelta(days=n)).isoformat() for n in range(35)} <= days


# --- a summary that can't be trusted ----------------------------------------------------------


def _summary_written(history: Path) -> bytes:
    assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
    return summary_of(history).read_bytes()


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: b"",
        lambda good: good[: len(good) // 2],
        lambda good: good[:-30],
        lambda good: b"\xff\xfe" + good,
        lambda good: good.replace(b"rollover-hour", b"rollover"),
        lambda good: good.replace(b"utc-offsets ", b"utc-offsets x"),
        lambda good: b"\n".join(good.split(b"\n")[:4]),
        lambda good: b"\0" * len(good),
        lambda good: re.sub(rb"(utc-offsets [^\n]*) \d+\n", rb"\1\n", good),
        lambda good: good.replace(b"rollover-hour 4", b"rollover-hour 99"),
        lambda good: good.replace(b"\nend\n", b"\n" + b"2000-01-01 padding\n" * 5000 + b"end\n"),
    ],
    ids=[
        "empty",
        "half",
        "cut short",
        "not text",
        "a line renamed",
        "a number damaged",
        "lines missing",
        "zeros",
        "an offset missing",
        "no such hour",
        "too long",
    ],
)
def test_a_damaged_summary_is_read_past_and_replaced(history: Path, damage) -> None:  # type: ignore[no-untyped-def]
    good = _summary_written(history)
    summary_of(history).write_bytes(damage(good))
    assert saved_short_line(history, FixedClock(SUNDAY)) is None
    assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
    assert summary_of(history).read_bytes() == good


def test_a_summary_of_an_older_shape_or_data_format_is_ignored(history: Path) -> None:
    """A wrong line under a matching stamp shows that the header decides, not the stamp."""
    good = _summary_written(history).decode()
    header, data_format, stamp, *rest = good.split("\n")
    today = SUNDAY.date().isoformat()
    wrong = [entry.replace("today", "today · wrong") for entry in rest]
    older_shape = header.replace(f"format {GLANCE_FORMAT}", f"format {GLANCE_FORMAT - 1}")
    older_data = data_format.rsplit(" ", 1)[0] + f" {int(data_format.split()[-1]) - 1}"
    for variant in (
        [older_shape, data_format, stamp, *wrong],
        [header, older_data, stamp, *wrong],
        ['{"format": 1, "stamp": [1, 2, 3]}'],
    ):
        summary_of(history).write_text("\n".join(variant))
        assert saved_short_line(history, FixedClock(SUNDAY)) is None
        assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
        assert f"{today} Attune" in summary_of(history).read_text()
        assert "wrong" not in summary_of(history).read_text()


def test_a_summary_with_another_files_stamp_is_ignored(history: Path) -> None:
    """The same bytes saved again (a copy put back, a restore) make a new inode and time."""
    _summary_written(history)
    history.write_bytes(history.read_bytes())
    assert saved_short_line(history, FixedClock(SUNDAY)) is None
    os.replace(history, history.with_name("moved.json"))
    history.with_name("moved.json").rename(history)
    assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)


@pytest.mark.skipif(os.name != "posix", reason="pipes are a POSIX thing")
def test_a_folder_or_a_pipe_where_the_summary_belongs_changes_nothing(history: Path) -> None:
    summary_of(history).mkdir()
    assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
    assert summary_of(history).is_dir()
    summary_of(history).rmdir()
    os.mkfifo(summary_of(history))
    assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY), "no wait"
    assert saved_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY), "replaced"


@pytest.mark.skipif(os.name != "posix", reason="pipes are a POSIX thing")
def test_a_pipe_where_the_data_belongs_is_left_to_the_store(tmp_path: Path) -> None:
    pipe = tmp_path / "attune.json"
    os.mkfifo(pipe)
    assert quick_short_line(pipe, FixedClock(SUNDAY)) is None, "answered at once, without waiting"
    assert not summary_of(pipe).exists()


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_folder_that_cannot_be_written_still_gets_the_right_line(history: Path) -> None:
    folder = history.parent
    folder.chmod(0o500)
    try:
        for moment in (SUNDAY, SUNDAY.add(days=1)):
            assert quick_short_line(history, FixedClock(moment)) == store_line(history, moment)
        assert sorted(path.name for path in folder.iterdir()) == ["attune.json"]
    finally:
        folder.chmod(0o700)


def test_a_summary_that_cannot_be_saved_leaves_nothing_and_the_line_right(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a read-only disk (root can write into a read-only folder, so the refusal is
    played here), with a stale summary left from before the change."""
    _summary_written(history)
    change_in_the_store(
        history, lambda store: store.set_mark("2026-11-22", store.rituals()[0].id, "together", None)
    )
    before = sorted(path.name for path in history.parent.iterdir())

    def refuse(*arguments: object) -> None:
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr("tui.store.glance.os.replace", refuse)
    for moment in (SUNDAY, SUNDAY.add(days=2)):
        assert quick_short_line(history, FixedClock(moment)) == store_line(history, moment)
        assert saved_short_line(history, FixedClock(moment)) is None
    assert sorted(path.name for path in history.parent.iterdir()) == before


# --- where the summary lives and what it holds -----------------------------------------------


def test_the_summary_is_private_and_names_no_one(history: Path) -> None:
    text = _summary_written(history).decode()
    assert stat.S_IMODE(summary_of(history).stat().st_mode) == 0o600
    assert text.startswith(GLANCE_HEADER + "\n")
    for private in ("Sam", "Alex", "phones", "heard", "needed more attention"):
        assert private not in text
    assert len(text) < 4000


def test_the_summary_of_a_linked_file_sits_beside_the_real_file(history: Path) -> None:
    link = history.parent.parent / "link.json"
    link.symlink_to(history)
    assert quick_short_line(link, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
    assert summary_of(history).is_file()
    assert not summary_of(link).exists()
    assert saved_short_line(link, FixedClock(SUNDAY)) == store_line(history, SUNDAY)


def test_the_store_and_its_backups_are_not_troubled_by_the_summary(history: Path) -> None:
    """The store opens, saves and backs up as before; a temporary file of a summary whose
    writer was killed is cleared away with the store's own."""
    _summary_written(history)
    stray = history.with_name(f".{history.name}.glance-4242-0a1b2c3d.tmp")
    stray.write_bytes(b"half a summary")
    with Store.open(history, FixedClock(SUNDAY)) as store:
        store.set_mark("2026-11-22", store.rituals()[0].id, "together", Mark.DONE)
        store.take_daily_backup()
    assert not stray.exists()
    backups = sorted(path.name for path in (history.parent / "backups").iterdir())
    assert backups and all(name.startswith("attune-") for name in backups)
    assert_line_is_the_stores(history, SUNDAY)


def test_the_line_answers_while_the_dashboard_holds_the_file(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(history, FixedClock(SUNDAY)) as store:
        store.set_mark("2026-11-22", store.rituals()[0].id, "together", Mark.DONE)
        assert quick_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
        assert saved_short_line(history, FixedClock(SUNDAY)) == store_line(history, SUNDAY)
        result = run_in_process(capsys, "today", "--short", "--data", str(history))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Attune ") and result.stdout.count("\n") == 1


# --- from the command line --------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["today", "--short"],
        ["today", "--short", "--data", "x.json"],
        ["--data", "x.json", "today", "--short"],
        ["today", "--data", "x.json", "--short"],
        ["today", "--short", "--data=x.json"],
        ["--data=-odd.json", "today", "--short"],
        ["--data", "today", "today", "--short"],
    ],
)
def test_the_quick_reading_of_the_arguments_agrees_with_the_parser(arguments: list[str]) -> None:
    parsed = build_parser().parse_args(arguments)
    assert (parsed.command, parsed.form) == ("today", "short")
    quick = _read_without_the_parser(arguments)
    assert quick is not None
    assert (quick.command, quick.form, quick.data) == ("today", "short", parsed.data)


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["today"],
        ["today", "--json"],
        ["today", "--short", "--json"],
        ["today", "--sh"],
        ["today", "--short", "--short"],
        ["--short", "today"],
        ["today", "--short", "--data"],
        ["today", "--short", "--data", "-x.json"],
        ["today", "--short", "--data="],
        ["--data", "a.json", "today", "--short", "--data", "b.json"],
        ["--restore-backup", "today", "--short"],
        ["tick", "talk"],
        ["today", "--short", "--help"],
    ],
)
def test_anything_else_is_left_to_the_parser(arguments: list[str]) -> None:
    quick = _read_without_the_parser(arguments)
    assert quick is None or quick.command != "today"


def test_the_command_prints_the_summarys_line_and_reads_past_a_stale_one(
    history: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = SystemClock(LONDON).now()
    assert main(["today", "--short", "--data", str(history)]) == 0
    first = capsys.readouterr().out
    assert first in (
        store_line(history, now) + "\n",
        store_line(history, now.add(minutes=1)) + "\n",
    )
    monkeypatch.setenv(DATA_ENVIRONMENT_VARIABLE, str(history))
    assert main(["today", "--short"]) == 0
    assert capsys.readouterr().out == first
    history.write_bytes(b'{"meta": ')
    assert main(["today", "--short"]) == 1
    assert capsys.readouterr().err.startswith(f"attune: The data file {history} can't be used")


def test_the_summarys_line_needs_no_json_datetime_zoneinfo_or_pathlib(history: Path) -> None:
    quick_short_line(history)
    probe = (
        "import sys; from tui.cli import main;"
        f"main(['today', '--short', '--data', {str(history)!r}]);"
        "heavy = {'json', 'datetime', 'zoneinfo', 'pathlib', 'tui.shell', 'tui.core.glance'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr


def test_the_last_check_in_is_the_latest_instant_whatever_offset_it_was_written_in(
    history: Path,
) -> None:
    """A couple who moved have check-in times written in different offsets: the summary takes
    the last check-in by its instant, as the store does, not by the greatest text."""
    data = json.loads(history.read_text())
    data["settings"]["1"]["checkin_weekday"] = "sunday"
    completed = sorted(
        (record for record in data["checkins"].values() if record["status"] in _COMPLETED),
        key=lambda record: datetime.fromisoformat(record["started_at"]),
    )
    # The last on Thursday evening (that Sunday's check-in, held early), the one before on
    # Wednesday night (the Sunday before's, held late), written on either side of the date line.
    last, before = completed[-1], completed[-2]
    last["started_at"] = "2026-11-19T08:00:00-11:00"  # 19:00 in London
    before["started_at"] = "2026-11-19T13:00:00+14:00"  # 23:00 the evening before
    assert before["started_at"] > last["started_at"], "as text, the earlier one sorts last"
    history.write_text(json.dumps(data))
    for days in range(8):
        assert_line_is_the_stores(history, SUNDAY.add(days=days))
