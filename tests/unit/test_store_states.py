"""The store against a model: random writes, failed saves, crashes at any point of a save.

After every step, both the open store and the file on disk (read as a fresh start would)
must equal the model: every write that returned is there, and nothing else. Reopening is a
step of its own, and so is every crash, after which the dead store is dropped and the file
is opened again. Turning protection with a passphrase on or off, or changing it, is a step
too, crashed at any of its own steps: the file then opens with the old passphrase or the new,
and every data file and backup is protected, or none is.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from msgspec.structs import replace

from tui.clock import FixedClock
from tui.core.agreements import Repair, propose, sign
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating
from tui.core.mark_book import MarkBook
from tui.core.rituals import Cadence, Mark, Ritual, Who, clean_ritual_name
from tui.core.text import InvalidText, clean_note
from tui.store import SaveFailed, Store, atomic, protected_files
from tui.store.documents import (
    agreement_from_document,
    checkin_from_document,
    settings_from_document,
)
from tui.store.protected_files import change_passphrase, new_protection
from tui.store.protection import ScryptCost, is_protected
from tui.store.protection_errors import PassphraseNeeded
from tui.store.protection_keys import unlock_file
from tui.store.ritual_documents import day_marks_from_documents, ritual_from_document
from tui.store.schema import parse_tables

from ..conftest import make_settings
from ..profiles import examples
from ..strategies import hostile_text

# A hundred runs of the store's state machine, each save flushed to disk for real.
pytestmark = pytest.mark.slow

CLOCK = FixedClock(pendulum.datetime(2026, 11, 22, 10, tz="Europe/London"))
FIRST_DAY = date(2026, 11, 1)
SAVE_STEPS = (
    "mkstemp",
    "link",
    "write",
    "fsync",
    "close",
    "replace",
    "open folder",
    "fsync folder",
)
"""The system calls of one save, in order (see `atomic.write_atomically`); "link" gives the
file being replaced the second name under which it is deleted later."""
LAST_STEP_BEFORE_THE_RENAME = SAVE_STEPS.index("replace")
CHEAP = ScryptCost(log2_n=10, r=1, p=1)
"""The lowest cost the format allows: the machine unlocks the file at every reopen."""


class SimulatedCrash(BaseException):
    """The process dies here: no handler runs, memory is lost, the lock is released."""


class FaultyDisk:
    """Makes the `step`-th system call of the next save crash the process or fail.

    It stands in for the `os` and `tempfile` modules of `tui.store.atomic` only, so nothing
    else (the test's own reading, the standard library) sees the fault.
    """

    def __init__(self, step: int, crash: bool) -> None:
        self.step = step
        self.crash = crash
        self.calls = 0
        self.crashed = False

    def _system_call(self, name: str) -> None:
        if self.calls > self.step or self.calls >= len(SAVE_STEPS):
            return  # past the fault: the clean-up, or the folder's last close
        assert SAVE_STEPS[self.calls] == name, (SAVE_STEPS[self.calls], name)
        self.calls += 1
        if self.calls - 1 == self.step:
            if self.crash:
                self.crashed = True
                raise SimulatedCrash(name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # --- the parts of `os` and `tempfile` that a save uses --------------------------------

    def mkstemp(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._system_call("mkstemp")
        return tempfile.mkstemp(*args, **kwargs)

    def write(self, descriptor: int, data: bytes) -> int:
        self._system_call("write")
        return os.write(descriptor, data)

    def fsync(self, descriptor: int) -> None:
        self._system_call("fsync folder" if self.calls > LAST_STEP_BEFORE_THE_RENAME else "fsync")
        os.fsync(descriptor)

    def close(self, descriptor: int) -> None:
        self._system_call("close")
        os.close(descriptor)

    def link(self, source: Path, target: Path) -> None:
        self._system_call("link")
        os.link(source, target)

    def replace(self, source: str, target: Path) -> None:
        self._system_call("replace")
        os.replace(source, target)

    def open(self, *args, **kwargs) -> int:  # type: ignore[no-untyped-def]
        self._system_call("open folder")
        return os.open(*args, **kwargs)

    def unlink(self, path: str) -> None:
        if not self.crashed:  # a dead process cleans nothing up: the temp file stays behind
            os.unlink(path)

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def __enter__(self) -> FaultyDisk:
        atomic.os = self  # type: ignore[assignment]
        atomic.tempfile = self  # type: ignore[assignment]
        return self

    def __exit__(self, *exc_info: object) -> None:
        atomic.os = os
        atomic.tempfile = tempfile

    @property
    def reached_the_disk(self) -> bool:
        """Whether the new file was renamed into place before the fault."""
        return self.step > LAST_STEP_BEFORE_THE_RENAME

    @property
    def save_went_through(self) -> bool:
        """Whether the save's change is on disk: the fault never came, came after the rename,
        or only refused the old file its second name (as a file system without hard links
        does: the rename then frees the old file itself)."""
        if self.calls <= self.step or self.reached_the_disk:
            return True
        return SAVE_STEPS[self.step] == "link" and not self.crash


class StoreMachine(RuleBasedStateMachine):
    """Every kind of write, in any order, some of them crashing or failing part way."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="attune-states-"))
        self.path = self.folder / "attune.json"
        self.passphrase: str | None = None
        self.usual_cost = protected_files.NEW_PROTECTION_COST
        protected_files.NEW_PROTECTION_COST = CHEAP
        self.store = self._open()
        self.store.set_up(make_settings(), created=CLOCK.now().isoformat())
        self.settings = self.store.settings()
        self.rituals: dict[str, Ritual] = {}
        self.marks: dict[tuple[date, str, str], Mark] = {}
        self.agreements: dict[str, object] = {}
        self.checkins: dict[str, CheckinRecord] = {}
        self.counter = 0

    def teardown(self) -> None:
        self.store.close()
        leftovers = list(self.folder.glob(f"{atomic.temp_prefix(self.path)}*"))
        assert not leftovers, "closing the file deletes every file its saves replaced"
        protected_files.NEW_PROTECTION_COST = self.usual_cost
        shutil.rmtree(self.folder, ignore_errors=True)

    def _open(self) -> Store:
        # As Attune starts: opening settles an interrupted change of protection, then a
        # protected file asks for its passphrase.
        try:
            store = Store.open(self.path, CLOCK)
        except PassphraseNeeded:
            assert self.passphrase is not None, "protected, but the model says plain"
            store = Store.open(self.path, CLOCK, unlock_file(self.path, self.passphrase))
        assert store.is_protected == (self.passphrase is not None)
        # Today's backup is written before the first save of a session; taken here, the
        # faults below hit the data file's own save and nothing else.
        store.take_daily_backup()
        return store

    def _new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    # --- one write, perhaps with a fault ---------------------------------------------------

    def _write(self, save, commit, fault: tuple[int, bool] | None) -> None:  # type: ignore[no-untyped-def]
        """Run `save()`; `commit()` updates the model when the change reached the disk."""
        if fault is None:
            save()
            commit()
            return
        step, crash = fault
        with FaultyDisk(step, crash) as disk:
            try:
                save()
            except SimulatedCrash:
                pass
            except SaveFailed:
                assert disk.step < len(SAVE_STEPS)
        if disk.save_went_through:
            commit()
        if disk.crashed:
            self.store.close()  # the dead process's lock goes with it
            self.store = self._open()

    faults = st.none() | st.tuples(
        st.integers(min_value=0, max_value=len(SAVE_STEPS) - 1), st.booleans()
    )

    # --- rules -----------------------------------------------------------------------------

    @rule(turn=st.integers(min_value=1, max_value=30), fault=faults)
    def change_settings(self, turn: int, fault: tuple[int, bool] | None) -> None:
        changed = replace(self.settings, turn_minutes=turn)
        self._write(
            lambda: self.store.update_settings(turn_minutes=turn),
            lambda: setattr(self, "settings", changed),
            fault,
        )

    @rule(name=hostile_text, fault=faults)
    def add_ritual(self, name: str, fault: tuple[int, bool] | None) -> None:
        try:
            cleaned = clean_ritual_name(name)
        except InvalidText:
            cleaned = "Talk time"
        ritual = Ritual(
            self._new_id("r"), cleaned, Cadence.daily(), Who.EACH, len(self.rituals), "2026-11-01"
        )
        self._write(
            lambda: self.store.save_rituals([ritual]),
            lambda: self.rituals.__setitem__(ritual.id, ritual),
            fault,
        )

    @precondition(lambda self: self.rituals)
    @rule(
        which=st.integers(min_value=0),
        day=st.integers(min_value=0, max_value=40),
        person=st.sampled_from(["a", "b"]),
        mark=st.none() | st.sampled_from(list(Mark)),
        fault=faults,
    )
    def set_mark(
        self, which: int, day: int, person: str, mark: Mark | None, fault: tuple[int, bool] | None
    ) -> None:
        ritual_id = sorted(self.rituals)[which % len(self.rituals)]
        moment = FIRST_DAY + timedelta(days=day)

        def commit() -> None:
            if mark is None:
                self.marks.pop((moment, ritual_id, person), None)
            else:
                self.marks[(moment, ritual_id, person)] = mark

        self._write(
            lambda: self.store.set_mark(moment.isoformat(), ritual_id, person, mark), commit, fault
        )

    @precondition(lambda self: self.rituals)
    @rule(which=st.integers(min_value=0), fault=faults)
    def archive_ritual(self, which: int, fault: tuple[int, bool] | None) -> None:
        ritual = self.rituals[sorted(self.rituals)[which % len(self.rituals)]]
        archived = replace(ritual, archived=not ritual.archived)
        self._write(
            lambda: self.store.save_rituals([archived]),
            lambda: self.rituals.__setitem__(archived.id, archived),
            fault,
        )

    @rule(signatures=st.integers(min_value=0, max_value=2), fault=faults)
    def save_agreement(self, signatures: int, fault: tuple[int, bool] | None) -> None:
        agreement = propose(self._new_id("g"), "We listen", "a", FIRST_DAY, Repair(), 7)
        for partner in ("a", "b")[:signatures]:
            agreement = sign(agreement, partner)
        self._write(
            lambda: self.store.save_agreement(agreement),
            lambda: self.agreements.__setitem__(agreement.id, agreement),
            fault,
        )

    @rule(score=st.integers(min_value=1, max_value=5), note=hostile_text, fault=faults)
    def finish_a_checkin(self, score: int, note: str, fault: tuple[int, bool] | None) -> None:
        try:
            cleaned = clean_note(note)
        except InvalidText:
            cleaned = ""
        record = CheckinRecord(
            id=self._new_id("c"),
            started_at=f"2026-11-{10 + self.counter % 10:02d}T20:00:00+00:00",
            plan=CheckinPlan("a", 300_000, 2, 60_000, 2_700_000, 1_200_000),
            status=CheckinStatus.FINISHED,
            turns=(),
            ratings=(Rating("a", score, cleaned), Rating("b", score, "")),
        )
        self._write(
            lambda: self.store.save_finished_checkin(record, "2026-11-22"),
            lambda: self.checkins.__setitem__(record.id, record),
            fault,
        )

    @rule(change=st.booleans(), crash_at=st.none() | st.integers(min_value=0, max_value=9))
    def change_protection(self, change: bool, crash_at: int | None) -> None:
        """Protect the file (or, protected, change the passphrase, else remove it), perhaps
        crashing before the `crash_at`-th step of the change."""
        if not self.store.is_set_up:
            return
        passphrase = None if self.passphrase is not None and not change else self._new_id("pass ")
        steps: list[str] = []

        def step(name: str) -> None:
            if crash_at is not None and len(steps) == crash_at:
                raise SimulatedCrash(name)
            steps.append(name)

        old_key = self.store.protection_key
        if passphrase is None:
            key = None
        elif old_key is None:
            key = new_protection(passphrase, with_recovery_key=False)[0]
        else:
            key = change_passphrase(old_key, passphrase)
        try:
            self.store.change_protection(key, step)
        except SimulatedCrash:
            if "write journal" in steps:  # the journal is on disk: the next open finishes
                self.passphrase = passphrase
            self.store.close()  # the dead process's lock goes with it
            self.store = self._open()
            return
        self.passphrase = passphrase

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = self._open()

    # --- the store, and the file on disk, equal the model ----------------------------------

    def _view(self, settings, rituals, book, agreements, checkins):  # type: ignore[no-untyped-def]
        marks = {
            (moment, ritual_id, person): book.get(moment, ritual_id, person)
            for moment in (FIRST_DAY + timedelta(days=offset) for offset in range(41))
            for ritual_id in self.rituals
            for person in ("a", "b")
        }
        return {
            "settings": settings,
            "rituals": {ritual.id: ritual for ritual in rituals},
            "marks": {cell: mark for cell, mark in marks.items() if mark is not None},
            "agreements": {agreement.id: agreement for agreement in agreements},
            "checkins": {record.id: record for record in checkins},
        }

    @invariant()
    def the_store_and_the_file_on_disk_equal_the_model(self) -> None:
        model = {
            "settings": self.settings,
            "rituals": self.rituals,
            "marks": self.marks,
            "agreements": self.agreements,
            "checkins": self.checkins,
        }
        store = self.store
        in_memory = self._view(
            store.settings(),
            store.rituals(),
            store.mark_book(),
            store.agreements(),
            store.checkins(),
        )
        assert in_memory == model, "the open store shows what is on disk, nothing else"
        assert self._view(*read_without_the_lock(self.path, self.passphrase)) == model
        for path in self.folder.rglob("*.json"):
            assert is_protected(path.read_bytes()) == (self.passphrase is not None), path
        # A file replaced by this store's saves is deleted a moment later, off the save's path.
        leftovers = [
            path
            for path in self.folder.glob(f"{atomic.temp_prefix(self.path)}*")
            if not path.name.endswith(atomic.RETIRED_MARK + atomic.TEMP_SUFFIX)
        ]
        assert not leftovers, "a dead save's temporary file is removed when the file is next opened"


def read_without_the_lock(path: Path, passphrase: str | None):  # type: ignore[no-untyped-def]
    """What a fresh start would read from the file: the same converters, no lock needed."""
    raw = path.read_bytes()
    if passphrase is not None:
        raw = unlock_file(path, passphrase).decrypt(raw)
    data = parse_tables(raw)
    ritual_documents = [ritual_from_document(doc) for doc in data.get("rituals", {}).values()]
    ritual_ids = {str(key): ritual.id for ritual, key in ritual_documents}
    by_day = day_marks_from_documents(data.get("days", {}).values(), ritual_ids)
    marks = {date.fromisoformat(day): day_marks for day, day_marks in by_day.items()}
    return (
        settings_from_document(data["settings"]["1"]),
        [ritual for ritual, _key in ritual_documents],
        MarkBook(marks),
        [agreement_from_document(doc) for doc in data.get("agreements", {}).values()],
        [checkin_from_document(doc) for doc in data.get("checkins", {}).values()],
    )


StoreMachine.TestCase.settings = settings(
    max_examples=examples(100), stateful_step_count=25, deadline=None
)
test_the_store_against_its_model = StoreMachine.TestCase
