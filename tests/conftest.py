"""Shared fixtures: a fixed clock, private data files, and a ready-made couple; and how the
suite runs: its tiers, real `fsync` only where durability is tested, the Hypothesis profile."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest
import textual.constants

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import CLOCK_ONLY
from tui.core.models import Partners, Settings
from tui.store import Store

from . import durability
from .profiles import load_chosen_profile

HYPOTHESIS_PROFILE = load_chosen_profile()

# Apps under test draw each animation's last frame at once, as with TEXTUAL_ANIMATIONS=none:
# every Pilot press waits for running animations to end, and the tab bar's sliding underline
# alone made each switch of pane a third of a second slower. What is drawn at rest is the same.
textual.constants.TEXTUAL_ANIMATIONS = "none"

TIERS_BY_FOLDER = {"e2e": ("e2e", "slow"), "functional": ("slow",)}
"""Markers every test under tests/<folder>/ gets, so a test added there lands in its tier.
A Pilot test starts the whole app (half a second of CPU before the first key) and walks a
person's path through it: seconds each, hundreds of them; the fast tier keeps the rules, the
store, the command line and the snapshot pictures."""
TIERS_BY_MARKER = {"monkey": ("slow",)}
"""Markers that bring others with them."""

Launcher = Callable[[Path], AttuneApp]
"""Builds an app on a data file, as the attune command would (see the `launch` fixture)."""

FIXED_MOMENT = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")


@pytest.fixture(autouse=True)
def _private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data folder or depend on the caller's settings."""
    monkeypatch.setenv("ATTUNE_DATA", str(tmp_path / "env-default" / "attune.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("NO_COLOR", raising=False)


WORKERS_PER_CORE = 2
"""A Pilot test spends about half its time asleep while the app goes idle (each `pilot.pause()`
waits in steps of 20 ms until the process stops working), so one worker per core leaves the
cores idle half the time; two per core keep them busy."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:  # noqa: ARG001
    """The number of workers `-n auto` starts: two for each core this process may run on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return WORKERS_PER_CORE * (cores or 1)


def pytest_configure(config: pytest.Config) -> None:
    """Workers take tests two at a time rather than in chunks of a quarter of their share: with
    chunks, the first worker was dealt every run of the key monkey (the longest tests by far) and
    ran them one after another while the others had finished."""
    if hasattr(config.option, "maxschedchunk") and config.option.maxschedchunk is None:
        config.option.maxschedchunk = 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the tiers of its folder and of its markers, and `durability` where
    its code crashes, kills or fails a save (tests/durability.py); put the slow ones first."""
    suite = Path(__file__).parent
    for item in items:
        try:
            folder = item.path.relative_to(suite).parts[0]
        except ValueError:
            continue
        added = set(TIERS_BY_FOLDER.get(folder, ()))
        for marker, brought in TIERS_BY_MARKER.items():
            if item.get_closest_marker(marker) is not None:
                added.update(brought)
        function, owner = getattr(item, "function", None), getattr(item, "cls", None)
        if durability.why_it_needs_real_fsync(item.path, function, owner) is not None:
            added.add(durability.MARKER)
        for name in sorted(added):
            if item.get_closest_marker(name) is None:
                item.add_marker(name)
    # The key monkey's runs first (the longest by far), then the other slow tests, each group
    # in its own order: pytest-xdist's default scheduling (`-n auto`) deals tests out from the
    # front, so the long runs start at once and the many short ones fill the gaps, instead of
    # one long run left going alone at the end.
    items.sort(
        key=lambda item: (
            item.get_closest_marker("monkey") is None,
            item.get_closest_marker("slow") is None,
        )
    )
    # Each worker is first dealt two tests in a row: one run of the monkey and another slow
    # test each, so the runs start at once on different workers.
    runs = [item for item in items if item.get_closest_marker("monkey") is not None]
    rest = items[len(runs) :]
    items[: 2 * len(runs)] = [test for pair in zip(runs, rest, strict=False) for test in pair]


@pytest.fixture(autouse=True)
def _fsync_only_where_durability_is_tested(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`os.fsync` does nothing, except in tests marked `durability`."""
    if request.node.get_closest_marker(durability.MARKER) is None:
        monkeypatch.setattr(os, "fsync", durability.skip_fsync)


@pytest.fixture
def clock() -> FixedClock:
    """Sunday 22 November 2026, 10:30 in London; moves only when a test says so."""
    return FixedClock(FIXED_MOMENT, time_zone="Europe/London")


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    """A data file that does not exist yet, in a folder that does not exist yet."""
    return tmp_path / "couple" / "attune.json"


def make_settings(first: str = "Sam", second: str = "Alex", **changes: object) -> Settings:
    """Settings for a couple, with any field overridden."""
    return Settings(partners=Partners(first, second), time_zone="Europe/London", **changes)


@pytest.fixture
def set_up_path(data_path: Path, clock: FixedClock) -> Path:
    """A data file that has been through the first-run setup, closed again."""
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
    return data_path


@pytest.fixture
def clock_only_set_up_path(data_path: Path, clock: FixedClock) -> Path:
    """A set-up data file whose check-in is the speaking clock alone (the plan's "clock only"),
    for the tests of the clock itself; new couples start with every step of the agenda."""
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(agenda=CLOCK_ONLY), created=clock.now().isoformat())
    return data_path


@pytest.fixture
def store(set_up_path: Path, clock: FixedClock) -> Iterator[Store]:
    """The set-up data file, open."""
    with Store.open(set_up_path, clock) as opened:
        yield opened


@pytest.fixture
def launch(clock: FixedClock) -> Iterator[Callable[[Path], AttuneApp]]:
    """Build apps as the `attune` command would (store opened first); close them all afterwards."""
    opened: list[Store] = []

    def build(path: Path) -> AttuneApp:
        store = Store.open(path, clock)
        opened.append(store)
        return AttuneApp(store, clock)

    yield build
    for store in opened:
        store.close()


def pytest_report_header() -> list[str]:
    """The Hypothesis profile, and every installed distribution and its version, as `pip freeze`
    lists them, so that each run's output (CI's too, where the environment is built afresh)
    shows what it ran against."""
    from importlib import metadata

    installed = {
        (distribution.metadata["Name"], distribution.version)
        for distribution in metadata.distributions()
    }
    ordered = sorted(installed, key=lambda pair: pair[0].lower())
    return [
        f"hypothesis profile: {HYPOTHESIS_PROFILE}",
        "installed:",
        *(f"  {name}=={version}" for name, version in ordered),
    ]
