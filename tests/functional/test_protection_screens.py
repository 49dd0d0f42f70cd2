"""A passphrase in the app: unlocking at launch, locking and hiding with Ctrl+L or when left
alone, and setting, changing and removing it in Settings.

Keys are derived at the lowest cost the format allows (the files record their own cost), so
unlocking here takes milliseconds; the real cost is measured by `bench/unlock.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.models import Settings
from tui.dialogs.passphrase import CurrentPassphraseDialog
from tui.screens.data_file_facts import readable_size
from tui.screens.main import MainScreen
from tui.screens.unlock import (
    ADVICE,
    HIDDEN_TITLE,
    LOCKED_TITLE,
    TRIES_BEFORE_ADVICE,
    HiddenScreen,
    UnlockScreen,
)
from tui.store import Store, protected_files
from tui.store.protected_at_a_glance import is_protected_file
from tui.store.protected_files import new_protection
from tui.store.protection import ScryptCost, is_protected
from tui.store.protection_errors import PassphraseNeeded
from tui.store.protection_keys import unlock_file

from ..conftest import make_settings
from .helpers import screen_text, settle_until

CHEAP = ScryptCost(log2_n=10, r=1, p=1)
PASSPHRASE = "a long walk, then tea"
NEW_PASSPHRASE = "the kettle sings at seven"
FIRST, SECOND = "Robinzq", "Sashazq"
"""Names found nowhere else on any screen, so a scan for them can't be fooled."""
MARKER = "zqmomentwordsqz"


@pytest.fixture(autouse=True)
def cheap_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", CHEAP)


@pytest.fixture
def protected_path(data_path: Path, clock: FixedClock) -> Path:
    """A set-up file of Robinzq and Sashazq, protected with PASSPHRASE."""
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(FIRST, SECOND), created=clock.now().isoformat())
        store.change_protection(new_protection(PASSPHRASE, with_recovery_key=False)[0])
    return data_path


@pytest.fixture
def locked_app(protected_path: Path, clock: FixedClock) -> Iterator[AttuneApp]:
    """The app as `attune` starts it on a protected file: locked, no store open yet."""
    with pytest.raises(PassphraseNeeded):
        Store.open(protected_path, clock)
    app = AttuneApp(None, clock, locked_path=protected_path)
    yield app
    if app.is_unlocked:
        app.store.close()


def shows_nothing_of_the_couple(app: AttuneApp) -> None:
    text = screen_text(app)
    for private in (FIRST, SECOND, MARKER):
        assert private not in text


async def type_secret(app: AttuneApp, pilot, secret: str) -> None:  # type: ignore[no-untyped-def]
    """Type `secret` into the unlock screen's field and wait for the try to end."""
    await pilot.press(*secret, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_launch_asks_for_the_passphrase_masked_and_says_plainly_when_it_is_wrong(
    locked_app: AttuneApp, protected_path: Path
) -> None:
    app = locked_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert LOCKED_TITLE in screen_text(app)
        field = app.screen.query_one("#passphrase", Input)
        assert field.password and app.focused is field
        await pilot.press(*"typed", "backspace")
        assert "typ" not in screen_text(app), "what is typed shows masked"
        await pilot.press("ctrl+u")
        for attempt in range(1, TRIES_BEFORE_ADVICE + 1):
            await type_secret(app, pilot, "not the passphrase")
            assert isinstance(app.screen, UnlockScreen)
            assert "not the right one" in screen_text(app)
            assert (ADVICE[:40] in screen_text(app)) == (attempt >= TRIES_BEFORE_ADVICE)
            shows_nothing_of_the_couple(app)
        await pilot.press("enter")  # an empty field is not tried
        await type_secret(app, pilot, PASSPHRASE)
        assert isinstance(app.screen, MainScreen)
        assert FIRST in screen_text(app)
        assert app.store.is_protected


async def test_the_recovery_key_opens_the_file_at_launch(
    data_path: Path, clock: FixedClock
) -> None:
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(FIRST, SECOND), created=clock.now().isoformat())
        key, recovery_key = new_protection(PASSPHRASE, with_recovery_key=True)
        store.change_protection(key)
    assert recovery_key is not None
    app = AttuneApp(None, clock, locked_path=data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_secret(app, pilot, recovery_key.text)
        assert isinstance(app.screen, MainScreen)
    app.store.close()


async def test_ctrl_l_locks_from_anywhere_and_only_the_passphrase_comes_back(
    locked_app: AttuneApp,
) -> None:
    app = locked_app
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await type_secret(app, pilot, PASSPHRASE)
        assert isinstance(app.screen, MainScreen)
        app.notify(f"Saved the moment about {FIRST}.")
        await pilot.press("ctrl+p")  # the palette over the dashboard: locks from there too
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        shows_nothing_of_the_couple(app)
        await pilot.press("escape", "q", "question_mark", "ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen), "no key but the passphrase leaves"
        await pilot.press("ctrl+u")
        await type_secret(app, pilot, "not the passphrase")
        assert isinstance(app.screen, UnlockScreen)
        await type_secret(app, pilot, PASSPHRASE)
        assert not isinstance(app.screen, UnlockScreen)


async def test_no_toast_shows_over_the_cover_and_warnings_wait_for_the_unlock(
    locked_app: AttuneApp,
) -> None:
    app = locked_app
    # Words found nowhere else: the header names the couple, so names would fool the scan.
    welcome, news, trouble, later = "Zqwelcome", "Zqnews", "Zqtrouble", "Zqlater"
    # Toasts drawn as in a real terminal (run_test leaves them out unless asked).
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify(welcome)  # behind the unlock screen at launch
        await pilot.pause()
        assert welcome not in screen_text(app)
        await type_secret(app, pilot, PASSPHRASE)
        app.notify(trouble, severity="warning")
        await settle_until(pilot, lambda: trouble in screen_text(app), "a toast, uncovered")
        assert welcome not in screen_text(app), "news of the moment is dropped"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        app.notify(news)
        app.notify(later, severity="error")
        for _ in range(3):
            await pilot.pause()
        text = screen_text(app)
        assert news not in text and trouble not in text and later not in text
        shows_nothing_of_the_couple(app)
        await type_secret(app, pilot, PASSPHRASE)
        await settle_until(pilot, lambda: later in screen_text(app), "the error raised meanwhile")
        text = screen_text(app)
        assert trouble in text, "the warning on screen when locking comes back"
        assert news not in text


async def test_without_a_passphrase_ctrl_l_hides_until_any_key(set_up_path: Path, launch) -> None:  # type: ignore[no-untyped-def]
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Sam" in screen_text(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        assert HIDDEN_TITLE in screen_text(app)
        assert "Sam" not in screen_text(app) and "Alex" not in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Sam" in screen_text(app)
        await pilot.press("ctrl+l", "ctrl+l")  # the lock key, pressed again, is a key too
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_left_alone_it_locks_after_the_minutes_chosen_but_never_mid_turn(
    clock_only_set_up_path: Path, launch, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    app = launch(clock_only_set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.store.update_settings(lock_after_minutes=0)
        clock.advance(24 * 3600)
        app.lock_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), "0 minutes: never"
        app.store.update_settings(lock_after_minutes=3)
        await pilot.press("right")
        clock.advance(2 * 60 + 59)
        app.lock_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("right")  # a key: the minutes count from here again
        clock.advance(2 * 60)
        app.lock_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        clock.advance(60)
        app.lock_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        clock.advance(60 * 60)
        app.lock_if_idle()  # left alone, hidden: it stays hidden
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        await pilot.press("x")
        await pilot.pause()
        # A speaking turn running: its clock stays in view however long it runs.
        await pilot.press("space")
        await pilot.pause()
        checkin = app.screen.query_one("CheckinPane")
        assert checkin.talk is not None and checkin.talk.is_running  # type: ignore[attr-defined]
        clock.advance(60 * 60)
        app.lock_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_settings_sets_changes_and_removes_the_passphrase(
    set_up_path: Path, launch, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    folder = set_up_path.parent
    app = launch(set_up_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        settings = app.screen
        settings.query_one("#set-passphrase").press()
        await pilot.pause()
        await pilot.press(*"short", "tab", *"short", "enter")
        await pilot.pause()
        assert "at least 8" in screen_text(app)
        await pilot.press("ctrl+u", *PASSPHRASE)
        await pilot.press("tab", "ctrl+u", *PASSPHRASE, "x", "enter")
        await pilot.pause()
        assert "type the same passphrase twice" in screen_text(app)
        await pilot.press("backspace", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert "Write down your recovery key" in screen_text(app)
        buttons = [button.label.plain for button in app.screen.query(Button)]
        assert buttons == ["Written down (y)"], "one button: the key is written down"
        recovery_text = next(
            line.strip() for line in screen_text(app).splitlines() if line.count("-") == 6
        ).strip("│ ")
        await pilot.press("y")
        await pilot.pause()
        assert app.store.is_protected and is_protected_file(set_up_path)
        for path in folder.rglob("*.json"):
            assert is_protected(path.read_bytes()), path
        size = readable_size(set_up_path.stat().st_size)
        assert f"({size})" in str(settings.query_one("#data-file").render()), "the new size"
        unlock_file(set_up_path, recovery_text)
        await tab_to(app, pilot, "change-passphrase")
        await pilot.press("enter")
        await pilot.pause()
        await type_current(app, pilot, recovery_text)  # the recovery key will do
        await pilot.press(*NEW_PASSPHRASE, "tab", *NEW_PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        unlock_file(set_up_path, NEW_PASSPHRASE)
        unlock_file(set_up_path, recovery_text)
        await tab_to(app, pilot, "remove-passphrase")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.store.is_protected, "not before the current passphrase is typed"
        await type_current(app, pilot, NEW_PASSPHRASE)
        assert not app.store.is_protected
        for path in folder.rglob("*.json"):
            assert not is_protected(path.read_bytes()), path


async def tab_to(app: AttuneApp, pilot, button: str) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the button `button` has the focus, as a person would."""
    for _ in range(60):
        if app.focused is not None and app.focused.id == button:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reaches #{button}")


async def type_current(app: AttuneApp, pilot, secret: str) -> None:  # type: ignore[no-untyped-def]
    """Type `secret` into the current-passphrase form and wait for its check to end."""
    assert isinstance(app.screen, CurrentPassphraseDialog)
    await pilot.press(*secret, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_changing_or_removing_the_passphrase_asks_for_the_current_one_first(
    locked_app: AttuneApp, protected_path: Path
) -> None:
    app = locked_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_secret(app, pilot, PASSPHRASE)
        await pilot.press("S")
        await pilot.pause()
        await tab_to(app, pilot, "change-passphrase")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CurrentPassphraseDialog)
        field = form.query_one("#current-passphrase", Input)
        assert field.password and app.focused is field
        await pilot.press("enter")
        assert "Type the passphrase in use now" in screen_text(app), "nothing typed: said so"
        await type_current(app, pilot, NEW_PASSPHRASE)
        assert app.screen is form, "a wrong passphrase changes nothing"
        assert "does not open this file" in screen_text(app)
        assert NEW_PASSPHRASE not in screen_text(app) and field.value == ""
        await pilot.press(*"half typ")
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard what you wrote?" in screen_text(app), "escape asks first"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and field.value == "half typ"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # Discard
        await pilot.pause()
        assert not isinstance(app.screen, CurrentPassphraseDialog)
        unlock_file(protected_path, PASSPHRASE)
        # Removing: the same question, after saying what removing means.
        await tab_to(app, pilot, "remove-passphrase")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await type_current(app, pilot, "not the passphrase")
        assert isinstance(app.screen, CurrentPassphraseDialog)
        assert "does not open this file" in screen_text(app)
        await pilot.press("escape")  # the field was cleared: nothing typed to lose
        await pilot.pause()
        assert not isinstance(app.screen, CurrentPassphraseDialog)
        assert app.store.is_protected and is_protected_file(protected_path)
        unlock_file(protected_path, PASSPHRASE)


async def test_no_word_typed_while_protected_reaches_any_file_beside_the_data(
    locked_app: AttuneApp, protected_path: Path
) -> None:
    app = locked_app
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await type_secret(app, pilot, PASSPHRASE)
        await pilot.press("5")  # Moments
        await pilot.pause()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*MARKER, "ctrl+s")
        await pilot.pause()
        assert MARKER in repr(app.store.moments()), "the words were saved"
        app.store.back_up_now()
    app.store.close()
    for path in protected_path.parent.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path
            assert FIRST.encode() not in path.read_bytes(), path


def test_settings_knows_the_minutes_before_locking() -> None:
    assert Settings(partners=make_settings().partners, time_zone="UTC").lock_after_minutes == 10


async def test_the_first_run_offers_a_passphrase_and_the_file_is_encrypted_from_its_first_byte(
    data_path: Path, launch, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tui.screens.setup import SetupScreen
    from tui.store import atomic

    written: list[bytes] = []
    real_write = atomic.write_atomically

    def watched(path: Path, payload: bytes, retire: Callable[[Path], None] | None = None) -> None:
        written.append(payload)
        real_write(path, payload, retire)

    monkeypatch.setattr("tui.store.storage.write_atomically", watched)
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The smallest window: the fields scroll, the title and the way to begin stay put.
        assert "Welcome to Attune" in screen_text(app) and "Enter: begin" in screen_text(app)
        await pilot.press(*FIRST, "tab", *SECOND, "tab", "tab", *"short", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and "at least 8" in screen_text(app)
        field = app.screen.query_one("#setup-passphrase")
        assert app.focused is field and app.screen.region.contains_region(field.region)
        assert "Welcome to Attune" in screen_text(app) and "Enter: begin" in screen_text(app)
        await pilot.press("ctrl+u", *PASSPHRASE, "tab", *PASSPHRASE, "x", "enter")
        await pilot.pause()
        assert "type the same passphrase twice" in screen_text(app)
        await pilot.press("backspace", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert "Write down your recovery key" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and FIRST in screen_text(app)
    assert written and all(is_protected(payload) for payload in written)
    assert FIRST.encode() not in data_path.read_bytes()
    unlock_file(data_path, PASSPHRASE)
