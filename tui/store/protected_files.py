"""A data file protected with a passphrase, on disk: telling it, unlocking it, and changing its
protection so that a kill at any instant leaves the old state or the new one.

Turning protection on or off, or changing the passphrase, rewrites the data file and every
backup. Each new version is first written beside its file as `<file>.protection-new` (durably,
by `write_atomically`); then a journal, `<data file>.protection-change`, lists them, written
atomically too. Its arrival on disk is the change's moment of truth: until then the next open
deletes the new versions (the old state stands), and from then on the next open puts every
listed file in place before anything reads the data (the new state stands). Turning protection
on stages encrypted bytes only, so no plaintext copy ever lies beside an encrypted one except
while the couple turns protection off, which asks for plain files.

Only this module, and only for a protected file, imports `protection_keys` (and so the
cryptography library).
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tui.store.atomic import write_atomically
from tui.store.backups import BACKUP_FOLDER_NAME
from tui.store.protected_at_a_glance import journal_path
from tui.store.protection import DEFAULT_COST, ScryptCost, is_protected, read_envelope
from tui.store.protection_errors import (
    PassphraseNeeded,
    ProtectionError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.store.protection_keys import ProtectionKey
    from tui.store.recovery_key import RecoveryKey

STAGED_SUFFIX = ".protection-new"
NEW_PROTECTION_COST: ScryptCost = DEFAULT_COST
"""The scrypt cost of a passphrase set now (tests lower it; the file records its own)."""


def payload_of(
    path: Path, raw: bytes, key: ProtectionKey | None
) -> tuple[bytes, ProtectionKey | None]:
    """The JSON that the file `raw` (read from `path`) holds, and the key to save it with:
    `raw` itself and None for a plain file.

    The key returned carries the file's own header: one unlocked before an interrupted change
    of passphrase was finished saves under the new passphrase, never the old. For a protected
    file without a `key`, raises `DamagedProtectedFile` or `ProtectionTooNew` when the bytes say
    so (no key needed to tell) and `PassphraseNeeded` otherwise; with the wrong file's key,
    `ProtectedWithAnotherKey`.
    """
    if not is_protected(raw):
        return raw, None
    if key is None:
        read_envelope(raw)
        raise PassphraseNeeded(path)
    return key.open(raw)


def new_protection(
    passphrase: str, with_recovery_key: bool
) -> tuple[ProtectionKey, RecoveryKey | None]:
    """A new key for `passphrase` and, when asked, a recovery key to write down (shown once)."""
    from tui.store import protection_keys
    from tui.store.recovery_key import RecoveryKey

    recovery_key = RecoveryKey.generate() if with_recovery_key else None
    return protection_keys.protect(passphrase, recovery_key, NEW_PROTECTION_COST), recovery_key


def change_passphrase(key: ProtectionKey, passphrase: str) -> ProtectionKey:
    """The same data key under a new passphrase; the recovery key, if any, keeps working."""
    return key.with_passphrase(passphrase, NEW_PROTECTION_COST)


def rewrite_protection(
    data_path: Path,
    payload: bytes,
    backups: list[Path],
    old_key: ProtectionKey | None,
    new_key: ProtectionKey | None,
    step: Callable[[str], None] | None = None,
) -> bytes:
    """Rewrite the data file (holding `payload`) and `backups` under `new_key` (None: plainly),
    through the journal; returns the data file's new bytes.

    A backup this cannot read (damaged, or protected on its own) is left as it is. `step`, for
    tests, is called before each change on disk with its name, so a kill can be staged there.
    """
    note = step or (lambda _name: None)
    new_bytes = payload if new_key is None else new_key.encrypt(payload)
    staged: list[tuple[Path, Path]] = [(_staged_path(data_path), data_path)]
    note("stage data file")
    write_atomically(staged[0][0], new_bytes)
    for backup in backups:
        rewritten = _rewritten_backup(backup, old_key, new_key)
        if rewritten is None:
            continue
        note(f"stage {backup.name}")
        write_atomically(_staged_path(backup), rewritten)
        staged.append((_staged_path(backup), backup))
    note("write journal")
    folder = data_path.parent
    entries = [[str(new.relative_to(folder)), str(old.relative_to(folder))] for new, old in staged]
    write_atomically(journal_path(data_path), json.dumps(entries).encode())
    note("put in place")
    _put_in_place(data_path, staged, note)
    return new_bytes


def settle_protection_change(data_path: Path) -> None:
    """Finish or forget a change of protection that was interrupted; call under the lock.

    With the journal on disk, every file it lists is put in place and the journal removed
    (the change completes); without it, any version staged beside a file is deleted (the change
    never happened). Raises `OSError` when a file can't be put in place.
    """
    journal = journal_path(data_path)
    try:
        entries = json.loads(journal.read_bytes())
    except FileNotFoundError:
        _remove_staged(data_path)
        return
    except ValueError:
        entries = []  # written atomically, so never cut short: nothing Attune wrote
    folder = data_path.parent
    allowed = {folder, folder / BACKUP_FOLDER_NAME}
    staged = []
    for entry in entries if isinstance(entries, list) else []:
        new, old = (folder / name for name in entry)
        if new.parent in allowed and old.parent == new.parent and new == _staged_path(old):
            staged.append((new, old))
    _put_in_place(data_path, staged, lambda _name: None)


def _put_in_place(
    data_path: Path, staged: list[tuple[Path, Path]], note: Callable[[str], None]
) -> None:
    for new, old in staged:
        if new.exists():
            note(f"replace {old.name}")
            os.replace(new, old)
    for folder in {new.parent for new, _ in staged} | {data_path.parent}:
        _fsync_folder(folder)
    note("remove journal")
    with suppress(FileNotFoundError):
        os.unlink(journal_path(data_path))
    _fsync_folder(data_path.parent)
    _remove_staged(data_path)


def _rewritten_backup(
    backup: Path, old_key: ProtectionKey | None, new_key: ProtectionKey | None
) -> bytes | None:
    try:
        raw = backup.read_bytes()
    except OSError:
        return None
    try:
        if not is_protected(raw):
            return None if new_key is None else new_key.encrypt(raw)
        if old_key is None:
            return None
        payload = old_key.decrypt(raw)
    except ProtectionError:
        return None
    return payload if new_key is None else new_key.encrypt(payload)


def _staged_path(path: Path) -> Path:
    return path.with_name(path.name + STAGED_SUFFIX)


def _remove_staged(data_path: Path) -> None:
    folder = data_path.parent
    for where in (folder, folder / BACKUP_FOLDER_NAME):
        # The staged files and the temporary files of their own atomic writes.
        for stray in where.glob(f"*{STAGED_SUFFIX}*"):
            with suppress(OSError):
                stray.unlink()


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
