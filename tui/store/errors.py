"""What can go wrong with the data file, each with a message a person can act on."""

from __future__ import annotations

import errno
import stat
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


class ChangedOutside(SaveFailed):
    """Another program (a file-sync tool, say) changed the data file since Attune last read or
    wrote it; nothing was saved, so that its version is not overwritten."""

    def __init__(self, path: Path) -> None:
        self.path = path
        StoreError.__init__(
            self,
            "The data file was changed outside Attune since it was opened; nothing was saved. "
            "Reload it to see the changes (your last key was not applied).",
        )


class BackupFailed(StoreError):
    """Today's backup could not be written. Saving goes on: this is a warning, not a refusal."""

    def __init__(self, data_path: Path, folder: Path, error: OSError) -> None:
        self.error = error
        if error.errno in (errno.EEXIST, errno.ENOTDIR):
            reason = (
                f"a file named {folder.name} is in the way beside {data_path.name}; "
                "move or rename it"
            )
        elif error.errno in (errno.EACCES, errno.EPERM):
            # The backups folder itself, or (before it exists) the folder that would hold it.
            read_only = folder if folder.is_dir() else folder.parent
            reason = f"the folder {read_only} is read-only; allow writing to it"
        else:
            reason = describe_os_error(error)
        super().__init__(
            f"Today's backup could not be written: {reason}. Your changes are still saved."
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


class NotAFile(DataFileUnreachable):
    """The data path names something that is not a regular file (a folder, a pipe, a device).

    Refused before anything is opened or created: reading a pipe would wait forever, and a lock
    file beside a device would be left behind in a system folder.
    """

    def __init__(self, path: Path, mode: int) -> None:
        StoreError.__init__(
            self,
            f"Attune can't use {path}: it is {_kind_of(mode)}, not an ordinary file. "
            "Give the path of a data file (it is created if it does not exist).",
        )


class ReadOnly(SaveFailed):
    """The file was opened only to look (a read-only disk, folder or file): nothing is saved."""

    def __init__(self, path: Path) -> None:
        StoreError.__init__(
            self,
            f"Not saved: {path.name} can't be changed here (the disk or file is read-only). "
            "Nothing you press will be saved.",
        )


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")
