"""The protected data file's format: the bytes of a file locked with a passphrase.

A protected file holds the couple's data encrypted under a random data key; that key is kept in
the header wrapped under the passphrase and, when the couple chose one, under a recovery key.
This module knows the bytes: the magic line that tells a protected file from a plain one, the
header, the digest that tells a damaged file from a wrong passphrase, and the limits on the
key-derivation cost a file may ask for. It needs the standard library only, so a plain file's
start-up never loads the cryptography library; the keys and the encryption live in
`protection_keys.py`, imported only for a protected file, the recovery key's text in
`recovery_key.py`, and what can go wrong in `protection_errors.py`.

Format version 1 (integers big-endian):

    magic            17 bytes   b"ATTUNE-PROTECTED\\n"
    version           2 bytes   1
    header length     4 bytes   H
    header            H bytes   key id (16), slot count (1), the slots
    nonce            12 bytes   fresh for every save
    sealed payload   n+16 bytes AES-256-GCM of the payload under the data key; its associated
                                data is every byte from the magic to the end of the header
    digest           32 bytes   SHA-256 of every byte before it

    passphrase slot: kind 1, log2 n, r, p (1 byte each), salt (16), nonce (12), wrapped key (48)
    recovery slot:   kind 2 (1 byte), salt (16), nonce (12), wrapped key (48)

The passphrase slot comes first; a recovery slot may follow. Each wrapped key is the data key
sealed with AES-256-GCM under a key derived from the passphrase (scrypt, with the slot's salt
and cost) or from the recovery key (HKDF-SHA256, with the slot's salt); its associated data is
`slot_associated_data`. Every later version keeps the magic, the version and the trailing digest
where they are, so this one tells a damaged file (the digest does not match) from one written
by a newer Attune (it matches, and the version is higher).
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, NamedTuple

# Told at a glance by a module of the standard library alone, and read here as the format's.
from tui.store.protected_at_a_glance import MAGIC as MAGIC
from tui.store.protected_at_a_glance import is_protected as is_protected
from tui.store.protection_errors import DamagedProtectedFile, ProtectionTooNew

if TYPE_CHECKING:
    import hashlib

FORMAT_VERSION = 1
"""The newest protection format this version of Attune reads and writes."""

KEY_ID_BYTES = 16
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
DATA_KEY_BYTES = 32
WRAPPED_KEY_BYTES = DATA_KEY_BYTES + TAG_BYTES
DIGEST_BYTES = 32

PASSPHRASE_SLOT = 1
RECOVERY_SLOT = 2

_PREAMBLE = struct.Struct(">HI")  # version, header length
_PASSPHRASE_SLOT = struct.Struct(f">BBBB{SALT_BYTES}s{NONCE_BYTES}s{WRAPPED_KEY_BYTES}s")
_RECOVERY_SLOT = struct.Struct(f">B{SALT_BYTES}s{NONCE_BYTES}s{WRAPPED_KEY_BYTES}s")
_SLOT_SIZES = {PASSPHRASE_SLOT: _PASSPHRASE_SLOT.size, RECOVERY_SLOT: _RECOVERY_SLOT.size}
_HEADER_START = len(MAGIC) + _PREAMBLE.size
_SMALLEST_HEADER = KEY_ID_BYTES + 1 + _PASSPHRASE_SLOT.size
_SMALLEST_FILE = _HEADER_START + _SMALLEST_HEADER + NONCE_BYTES + TAG_BYTES + DIGEST_BYTES


class ScryptCost(NamedTuple):
    """How hard scrypt works to turn a passphrase into a key: n = 2**log2_n, r and p."""

    log2_n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """The bytes scrypt allocates for these parameters (128 * r * n)."""
        return 128 * self.r * (1 << self.log2_n)

    def problem(self) -> str | None:
        """Why Attune refuses these parameters, or None when they are within its limits.

        A damaged or hostile header must not make Attune allocate gigabytes or think for
        minutes, so the memory and the work are bounded as well as each parameter.
        """
        if not MIN_LOG2_N <= self.log2_n <= MAX_LOG2_N:
            return f"n is 2 to the power {self.log2_n}, outside {MIN_LOG2_N} to {MAX_LOG2_N}"
        if not 1 <= self.r <= MAX_R:
            return f"r is {self.r}, outside 1 to {MAX_R}"
        if not 1 <= self.p <= MAX_P:
            return f"p is {self.p}, outside 1 to {MAX_P}"
        if self.memory > MAX_MEMORY:
            return f"it would need {self.memory >> 20} MiB of memory, over {MAX_MEMORY >> 20} MiB"
        if self.memory * self.p > MAX_WORK:
            return "it would take many times longer than Attune allows to unlock"
        return None


DEFAULT_COST = ScryptCost(log2_n=17, r=8, p=1)
"""The cost of a new passphrase: 128 MiB, and about 0.4 s to unlock on the computer it was
tuned on (`bench/unlock.py` measures it). Stored in each file, so it can rise later."""
MIN_LOG2_N = 10
MAX_LOG2_N = 20
MAX_R = 32
MAX_P = 16
MAX_MEMORY = 256 << 20
"""Twice the default's memory: room for a stronger cost later, never gigabytes."""
MAX_WORK = 8 * DEFAULT_COST.memory
"""Memory times p, a measure of the time scrypt takes: eight times the default's."""


class PassphraseSlot(NamedTuple):
    """The data key wrapped under a key derived from the passphrase with scrypt."""

    cost: ScryptCost
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def encode(self) -> bytes:
        """The slot's bytes in the header."""
        return _PASSPHRASE_SLOT.pack(
            PASSPHRASE_SLOT,
            self.cost.log2_n,
            self.cost.r,
            self.cost.p,
            self.salt,
            self.nonce,
            self.wrapped_key,
        )


class RecoverySlot(NamedTuple):
    """The data key wrapped under a key derived from the recovery key with HKDF-SHA256."""

    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def encode(self) -> bytes:
        """The slot's bytes in the header."""
        return _RECOVERY_SLOT.pack(RECOVERY_SLOT, self.salt, self.nonce, self.wrapped_key)


class ProtectionHeader(NamedTuple):
    """What a protected file says about itself before anything is decrypted."""

    key_id: bytes
    """Random, named once per data key: the data file and its backups share it."""
    passphrase: PassphraseSlot
    recovery: RecoverySlot | None
    version: int = FORMAT_VERSION

    @property
    def has_recovery_key(self) -> bool:
        """True when a recovery key opens the file too."""
        return self.recovery is not None

    def encode(self) -> bytes:
        """The bytes from the magic to the end of the header: the sealed payload's associated
        data."""
        slots = [self.passphrase] if self.recovery is None else [self.passphrase, self.recovery]
        body = b"".join([self.key_id, bytes([len(slots)]), *(slot.encode() for slot in slots)])
        return MAGIC + _PREAMBLE.pack(self.version, len(body)) + body


class Envelope(NamedTuple):
    """A protected file taken apart, its digest checked: what decrypting it needs."""

    header: ProtectionHeader
    associated_data: bytes
    nonce: bytes
    sealed_payload: memoryview
    """A view of the file's own bytes, not a copy: years of history are megabytes, which the
    cipher reads where they lie."""


def read_header(data: bytes) -> ProtectionHeader:
    """What the protected file `data` says about itself, once its digest has been checked.

    Raises `DamagedProtectedFile` when any byte differs from what Attune wrote (or the header
    asks for a key-derivation cost outside Attune's limits) and `ProtectionTooNew` for a file
    from a newer Attune.
    """
    return read_envelope(data).header


def read_envelope(data: bytes) -> Envelope:
    """The protected file `data` taken apart, after checking every byte against its digest.

    Raises as `read_header` does. Checked in this order: the magic, the digest, the version,
    then the header's layout and limits, so that a damaged file is never reported as too new
    and a hostile header is refused before any key is derived.
    """
    if not data.startswith(MAGIC):
        raise DamagedProtectedFile("its first line is not the one that marks a protected file")
    if len(data) < _HEADER_START + DIGEST_BYTES:
        raise DamagedProtectedFile("it ends too early")
    digest = _hasher()
    digest.update(memoryview(data)[:-DIGEST_BYTES])
    if digest.digest() != data[-DIGEST_BYTES:]:
        raise DamagedProtectedFile(
            "its bytes are not the ones Attune saved (it was cut short or changed on disk)"
        )
    version, header_length = _PREAMBLE.unpack_from(data, len(MAGIC))
    if version > FORMAT_VERSION:
        raise ProtectionTooNew(version, FORMAT_VERSION)
    if version < 1:
        raise DamagedProtectedFile(f"it names protection format {version}, which never existed")
    if len(data) < _SMALLEST_FILE:
        raise DamagedProtectedFile("it ends too early")
    header_end = _HEADER_START + header_length
    if header_end + NONCE_BYTES + TAG_BYTES + DIGEST_BYTES > len(data):
        raise DamagedProtectedFile("its header is longer than the file")
    header = _parse_header(memoryview(data)[_HEADER_START:header_end], version)
    return Envelope(
        header=header,
        associated_data=data[:header_end],
        nonce=data[header_end : header_end + NONCE_BYTES],
        sealed_payload=memoryview(data)[header_end + NONCE_BYTES : -DIGEST_BYTES],
    )


def assemble(associated_data: bytes, nonce: bytes, sealed_payload: bytes) -> bytes:
    """The bytes of a protected file: the encoded header (`ProtectionHeader.encode`), the
    nonce and the sealed payload, followed by their digest."""
    digest = _hasher()
    for part in (associated_data, nonce, sealed_payload):
        digest.update(part)
    return b"".join([associated_data, nonce, sealed_payload, digest.digest()])


def slot_associated_data(
    key_id: bytes, slot: PassphraseSlot | RecoverySlot, version: int = FORMAT_VERSION
) -> bytes:
    """What a wrapped key is bound to: the format and its version, the file's key id, and the
    slot's kind and parameters (everything in the slot before its nonce)."""
    fixed = slot.encode()[: -(NONCE_BYTES + WRAPPED_KEY_BYTES)]
    return MAGIC + version.to_bytes(2, "big") + key_id + fixed


def _parse_header(header: memoryview, version: int) -> ProtectionHeader:
    if len(header) < _SMALLEST_HEADER:
        raise DamagedProtectedFile("its header is too short")
    key_id = bytes(header[:KEY_ID_BYTES])
    slot_count = header[KEY_ID_BYTES]
    if slot_count not in (1, 2):
        raise DamagedProtectedFile(f"its header names {slot_count} keys, not one or two")
    offset = KEY_ID_BYTES + 1
    kinds = []
    for _ in range(slot_count):
        kind = header[offset] if offset < len(header) else None
        if kind not in _SLOT_SIZES or offset + _SLOT_SIZES[kind] > len(header):
            raise DamagedProtectedFile("a key in its header is of no known kind, or cut short")
        kinds.append((kind, offset))
        offset += _SLOT_SIZES[kind]
    if offset != len(header):
        raise DamagedProtectedFile("its header has bytes after its keys")
    if [kind for kind, _ in kinds] not in ([PASSPHRASE_SLOT], [PASSPHRASE_SLOT, RECOVERY_SLOT]):
        raise DamagedProtectedFile("its header does not hold a passphrase key first")
    _, log2_n, r, p, salt, nonce, wrapped = _PASSPHRASE_SLOT.unpack_from(header, kinds[0][1])
    cost = ScryptCost(log2_n, r, p)
    problem = cost.problem()
    if problem is not None:
        raise DamagedProtectedFile(f"its key-derivation settings are out of range ({problem})")
    recovery = None
    if len(kinds) == 2:
        _, *fields = _RECOVERY_SLOT.unpack_from(header, kinds[1][1])
        recovery = RecoverySlot(*fields)
    return ProtectionHeader(
        key_id, PassphraseSlot(cost, salt, nonce, wrapped), recovery, version=version
    )


def _hasher() -> hashlib._Hash:
    # Imported here: hashlib loads OpenSSL's library, which a plain file's start-up never needs.
    import hashlib

    return hashlib.sha256()
