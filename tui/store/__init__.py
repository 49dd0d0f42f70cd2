"""The couple's data file: the only code that reads or writes it, or the files beside it.

The package's names are loaded when first asked for (PEP 562): `attune today --short` reads
the summary beside the file through `tui.store.glance`, which must not pay for the repository's
imports (msgspec, TinyDB) on its way in.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
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

_HOMES = {"Store": "repository", "RestoreReport": "restore", "restore_newest_backup": "restore"}


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"tui.store.{_HOMES.get(name, 'errors')}"), name)
