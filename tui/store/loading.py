"""Reading a data file as `Store.open`, `reload` and `peek` check it: decrypted when it is
protected, migrated from an older format, every document validated; and the storage of a file
opened only to look."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.core.agreements import Agreement
from tui.core.checkins import CheckinRecord
from tui.core.mark_book import MarkBook
from tui.core.models import Settings
from tui.core.moments import Moment
from tui.core.requests import Request
from tui.core.rituals import Ritual
from tui.core.therapy import Assignment, Session, TherapyPlan
from tui.store.backups import Backups
from tui.store.conversion import prepare_to_read
from tui.store.documents import (
    agreements_from_documents,
    checkins_from_documents,
    settings_from_document,
)
from tui.store.errors import (
    DataFileDamaged,
    DataFileTooNew,
    DataFileUnreachable,
    NotAFile,
    ReadOnly,
)
from tui.store.protected_files import payload_of
from tui.store.records import Records, no_records, read_records
from tui.store.ritual_documents import mark_book_from_documents, rituals_from_documents
from tui.store.schema import (
    AGREEMENTS_TABLE,
    CHECKINS_TABLE,
    DAYS_TABLE,
    RITUALS_TABLE,
    SCHEMA_VERSION,
    SETTINGS_TABLE,
    SINGLE_DOCUMENT_ID,
    ShapeError,
    migrate,
    parse_tables,
    schema_version,
)
from tui.store.storage import DurableJSONStorage, Tables

if TYPE_CHECKING:
    from tui.store.protection_keys import ProtectionKey


class Loaded(NamedTuple):
    """A data file as read: its storage, the records converted while validating them (the
    marks among them), and whether it was migrated from an older format (and so still needs
    saving in the new one)."""

    storage: DurableJSONStorage
    checkins: dict[str, CheckinRecord]
    records: Records
    migrated: bool
    marks: MarkBook


def load_storage(
    given: Path, path: Path, key: ProtectionKey | None = None, read: bytes | None = None
) -> Loaded:
    """The storage of the name `given`, loaded from `path` (the file it names now), decrypted
    with `key` when the file is protected (see `protected_files.payload_of`); `read` holds the
    file's bytes when the caller has just read them."""
    try:
        raw = path.read_bytes() if read is None else read
    except FileNotFoundError:
        return Loaded(
            DurableJSONStorage(given, data=None, saved_bytes=None),
            {},
            no_records(),
            False,
            MarkBook(),
        )
    except OSError as error:
        raise DataFileUnreachable(path, error) from error

    payload, file_key = payload_of(path, raw, key)
    try:
        with _garbage_collection_paused():
            data = parse_tables(payload)
            version = schema_version(data)
            if version > SCHEMA_VERSION:
                raise DataFileTooNew(path, version, SCHEMA_VERSION)
            # Migrated first and validated after: today's converters only understand today's
            # format, so checking an older file with them would refuse what a migration
            # upgrades.
            if version < SCHEMA_VERSION:
                data = migrate(data)
            checkins, marks = _validated_checkins(data)
            records = read_records(data)
    except ShapeError as error:
        raise DataFileDamaged(path, str(error), Backups(path).newest_good()) from None
    storage = DurableJSONStorage(
        given, data=data, saved_bytes=raw, saved_payload=payload, key=file_key
    )
    return Loaded(storage, checkins, records, version < SCHEMA_VERSION, marks)


RECORD_KINDS = (
    Settings,
    CheckinRecord,
    Ritual,
    Agreement,
    Moment,
    Request,
    TherapyPlan,
    Session,
    Assignment,
)
"""Every kind of record `load_storage` reads from a file's documents."""


def prepare_to_load() -> None:
    """Do now what loading any file first costs, whatever the file holds (see
    `conversion.prepare_to_read`): a shell command does it while a protected file's key is
    derived, which leaves the interpreter free."""
    prepare_to_read(RECORD_KINDS)


@contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Hold Python's cycle collector back while a file is read and converted.

    Ten years of history are a hundred thousand new objects, all of them kept; the collector
    would walk them again and again as they are made, finding nothing to free: a good part of
    the time spent opening such a file. It runs again as before once they are made.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validated_checkins(data: Tables) -> tuple[dict[str, CheckinRecord], MarkBook]:
    """Convert every document once, raising `ShapeError` at the first that makes no sense.

    The check-ins and the marks are returned: the first screen needs them all, so they are
    kept. (Moments, requests and therapy are checked and kept the same way, by
    `records.read_records`.)
    """
    settings_from_document(data.get(SETTINGS_TABLE, {}).get(SINGLE_DOCUMENT_ID))
    checkins = checkins_from_documents(data.get(CHECKINS_TABLE, {}).values())
    rituals = rituals_from_documents(data.get(RITUALS_TABLE, {}).values())
    marks = mark_book_from_documents(
        data.get(DAYS_TABLE, {}).values(), {str(key): ritual.id for ritual, key in rituals}
    )
    agreements_from_documents(data.get(AGREEMENTS_TABLE, {}).values())
    return checkins, marks


def existing_file(path: Path) -> bool:
    """Whether the data file exists; raises `NotAFile` for a folder, a pipe, a device...

    Decided from `stat` alone: opening a pipe to look at it would wait forever.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise DataFileUnreachable(path, error) from error
    if not stat.S_ISREG(mode):
        raise NotAFile(path, mode)
    return True


def writable(path: Path) -> bool:
    """Whether a save of the existing `path` could work: a save writes a new file in the folder
    of the file it names (links followed) and renames it over the old one. A file its owner made
    read-only counts as read-only too, although its folder would let a save replace it."""
    real = Path(os.path.realpath(path))
    return os.access(real, os.W_OK) and os.access(real.parent, os.W_OK | os.X_OK)


def read_only_storage(given: Path, storage: DurableJSONStorage) -> ReadOnlyStorage:
    """The same file and bytes as `storage`, refusing every save (`ReadOnlyStorage`)."""
    return ReadOnlyStorage(
        given,
        storage.read(),
        storage.saved_bytes,
        saved_payload=storage.saved_payload,
        key=storage.key,
    )


class ReadOnlyStorage(DurableJSONStorage):
    """The storage of a file opened only to look: each save is refused before the disk is
    touched, and memory goes back to what the file holds."""

    def _save(self) -> None:
        self._roll_back()
        raise ReadOnly(self.path)
