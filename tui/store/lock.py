"""One Attune process per data file: a lock file beside it, held for the whole session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tui.store.errors import DataFileInUse, DataFileUnreachable


def lock_path_for(data_path: Path) -> Path:
    """The lock file that guards `data_path`."""
    return data_path.with_name(data_path.name + ".lock")


class DataFileLock:
    """An exclusive, non-blocking OS lock; the kernel drops it if the process dies."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = lock_path_for(data_path)
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        """True between a successful `acquire()` and `release()`."""
        return self._descriptor is not None

    def acquire(self) -> None:
        """Take the lock, or raise `DataFileInUse` at once when another process holds it."""
        try:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise DataFileUnreachable(self.data_path, error) from error
        try:
            _lock_exclusively(descriptor)
        except OSError as error:
            os.close(descriptor)
            raise DataFileInUse(self.data_path) from error
        self._descriptor = descriptor

    def release(self) -> None:
        """Let another process open the data file. The lock file stays: deleting it would race."""
        if self._descriptor is None:
            return
        descriptor, self._descriptor = self._descriptor, None
        _unlock(descriptor)
        os.close(descriptor)


if sys.platform == "win32":
    import msvcrt

    def _lock_exclusively(descriptor: int) -> None:
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_exclusively(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
