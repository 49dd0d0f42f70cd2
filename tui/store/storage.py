"""A TinyDB storage that never leaves a half-written file and answers reads from memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec
from tinydb.storages import Storage

from tui.store.atomic import write_atomically
from tui.store.errors import SaveFailed

Tables = dict[str, dict[str, dict[str, Any]]]


class DurableJSONStorage(Storage):
    """Keeps the parsed file in memory and writes every change atomically.

    Stock `JSONStorage` rewrites the file in place, so a kill mid-write corrupts it, and an empty
    file silently opens as an empty database. Here reads are served from memory (safe, because
    one process holds the file's lock) and each write replaces the whole file atomically.

    TinyDB mutates the dict returned by `read()` before calling `write()`. If the write then fails,
    the in-memory copy is rebuilt from the bytes of the last successful save, so memory never
    shows a change that is not on disk.
    """

    def __init__(self, path: Path, data: Tables | None, saved_bytes: bytes | None) -> None:
        super().__init__()
        self.path = path
        self._data = data
        self._saved_bytes = saved_bytes
        self._batch_depth = 0
        self.before_next_save: Callable[[], None] | None = None
        """Called once, just before the next save reaches the disk (the store's daily backup)."""

    @property
    def saved_bytes(self) -> bytes | None:
        """Exactly what the file on disk holds, or None before it exists."""
        return self._saved_bytes

    def read(self) -> Tables | None:
        return self._data

    def write(self, data: Tables) -> None:
        self._data = data
        if self._batch_depth == 0:
            self._save()

    def replace_document(self, table: str, document_id: int, document: dict[str, Any]) -> None:
        """Replace one existing document and save, without TinyDB rebuilding the table."""
        if self._data is None or str(document_id) not in self._data.get(table, {}):
            raise KeyError(f"no document {document_id} in {table}")
        self._data[table][str(document_id)] = document
        if self._batch_depth == 0:
            self._save()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB writes into one save: all of them reach the disk, or none."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            self._roll_back()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0:
            self._save()

    def close(self) -> None:
        """Nothing to flush: every write is on disk before it returns."""

    def _save(self) -> None:
        payload = msgspec.json.encode(self._data)
        try:
            if self.before_next_save is not None:
                self.before_next_save()
                self.before_next_save = None
            write_atomically(self.path, payload)
        except OSError as error:
            self._roll_back()
            raise SaveFailed(self.path, error) from error
        self._saved_bytes = payload

    def _roll_back(self) -> None:
        self._data = msgspec.json.decode(self._saved_bytes) if self._saved_bytes else None
