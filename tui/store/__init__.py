"""The couple's data file: the only code that knows about TinyDB."""

from tui.store.errors import (
    BackupFailed,
    ChangedOutside,
    DataFileDamaged,
    DataFileInUse,
    DataFileTooNew,
    DataFileUnreachable,
    NothingToRestore,
    SaveFailed,
    StoreError,
)
from tui.store.repository import Store
from tui.store.restore import RestoreReport, restore_newest_backup

__all__ = [
    "BackupFailed",
    "ChangedOutside",
    "DataFileDamaged",
    "DataFileInUse",
    "DataFileTooNew",
    "DataFileUnreachable",
    "NothingToRestore",
    "RestoreReport",
    "SaveFailed",
    "Store",
    "StoreError",
    "restore_newest_backup",
]
