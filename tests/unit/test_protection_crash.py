"""A protected data file in the store: opened, refused, and its protection changed with a kill
at every step.

Keys are derived at the lowest cost the format allows, so these stay fast; the real cost is
measured by `bench/unlock.py`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tui.clock import FixedClock
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.store import NothingToRestore, Store, protected_files, restore_newest_backup
from tui.store.protected_at_a_glance import JOURNAL_SUFFIX, is_protected_file
from tui.store.protected_files import (
    STAGED_SUFFIX,
    change_passphrase,
    new_protection,
)
from tui.store.protection import ScryptCost, is_protected
from tui.store.protection_errors import (
    DamagedProtectedFile,
    PassphraseNeeded,
    WrongPassphrase,
)
from tui.store.protection_keys import unlock_file
from tui.store.recovery_key import RecoveryKey

from ..conftest import make_settings

CHEAP = ScryptCost(log2_n=10, r=1, p=1)
PASSPHRASE = "a long walk, then tea"
NEW_PASSPHRASE = "the kettle sings at seven"
MARKER = "ZQXMARKERWORDS"
MARKED_DAY = date(2026, 11, 22)


class SimulatedCrash(BaseException):
    """The process dies here: nothing more runs, the lock goes with it."""


@pytest.fixture(autouse=True)
def cheap_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", CHEAP)


@pytest.fixture
def written(data_path: Path, clock: FixedClock) -> Path:
    """A set-up file holding a ritual named with the marker, a mark, and two backups."""
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(first=MARKER), created=clock.now().isoformat())
        store.save_rituals(
            [Ritual("r1", f"Walk {MARKER}", Cadence.daily(), Who.EACH, 0, "2026-11-01")]
        )
        store.set_mark("2026-11-22", "r1", "a", Mark.DONE)
    clock.advance(24 * 3600)
    with Store.open(data_path, clock) as store:
        store.take_daily_backup()
        store.back_up_now()
    return data_path


def every_file(folder: Path) -> Iterator[Path]:
    """Every file under the data folder (data file, backups, journal, temporary files)."""
    return (path for path in folder.rglob("*") if path.is_file())


def facts(store: Store) -> tuple[object, ...]:
    """What the couple saved: their settings, their ritual and its mark."""
    return (store.settings(), store.rituals(), store.mark_book().get(MARKED_DAY, "r1", "a"))


def protect_file(path: Path, clock: FixedClock, recovery: bool = False) -> RecoveryKey | None:
    """Turn protection on for the file at `path`; the recovery key, when one was asked for."""
    key, recovery_key = new_protection(PASSPHRASE, with_recovery_key=recovery)
    with Store.open(path, clock) as store:
        store.change_protection(key)
    return recovery_key


def test_a_protected_file_round_trips_and_no_word_of_it_is_left_plain(
    written: Path, clock: FixedClock
) -> None:
    with Store.open(written, clock) as store:
        before = facts(store)
    recovery_key = protect_file(written, clock, recovery=True)
    assert is_protected_file(written)
    files = list(every_file(written.parent))
    assert len([path for path in files if "backups" in path.parts]) == 2
    for path in files:
        assert MARKER.encode() not in path.read_bytes(), path
    with pytest.raises(PassphraseNeeded):
        Store.open(written, clock)
    with pytest.raises(WrongPassphrase):
        unlock_file(written, "a long walk then tea")
    assert recovery_key is not None
    for secret in (PASSPHRASE, recovery_key.text.lower().replace("-", " ")):
        with Store.open(written, clock, unlock_file(written, secret)) as store:
            assert facts(store) == before
    with Store.open(written, clock, unlock_file(written, PASSPHRASE)) as store:
        store.set_mark("2026-11-23", "r1", "b", Mark.DONE)
        store.back_up_now()
    for path in every_file(written.parent):
        assert MARKER.encode() not in path.read_bytes(), path
        if path.suffix == ".json":
            assert is_protected(path.read_bytes()), path


def test_one_flipped_byte_anywhere_is_refused_as_damaged_and_the_file_is_untouched(
    written: Path, clock: FixedClock
) -> None:
    protect_file(written, clock)
    original = written.read_bytes()
    key = unlock_file(written, PASSPHRASE)
    positions = random.Random(7).sample(range(len(original)), 40) + [0, len(original) - 1]
    for position in positions:
        damaged = bytearray(original)
        damaged[position] ^= 0x01
        written.write_bytes(bytes(damaged))
        for given_key in (key, None):
            with pytest.raises(DamagedProtectedFile):
                Store.open(written, clock, given_key)
        assert written.read_bytes() == bytes(damaged)
    written.write_bytes(original)


def test_a_restore_says_a_protected_file_is_protected_not_damaged(
    written: Path, clock: FixedClock
) -> None:
    protect_file(written, clock)
    with pytest.raises(NothingToRestore, match="protected with a passphrase"):
        restore_newest_backup(written, clock)
    original = written.read_bytes()
    written.write_bytes(original[:-3])
    report = restore_newest_backup(written, clock)
    with Store.open(written, clock, unlock_file(written, PASSPHRASE)) as store:
        assert store.is_protected
    assert report.damaged_kept_as is not None


def _change(path: Path, clock: FixedClock, which: str, crash_at: int | None) -> list[str]:
    """Run the change `which` on the protected or plain file at `path`, crashing before its
    `crash_at`-th step; returns the steps it went through."""
    steps: list[str] = []

    def step(name: str) -> None:
        if crash_at is not None and len(steps) == crash_at:
            raise SimulatedCrash(name)
        steps.append(name)

    key = None if which == "on" else unlock_file(path, PASSPHRASE)
    store = Store.open(path, clock, key)
    try:
        if which == "on":
            store.change_protection(new_protection(PASSPHRASE, with_recovery_key=False)[0], step)
        elif which == "off":
            store.change_protection(None, step)
        else:
            assert key is not None
            store.change_protection(change_passphrase(key, NEW_PASSPHRASE), step)
    except SimulatedCrash:
        pass
    finally:
        store.close()  # the dead process's lock goes with it
    return steps


@pytest.mark.parametrize("which", ["on", "off", "change"])
def test_a_kill_at_every_step_of_a_change_leaves_the_old_state_or_the_new(
    written: Path, clock: FixedClock, tmp_path: Path, which: str
) -> None:
    with Store.open(written, clock) as store:
        before = facts(store)
    if which != "on":
        protect_file(written, clock)
    pristine = {path: path.read_bytes() for path in every_file(written.parent)}
    all_steps = _change(written, clock, which, crash_at=None)
    assert len(all_steps) >= 7
    secrets = {"on": [PASSPHRASE], "off": [PASSPHRASE], "change": [PASSPHRASE, NEW_PASSPHRASE]}
    for crash_at in range(len(all_steps) + 1):
        for path in every_file(written.parent):
            path.unlink()
        for path, raw in pristine.items():
            path.write_bytes(raw)
        _change(written, clock, which, crash_at)
        # The next start: Attune opens the file, which settles the change first.
        try:
            store = Store.open(written, clock)
        except PassphraseNeeded:
            opened = None
            for secret in secrets[which]:
                try:
                    opened = Store.open(written, clock, unlock_file(written, secret))
                    break
                except WrongPassphrase:
                    continue
            assert opened is not None
            store = opened
        with store:
            assert facts(store) == before, f"crash before step {crash_at}"
            protected_now = store.is_protected
        names = [path.name for path in every_file(written.parent)]
        assert not [name for name in names if STAGED_SUFFIX in name or JOURNAL_SUFFIX in name]
        data_files = [p for p in every_file(written.parent) if p.name.endswith(".json")]
        assert len(data_files) == 3
        for path in data_files:
            assert is_protected(path.read_bytes()) == protected_now, (crash_at, path)
            if protected_now:
                assert MARKER.encode() not in path.read_bytes()
        new_state = crash_at > all_steps.index("write journal")
        expected = {"on": new_state, "off": not new_state, "change": True}[which]
        assert protected_now == expected, crash_at
        if which == "change":
            opens_with = NEW_PASSPHRASE if new_state else PASSPHRASE
            for path in data_files:
                unlock_file(path, opens_with)


def test_the_summary_beside_a_protected_file_holds_counts_and_days_only(
    written: Path, clock: FixedClock
) -> None:
    from tui.store.glance import glance_path_for, saved_short_line

    protect_file(written, clock)
    with Store.open(written, clock, unlock_file(written, PASSPHRASE)):
        pass
    summary = Path(glance_path_for(written)).read_text()
    assert MARKER not in summary
    assert "Sam" not in summary and "Alex" not in summary and "Walk" not in summary
    line = saved_short_line(written, clock)
    assert line is not None and line.startswith("Attune 0/2 today")


def test_no_word_typed_into_any_form_is_left_plain_anywhere_under_the_data_folder(
    set_up_path: Path, clock: FixedClock
) -> None:
    from ..own_words_fields import OWN_WORDS
    from .test_own_words import typed, write_every_form_s_words

    protect_file(set_up_path, clock)
    with Store.open(set_up_path, clock, unlock_file(set_up_path, PASSPHRASE)) as store:
        write_every_form_s_words(store, clock)
        store.back_up_now()
    # The words are there, for whoever has the passphrase...
    with Store.peek(set_up_path, clock, unlock_file(set_up_path, PASSPHRASE)) as store:
        assert store.moments() and store.requests()
    # ...and in no byte of any file beside the data: data, backups, summary, leftovers.
    files = {path: path.read_bytes() for path in every_file(set_up_path.parent)}
    assert any(path.name.endswith(".glance") for path in files)
    for form, fields in OWN_WORDS.items():
        for field in fields:
            word = typed(form, field).encode()
            assert not [path for path, raw in files.items() if word in raw], (form, field)


def test_a_key_unlocked_before_a_passphrase_change_was_finished_saves_under_the_new_one(
    written: Path, clock: FixedClock
) -> None:
    protect_file(written, clock)
    old_key = unlock_file(written, PASSPHRASE)
    _change(written, clock, "change", crash_at=None)
    with Store.open(written, clock, old_key) as store:
        store.set_mark("2026-11-23", "r1", "b", Mark.DONE)
    unlock_file(written, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        unlock_file(written, PASSPHRASE)
