"""A backup that can't be written is a warning: the couple's changes are saved all the same."""

from __future__ import annotations

from pathlib import Path

from ..conftest import Launcher
from .helpers import screen_text, settle_until
from .test_rituals import day_marks, open_rituals


async def test_a_file_named_backups_beside_the_data_warns_and_ticks_are_saved(
    set_up_path: Path, launch: Launcher
) -> None:
    (set_up_path.parent / "backups").write_bytes(b"someone's notes")
    app = launch(set_up_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        warnings = [notice.message for notice in app._notifications]
        assert warnings == [
            "Today's backup could not be written: a file named backups is in the way beside "
            "attune.json; move or rename it. Your changes are still saved."
        ]
        # The toast is drawn a moment after it is raised; on a busy machine, after a pause.
        await settle_until(
            pilot, lambda: "Today's backup could not be" in screen_text(app), "the warning"
        )
        app.clear_notifications()
        await open_rituals(app, pilot)
        await pilot.press("space")
        await pilot.pause()
        assert "Not saved" not in screen_text(app)
    assert day_marks(set_up_path)["2026-11-22"], "the tick reached the file"
    assert (set_up_path.parent / "backups").read_bytes() == b"someone's notes"
