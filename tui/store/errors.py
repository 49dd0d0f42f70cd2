"""What can go wrong with the data file, each with a message a person can act on."""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """A problem with the data file. `str(error)` is one or two plain sentences."""


class DataFileInUse(StoreError):
    """Another Attune window holds the data file."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The data file {path} is already open in another Attune window. "
            "Close that window first, then start Attune again."
        )


class DataFileUnreachable(StoreError):
    """The data file or its folder cannot be read or created."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"Attune can't open {path}: {describe_os_error(error)}.")


class DataFileDamaged(StoreError):
    """The file exists but is not a readable Attune data file; it is left untouched."""

    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup
        if newest_backup is None:
            advice = "No good backup was found beside it."
        else:
            advice = (
                f"The newest good backup is {newest_backup}; run `attune --restore-backup` "
                "to put it in place (the damaged file is kept aside)."
            )
        super().__init__(
            f"The data file {path} can't be used: {reason}. Attune has not changed it. {advice}"
        )


class DataFileTooNew(StoreError):
    """The file was written by a newer Attune; this version must not touch it."""

    def __init__(self, path: Path, file_version: int, known_version: int) -> None:
        super().__init__(
            f"The data file {path} was saved by a newer version of Attune (data format "
            f"{file_version}; this version knows up to {known_version}). Please update Attune; "
            "the file has not been changed."
        )


class SaveFailed(StoreError):
    """A change could not be written; the file on disk still holds the previous state."""

    def __init__(self, path: Path, error: OSError) -> None:
        if error.errno == errno.ENOENT and not path.parent.exists():
            # Nothing is intact on disk to point to; what Attune holds is the only copy.
            super().__init__(
                f"Not saved: the folder {path.parent} no longer exists. Attune still holds "
                "everything saved so far and saves it in full once the folder is back."
            )
            return
        super().__init__(
            f"Not saved: {describe_os_error(error)}. Your earlier data in {path.name} is intact; "
            "try again once that is fixed."
        )


class NothingToRestore(StoreError):
    """`--restore-backup` found a healthy data file, or no backup to restore."""


def describe_os_error(error: OSError) -> str:
    """A short plain-words reason for a failed file operation."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied (the file or its folder is read-only)",
        errno.EPERM: "permission denied (the file or its folder is read-only)",
        errno.EROFS: "the disk is mounted read-only",
        errno.ENOENT: "its folder no longer exists",
        errno.EISDIR: "the path is a folder, not a file",
        errno.ENOTDIR: "part of the path is a file, not a folder",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))
