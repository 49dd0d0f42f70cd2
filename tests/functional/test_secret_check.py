"""The one check of a typed secret (`SecretCheck`), shared by the unlock screen and the form
that asks for the current passphrase: a file that can't be read is said in plain words and the
field is cleared for another try, in both; a fault of Attune's own is raised, never dressed up
as a wrong passphrase."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from tui.dialogs.passphrase import CurrentPassphraseDialog
from tui.screens.unlock import UnlockScreen

from .helpers import screen_text

UNREADABLE = "The data file can't be read right now."


def unreadable(secret: str) -> None:
    raise OSError(UNREADABLE)


def faulty(secret: str) -> None:
    raise ZeroDivisionError("a fault of Attune's own")


def unlock_screen(check: Callable[[str], object]) -> Screen:
    return UnlockScreen(check)


def current_passphrase_form(check: Callable[[str], object]) -> Screen:
    return CurrentPassphraseDialog("Change the passphrase", "First the one in use now.", check)


SCREENS = [unlock_screen, current_passphrase_form]


async def _type_a_secret(app: App, pilot, screen: Screen) -> None:  # type: ignore[no-untyped-def]
    app.push_screen(screen)
    await pilot.pause()
    await pilot.press(*"a long walk", "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("build", SCREENS, ids=lambda build: build.__name__)
async def test_a_file_that_cannot_be_read_is_said_and_the_field_cleared_for_another_try(
    build: Callable[[Callable[[str], object]], Screen],
) -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = build(unreadable)
        await _type_a_secret(app, pilot, screen)
        assert app.screen is screen, "still asking"
        assert UNREADABLE in screen_text(app)  # type: ignore[arg-type]
        field = screen.query_one(Input)
        assert field.password and field.value == "" and not field.disabled
        assert app.focused is field


@pytest.mark.parametrize("build", SCREENS, ids=lambda build: build.__name__)
async def test_a_fault_of_attunes_own_is_raised_not_said(
    build: Callable[[Callable[[str], object]], Screen],
) -> None:
    app: App[None] = App()
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(80, 24)) as pilot:
            await _type_a_secret(app, pilot, build(faulty))
