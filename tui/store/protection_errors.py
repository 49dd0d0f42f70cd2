"""What can go wrong opening a protected file, each with a message a person can act on.

Each is decided from the file's bytes and the library's exception types, never from the wording
of a library's message.
"""

from __future__ import annotations

from tui.store.errors import StoreError


class ProtectionError(StoreError):
    """A protected file can't be opened as asked. `str(error)` is plain sentences."""


class DamagedProtectedFile(ProtectionError):
    """The bytes are not the ones Attune wrote: no passphrase can open the file as it is."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"This protected file is damaged: {reason}. No passphrase can open it as it is."
        )


class ProtectionTooNew(ProtectionError):
    """The file was protected by a newer Attune, in a format this version does not know."""

    def __init__(self, version: int, known: int) -> None:
        self.version = version
        super().__init__(
            f"This file was protected by a newer version of Attune (protection format {version}; "
            f"this version knows up to {known}). Update Attune to open it."
        )


class WrongPassphrase(ProtectionError):
    """The file is intact, and the passphrase given is not the one that protects it."""

    def __init__(self) -> None:
        super().__init__(
            "That passphrase does not open this file. Check that Caps Lock is off and the "
            "keyboard is the usual one, then try again."
        )


class WrongRecoveryKey(ProtectionError):
    """The recovery key is written correctly, but it is not the one of this file."""

    def __init__(self) -> None:
        super().__init__(
            "That recovery key is written correctly but does not open this file: it belongs "
            "to another file, or to protection that was turned off and on again since."
        )


class NoRecoveryKey(ProtectionError):
    """The file was protected without a recovery key."""

    def __init__(self) -> None:
        super().__init__(
            "This file was protected without a recovery key: only its passphrase opens it."
        )


class MistypedRecoveryKey(ProtectionError):
    """The text typed is not a recovery key as Attune writes them: a typo, not a wrong key."""

    def __init__(self, reason: str, group: int | None = None) -> None:
        self.group = group
        """The group (counted from 1) where the typo is, when it can be told."""
        super().__init__(f"{reason} Compare it with the written copy and try again.")


class ProtectedWithAnotherKey(ProtectionError):
    """The file was protected on its own, with a data key other than the one unlocked."""

    def __init__(self) -> None:
        super().__init__(
            "This file was protected separately, with a passphrase of its own: the one "
            "given earlier does not open it. Unlock it with its own passphrase."
        )


class PassphraseNeeded(ProtectionError):
    """The file is intact and protected: it opens only with its passphrase or recovery key."""

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(
            f"The data file {path} is protected with a passphrase: it opens only with that "
            "passphrase (or its recovery key)."
        )


class PassphraseFileUnreadable(ProtectionError):
    """The file named by $ATTUNE_PASSPHRASE_FILE can't be read as text."""

    def __init__(self, named: str, error: OSError | UnicodeDecodeError) -> None:
        from tui.store.errors import describe_os_error

        if isinstance(error, UnicodeDecodeError):
            why = "it is not text"
        else:
            why = describe_os_error(error)
        super().__init__(
            f"The passphrase file {named} (named by ATTUNE_PASSPHRASE_FILE) can't be read: {why}."
        )
