"""A data file protected with a passphrase: its format, its keys and its recovery key.

Every test but one derives keys at the lowest cost the format allows (`CHEAP`), so the suite
stays fast; `test_the_default_cost_is_the_one_the_header_names_and_the_one_used` pays the real
cost once, to prove a new file's header says what unlocking it actually does.
"""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from hypothesis import given
from hypothesis import strategies as st

from tui.store import protection_keys
from tui.store.protection import (
    DEFAULT_COST,
    MAGIC,
    ScryptCost,
    is_protected,
    read_header,
    slot_associated_data,
)
from tui.store.protection_errors import (
    DamagedProtectedFile,
    NoRecoveryKey,
    ProtectedWithAnotherKey,
    ProtectionError,
    ProtectionTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)
from tui.store.protection_keys import ProtectionKey, protect, unlock, unlock_with_recovery_key
from tui.store.recovery_key import RecoveryKey

CHEAP = ScryptCost(log2_n=10, r=1, p=1)
PASSPHRASE = "a long walk, then tea"
PAYLOAD = b'{"meta":{"1":{"version":4}},"moments":{"1":{"text":"you listened"}}}'
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "protected-v1.bin"

# Where format version 1 puts each field (see the layout in tui/store/protection.py).
VERSION_AT = len(MAGIC)
HEADER_LENGTH_AT = VERSION_AT + 2
KEY_ID_AT = HEADER_LENGTH_AT + 4
SLOT_COUNT_AT = KEY_ID_AT + 16
SLOT_KIND_AT = SLOT_COUNT_AT + 1
LOG2_N_AT, R_AT, P_AT = SLOT_KIND_AT + 1, SLOT_KIND_AT + 2, SLOT_KIND_AT + 3
RECOVERY_SLOT_AT = SLOT_KIND_AT + 4 + 16 + 12 + 48


@pytest.fixture(scope="module")
def recovery_key() -> RecoveryKey:
    """The recovery key of `key`."""
    return RecoveryKey.generate()


@pytest.fixture(scope="module")
def key(recovery_key: RecoveryKey) -> ProtectionKey:
    """A protection with a passphrase and a recovery key, cheap to derive."""
    return protect(PASSPHRASE, recovery_key, cost=CHEAP)


@pytest.fixture(scope="module")
def protected(key: ProtectionKey) -> bytes:
    """A small protected file holding `PAYLOAD`."""
    return key.encrypt(PAYLOAD)


def resealed(data: bytes | bytearray) -> bytes:
    """`data` with its trailing digest made right again: an edit on purpose, not damage."""
    body = bytes(data[:-32])
    return body + hashlib.sha256(body).digest()


def with_byte(data: bytes, position: int, value: int) -> bytes:
    changed = bytearray(data)
    changed[position] = value
    return bytes(changed)


def flipped(data: bytes, position: int, mask: int = 0xFF) -> bytes:
    return with_byte(data, position, data[position] ^ mask)


# --- round trips --------------------------------------------------------------------------


def test_the_passphrase_opens_what_was_sealed_and_each_save_looks_new(
    key: ProtectionKey, protected: bytes
) -> None:
    assert is_protected(protected)
    assert PAYLOAD not in protected
    assert unlock(protected, PASSPHRASE).decrypt(protected) == PAYLOAD
    again = key.encrypt(PAYLOAD)
    header_end = len(key.header.encode())
    assert again[:header_end] == protected[:header_end]  # the same header on every save,
    nonce = slice(header_end, header_end + 12)
    assert again[nonce] != protected[nonce]  # and a fresh nonce
    assert key.decrypt(again) == PAYLOAD


def test_the_header_says_what_protects_the_file(key: ProtectionKey, protected: bytes) -> None:
    header = read_header(protected)
    assert header == key.header
    assert header.passphrase.cost == CHEAP
    assert header.has_recovery_key
    assert header.version == 1
    assert protected.startswith(b"ATTUNE-PROTECTED\n")


def test_a_wrong_or_empty_passphrase_is_told_apart_from_damage(protected: bytes) -> None:
    for attempt in ("a long walk, then coffee", PASSPHRASE.upper(), PASSPHRASE + " ", ""):
        with pytest.raises(WrongPassphrase) as raised:
            unlock(protected, attempt)
        assert "passphrase does not open this file" in str(raised.value)


def test_the_same_letters_open_the_file_however_the_system_composes_them() -> None:
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    data = protect(composed, cost=CHEAP).encrypt(PAYLOAD)
    assert unlock(data, decomposed).decrypt(data) == PAYLOAD
    lone_surrogate = "tea\udc80"  # what a terminal may hand over for bytes it can't decode
    data = protect(lone_surrogate, cost=CHEAP).encrypt(PAYLOAD)
    assert unlock(data, lone_surrogate).decrypt(data) == PAYLOAD


def test_the_recovery_key_opens_the_file_as_typed_from_paper(
    protected: bytes, recovery_key: RecoveryKey
) -> None:
    typed = recovery_key.text.lower().replace("-", " ")
    assert (
        unlock_with_recovery_key(protected, RecoveryKey.from_text(typed)).decrypt(protected)
        == PAYLOAD
    )
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery_key(protected, RecoveryKey.generate())


def test_a_file_protected_without_a_recovery_key_says_so() -> None:
    data = protect(PASSPHRASE, cost=CHEAP).encrypt(PAYLOAD)
    assert not read_header(data).has_recovery_key
    with pytest.raises(NoRecoveryKey):
        unlock_with_recovery_key(data, RecoveryKey.generate())


def test_a_new_passphrase_rewraps_the_key_and_the_recovery_key_keeps_working(
    key: ProtectionKey, protected: bytes, recovery_key: RecoveryKey
) -> None:
    renewed = key.with_passphrase("a new passphrase", cost=CHEAP)
    rewrapped = renewed.rewrap(protected)
    assert read_header(rewrapped).key_id == read_header(protected).key_id  # the same data key
    with pytest.raises(WrongPassphrase):
        unlock(rewrapped, PASSPHRASE)
    assert unlock(rewrapped, "a new passphrase").decrypt(rewrapped) == PAYLOAD
    assert unlock_with_recovery_key(rewrapped, recovery_key).decrypt(rewrapped) == PAYLOAD
    # A copy saved before the change (a backup) still opens with the key now held, so it can be
    # rewrapped in turn; on its own it still needs the old passphrase.
    assert renewed.decrypt(protected) == PAYLOAD
    assert unlock(protected, PASSPHRASE).decrypt(protected) == PAYLOAD


def test_opening_a_file_reads_it_once_for_its_payload_and_its_header(
    key: ProtectionKey, protected: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    renewed = key.with_passphrase("a new passphrase", cost=CHEAP)
    rewrapped = renewed.rewrap(protected)
    # The same as decrypting and taking the file's header one after the other, whichever
    # header the key and the file hold.
    for holder, data in ((key, protected), (key, rewrapped), (renewed, protected)):
        payload, saved_with = holder.open(data)
        assert payload == holder.decrypt(data) == PAYLOAD
        assert saved_with.header == holder.as_saved_in(data).header == read_header(data)
    assert key.open(protected)[1] is key
    with pytest.raises(ProtectedWithAnotherKey):
        key.open(protect(PASSPHRASE, cost=CHEAP).encrypt(PAYLOAD))
    with pytest.raises(DamagedProtectedFile):
        key.open(flipped(protected, len(protected) // 2))
    # Checking the digest of ten years is the slow part: done once.
    readings = []
    read_envelope = protection_keys.read_envelope
    monkeypatch.setattr(
        protection_keys, "read_envelope", lambda data: readings.append(data) or read_envelope(data)
    )
    key.open(rewrapped)
    assert readings == [rewrapped]
    # Nor are the megabytes of a sealed payload copied out of the file's bytes to be opened.
    assert read_envelope(rewrapped).sealed_payload.obj is rewrapped


def test_the_bytes_a_key_was_unlocked_from_are_opened_without_checking_them_again(
    protected: bytes, recovery_key: RecoveryKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    readings: list[bytes] = []
    read_envelope = protection_keys.read_envelope
    monkeypatch.setattr(
        protection_keys, "read_envelope", lambda data: readings.append(data) or read_envelope(data)
    )
    for unlocking in (
        lambda: unlock(protected, PASSPHRASE),
        lambda: unlock_with_recovery_key(protected, recovery_key),
    ):
        unlocked = unlocking()
        assert unlocked.unlocked_from is protected and readings == [protected]
        assert unlocked.open(protected) == (PAYLOAD, unlocked)
        assert readings == [protected]  # checked as it was unlocked, not again
        # Only once and only those very bytes: a copy, or the same bytes again, are read.
        assert unlocked.unlocked_from is None
        assert unlocked.open(protected)[0] == PAYLOAD and readings == [protected, protected]
        copy = bytes(bytearray(protected))
        fresh = unlock(protected, PASSPHRASE)
        assert fresh.open(copy)[0] == PAYLOAD and readings[-1] is copy
        readings.clear()


def test_a_new_recovery_key_replaces_the_old_and_none_removes_it(
    key: ProtectionKey, protected: bytes, recovery_key: RecoveryKey
) -> None:
    replacement = RecoveryKey.generate()
    rewrapped = key.with_recovery_key(replacement).rewrap(protected)
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery_key(rewrapped, recovery_key)
    assert unlock_with_recovery_key(rewrapped, replacement).decrypt(rewrapped) == PAYLOAD
    assert unlock(rewrapped, PASSPHRASE).decrypt(rewrapped) == PAYLOAD
    without = key.with_recovery_key(None).rewrap(protected)
    with pytest.raises(NoRecoveryKey):
        unlock_with_recovery_key(without, recovery_key)


def test_turning_protection_off_gives_the_plain_bytes_back(
    key: ProtectionKey, protected: bytes
) -> None:
    plain = key.decrypt(protected)
    assert plain == PAYLOAD
    assert not is_protected(plain)


def test_a_file_protected_on_its_own_is_not_opened_with_another_files_key(
    key: ProtectionKey,
) -> None:
    other = protect(PASSPHRASE, cost=CHEAP).encrypt(PAYLOAD)  # the same words, a new data key
    with pytest.raises(ProtectedWithAnotherKey):
        key.decrypt(other)
    with pytest.raises(ProtectedWithAnotherKey):
        key.rewrap(other)


def test_a_new_protection_refuses_an_empty_passphrase_and_an_absurd_cost() -> None:
    with pytest.raises(ValueError):
        protect("", cost=CHEAP)
    with pytest.raises(ValueError):
        protect(PASSPHRASE, cost=ScryptCost(log2_n=30, r=8, p=1))


def test_the_key_in_memory_never_shows_itself(key: ProtectionKey) -> None:
    assert key.header.key_id.hex() in repr(key)
    assert key._data_key.hex() not in repr(key)


@given(payload=st.binary(max_size=4096))
def test_any_payload_comes_back_as_it_was_sealed(key: ProtectionKey, payload: bytes) -> None:
    data = key.encrypt(payload)
    assert is_protected(data)
    assert key.decrypt(data) == payload
    assert key.decrypt(key.rewrap(data)) == payload


def test_a_file_of_format_one_opens_as_it_did_when_it_was_written() -> None:
    # Written once by this code (cost CHEAP, recovery key made from the bytes 0 to 15) and
    # never again: if this fails, files already on people's disks would no longer open.
    data = GOLDEN.read_bytes()
    expected = b'{"meta":{"1":{"version":4}}}'
    assert unlock(data, "golden passphrase").decrypt(data) == expected
    recovery_key = RecoveryKey.from_text("000GT-40R4J-0M30Q-E209H-185GG-R38E3-1XY0H")
    assert recovery_key == RecoveryKey(bytes(range(16)))
    assert unlock_with_recovery_key(data, recovery_key).decrypt(data) == expected


def test_the_default_cost_is_the_one_the_header_names_and_the_one_used() -> None:
    data = protect(PASSPHRASE).encrypt(PAYLOAD)
    header = read_header(data)
    assert header.passphrase.cost == DEFAULT_COST
    assert DEFAULT_COST.problem() is None
    # Unlock by hand, straight from the library with the default's numbers: the header's
    # parameters are the ones the key was derived with, not merely the ones written down.
    slot = header.passphrase
    wrapping_key = Scrypt(
        salt=slot.salt, length=32, n=2**DEFAULT_COST.log2_n, r=DEFAULT_COST.r, p=DEFAULT_COST.p
    ).derive(PASSPHRASE.encode())
    data_key = AESGCM(wrapping_key).decrypt(
        slot.nonce, slot.wrapped_key, slot_associated_data(header.key_id, slot)
    )
    header_end = len(header.encode())
    nonce, sealed = data[header_end : header_end + 12], data[header_end + 12 : -32]
    assert AESGCM(data_key).decrypt(nonce, sealed, data[:header_end]) == PAYLOAD


# --- damage -------------------------------------------------------------------------------


def test_every_flipped_byte_of_a_small_file_is_refused_as_damaged(
    key: ProtectionKey, protected: bytes, recovery_key: RecoveryKey
) -> None:
    openers = (
        read_header,
        lambda data: unlock(data, PASSPHRASE),
        lambda data: unlock_with_recovery_key(data, recovery_key),
        key.decrypt,
        key.rewrap,
    )
    for position in range(len(protected)):
        for mask in (0x01, 0x80, 0xFF):
            damaged = flipped(protected, position, mask)
            assert is_protected(damaged), position  # still recognised, magic line included
            for open_file in openers:
                with pytest.raises(DamagedProtectedFile):
                    open_file(damaged)


def test_a_sample_of_flipped_bytes_of_a_large_file_is_refused_as_damaged(
    key: ProtectionKey,
) -> None:
    randomness = random.Random(29)
    payload = randomness.randbytes(2_000_000)
    data = key.encrypt(payload)
    header_end = len(key.header.encode())
    ends = [0, header_end - 1, header_end, header_end + 12, len(data) - 33, len(data) - 1]
    for position in ends + randomness.sample(range(len(data)), 60):
        with pytest.raises(DamagedProtectedFile):
            key.decrypt(flipped(data, position, 1 << randomness.randrange(8)))
    assert key.decrypt(data) == payload


def test_a_byte_changed_on_purpose_with_its_digest_made_right_is_still_refused(
    key: ProtectionKey, protected: bytes, recovery_key: RecoveryKey
) -> None:
    """Past the digest, each part is bound: the header to the payload, each wrapped key to
    the file's key id and its parameters. Nothing ever decrypts to something else."""
    openers = (
        lambda data: unlock(data, PASSPHRASE).decrypt(data),
        lambda data: unlock_with_recovery_key(data, recovery_key).decrypt(data),
        key.decrypt,
    )
    for position in range(len(protected) - 32):
        edited = resealed(flipped(protected, position, 0x01))
        for open_file in openers:
            with pytest.raises(ProtectionError):
                open_file(edited)


def test_a_file_cut_short_or_grown_is_refused_as_damaged(
    protected: bytes, recovery_key: RecoveryKey
) -> None:
    for length in range(len(protected)):
        with pytest.raises(DamagedProtectedFile):
            unlock(protected[:length], PASSPHRASE)
    for extra in (b"\n", b"\0" * 32, protected[-32:]):
        with pytest.raises(DamagedProtectedFile):
            unlock_with_recovery_key(protected + extra, recovery_key)


@pytest.mark.parametrize(
    ("position", "value", "why"),
    [
        (LOG2_N_AT, 40, "n is 2 to the power 40"),
        (LOG2_N_AT, 9, "n is 2 to the power 9"),
        (R_AT, 0, "r is 0"),
        (R_AT, 255, "r is 255"),
        (P_AT, 0, "p is 0"),
        (P_AT, 255, "p is 255"),
        (SLOT_COUNT_AT, 0, "names 0 keys"),
        (SLOT_COUNT_AT, 255, "names 255 keys"),
        (SLOT_KIND_AT, 2, "no known kind"),
        (SLOT_KIND_AT, 9, "no known kind"),
        (RECOVERY_SLOT_AT, 1, "no known kind"),
        (HEADER_LENGTH_AT, 0xFF, "longer than the file"),
        (VERSION_AT + 1, 0, "format 0"),
    ],
)
def test_an_absurd_header_is_refused_before_any_key_is_derived(
    protected: bytes, monkeypatch: pytest.MonkeyPatch, position: int, value: int, why: str
) -> None:
    def derive_nothing(*arguments: object) -> bytes:
        raise AssertionError("a key was derived from an absurd header")

    monkeypatch.setattr(protection_keys, "derive_passphrase_key", derive_nothing)
    hostile = resealed(with_byte(protected, position, value))
    with pytest.raises(DamagedProtectedFile) as raised:
        unlock(hostile, PASSPHRASE)
    assert why in raised.value.reason


def test_a_header_holding_the_recovery_key_first_is_refused(protected: bytes) -> None:
    passphrase_slot = protected[SLOT_KIND_AT:RECOVERY_SLOT_AT]
    recovery_slot = protected[RECOVERY_SLOT_AT : RECOVERY_SLOT_AT + 77]
    rest = protected[RECOVERY_SLOT_AT + 77 :]
    swapped = resealed(protected[:SLOT_KIND_AT] + recovery_slot + passphrase_slot + rest)
    with pytest.raises(DamagedProtectedFile) as raised:
        read_header(swapped)
    assert "passphrase key first" in raised.value.reason


def test_memory_and_work_are_bounded_together_not_only_each_parameter() -> None:
    assert ScryptCost(log2_n=20, r=32, p=1).problem() is not None  # 4 GiB
    assert "MiB of memory" in (ScryptCost(log2_n=20, r=8, p=1).problem() or "")
    assert "longer than Attune allows" in (ScryptCost(log2_n=18, r=8, p=16).problem() or "")
    assert ScryptCost(log2_n=18, r=8, p=1).problem() is None  # twice the default: allowed
    assert CHEAP.problem() is None


def test_a_file_from_a_newer_attune_is_told_apart_from_a_damaged_one(protected: bytes) -> None:
    newer = resealed(with_byte(protected, VERSION_AT + 1, 2))
    with pytest.raises(ProtectionTooNew) as raised:
        read_header(newer)
    assert raised.value.version == 2
    with pytest.raises(DamagedProtectedFile):  # the same byte changed by the disk
        read_header(with_byte(protected, VERSION_AT + 1, 2))


def test_a_plain_file_is_never_taken_for_a_protected_one(protected: bytes) -> None:
    for plain in (b"", b"{}", b' {"_default": {}}', PAYLOAD, b"\xef\xbb\xbf{}", b"ATTUNE"):
        assert not is_protected(plain)
    assert is_protected(MAGIC)  # a first line is enough to tell
    assert is_protected(MAGIC[:-1])  # a file cut short in its first line: damaged, not plain
    two_damaged = flipped(flipped(protected, 0), 5)
    assert is_protected(two_damaged)
    assert not is_protected(flipped(two_damaged, 9))
    for position in range(len(MAGIC)):  # a damaged first line is no plain file either
        with pytest.raises(msgspec.DecodeError):
            msgspec.json.decode(flipped(protected, position))


# --- cost at start-up -----------------------------------------------------------------------


def test_telling_and_reading_a_protected_file_never_loads_the_cryptography_library(
    protected: bytes, tmp_path: Path
) -> None:
    sample = tmp_path / "protected"
    sample.write_bytes(protected)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.store.protection import is_protected, read_header\n"
        "from tui.store.recovery_key import RecoveryKey\n"
        f"data = Path({str(sample)!r}).read_bytes()\n"
        "assert is_protected(data) and read_header(data).has_recovery_key\n"
        "RecoveryKey.from_text(RecoveryKey.generate().text)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'cryptography')\n"
        "print(loaded); sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_plain_files_check_loads_neither_cryptography_nor_hashlib() -> None:
    probe = (
        "import sys\n"
        "import tui.store\n"
        "costly = ('cryptography', 'hashlib', '_hashlib')\n"
        "before = {m for m in sys.modules if m.split('.')[0] in costly}\n"
        "from tui.store.protection import is_protected\n"
        "assert not is_protected(b'{\"_default\": {}}')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in costly and m not in before)\n"
        "print(loaded); sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
