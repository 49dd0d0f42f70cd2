"""The Agreements pane: propose, sign, lapse, repair in the Rituals pane, review, retire."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.dialogs.agreement import AgreementDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.panes.agreements import AgreementsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import MainScreen
from tui.widgets.fitted_footer import FittedFooter

from ..conftest import Launcher
from ..snapshots.test_agreements_pictures import four_agreements
from .helpers import (
    open_pane_answering_its_offer,
    pane_key,
    read_data_file,
    screen_text,
    settle_until,
    widget_text,
)


async def open_agreements(app: AttuneApp, pilot, examples: bool = False) -> AgreementsPane:
    await open_pane_answering_its_offer(app, pilot, AgreementsPane, examples)
    return app.screen.query_one(AgreementsPane)


def stored_agreements(path: Path) -> list[dict]:
    return list(read_data_file(path).get("agreements", {}).values())


async def test_the_whole_life_of_an_agreement(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_agreements(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AgreementDialog)
        await pilot.press(*"No [b]sarcasm[/b] in hard talks", "enter")
        await pilot.pause()
        assert "PROPOSED" in screen_text(app) and "No [b]sarcasm[/b] in hard talks" in screen_text(
            app
        )
        await pilot.press("s", "1")
        await pilot.pause()
        await pilot.press("s", "2")
        await pilot.pause()
        assert "ACTIVE" in screen_text(app)

        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "Felt dismissed; needed a pause"
        await pilot.press("enter")  # the day field has focus: Enter saves, Sam by default
        await pilot.pause()
        assert "UNDER REPAIR" in screen_text(app)

        await pilot.press(pane_key(RitualsPane))  # the repair is a daily ritual for Sam
        await pilot.pause()
        await pilot.pause()
        rituals = app.screen.query_one(RitualsPane)
        repair_row = next(
            row for row in rituals.grid.rows if row.track.ritual.kind.value == "repair"
        )
        rituals.grid.move_cursor_to(rituals.grid.rows.index(repair_row))
        await pilot.press("space")
        await pilot.pause()
        assert "day 1 of 7" in screen_text(app)
        await pilot.press(pane_key(AgreementsPane))
        await pilot.pause()
        assert "repair 1 of 7 days done" in screen_text(app)

        await pilot.press("r")  # too early: the repair is still running
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(7 * 24 * 3600)
        app.screen.query_one(AgreementsPane).reload()
        await settle_until(pilot, lambda: "REVIEW DUE" in screen_text(app), "the review due")
        await settle_until(
            pilot,
            lambda: "review due" in screen_text(app).lower().split("\n")[1],
            "the review due shown in the tab title",
        )
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"More attention helped", "enter")
        await pilot.pause()
        assert "ACTIVE" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert "RETIRED" in screen_text(app)

    (stored,) = stored_agreements(set_up_path)
    assert stored["wordings"][0]["text"] == "No [b]sarcasm[/b] in hard talks"
    assert stored["signatures"] == ["a", "b"] and stored["retired"] is True
    assert stored["lapses"][0]["partner"] == "a"
    assert stored["lapses"][0]["note"] == "Felt dismissed; needed a pause"
    assert stored["reviews"][0]["outcome"] == "keep"

    app.store.close()
    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(140, 45)) as pilot:
        await pilot.press(pane_key(AgreementsPane))
        await pilot.pause()
        text = screen_text(relaunched)
        assert "RETIRED" in text and "repair 1 of 7 days done" in text
        assert "More attention helped" in text


async def test_bad_input_gets_plain_messages_and_saves_nothing(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_agreements(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("enter")
        assert "Please enter the agreement's wording." in screen_text(app)
        dialog.query_one("#wording", Input).value = "x" * 501
        await pilot.press("enter")
        assert "at most 500 characters" in screen_text(app)
        dialog.query_one("#wording", Input).value = "Talk weekly"
        for field, value, message in [
            ("#repair-minutes", "0", "Repair minutes must be a whole number from 1 to 240."),
            ("#repair-minutes", "-20", "Repair minutes must be a whole number from 1 to 240."),
            ("#repair-minutes", "twenty", "Repair minutes must be a whole number from 1 to 240."),
            ("#repair-minutes", "²", "Repair minutes must be a whole number from 1 to 240."),
            ("#repair-days", "0", "Repair days must be a whole number from 1 to 60."),
        ]:
            dialog.query_one("#repair-minutes", Input).value = "20"
            dialog.query_one("#repair-days", Input).value = "7"
            dialog.query_one(field, Input).value = value
            dialog.query_one("#wording", Input).focus()
            await pilot.press("enter")
            assert message in screen_text(app), message
        assert app.is_running and isinstance(app.screen, AgreementDialog)
        await pilot.press("escape")
    assert stored_agreements(set_up_path) == []


async def test_examples_are_offered_and_only_unsigned_ones_can_be_deleted(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_agreements(app, pilot, examples=True)
        assert len(stored_agreements(set_up_path)) == 4
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(stored_agreements(set_up_path)) == 3
        await pilot.press("s", "1", "delete")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
    assert len(stored_agreements(set_up_path)) == 3


async def test_the_partner_who_proposes_is_asked_and_shown(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agreements(app, pilot, examples=True)
        assert "Proposed by both of you" in screen_text(app), "the examples were chosen together"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AgreementDialog)
        await pilot.press(*"Phones away at dinner", "tab", "right", "enter")  # Alex; save
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert "Phones away at dinner" in screen_text(app)
        assert "Proposed by Alex" in screen_text(app)
    proposers = {
        agreement["wordings"][0]["text"]: agreement["proposed_by"]
        for agreement in stored_agreements(set_up_path)
    }
    assert proposers.pop("Phones away at dinner") == "b"
    assert set(proposers.values()) == {"together"}


async def test_only_the_keys_that_apply_to_the_selected_agreement_are_offered(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await open_agreements(app, pilot, examples=True)

        def hint() -> str:
            return widget_text(app, "#agreement-keys")

        assert hint() == "a add · e reword · s sign · x retire · del delete"
        assert not pane.check_action("lapse", ()) and not pane.check_action("review", ())

        def footer_keys() -> list[Widget]:
            return list(app.screen.query_one(FittedFooter).query_children("FooterKey"))

        keys_before = footer_keys()
        await pilot.press("l", "r")  # nothing to lapse or review yet: no dialog opens
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("down", "up")  # another agreement offering the same keys, and back
        await pilot.pause()
        assert footer_keys() == keys_before, "the same keys: the footer is not built again"

        await pilot.press("s", "1")
        await pilot.pause()
        assert hint() == "a add · e reword · s sign · x retire", "signed once: no deleting"
        await pilot.press("s", "2")
        await pilot.pause()
        assert hint() == "a add · e reword · l log lapse · x retire"
        footer = screen_text(app).splitlines()[-1]
        assert "Log lapse" in footer and "Sign" not in footer and "Review" not in footer

        await pilot.press("x")
        await pilot.pause()
        assert hint() == "a add · u restore"
        await pilot.press("down")
        await pilot.pause()
        assert hint() == "a add · e reword · s sign · x retire · del delete", "follows the cursor"


async def test_every_status_reads_in_words_without_colour(
    set_up_path: Path, clock: FixedClock, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    four_agreements(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(120, 30)) as pilot:
        assert app.no_color
        await pilot.press(pane_key(AgreementsPane), "down", "down")
        await pilot.pause()
        text = screen_text(app)
        for status in ("PROPOSED", "ACTIVE", "UNDER REPAIR", "REVIEW DUE"):
            assert status in text, status
        assert "Status: under repair" in text and "repair 1 of 7 days done" in text
