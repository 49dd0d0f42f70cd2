"""Putting the newest good backup in place of a damaged or missing data file."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct

from tui.clock import Clock
from tui.store.atomic import write_atomically
from tui.store.backups import Backups
from tui.store.errors import DataFileUnreachable, NothingToRestore
from tui.store.loading import existing_file
from tui.store.lock import DataFileLock
from tui.store.protection import is_protected, read_envelope
from tui.store.protection_errors import ProtectionError
from tui.store.schema import ShapeError, parse_tables
from tui.store.storage import follow_links


class RestoreReport(Struct, frozen=True):
    """What `restore_newest_backup` did, for the command line to tell the user."""

    restored_from: Path
    damaged_kept_as: Path | None


def restore_newest_backup(path: Path, clock: Clock) -> RestoreReport:
    """Put the newest good backup in place of a damaged or missing data file.

    The damaged file is renamed aside, never deleted. A healthy data file is left alone, and
    so is anything that is not a regular file (`NotAFile`). A symbolic link is followed: the
    file it points to is restored, and the link stays a link.
    """
    path = follow_links(path)
    exists = existing_file(path)  # before the lock, so no lock file appears beside a device
    lock = DataFileLock(path)
    lock.acquire()
    try:
        if exists:
            raw = path.read_bytes()
            if is_protected(raw):
                _refuse_an_intact_protected_file(path, raw)
            else:
                try:
                    parse_tables(raw)
                except ShapeError:
                    pass
                else:
                    raise NothingToRestore(
                        f"The data file {path} is healthy, so nothing was restored."
                    )
        backup = Backups(path).newest_good()
        if backup is None:
            raise NothingToRestore(f"There is no good backup of {path} to restore.")
        kept_as = None
        # Looked at again just before the rename: the path may have changed while unlocked.
        if existing_file(path):
            stamp = clock.now().format("YYYYMMDD-HHmmss")
            kept_as = path.with_name(f"{path.name}.damaged-{stamp}")
            os.replace(path, kept_as)
        write_atomically(path, backup.read_bytes())
        return RestoreReport(restored_from=backup, damaged_kept_as=kept_as)
    except OSError as error:
        raise DataFileUnreachable(path, error) from error
    finally:
        lock.release(remove_file=not path.exists())


def _refuse_an_intact_protected_file(path: Path, raw: bytes) -> None:
    """Raise `NothingToRestore` unless the protected file `raw` is damaged."""
    try:
        read_envelope(raw)
    except ProtectionError:
        return
    raise NothingToRestore(
        f"The data file {path} is protected with a passphrase and intact, so nothing was "
        "restored: start Attune and type the passphrase to open it."
    )
