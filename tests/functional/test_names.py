"""A partner's name as every view shows it: one rule (`Partners.name_of`, `Partners.pair`), read
afresh by the header, every pane, the report and `attune today`, so a rename shows everywhere
at once, in the pane on show included."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest
from textual.widgets import Input

from bench.history import build
from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.models import BOTH_OF_US, Partners
from tui.panes.agreements import AgreementsPane
from tui.panes.base import AttunePane
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.panes.requests import RequestsPane
from tui.panes.rituals import RitualsPane
from tui.panes.therapy import TherapyPane
from tui.screens.main import MainScreen
from tui.screens.settings import SettingsScreen
from tui.shell import report, today
from tui.store.atomic import write_atomically

from ..conftest import Launcher
from .helpers import pane_key, screen_text, widget_text

SIZE = (160, 50)
"""Large enough that each pane shows its partners' names on opening."""


def test_a_partner_key_reads_as_the_name_or_both_of_us() -> None:
    partners = Partners("Sam", "Alex")
    assert [partners.name_of(who) for who in ("a", "b", "both")] == ["Sam", "Alex", BOTH_OF_US]
    assert partners.names() == {"a": "Sam", "b": "Alex"}
    assert partners.names(with_both=True) == {"a": "Sam", "b": "Alex", "both": "Both of us"}
    assert partners.pair == "Sam & Alex"
    with pytest.raises(ValueError):
        partners.name_of("together")


def names_in(text: str) -> set[str]:
    """Which of the names the first partner has had show in `text` (as whole words)."""
    return {name for name in ("Sam", "Robbie", "Robin") if re.search(rf"\b{name}\b", text)}


async def show(app: AttuneApp, pilot, pane: type[AttunePane]) -> str:  # type: ignore[no-untyped-def]
    await pilot.press(pane_key(pane))
    await pilot.pause()
    return screen_text(app)


async def rename_first(app: AttuneApp, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Rename the first partner in Settings, from whichever pane is showing."""
    await pilot.press("S")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    app.screen.query_one("#first-name", Input).value = name
    await pilot.press("ctrl+s")
    for _ in range(3):
        await pilot.pause()
    assert isinstance(app.screen, MainScreen)


async def test_a_rename_reaches_every_view_at_once(
    data_path: Path, clock: FixedClock, launch: Launcher, capsys: pytest.CaptureFixture[str]
) -> None:
    data_path.parent.mkdir(parents=True)
    write_atomically(data_path, msgspec.json.encode(build(10, today=clock.now().date())))
    panes = (CheckinPane, RitualsPane, RequestsPane, AgreementsPane, MomentsPane, TherapyPane)
    app = launch(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for pane in panes:
            assert names_in(await show(app, pilot, pane)) == {"Sam"}, pane.TITLE

        # Renamed from the Moments pane, showing what Sam felt, one of them selected.
        await show(app, pilot, MomentsPane)
        await pilot.press("w")
        for _row in range(20):
            if "Who felt it: Sam" in widget_text(app, "#moment-detail"):
                break
            await pilot.press("down")
        await rename_first(app, pilot, "Robbie")
        assert "Robbie & Alex" in screen_text(app), "the header"
        assert "felt by Robbie" in widget_text(app, "#moment-filters")
        assert "Who felt it: Robbie" in widget_text(app, "#moment-detail")
        assert names_in(screen_text(app)) == {"Robbie"}, "the list as well as its detail"

        # Renamed again from the Therapy pane: its plan names each partner's hopes.
        await show(app, pilot, TherapyPane)
        await rename_first(app, pilot, "Robin")
        assert "Robin hopes:" in screen_text(app)
        assert names_in(screen_text(app)) == {"Robin"}

        for pane in panes:
            assert names_in(await show(app, pilot, pane)) == {"Robin"}, pane.TITLE
        assert "Robin & Alex" in screen_text(app)

    # Outside the app: the report and `attune today` name the partner as the app does.
    capsys.readouterr()
    assert report(data_path, "2026-10-23", None, "markdown", None, True, False, clock) == 0
    written = capsys.readouterr().out
    assert written.startswith("# Attune report: Robin & Alex\n")
    assert names_in(written) == {"Robin"}
    assert today(data_path, "text", clock) == 0
    printed = capsys.readouterr().out
    assert "Ask a feelings question · Robin: done" in printed
    assert names_in(printed) == {"Robin"}
