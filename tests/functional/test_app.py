"""The window as a person uses it: first-run setup, switching panes, help, theme, quitting."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet
from textual.widgets import Input, TabbedContent

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.dialogs.base import Dialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpScreen
from tui.panes.rituals import RitualsPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.screens.progress import ProgressScreen
from tui.screens.settings import SettingsScreen
from tui.screens.setup import SetupScreen
from tui.store import Store

from ..conftest import Launcher
from .helpers import pane_key, read_data_file, screen_text, widget_text


async def test_first_run_setup_creates_the_file_with_both_names(
    data_path: Path, launch: Launcher
) -> None:
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.focused is not None and app.focused.id == "first-name"
        await pilot.press(*"Sam", "tab", *"[bold]Alex[/]", "tab")
        assert app.focused.id == "time-zone"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Sam & [bold]Alex[/]" in screen_text(app)

    settings = read_data_file(data_path)["settings"]["1"]
    assert (settings["partner_a"], settings["partner_b"]) == ("Sam", "[bold]Alex[/]")
    assert settings["time_zone"] == "Europe/London"


async def test_enter_moves_to_the_next_empty_field_before_beginning(
    data_path: Path, launch: Launcher
) -> None:
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter")
        assert app.focused is not None and app.focused.id == "second-name"
        await pilot.press(*"Alex", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert data_path.exists()


async def test_setup_explains_empty_overlong_and_unknown_values(
    data_path: Path, launch: Launcher
) -> None:
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert widget_text(app, "#setup-error") == "Please enter the first partner's name."

        await pilot.press(*("x" * 41), "tab", *"Alex", "enter")
        assert "at most 40 characters (this one has 41)" in widget_text(app, "#setup-error")
        assert app.focused is not None and app.focused.id == "first-name"

        app.screen.query_one("#first-name", Input).value = "Sam"
        app.screen.query_one("#time-zone", Input).value = "[red]Mars/Base"
        app.screen.query_one("#time-zone", Input).focus()
        await pilot.press("enter")
        problem = widget_text(app, "#setup-error")
        assert "“[red]Mars/Base” is not a time zone Attune knows" in problem
        assert isinstance(app.screen, SetupScreen)
    assert not data_path.exists(), "nothing is written until setup succeeds"


async def test_q_typed_into_a_name_is_text_not_quit(data_path: Path, launch: Launcher) -> None:
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        assert app.is_running
        assert app.screen.query_one("#first-name", Input).value == "q"


async def test_each_pane_digit_shows_its_pane(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        # Away from the first pane and back to it last, so that its key is seen to work too.
        for pane in (*PANE_CLASSES[1:], PANE_CLASSES[0]):
            await pilot.press(pane_key(pane))
            assert tabs.active == pane.PANE_ID
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):  # a first visit may offer examples
                await pilot.press("n")
                await pilot.pause()
            assert isinstance(app.screen, MainScreen)


async def test_question_mark_shows_help_for_the_app_and_the_current_pane(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        await pilot.press("n", "question_mark")  # decline the starter rituals, then help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "## Rituals" in app.screen.markdown
        assert "ctrl+p" in app.screen.markdown
        assert "does not replace it" in app.screen.markdown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_theme_chosen_in_the_palette_survives_a_restart(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme", "enter")
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"
    app.store.close()  # the relaunch below needs the lock
    assert read_data_file(set_up_path)["settings"]["1"]["theme"] == "nord"

    relaunched = launch(set_up_path)
    async with relaunched.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert relaunched.theme == "nord"


async def test_palette_offers_pane_switches_and_no_screenshot(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert {"Go to Check-in", "Go to Rituals", "Go to Agreements", "Go to FAQ"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to faq", "enter")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "faq"


async def test_q_quits_from_the_dashboard(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_small_terminal_asks_to_be_enlarged(set_up_path: Path, launch: Launcher) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert "Please enlarge it" in screen_text(app)
        assert "70×20" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "Please enlarge it" not in screen_text(app)
        assert "Check-in" in screen_text(app)


async def test_the_daily_backup_is_taken_once_the_dashboard_shows(
    set_up_path: Path, launch: Launcher
) -> None:
    backup = set_up_path.parent / "backups" / "attune-2026-11-22.json"
    opened = set_up_path.read_bytes()
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert backup.read_bytes() == opened


async def test_start_up_work_waits_for_the_first_frame_and_runs_once(
    set_up_path: Path, clock: FixedClock
) -> None:
    frames_seen_by_the_callback: list[bool] = []
    with Store.open(set_up_path, clock) as store:
        app = AttuneApp(
            store,
            clock,
            after_first_frame=lambda: frames_seen_by_the_callback.append(
                "This week's check-in" in screen_text(app)
            ),
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(pane_key(RitualsPane))
            await pilot.pause()
    assert frames_seen_by_the_callback == [True]


async def test_a_screen_shown_first_adds_its_own_styles_and_restyles_nothing_else(
    set_up_path: Path, launch: Launcher, monkeypatch
) -> None:
    """Settings, a dialog and Progress each bring a stylesheet of their own. Its rules style the
    screen that brought it; the app's other stylesheets are not parsed again, nor every widget
    restyled, as Textual would when it finds a screen's stylesheet new."""
    whole_restyles: list[str] = []
    for name in ("reparse", "update"):
        original = getattr(Stylesheet, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            whole_restyles.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Stylesheet, name, counted)
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query(".settings-section").first().styles.text_style.bold
        await pilot.press("escape", pane_key(RitualsPane), "a")
        await pilot.pause()
        assert isinstance(app.screen, Dialog)
        assert app.screen.styles.align == ("center", "middle")
        await pilot.press("escape", "P")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert app.screen.query_one("#progress-body").styles.height.is_fraction
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert whole_restyles == []
