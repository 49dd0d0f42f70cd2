"""Telling a protected file at a glance, with the standard library alone.

The shell asks for a passphrase only when the file needs one, and starts deriving its key at
once; this module answers that question without loading msgspec, the store or the
cryptography library, so the key's derivation starts before them (see `shell.begin_unlocking`).
`protection.py` and `protected_files.py` read these names from here.
"""

from __future__ import annotations

from pathlib import Path

MAGIC = b"ATTUNE-PROTECTED\n"
"""The first line of every protected file, whatever its version."""
MAGIC_BYTES_ALLOWED_DAMAGED = 2
"""A file whose first line differs from the magic in this many bytes or fewer is still taken
for a protected file (a damaged one), so the couple hear "damaged" rather than "not JSON"."""
JOURNAL_SUFFIX = ".protection-change"
"""Beside the data file, the journal of a change of protection under way."""


def is_protected(data: bytes) -> bool:
    """True when `data` (a whole file, or its first bytes) is a protected file, damaged or not.

    Looks at the first line only: no digest, no cryptography. A first line with one or two
    damaged bytes still counts, so that `read_header` can say the file is damaged.
    """
    if data.startswith(MAGIC):
        return True
    start = data[: len(MAGIC)]
    differing = len(MAGIC) - len(start) + sum(a != b for a, b in zip(start, MAGIC, strict=False))
    return differing <= MAGIC_BYTES_ALLOWED_DAMAGED


def is_protected_file(path: Path) -> bool:
    """True when the file at `path` is protected with a passphrase (damaged or not); False for a
    plain file or none. Reads its first line only."""
    try:
        with open(path, "rb") as file:
            return is_protected(file.read(len(MAGIC)))
    except OSError:
        return False


def journal_path(data_path: Path) -> Path:
    """The journal of a change of protection under way for `data_path`."""
    return data_path.with_name(data_path.name + JOURNAL_SUFFIX)


def needs_passphrase_to_open(path: Path) -> bool:
    """True when opening `path` will need its passphrase: it is protected and no change of
    protection is waiting to be settled (which may leave it plain, or under another header)."""
    return is_protected_file(path) and not journal_path(path).exists()
