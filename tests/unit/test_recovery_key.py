"""The recovery key's text: written down once, typed back years later, a typo told apart from
a wrong key."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.store.protection_errors import MistypedRecoveryKey
from tui.store.recovery_key import ALPHABET, RecoveryKey


@pytest.fixture(scope="module")
def recovery_key() -> RecoveryKey:
    """A recovery key made as for a couple."""
    return RecoveryKey.generate()


def test_the_text_never_shows_in_the_keys_repr(recovery_key: RecoveryKey) -> None:
    assert recovery_key.text not in repr(recovery_key)
    assert recovery_key.secret.hex() not in repr(recovery_key)


def test_a_recovery_key_never_changes_and_is_the_same_as_one_with_its_secret(
    recovery_key: RecoveryKey,
) -> None:
    with pytest.raises(AttributeError):
        recovery_key.secret = bytes(16)  # type: ignore[misc]
    same = RecoveryKey(recovery_key.secret)
    assert same == recovery_key and hash(same) == hash(recovery_key)
    assert {same, recovery_key} == {recovery_key}
    assert recovery_key != recovery_key.secret


def test_a_recovery_key_holds_sixteen_random_bytes() -> None:
    assert len(RecoveryKey.generate().secret) == 16
    assert RecoveryKey.generate() != RecoveryKey.generate()
    with pytest.raises(ValueError):
        RecoveryKey(bytes(15))


@given(secret=st.binary(min_size=16, max_size=16))
def test_a_recovery_key_reads_back_from_its_text_however_it_is_typed(secret: bytes) -> None:
    recovery_key = RecoveryKey(secret)
    text = recovery_key.text
    groups = text.split("-")
    assert [len(group) for group in groups] == [5] * 7
    assert set(text.replace("-", "")) <= set(ALPHABET)
    assert not set(text) & set("ILOU")
    assert RecoveryKey.from_text(text) == recovery_key
    loosely = " ".join(groups).lower().replace("0", "o").replace("1", "l")
    assert RecoveryKey.from_text(f"  {loosely}\n") == recovery_key


def test_every_single_typo_in_a_recovery_key_names_its_group(
    recovery_key: RecoveryKey,
) -> None:
    characters = recovery_key.text.replace("-", "")
    for position, original in enumerate(characters):
        for replacement in ALPHABET.replace(original, ""):
            typed = characters[:position] + replacement + characters[position + 1 :]
            with pytest.raises(MistypedRecoveryKey) as raised:
                RecoveryKey.from_text(typed)
            assert raised.value.group == position // 5 + 1


def test_swapped_characters_and_swapped_groups_are_typos_not_wrong_keys(
    recovery_key: RecoveryKey,
) -> None:
    groups = recovery_key.text.split("-")
    for index, group in enumerate(groups):
        for first in range(5):
            for second in range(first + 1, 5):
                if group[first] == group[second]:
                    continue
                swapped = list(group)
                swapped[first], swapped[second] = swapped[second], swapped[first]
                typed = groups[:index] + ["".join(swapped)] + groups[index + 1 :]
                with pytest.raises(MistypedRecoveryKey) as raised:
                    RecoveryKey.from_text("-".join(typed))
                assert raised.value.group == index + 1
    reordered = [groups[1], groups[0], *groups[2:]]
    with pytest.raises(MistypedRecoveryKey):
        RecoveryKey.from_text("-".join(reordered))


def test_a_recovery_key_of_the_wrong_length_or_with_foreign_characters_is_a_typo(
    recovery_key: RecoveryKey,
) -> None:
    text = recovery_key.text
    for typed in (text[:-1], text + "7", "", text.replace("-", "", 1)[:-1] + "-"):
        with pytest.raises(MistypedRecoveryKey) as raised:
            RecoveryKey.from_text(typed)
        assert "35 letters and digits" in str(raised.value)
    for foreign in ("U", "*", "é", "["):
        typed = text[:6] + foreign + text[7:]
        with pytest.raises(MistypedRecoveryKey) as raised:
            RecoveryKey.from_text(typed)
        assert raised.value.group == 2
        assert repr(foreign) in str(raised.value)


def test_typos_in_several_groups_at_once_are_still_typos(recovery_key: RecoveryKey) -> None:
    randomness = random.Random(28)
    text = recovery_key.text
    for _ in range(300):
        typed = list(text)
        for position in randomness.sample([i for i, c in enumerate(text) if c != "-"], 3):
            typed[position] = randomness.choice(ALPHABET.replace(text[position], ""))
        with pytest.raises(MistypedRecoveryKey):
            RecoveryKey.from_text("".join(typed))
