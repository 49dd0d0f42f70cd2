"""Writing a file so that a crash at any instant leaves either the old or the new contents."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

TEMP_SUFFIX = ".tmp"
RETIRED_MARK = ".retired"


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files used while saving `path`."""
    return f".{path.name}."


def write_atomically(
    path: Path, payload: bytes, retire: Callable[[Path], None] | None = None
) -> None:
    """Replace `path` with `payload`, durable on disk before returning.

    The bytes go to a temporary file in the same folder (created 0600), which is flushed to
    disk and then renamed over `path`; the folder is flushed last so the rename itself survives
    a power cut. On any error the temporary file is removed and `path` is untouched.

    With `retire`, the file being replaced first gets a second name, a temporary one, which is
    handed to `retire` once the new file is in place. Dropping a file's last name frees its
    blocks, and for a file of megabytes that is the slowest part of the rename; `retire`
    deletes it later, off the caller's path. A name a crash leaves behind is a stray temporary
    file, removed the next time the file is opened.
    """
    descriptor, temp_name = tempfile.mkstemp(
        prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent
    )
    retired = _second_name(path, temp_name) if retire is not None else None
    try:
        try:
            _write_fully(descriptor, payload)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        if retired is not None:
            with suppress(OSError):
                os.unlink(retired)
        raise
    # The new file is in place: a folder that can't be flushed (some file systems refuse)
    # makes the rename less sure to survive a power cut, but the save has happened, and
    # reporting it as failed would make the app undo in memory what the disk now holds.
    with suppress(OSError):
        _fsync_folder(path.parent)
    if retire is not None and retired is not None:
        retire(retired)


def _second_name(path: Path, temp_name: str) -> Path | None:
    """Give the file at `path` a second, temporary name beside it; None when there is no file
    or the file system has no hard links (the rename then frees the old file itself)."""
    retired = Path(temp_name.removesuffix(TEMP_SUFFIX) + RETIRED_MARK + TEMP_SUFFIX)
    try:
        os.link(path, retired)
    except OSError:
        return None
    return retired


def remove_stray_temp_files(path: Path) -> list[Path]:
    """Delete temporary files left by saves of `path` that were interrupted; return them."""
    removed = []
    for stray in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        with suppress(OSError):
            stray.unlink()
            removed.append(stray)
    return removed


def _write_fully(descriptor: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):  # Windows cannot open a folder; its rename is durable
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
