"""Typed reads and writes of the couple's data: core objects in, core objects out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from tinydb import TinyDB

from tui.clock import Clock
from tui.core.agreements import Agreement
from tui.core.checkins import CheckinRecord
from tui.core.mark_book import MarkBook
from tui.core.models import Settings
from tui.core.rituals import Mark, Ritual, RitualKind
from tui.paths import make_private_folders, remove_empty_folders
from tui.store.atomic import remove_stray_temp_files
from tui.store.backups import Backups
from tui.store.documents import settings_to_document
from tui.store.errors import BackupFailed, ChangedOutside, DataFileUnreachable, ReadOnly, SaveFailed
from tui.store.loading import (
    ReadOnlyStorage,
    existing_file,
    load_storage,
    read_only_storage,
    writable,
)
from tui.store.lock import DataFileLock
from tui.store.protected_files import rewrite_protection, settle_protection_change
from tui.store.records import Records, RecordsOfTheCouple, no_records
from tui.store.ritual_days import RitualDays
from tui.store.schema import META_TABLE, SCHEMA_VERSION, SETTINGS_TABLE, SINGLE_DOCUMENT_ID
from tui.store.settings_checkins_agreements import SettingsCheckinsAgreements
from tui.store.storage import DurableJSONStorage, follow_links

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.store.protection_keys import ProtectionKey


class Store(SettingsCheckinsAgreements, RecordsOfTheCouple):
    """The open data file of one couple, locked for as long as this object is open.

    Every write is durable on disk before the method returns; a failed write raises
    `SaveFailed` and leaves both the file and what this object returns unchanged. When another
    program changed the file since it was read, the write raises `ChangedOutside` (a
    `SaveFailed`) and `reload()` reads the file again.

    `path` is the real file, every symbolic link followed: the lock and the backups sit beside it.
    The settings, check-ins and agreements are read and written by the methods of
    `SettingsCheckinsAgreements`; moments, requests and therapy by those of `RecordsOfTheCouple`.
    """

    def __init__(
        self, path: Path, storage: DurableJSONStorage, lock: DataFileLock, clock: Clock
    ) -> None:
        self.path = path
        self._lock = lock
        self._clock = clock
        self.backups = Backups(path)
        # The folders `open` made on the way to a new file: removed again if it is never saved.
        self._created_folders: list[Path] = []
        self._opened_bytes = storage.saved_bytes
        self._use(storage, checkins={}, records=no_records())

    def _use(
        self, storage: DurableJSONStorage, checkins: dict[str, CheckinRecord], records: Records
    ) -> None:
        """Serve reads and writes from `storage`, forgetting whatever mirrored the one before."""
        self._storage = storage
        self._database = TinyDB(storage=lambda: storage)
        self._ritual_days = RitualDays(storage, self._table)
        # Every check-in, converted once at open (the first screen needs them all) and then
        # kept in step with each successful save.
        self._checkins = checkins
        # The settings as saved, converted once: every pane asks for them on each redraw.
        self._settings: Settings | None = None
        self._use_records(records)
        if self._opened_bytes is not None:
            storage.before_next_save = self._back_up_before_first_save

    # --- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, clock: Clock, key: ProtectionKey | None = None) -> Store:
        """Lock and load `path`, refusing (untouched) anything that is not a good data file.

        A file protected with a passphrase needs its unlocked `key` (`protection_keys.
        unlock_file`); without it, `PassphraseNeeded` is raised. A change of protection that
        was interrupted is finished, or forgotten, first (`settle_protection_change`).

        A missing file is fine: the store opens empty and `is_set_up` is False until `set_up()`.
        A file that can't be written (a read-only disk, folder or file) opens only to look:
        `read_only` is True and every change raises `ReadOnly` without touching the disk.
        A symbolic link is followed first: the lock, the backups and every save are the real
        file's, so a second Attune on the file it points to is refused like one on the link.
        """
        given, path = path, follow_links(path)
        exists = existing_file(path)
        try:
            created = [] if exists else make_private_folders(path.parent)
        except OSError as error:
            raise DataFileUnreachable(path, error) from error
        read_only = exists and not writable(path)
        lock = DataFileLock(path)
        try:
            lock.acquire(read_only=read_only)
            if not read_only:
                try:
                    settle_protection_change(path)
                except OSError as error:
                    raise DataFileUnreachable(path, error) from error
                remove_stray_temp_files(path)
            storage, checkins, records, migrated, marks = load_storage(given, path, key)
            if read_only:
                storage = read_only_storage(given, storage)
            store = cls(path, storage, lock, clock)
            store._checkins = checkins
            store._ritual_days.keep_marks(marks)
            store._use_records(records)
            store._created_folders = created
            if read_only:
                # Nothing will change, so there is nothing to back up (and nowhere to write it).
                store._opened_bytes = None
                storage.before_next_save = None
            elif migrated:
                # Saved at once in the new format; the daily backup (the old bytes) goes first.
                storage.write(storage.read())
        except BaseException:
            lock.release(remove_file=not exists)
            remove_empty_folders(created)
            raise
        return store

    def close(self) -> None:
        """Release the lock; every change is already on disk.

        Closed before the data file was ever saved (the first-run setup was quit), it also
        removes the lock file and the empty folders it made, so nothing is left behind.
        """
        if self.is_protected and self.is_set_up and not self.read_only:
            # Only an unlocked store can read a protected file: the summary a shell prompt
            # reads (counts and days, no names, no words) is made here for it.
            from tui.store.glance import save_summary_of

            save_summary_of(self.path, self._storage.read() or {}, self._clock)
        self._database.close()
        never_saved = not self.is_set_up
        self._lock.release(remove_file=never_saved)
        if never_saved:
            remove_empty_folders(self._created_folders)

    @property
    def read_only(self) -> bool:
        """True when the file was opened only to look: every change raises `ReadOnly`."""
        return isinstance(self._storage, ReadOnlyStorage)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def reload(self) -> None:
        """Read the data file again, checked as `open` checks it, after another program changed it.

        The lock stays held (a link now pointing at another file moves it there). On a refusal
        (`DataFileDamaged`, `DataFileTooNew`, `DataFileUnreachable`, `DataFileInUse`) this store
        keeps what it held. A file that has gone leaves it as it is too: the next save writes
        back everything saved so far.
        """
        given = self._storage.path
        real = follow_links(given)
        moved = real != self.path
        lock = DataFileLock(real) if moved else self._lock
        if moved:
            lock.acquire()
        try:
            storage, checkins, records, migrated, marks = load_storage(
                given, real, self._storage.key
            )
        except BaseException:
            if moved:
                lock.release()
            raise
        if storage.read() is None:
            if moved:
                lock.release()
            return
        if moved:
            self._lock.release()
            self._lock = lock
            self.path = real
            self.backups = Backups(real)
        if self.read_only:
            storage = read_only_storage(given, storage)
        # The storage read before is dropped: its files to delete are deleted first, which also
        # ends its thread.
        self._storage.finish_removals()
        self._use(storage, checkins, records)
        self._ritual_days.keep_marks(marks)
        if migrated and not self.read_only:
            # Saved at once in the new format, as `open` does.
            storage.write(storage.read())

    def take_daily_backup(self) -> None:
        """Copy the file as it was opened into today's backup, once per session.

        The app calls this right after its first frame; failing that, it runs before the first
        save, so a backup always holds what the couple last saw. Raises `BackupFailed`.
        """
        if self._opened_bytes is None:
            return
        try:
            self.backups.take_daily(self._opened_bytes, self._clock.now().to_date_string())
        except OSError as error:
            raise BackupFailed(self.path, self.backups.folder, error) from error
        self._opened_bytes = None
        self._storage.before_next_save = None

    def _back_up_before_first_save(self) -> None:
        # A backup that can't be written must not cost the couple their change. The app tries
        # again once its first frame is drawn and shows the warning then.
        with suppress(BackupFailed):
            self.take_daily_backup()

    def back_up_now(self) -> Path:
        """Copy the file as saved now beside the daily backups, kept by the same rule.

        Returns the copy's path. Raises `BackupFailed` when it can't be written.
        """
        payload = self._storage.saved_bytes
        if payload is None:
            raise LookupError("Attune has not been set up yet.")
        moment = self._clock.now()
        try:
            return self.backups.take_now(payload, moment.to_date_string(), moment.to_time_string())
        except OSError as error:
            raise BackupFailed(self.path, self.backups.folder, error) from error

    # --- protection with a passphrase -------------------------------------------------------

    @property
    def protection_key(self) -> ProtectionKey | None:
        """The unlocked key the file is saved with, or None for a plain file."""
        return self._storage.key

    @property
    def is_protected(self) -> bool:
        """True when the data file and its backups are encrypted with a passphrase."""
        return self._storage.key is not None

    def check_secret(self, secret: str) -> None:
        """Return when `secret` (the passphrase or the recovery key) opens the file as saved;
        raise `WrongPassphrase` or another `ProtectionError` when not. Slow, as unlocking is."""
        from tui.store.protection_keys import unlock_bytes

        if self._storage.saved_bytes is None or self._storage.key is None:
            raise LookupError("the file is not protected")
        unlock_bytes(self._storage.saved_bytes, secret)

    def change_protection(
        self, key: ProtectionKey | None, step: Callable[[str], None] | None = None
    ) -> None:
        """Protect the file and every backup with `key` (None: remove protection), or save them
        under a key with a new passphrase; a kill at any instant leaves the old state or the new.

        Before the first-run setup nothing is on disk: the first save is then made with `key`.
        Raises `SaveFailed` (nothing changed, or the next open completes the change), `ReadOnly`
        or `ChangedOutside`. `step` is for tests (see `rewrite_protection`).
        """
        if self.read_only:
            raise ReadOnly(self.path)
        if not self.is_set_up:
            self._storage.key = key
            return
        # The day's backup is taken first, so that it too is rewritten and never written later
        # in the format the file had when it was opened.
        with suppress(BackupFailed):
            self.take_daily_backup()
        self._opened_bytes = None
        self._storage.before_next_save = None
        self._storage.finish_removals()
        target = self._storage.real_path
        try:
            if self._storage._changed_outside(target):
                raise ChangedOutside(target)
            written = rewrite_protection(
                target,
                self._storage.saved_payload or b"",
                self.backups.newest_first(),
                self._storage.key,
                key,
                step,
            )
        except OSError as error:
            raise SaveFailed(target, error) from error
        self._storage.use_key(key, written)

    # --- setup -------------------------------------------------------------------------------

    @property
    def is_set_up(self) -> bool:
        """True once the couple has completed the first-run setup (the file exists)."""
        return self._storage.read() is not None

    def set_up(self, settings: Settings, created: str) -> None:
        """Create the data file with its first settings, in a single atomic write."""
        self._storage.write(
            {
                META_TABLE: {
                    SINGLE_DOCUMENT_ID: {"schema_version": SCHEMA_VERSION, "created": created}
                },
                SETTINGS_TABLE: {SINGLE_DOCUMENT_ID: settings_to_document(settings)},
            }
        )

    # --- check-ins and agreements that tick or start rituals -------------------------------

    def save_finished_checkin(self, record: CheckinRecord, day: str) -> None:
        """Save a finished check-in and tick the weekly check-in ritual of `day`, in one save."""
        with self.batch():
            self.save_checkin(record)
            for ritual in self.rituals():
                if ritual.kind is RitualKind.CHECKIN and not ritual.archived:
                    for person in ritual.people():
                        self.set_mark(day, ritual.id, person, Mark.DONE)

    def save_lapse(self, agreement: Agreement, repair_ritual: Ritual) -> None:
        """Save an agreement with a new lapse and start its repair ritual, in one save."""
        with self.batch():
            self.save_agreement(agreement)
            self.save_rituals([repair_ritual])

    # --- rituals and their marks (`ritual_days.RitualDays`) ------------------------------

    def rituals(self) -> list[Ritual]:
        """Every ritual, archived ones too, in display order."""
        return self._ritual_days.rituals()

    def save_rituals(self, rituals: list[Ritual]) -> None:
        """Insert or replace each of `rituals`, all in one save."""
        self._ritual_days.save_rituals(rituals)

    def mark_book(self) -> MarkBook:
        """Every tick, skip and not-done mark, by day: a copy of its own for the caller."""
        return self._ritual_days.mark_book()

    def set_mark(self, day: str, ritual_id: str, person: str, mark: Mark | None) -> None:
        """Record one cell (None clears it) in the document of `day` (YYYY-MM-DD)."""
        self._ritual_days.set_mark(day, ritual_id, person, mark)

    def done_days(self, ritual_id: str, person: str, days: list[str]) -> set[str]:
        """Which of `days` (YYYY-MM-DD) have `ritual_id` ticked done for `person`."""
        return self._ritual_days.done_days(ritual_id, person, days)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every write inside one save: all of them reach the disk, or none."""
        try:
            with self._storage.batch():
                yield
        except BaseException:
            # The rollback restored the file's last saved state: rebuild what mirrors it.
            self._ritual_days.forget_index()
            self.forget_settings_and_checkins()
            self._reread_records()
            raise

    @classmethod
    def peek(
        cls, path: Path, clock: Clock, key: ProtectionKey | None = None, read: bytes | None = None
    ) -> Store:
        """Read `path` only to look, without the lock, as `open` checks it but changing nothing.

        For `attune today`, which must answer while the dashboard holds the file: every save
        replaces the file in one rename, so this reads a whole file, never half a save. The
        store is read-only (each change raises `ReadOnly`); a missing file is not set up.
        `read` holds the whole file as the caller has just read it (to unlock it, say): looked
        at as it was then, as if read then.
        """
        given, real = path, follow_links(path)
        existing_file(real)
        loaded = load_storage(given, real, key, read)
        # The bytes read are kept so that a refused change rolls memory back to them; with
        # nothing to change there is nothing to back up.
        storage = read_only_storage(given, loaded.storage)
        peeked = cls(real, storage, DataFileLock(real), clock)
        peeked._opened_bytes = None
        storage.before_next_save = None
        peeked._checkins = loaded.checkins
        peeked._ritual_days.keep_marks(loaded.marks)
        peeked._use_records(loaded.records)
        return peeked
