"""Opening the data file for a shell command: a protected file's passphrase, read from the
file named by $ATTUNE_PASSPHRASE_FILE or typed at the terminal unechoed (never an argument,
which other users and the shell's history would see), and its key derived on a thread while
the command loads the rest of Attune.
"""

from __future__ import annotations

import sys
from pathlib import Path

# typing costs milliseconds at start-up, which every shell command pays.
TYPE_CHECKING = False

PASSPHRASE_FILE_VARIABLE = "ATTUNE_PASSPHRASE_FILE"
"""Names a file whose first line is the passphrase, for scripts: never an argument."""
PASSPHRASE_TRIES = 3

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from typing import TypeVar

    from tui.clock import Clock
    from tui.store import Store
    from tui.store.protection_keys import ProtectionKey

    Result = TypeVar("Result")


def open_store(
    path: Path,
    clock: Clock,
    *,
    look_only: bool,
    unlocking: Callable[[], ProtectionKey] | None = None,
) -> Store:
    """The store of `path`: opened (locked) to change it, or peeked at to look.

    A file protected with a passphrase is unlocked with `unlocking` (from `begin_unlocking`)
    when given, else with the passphrase in the file named by $ATTUNE_PASSPHRASE_FILE, else
    with one typed at the terminal, unechoed (three tries); never from the command line, where
    other users and the shell's history would see it. Raises `StoreError` (a
    `WrongPassphrase` after the last wrong try).
    """
    from tui.store import Store
    from tui.store.protection_errors import PassphraseNeeded

    opener = Store.peek if look_only else Store.open
    if unlocking is not None:
        from tui.store.loading import prepare_to_load

        # While the key is derived: what reading the file would otherwise do first.
        prepare_to_load()
        key = unlocking()
        if look_only:
            # The file as it was read to unlock it: read, and its digest checked, once.
            return Store.peek(path, clock, key, key.unlocked_from)
        return Store.open(path, clock, key)
    try:
        return opener(path, clock)
    except PassphraseNeeded:
        return opener(path, clock, _unlock(path))


def begin_unlocking(path: Path) -> Callable[[], ProtectionKey] | None:
    """For a protected file, ask for the passphrase now and derive its key on a thread; None
    for a plain file (or one whose protection is being changed, which opening settles first).

    Scrypt takes about a third of a second and releases the interpreter while it works, so a
    command that calls this before importing the rest of Attune has it loaded by the time the
    key is ready. Returns what waits for the key; a wrong passphrase typed at the terminal is
    asked for again there, as `open_store` does.
    """
    import threading

    from tui.store.protected_at_a_glance import needs_passphrase_to_open

    if not needs_passphrase_to_open(path):
        return None
    loaded = threading.Event()
    first_try = _on_a_thread(_unlock_file, path, _read_passphrase(path), loaded)
    # Scrypt lets go of the interpreter, but importing does not: until the deriving thread
    # has loaded the cryptography library, this thread's imports would halve its speed.
    loaded.wait()
    return lambda: _unlock(path, first_try)


def _unlock_file(path: Path, secret: str, loaded: threading.Event) -> ProtectionKey:
    """`unlock_file`, imported on the deriving thread, which sets `loaded` once it has the
    cryptography library and is about to derive the key."""
    try:
        from tui.store.protection_keys import unlock_file
    finally:
        loaded.set()
    return unlock_file(path, secret)


def _on_a_thread(work: Callable[..., Result], *arguments: object) -> Callable[[], Result]:
    """Start `work(*arguments)` on a thread; returns what waits for it and gives its result,
    or raises what it raised."""
    import threading

    outcome: list[Result] = []
    problem: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work(*arguments))
        except BaseException as error:  # noqa: BLE001 - raised again where it is awaited
            problem.append(error)

    worker = threading.Thread(target=run, name="attune-unlock", daemon=True)
    worker.start()

    def wait() -> Result:
        worker.join()
        if problem:
            raise problem[0]
        return outcome[0]

    return wait


def _unlock(path: Path, first_try: Callable[[], ProtectionKey] | None = None) -> ProtectionKey:
    """The key of the protected file at `path`: `first_try` (or the passphrase read now),
    then, after a wrong one typed at the terminal, up to PASSPHRASE_TRIES in all."""
    import os
    from functools import partial

    from tui.store.protection_errors import WrongPassphrase
    from tui.store.protection_keys import unlock_file

    from_a_file = bool(os.environ.get(PASSPHRASE_FILE_VARIABLE))
    attempt = first_try or partial(unlock_file, path, _read_passphrase(path))
    tries = 1
    while True:
        try:
            return attempt()
        except WrongPassphrase:
            if from_a_file or tries == PASSPHRASE_TRIES:
                raise
        tries += 1
        print("That passphrase is not the right one; try again.", file=sys.stderr)
        attempt = partial(unlock_file, path, _read_passphrase(path))


def _read_passphrase(path: Path) -> str:
    """The passphrase: the first line of the file named by $ATTUNE_PASSPHRASE_FILE, else typed
    at the terminal, unechoed. Raises `PassphraseFileUnreadable`, or `PassphraseNeeded` when
    there is nothing to read it from."""
    import os

    from tui.store.protection_errors import PassphraseFileUnreadable, PassphraseNeeded

    named = os.environ.get(PASSPHRASE_FILE_VARIABLE)
    if named:
        try:
            text = Path(named).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PassphraseFileUnreadable(named, error) from error
        # The passphrase is the file's first line: an editor's final newline is not part of it.
        return text.split("\n", 1)[0].removesuffix("\r")
    import getpass

    try:
        return getpass.getpass(f"Passphrase for {path}: ")
    except EOFError:  # nothing to read the passphrase from
        raise PassphraseNeeded(path) from None
