"""A TinyDB storage that never leaves a half-written file and answers reads from memory."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from tinydb.storages import Storage

from tui.store.atomic import write_atomically
from tui.store.errors import ChangedOutside, SaveFailed
from tui.store.late_removal import LateRemoval

if TYPE_CHECKING:
    from tui.store.protection_keys import ProtectionKey

Tables = dict[str, dict[str, dict[str, Any]]]


def follow_links(path: Path) -> Path:
    """The file `path` names, every symbolic link followed (it need not exist yet)."""
    return Path(os.path.realpath(path))


class DurableJSONStorage(Storage):
    """Keeps the parsed file in memory and writes every change atomically.

    Stock `JSONStorage` rewrites the file in place, so a kill mid-write corrupts it, and an empty
    file silently opens as an empty database. Here reads are served from memory (safe, because
    one process holds the file's lock) and each write replaces the whole file atomically.

    TinyDB mutates the dict returned by `read()` before calling `write()`. If the write then fails,
    the in-memory copy is rebuilt from the bytes of the last successful save, so memory never
    shows a change that is not on disk.

    `path` is the name the couple gave, which may be a symbolic link (to a file in a synced
    folder, say). Each save follows it again and replaces the file it points to, so the link
    stays a link, and a link made or changed while Attune runs is followed too. Before each save
    the file is compared with the bytes last read or written: a file-sync tool may have brought
    a newer copy, which a save from memory would silently overwrite.

    With a `key` (a file protected with a passphrase) every save is encrypted in memory before
    any byte reaches the disk, the temporary file of the atomic save included; `saved_payload`
    is then the JSON those bytes hold, kept for rolling memory back.
    """

    def __init__(
        self,
        path: Path,
        data: Tables | None,
        saved_bytes: bytes | None,
        *,
        saved_payload: bytes | None = None,
        key: ProtectionKey | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self._data = data
        self._saved_bytes = saved_bytes
        self._saved_payload = saved_bytes if saved_payload is None else saved_payload
        self.key = key
        """The unlocked key of a protected file, None for a plain one."""
        self._encoded_tables: dict[str, bytes] = {}
        """Each table's JSON as the last save wrote it, for the tables not changed since."""
        self._batch_depth = 0
        self.changes = 0
        """Counts every change to what memory holds (a rollback too): anything worked out from
        it stays current while this is unchanged."""
        self._late_removal = LateRemoval()
        self.before_next_save: Callable[[], None] | None = None
        """Called once, just before the next save reaches the disk (the store's daily backup).
        It must not raise: a backup that fails is a warning, never a reason not to save."""

    @property
    def saved_bytes(self) -> bytes | None:
        """Exactly what the file on disk holds, or None before it exists."""
        return self._saved_bytes

    @property
    def saved_payload(self) -> bytes | None:
        """The JSON of the last save or read: `saved_bytes` unless the file is protected."""
        return self._saved_payload

    @property
    def real_path(self) -> Path:
        """The file that `path` names now, every symbolic link followed."""
        return follow_links(self.path)

    def read(self) -> Tables | None:
        return self._data

    def write(self, data: Tables) -> None:
        # TinyDB and the record tables change documents in place before they call this, so
        # any table may have changed: all of them are encoded again.
        self._data = data
        self._encoded_tables = {}
        self.changes += 1
        if self._batch_depth == 0:
            self._save()

    def replace_document(self, table: str, document_id: int, document: dict[str, Any]) -> None:
        """Replace one existing document and save, without TinyDB rebuilding the table."""
        if self._data is None or str(document_id) not in self._data.get(table, {}):
            raise KeyError(f"no document {document_id} in {table}")
        self._data[table][str(document_id)] = document
        self._encoded_tables.pop(table, None)
        self.changes += 1
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
        """Every write is on disk before it returns; what is left is deleting replaced files."""
        self.finish_removals()

    def finish_removals(self) -> None:
        """Return once every file replaced by a save so far has been deleted: before the
        protection changes, so that no plain copy outlives it beside the protected file."""
        self._late_removal.finish()

    def _save(self) -> None:
        payload = self._encode()
        target = self.real_path
        try:
            if self._changed_outside(target):
                self._roll_back()
                raise ChangedOutside(target)
            if self.before_next_save is not None:
                self.before_next_save()
                self.before_next_save = None
            on_disk = payload if self.key is None else self.key.encrypt(payload)
            write_atomically(target, on_disk, retire=self._late_removal.remove)
        except OSError as error:
            self._roll_back()
            raise SaveFailed(target, error) from error
        self._saved_bytes = on_disk
        self._saved_payload = payload

    def _encode(self) -> bytes:
        """What memory holds as JSON, the same bytes as `msgspec.json.encode` of it.

        Only the tables changed since the last save are encoded again: a tick changes one day
        of one table, and encoding all ten years of every table was half of its time.
        """
        if self._data is None:
            return msgspec.json.encode(None)
        encoded = {
            name: self._encoded_tables.get(name) or msgspec.json.encode(table)
            for name, table in self._data.items()
        }
        self._encoded_tables = encoded
        parts = [b"{"]
        for name, table in encoded.items():
            parts += (msgspec.json.encode(name), b":", table, b",")
        if encoded:
            parts.pop()  # the last comma
        parts.append(b"}")
        return b"".join(parts)

    def use_key(self, key: ProtectionKey | None, saved_bytes: bytes) -> None:
        """Save with `key` from now on (None: plainly); `saved_bytes` is what the file on disk
        holds now, written by the change of protection."""
        self.key = key
        self._saved_bytes = saved_bytes

    def _changed_outside(self, target: Path) -> bool:
        """True when `target` no longer holds the bytes last read or written.

        The bytes themselves are compared (with the copy already held) rather than the size and
        modification time alone, which a sync tool may carry over from the other computer; on
        ten years of history reading and comparing adds well under a millisecond to a tick,
        and hashing the bytes would cost more than comparing them. A file touched but identical
        is no change: nothing would be lost. A file that has gone is no change either: what
        memory holds is all that was saved, and writing it back is what the couple wants (or
        the folder has gone, which the write reports). Raises `OSError` when the file is there
        but can't be read.
        """
        try:
            with open(target, "rb") as file:
                expected = self._saved_bytes
                if expected is None:
                    return True
                if os.fstat(file.fileno()).st_size != len(expected):
                    return True
                return file.read() != expected
        except FileNotFoundError:
            return False

    def _roll_back(self) -> None:
        self._data = msgspec.json.decode(self._saved_payload) if self._saved_payload else None
        self._encoded_tables = {}
        self.changes += 1
