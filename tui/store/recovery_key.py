"""The recovery key: a random key shown once, written down on paper, typed back years later.

Its text is made for people: seven groups of five characters from Crockford's base 32 (digits
and capital letters without I, L, O and U, so nothing reads as something else), for example
`7K2QM-0XD4R-...`. Reading it back forgives lower case, spaces or dashes anywhere, and the
letters people write for the missing ones (O for 0, I and L for 1).

Each group's last character checks the four before it, so a typo is told apart from a wrong key
and the couple are told which group to look at: any one character changed, or any two swapped,
within a group, and any two groups swapped, are always caught. The 28 characters that carry the
key hold 140 bits: the 128-bit secret and 12 bits of a digest of it, which catch what the group
checks cannot (several typos in one group) all but once in four thousand times.

Standard library only: it is imported for a protected file, yet tests and the first-run screen
use it without the cryptography library.
"""

from __future__ import annotations

import hashlib
import os

from tui.store.protection_errors import MistypedRecoveryKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: the value of a character is its position."""
GROUPS = 7
DATA_PER_GROUP = 4
"""Characters of a group that carry the key; one more checks them."""
SECRET_BYTES = 16
_CHECK_BITS = GROUPS * DATA_PER_GROUP * 5 - SECRET_BYTES * 8
_READ_AS = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = frozenset(" -\t\n\u2010\u2011\u2012\u2013\u2014\u2212")
_WEIGHTS = (2, 3, 4, 5)
"""Each data character's weight in its group's check (the check itself weighs 1): distinct
and nonzero in GF(32), so one changed character, or two swapped, always changes the check."""


class RecoveryKey:
    """A 128-bit random key that opens a protected file when the passphrase is forgotten.

    Never changed once made. A plain class rather than a dataclass: a shell command on a
    protected file imports this before it can derive the key, and the dataclasses module alone
    took a third of that.
    """

    __slots__ = ("secret",)
    secret: bytes

    def __init__(self, secret: bytes) -> None:
        if len(secret) != SECRET_BYTES:
            raise ValueError(f"a recovery key is {SECRET_BYTES} bytes")
        object.__setattr__(self, "secret", secret)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a recovery key never changes")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecoveryKey):
            return NotImplemented
        return self.secret == other.secret

    def __hash__(self) -> int:
        return hash(self.secret)

    def __repr__(self) -> str:
        return "RecoveryKey(...)"

    @classmethod
    def generate(cls) -> RecoveryKey:
        """A new key from the operating system's random source."""
        return cls(os.urandom(SECRET_BYTES))

    @property
    def text(self) -> str:
        """The key as the couple write it down: seven groups of five, joined by dashes."""
        number = int.from_bytes(self.secret, "big") << _CHECK_BITS | _check_bits(self.secret)
        values = [(number >> (5 * shift)) & 31 for shift in reversed(range(GROUPS * 4))]
        groups = []
        for group in range(GROUPS):
            data = values[group * DATA_PER_GROUP : (group + 1) * DATA_PER_GROUP]
            check = _group_check(data, group)
            groups.append("".join(ALPHABET[value] for value in (*data, check)))
        return "-".join(groups)

    @classmethod
    def from_text(cls, text: str) -> RecoveryKey:
        """The key the couple typed back; `MistypedRecoveryKey` when it has a typo.

        The error names the first group whose check fails, so the couple know where to look.
        """
        typed = [character for character in text if character not in _SEPARATORS]
        expected = GROUPS * (DATA_PER_GROUP + 1)
        if len(typed) != expected:
            raise MistypedRecoveryKey(
                f"A recovery key has {expected} letters and digits, in {GROUPS} groups of five; "
                f"this has {len(typed)}."
            )
        values: list[int] = []
        for group in range(GROUPS):
            chunk = typed[group * 5 : group * 5 + 5]
            found = [_value(character) for character in chunk]
            if None in found:
                raise MistypedRecoveryKey(
                    f"Group {group + 1} of the recovery key holds {chunk[found.index(None)]!r}, "
                    "which a recovery key never uses.",
                    group + 1,
                )
            *data, check = (value for value in found if value is not None)
            if _group_check(data, group) != check:
                raise MistypedRecoveryKey(
                    f"Group {group + 1} of the recovery key has a typo.", group + 1
                )
            values.extend(data)
        number = 0
        for value in values:
            number = number << 5 | value
        secret = (number >> _CHECK_BITS).to_bytes(SECRET_BYTES, "big")
        if number & ((1 << _CHECK_BITS) - 1) != _check_bits(secret):
            raise MistypedRecoveryKey("The recovery key has a typo, in more than one place.")
        return cls(secret)


def _value(character: str) -> int | None:
    """The value of a typed character: lower case and the look-alikes forgiven."""
    folded = character.upper()
    folded = _READ_AS.get(folded, folded)
    return ALPHABET.index(folded) if len(folded) == 1 and folded in ALPHABET else None


def _check_bits(secret: bytes) -> int:
    digest = hashlib.sha256(b"attune recovery key\n" + secret).digest()
    return int.from_bytes(digest[:4], "big") >> (32 - _CHECK_BITS)


def _group_check(data: list[int], group: int) -> int:
    """The check character of one group: a weighted sum in GF(32), plus the group's number so
    that a whole group written in another group's place is caught too."""
    check = group
    for weight, value in zip(_WEIGHTS, data, strict=True):
        check ^= _multiply(weight, value)
    return check


def _multiply(a: int, b: int) -> int:
    """Multiplication in GF(32), the field of polynomials over GF(2) modulo x^5 + x^2 + 1."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 32:
            a ^= 0b100101
    return product
