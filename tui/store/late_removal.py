"""Deleting files on a thread of its own, so that a save does not wait for it.

Replacing the data file drops the old file's last name, and the file system then frees its
blocks: for ten years of history that took longer than writing and flushing the new file. The
storage gives the old file a second name before the rename (`write_atomically(retire=...)`),
and this deletes it a moment later.
"""

from __future__ import annotations

import queue
import threading
from contextlib import suppress
from pathlib import Path


class LateRemoval:
    """Deletes the files it is handed, in order, on one thread that it starts when first needed."""

    def __init__(self) -> None:
        self._waiting: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None

    def remove(self, path: Path) -> None:
        """Delete `path` soon; returns at once."""
        if self._worker is None:
            self._worker = threading.Thread(
                target=self._work, name="attune-late-removal", daemon=True
            )
            self._worker.start()
        self._waiting.put(path)

    def finish(self) -> None:
        """Return once every file handed so far is deleted (or could not be: a file that stays
        is a stray temporary file, removed when the data file is next opened)."""
        if self._worker is None:
            return
        self._waiting.put(None)
        self._worker.join()
        self._worker = None

    def _work(self) -> None:
        while (path := self._waiting.get()) is not None:
            with suppress(OSError):
                path.unlink()
