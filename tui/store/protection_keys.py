"""The keys of a protected file: unlocking it, and sealing what it holds.

Envelope encryption, with the `cryptography` library's primitives only: a random 256-bit data
key seals the payload with AES-256-GCM (a fresh random nonce on every save); the data key is
itself sealed with AES-256-GCM under a key derived from the passphrase with scrypt, and again
under one derived from the recovery key with HKDF-SHA256 (a random 128-bit key needs no slow
derivation). Changing the passphrase wraps the same data key anew; the recovery key keeps
working. The bytes are laid out by `protection.py`.

Importing this module loads the cryptography library: import it only for a protected file.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from tui.store.protection import (
    DATA_KEY_BYTES,
    DEFAULT_COST,
    KEY_ID_BYTES,
    NONCE_BYTES,
    SALT_BYTES,
    Envelope,
    PassphraseSlot,
    ProtectionHeader,
    RecoverySlot,
    ScryptCost,
    assemble,
    read_envelope,
    read_header,
    slot_associated_data,
)
from tui.store.protection_errors import (
    DamagedProtectedFile,
    MistypedRecoveryKey,
    NoRecoveryKey,
    ProtectedWithAnotherKey,
    WrongPassphrase,
    WrongRecoveryKey,
)
from tui.store.recovery_key import RecoveryKey

_RECOVERY_KEY_INFO = b"attune recovery key wraps the data key"
_Slot = TypeVar("_Slot", PassphraseSlot, RecoverySlot)


class ProtectionKey:
    """An unlocked file's data key, and the header every save of the file carries.

    Held in memory only, for as long as the file is open. Saving with it derives nothing, so a
    save costs no more than the encryption itself. `repr` never shows the key.
    """

    def __init__(
        self, data_key: bytes, header: ProtectionHeader, unlocked_from: Envelope | None = None
    ) -> None:
        self._data_key = data_key
        self._cipher = AESGCM(data_key)
        self.header = header
        self._associated_data = header.encode()
        self._unlocked_from = unlocked_from
        """The file this key was unlocked from, its digest checked, until it is opened."""

    @property
    def unlocked_from(self) -> bytes | None:
        """The bytes of the protected file this key was unlocked from, until `open` reads
        them; None for a key made otherwise. A caller that opens them at once (a shell
        command) reads the file once and checks its digest once."""
        return None if self._unlocked_from is None else self._unlocked_from.sealed_payload.obj

    def __repr__(self) -> str:
        return f"ProtectionKey(key id {self.header.key_id.hex()})"

    @property
    def has_recovery_key(self) -> bool:
        """True when a recovery key opens the files saved with this key too."""
        return self.header.has_recovery_key

    def with_passphrase(self, passphrase: str, cost: ScryptCost = DEFAULT_COST) -> ProtectionKey:
        """The same data key wrapped under a new passphrase; the recovery key stays as it was.

        Files saved with the result (see `rewrap`) no longer open with the old passphrase.
        """
        slot = _passphrase_slot(self._data_key, self.header.key_id, passphrase, cost)
        return ProtectionKey(self._data_key, self.header._replace(passphrase=slot))

    def with_recovery_key(self, recovery_key: RecoveryKey | None) -> ProtectionKey:
        """The same data key with a new recovery key, or with none: the old one stops working
        for files saved with the result."""
        slot = (
            None
            if recovery_key is None
            else _recovery_slot(self._data_key, self.header.key_id, recovery_key)
        )
        return ProtectionKey(self._data_key, self.header._replace(recovery=slot))

    def encrypt(self, payload: bytes) -> bytes:
        """The protected file to save, holding `payload`: sealed with a fresh random nonce."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher.encrypt(nonce, payload, self._associated_data)
        return assemble(self._associated_data, nonce, sealed)

    def decrypt(self, data: bytes) -> bytes:
        """The payload of the protected file `data`: one this key unlocked, or one sharing its
        data key (a backup, or the file as saved before the passphrase changed).

        Raises `DamagedProtectedFile`, `ProtectionTooNew`, or `ProtectedWithAnotherKey` for a
        file protected on its own.
        """
        return self._payload_of(self._own_envelope(data))

    def as_saved_in(self, data: bytes) -> ProtectionKey:
        """This data key with the header of the protected file `data`, which it opens: what
        the file says now (a passphrase changed since this key was unlocked, say) is what its
        next save must say too. Raises as `decrypt` does."""
        return self._as_saved_in(self._own_envelope(data))

    def open(self, data: bytes) -> tuple[bytes, ProtectionKey]:
        """`decrypt(data)` and `as_saved_in(data)` both, reading `data` once: its digest,
        checked over every byte, is the slow part of both, and is not checked again for the
        very bytes (`unlocked_from`) this key was unlocked from."""
        unlocked, self._unlocked_from = self._unlocked_from, None
        if unlocked is not None and unlocked.sealed_payload.obj is data:
            envelope = unlocked
        else:
            envelope = self._own_envelope(data)
        return self._payload_of(envelope), self._as_saved_in(envelope)

    def _own_envelope(self, data: bytes) -> Envelope:
        envelope = read_envelope(data)
        if envelope.header.key_id != self.header.key_id:
            raise ProtectedWithAnotherKey()
        return envelope

    def _payload_of(self, envelope: Envelope) -> bytes:
        try:
            return self._cipher.decrypt(
                envelope.nonce, envelope.sealed_payload, envelope.associated_data
            )
        except InvalidTag:
            # The digest matched, so the disk did not change these bytes: they were put
            # together by something other than Attune.
            raise DamagedProtectedFile("its contents were not sealed with its own header") from None

    def _as_saved_in(self, envelope: Envelope) -> ProtectionKey:
        if envelope.header == self.header:
            return self
        return ProtectionKey(self._data_key, envelope.header)

    def rewrap(self, data: bytes) -> bytes:
        """The protected file `data` carrying this key's header: its new passphrase or recovery
        key, after `with_passphrase` or `with_recovery_key`.

        The data key stays. The payload is checked, and sealed again under a fresh nonce,
        because the header it is bound to has changed.
        """
        return self.encrypt(self.decrypt(data))


def protect(
    passphrase: str, recovery_key: RecoveryKey | None = None, cost: ScryptCost = DEFAULT_COST
) -> ProtectionKey:
    """A new random data key, wrapped under `passphrase` and, if given, under `recovery_key`.

    `cost` is scrypt's: the default is tuned for unlocking in about 0.3-0.5 s.
    """
    data_key = AESGCM.generate_key(bit_length=8 * DATA_KEY_BYTES)
    key_id = os.urandom(KEY_ID_BYTES)
    passphrase_slot = _passphrase_slot(data_key, key_id, passphrase, cost)
    recovery_slot = None if recovery_key is None else _recovery_slot(data_key, key_id, recovery_key)
    return ProtectionKey(data_key, ProtectionHeader(key_id, passphrase_slot, recovery_slot))


def unlock_file(path: Path, secret: str) -> ProtectionKey:
    """The key of the protected file at `path`, from its passphrase or its recovery key.

    Text shaped like a recovery key (seven groups of five letters and digits) is tried as
    one; anything else as the passphrase. The slow step (scrypt, about 0.4 s): run it off the
    screen's thread. Raises a `ProtectionError` (`WrongPassphrase`, `WrongRecoveryKey`,
    `MistypedRecoveryKey`, `DamagedProtectedFile`...) or `OSError`.
    """
    return unlock_bytes(path.read_bytes(), secret)


def unlock_bytes(data: bytes, secret: str) -> ProtectionKey:
    """The key of the protected file `data`, as `unlock_file` finds it."""
    if _shaped_like_recovery_key(secret):
        try:
            recovery_key = RecoveryKey.from_text(secret)
        except MistypedRecoveryKey:
            if not read_header(data).has_recovery_key:
                return unlock(data, secret)
            raise
        return unlock_with_recovery_key(data, recovery_key)
    return unlock(data, secret)


def unlock(data: bytes, passphrase: str) -> ProtectionKey:
    """The key of the protected file `data`, from its passphrase.

    Raises `DamagedProtectedFile` (before deriving anything) when the file is not as Attune
    wrote it, `ProtectionTooNew`, or `WrongPassphrase` when the file is intact and the
    passphrase is not its own.
    """
    envelope = read_envelope(data)
    header, slot = envelope.header, envelope.header.passphrase
    secret = _passphrase_bytes(passphrase)
    if not secret:
        raise WrongPassphrase()  # protect() never accepts an empty one
    try:
        data_key = _unwrapped(header, slot, derive_passphrase_key(secret, slot.salt, slot.cost))
    except InvalidTag:
        raise WrongPassphrase() from None
    return ProtectionKey(data_key, header, envelope)


def unlock_with_recovery_key(data: bytes, recovery_key: RecoveryKey) -> ProtectionKey:
    """The key of the protected file `data`, from its recovery key.

    Raises as `unlock` does, with `NoRecoveryKey` when the file was protected without one and
    `WrongRecoveryKey` when the key is not this file's.
    """
    envelope = read_envelope(data)
    header, slot = envelope.header, envelope.header.recovery
    if slot is None:
        raise NoRecoveryKey()
    try:
        data_key = _unwrapped(header, slot, _recovery_wrapping_key(recovery_key, slot.salt))
    except InvalidTag:
        raise WrongRecoveryKey() from None
    return ProtectionKey(data_key, header, envelope)


def derive_passphrase_key(passphrase: bytes, salt: bytes, cost: ScryptCost) -> bytes:
    """The 256-bit key scrypt derives from `passphrase`: the slow step of unlocking."""
    scrypt = Scrypt(salt=salt, length=DATA_KEY_BYTES, n=1 << cost.log2_n, r=cost.r, p=cost.p)
    return scrypt.derive(passphrase)


def _passphrase_slot(
    data_key: bytes, key_id: bytes, passphrase: str, cost: ScryptCost
) -> PassphraseSlot:
    secret = _passphrase_bytes(passphrase)
    if not secret:
        raise ValueError("a passphrase can't be empty")
    problem = cost.problem()
    if problem is not None:
        raise ValueError(f"scrypt cost refused: {problem}")
    salt = os.urandom(SALT_BYTES)
    unwrapped = PassphraseSlot(cost, salt, bytes(NONCE_BYTES), b"")
    return _wrapped(unwrapped, derive_passphrase_key(secret, salt, cost), data_key, key_id)


def _recovery_slot(data_key: bytes, key_id: bytes, recovery_key: RecoveryKey) -> RecoverySlot:
    salt = os.urandom(SALT_BYTES)
    unwrapped = RecoverySlot(salt, bytes(NONCE_BYTES), b"")
    return _wrapped(unwrapped, _recovery_wrapping_key(recovery_key, salt), data_key, key_id)


def _wrapped(slot: _Slot, wrapping_key: bytes, data_key: bytes, key_id: bytes) -> _Slot:
    """`slot` holding the data key sealed under `wrapping_key`, with a fresh nonce."""
    nonce = os.urandom(NONCE_BYTES)
    associated_data = slot_associated_data(key_id, slot)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, data_key, associated_data)
    return slot._replace(nonce=nonce, wrapped_key=wrapped)


def _unwrapped(
    header: ProtectionHeader, slot: PassphraseSlot | RecoverySlot, wrapping_key: bytes
) -> bytes:
    """The data key in `slot`; `InvalidTag` when `wrapping_key` is not the one it was sealed
    under (the header's digest has been checked, so the slot itself is as written)."""
    associated_data = slot_associated_data(header.key_id, slot, header.version)
    return AESGCM(wrapping_key).decrypt(slot.nonce, slot.wrapped_key, associated_data)


def _recovery_wrapping_key(recovery_key: RecoveryKey, salt: bytes) -> bytes:
    return HKDF(
        algorithm=SHA256(), length=DATA_KEY_BYTES, salt=salt, info=_RECOVERY_KEY_INFO
    ).derive(recovery_key.secret)


def _passphrase_bytes(passphrase: str) -> bytes:
    """The bytes a passphrase stands for: the same letters typed on any system give the same
    bytes (é composed or as e and an accent); never fails, whatever the text holds."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def _shaped_like_recovery_key(text: str) -> bool:
    letters = [c for c in text if not c.isspace() and c != "-"]
    return len(letters) == 35 and all(c.isascii() and c.isalnum() for c in letters)
