"""How the suite runs: tests land in their tier by their folder and markers, the real `fsync`
only where durability is tested, and Hypothesis's counts follow the chosen profile."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tui.store import storage

from .. import conftest
from ..durability import REAL_FSYNC, skip_fsync, why_it_needs_real_fsync
from ..e2e import test_agenda_crash, test_checkin_crash, test_signals
from ..functional import test_faults
from ..profiles import PROFILE_VARIABLE, examples, load_chosen_profile
from . import test_crash_safety, test_store, test_store_states, test_store_v3

SUITE = Path(conftest.__file__).parent


class CollectedTest:
    """Just enough of a collected pytest item for the suite's collection hook."""

    def __init__(self, path: Path, function: object = None, markers: tuple[str, ...] = ()) -> None:
        self.path = path
        self.function = function
        self.cls = None
        self.markers = list(markers)

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.markers else None

    def add_marker(self, name: str) -> None:
        self.markers.append(name)


def tiers_of(path: Path, function: object = None, markers: tuple[str, ...] = ()) -> set[str]:
    """The markers a test at `path` carries once the suite's collection hook has seen it."""
    item = CollectedTest(path, function, markers)
    conftest.pytest_collection_modifyitems([item])  # type: ignore[list-item]
    return set(item.markers)


def an_ordinary_test(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("y")


def a_new_kill_test(tmp_path: Path) -> None:
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.kill(child, signal.SIGKILL)


def a_new_full_disk_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "write_atomically", refuse)


def test_a_test_in_the_e2e_folder_is_e2e_and_slow() -> None:
    assert tiers_of(SUITE / "e2e" / "test_new.py", an_ordinary_test) == {"e2e", "slow"}


def test_a_pilot_test_and_the_key_monkey_are_slow_and_rules_and_pictures_are_fast() -> None:
    pilot_test = SUITE / "functional" / "test_new.py"
    assert tiers_of(pilot_test, an_ordinary_test) == {"slow"}
    assert tiers_of(pilot_test, an_ordinary_test, ("monkey",)) == {"monkey", "slow"}
    assert tiers_of(SUITE / "unit" / "test_new.py", an_ordinary_test) == set()
    assert tiers_of(SUITE / "snapshots" / "test_new.py", an_ordinary_test) == set()


def test_a_new_crash_kill_or_fault_test_keeps_the_real_fsync_unasked() -> None:
    unit_test = SUITE / "unit" / "test_new.py"
    assert tiers_of(unit_test, a_new_kill_test) == {"durability"}
    assert tiers_of(unit_test, a_new_full_disk_test) == {"durability"}
    assert tiers_of(SUITE / "unit" / "test_crash_more.py", an_ordinary_test) == {"durability"}


@pytest.mark.parametrize(
    ("module", "function", "owner"),
    [
        (
            test_crash_safety,
            test_crash_safety.test_kill_at_random_moments_during_a_stream_of_writes,
            None,
        ),
        (test_store_states, None, test_store_states.test_the_store_against_its_model),
        (test_store_v3, None, test_store_v3.test_records_against_their_model),
        (test_store_v3, test_store_v3.test_a_failed_save_leaves_memory_as_on_disk, None),
        (test_store, test_store.test_full_disk_leaves_the_old_file_and_memory_intact, None),
        (
            test_faults,
            test_faults.test_when_the_folder_disappears_nothing_is_lost_once_it_is_back,
            None,
        ),
        (test_checkin_crash, test_checkin_crash.test_a_kill_mid_turn_keeps_the_earlier_turns, None),
        (
            test_agenda_crash,
            test_agenda_crash.test_a_kill_during_the_appreciations_keeps_them,
            None,
        ),
        (test_signals, test_signals.test_closing_the_window_ends_attune_and_frees_the_file, None),
    ],
    ids=lambda value: getattr(value, "__name__", "").rpartition(".")[2] or None,
)
def test_the_crash_kill_fault_and_stateful_tests_keep_the_real_fsync(
    module: object, function: object, owner: type | None
) -> None:
    assert why_it_needs_real_fsync(Path(module.__file__), function, owner) is not None


def test_fsync_does_nothing_in_an_ordinary_test() -> None:
    assert why_it_needs_real_fsync(Path(__file__), an_ordinary_test) is None
    assert os.fsync is skip_fsync


@pytest.mark.durability
def test_fsync_is_the_real_one_in_a_durability_test() -> None:
    assert os.fsync is REAL_FSYNC


@pytest.fixture
def profile_restored() -> Iterator[None]:
    """The profile the session chose, back in force after the test."""
    yield
    settings.load_profile(conftest.HYPOTHESIS_PROFILE)


def test_the_dev_profile_runs_a_tenth_of_the_examples(
    profile_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PROFILE_VARIABLE, "ci")
    assert load_chosen_profile() == "ci"
    assert (settings.default.max_examples, examples(400), examples(8)) == (100, 400, 8)
    monkeypatch.setenv(PROFILE_VARIABLE, "dev")
    assert load_chosen_profile() == "dev"
    assert (settings.default.max_examples, examples(400), examples(8)) == (10, 40, 1)


def test_without_a_profile_named_the_suite_runs_ci_and_refuses_an_unknown_one(
    profile_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PROFILE_VARIABLE, raising=False)
    assert load_chosen_profile() == "ci"
    monkeypatch.setenv(PROFILE_VARIABLE, "fast")
    with pytest.raises(ValueError, match="ci, dev"):
        load_chosen_profile()
