"""One Attune process per data file: a lock file beside it, held for the whole session."""

from __future__ import annotations

import errno
import os
import sys
from contextlib import suppress
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

    def acquire(self, *, read_only: bool = False) -> None:
        """Take the lock, or raise `DataFileInUse` at once when another process holds it.

        With `read_only` (the file is opened only to look), a folder where no lock file can be
        made, because the disk or the folder is read-only, leaves the session without a lock.
        """
        while True:
            try:
                descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as error:
                if read_only and error.errno in _WRITES_REFUSED:
                    # A lock only keeps two windows from overwriting each other's saves. This
                    # session saves nothing, so it can't lose or undo anyone's change, and where
                    # no lock file can be made this user's other windows can't save either.
                    return
                raise DataFileUnreachable(self.data_path, error) from error
            try:
                _lock_exclusively(descriptor)
            except OSError as error:
                os.close(descriptor)
                raise DataFileInUse(self.data_path) from error
            if _still_named(descriptor, self.path):
                self._descriptor = descriptor
                return
            # The holder removed the lock file as it left, after we opened it: the lock we
            # hold is on a file nobody else will open. Take the one at the path now.
            _unlock(descriptor)
            os.close(descriptor)

    def release(self, *, remove_file: bool = False) -> None:
        """Let another process open the data file.

        `remove_file` also deletes the lock file (when the data file was never created), while
        still holding the lock: whoever opened the old file meanwhile sees it has lost its name
        and takes a new one, so two processes never both believe they hold the lock.
        """
        if self._descriptor is None:
            return
        descriptor, self._descriptor = self._descriptor, None
        if remove_file and _still_named(descriptor, self.path):
            # Only our own lock file: if the folder was emptied and made again meanwhile, the
            # name may belong to another Attune's lock now. (Windows can't delete an open file:
            # there the lock file stays, as it is harmless.)
            with suppress(OSError):
                os.unlink(self.path)
        _unlock(descriptor)
        os.close(descriptor)


# A disk mounted read-only, or a folder this user may not write to.
_WRITES_REFUSED = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def _still_named(descriptor: int, path: Path) -> bool:
    """True when `path` still names the file open as `descriptor`."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


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
