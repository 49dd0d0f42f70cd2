"""The Moments pane: note, change, mark for the check-in, delete, find again, see patterns,
note from any pane, hostile text in every field, and a relaunch."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.moments import MomentKind, new_moment, to_review_at_checkin
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.moment import MomentDialog
from tui.panes.moments import MomentsPane
from tui.store import Store
from tui.widgets.choices import ChoiceSet
from tui.widgets.moment_review import MomentReview
from tui.widgets.moment_tags import TagSuggester

from ..conftest import Launcher
from .helpers import read_data_file, screen_text, widget_text

MOMENTS_KEY = "5"


def stored_moments(path: Path) -> list[dict]:
    return list(read_data_file(path).get("moments", {}).values())


async def open_moments(app: AttuneApp, pilot) -> MomentsPane:
    await pilot.pause()
    await pilot.press(MOMENTS_KEY)
    await pilot.pause()
    return app.screen.query_one(MomentsPane)


async def note(pilot, what: str, *, neglect: bool = False) -> None:
    """Fill in the open form the way a person would, top to bottom: what happened, then the
    kind (the next field); save."""
    await pilot.press(*what)
    if neglect:
        await pilot.press("tab", "right")
    await pilot.press("ctrl+s")
    await pilot.pause()


def some_moments(path: Path, clock: FixedClock) -> None:
    """Three moments over three weeks, with tags."""
    now = clock.now()
    with Store.open(path, clock) as store:
        for number, (days_ago, kind, what, tags) in enumerate(
            (
                (1, MomentKind.NEGLECT, "Felt alone at dinner", ("phones",)),
                (8, MomentKind.CONNECTION, "Walked by the river", ("walk",)),
                (15, MomentKind.REPAIR, "Said sorry for snapping", ("work-late",)),
            )
        ):
            store.save_moment(
                new_moment(
                    f"m{number}",
                    at=now - timedelta(days=days_ago),
                    now=now,
                    who="a" if number else "both",
                    kind=kind,
                    what_happened=what,
                    tags=tags,
                    helped="A slow evening",
                    helped_tags=("slow-evening",),
                    strength=3,
                )
            )


async def test_note_a_moment_and_change_mark_and_delete_it(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        assert "No moments yet" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MomentDialog)
        await note(pilot, "Felt alone at dinner", neglect=True)
        (stored,) = stored_moments(set_up_path)
        assert stored["kind"] == "neglect" and stored["for_checkin"] is True
        assert stored["at"] == clock.now().isoformat(timespec="seconds")
        assert "- 2026-11-22" in screen_text(app) and "Felt alone at dinner" in screen_text(app)
        assert "to bring to the next check-in" in widget_text(app, "#moment-detail")

        await pilot.press("c")  # off the check-in, on disk before the screen says so
        await pilot.pause()
        assert stored_moments(set_up_path)[0].get("for_checkin", False) is False
        assert "not marked for the check-in" in widget_text(app, "#moment-detail")

        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#what_happened", Input).value = "Ate alone; I needed company"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_moments(set_up_path)[0]["what_happened"] == "Ate alone; I needed company"

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert len(stored_moments(set_up_path)) == 1
        await pilot.press("delete", "y")
        await pilot.pause()
        assert stored_moments(set_up_path) == []
        assert "No moments yet" in screen_text(app)


async def test_the_form_reads_top_to_bottom_and_the_arrows_move_from_the_choice(
    set_up_path: Path, launch: Launcher
) -> None:
    """At 160x50 every field shows at once, down to the check-in box; the form opens on its
    first field; "Both of us" then two presses of left chooses the first partner, and the
    choice shows in glyphs."""
    app = launch(set_up_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MomentDialog)
        body = dialog.query_one(".form-fields", VerticalScroll)
        fields = [widget for widget in body.query("*") if widget.focusable]
        assert dialog.focused is fields[0] is dialog.query_one("#what_happened")
        assert body.max_scroll_y == 0, "nothing to scroll to"
        for field in fields:
            assert body.region.contains_region(field.region), field
        assert "[ ] Bring it to the next check-in" in screen_text(app)

        await pilot.press(*"Felt alone at dinner", "tab", "right")  # what, then a neglect
        assert "[x] Bring it to the next check-in" in screen_text(app)
        await pilot.press("tab")
        who = dialog.query_one("#who", ChoiceSet)
        assert dialog.focused is who and who.chosen == "both"
        # Both presses at once, as a terminal sends keys typed quickly.
        for _ in range(2):
            app.post_message(events.Key("left", None))
        await pilot.pause()
        assert who.chosen == "a"
        assert "◉ Sam  ○ Alex  ○ Both of us" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    (stored,) = stored_moments(set_up_path)
    assert (stored["who"], stored["kind"], stored["for_checkin"]) == ("a", "neglect", True)


async def test_a_moment_noted_from_another_pane_shows_when_the_pane_is_next_shown(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        await pilot.press("1", "m")  # from the Check-in pane
        await pilot.pause()
        assert isinstance(app.screen, MomentDialog)
        await note(pilot, "Laughed at the same joke")
        assert [m["what_happened"] for m in stored_moments(set_up_path)] == [
            "Laughed at the same joke"
        ]
        await pilot.press(MOMENTS_KEY)
        await pilot.pause()
        assert "Laughed at the same joke" in screen_text(app)


async def test_a_time_to_come_or_a_wrong_date_is_refused_in_plain_words(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#what_happened", Input).value = "A hug"
        app.screen.query_one("#at", Input).value = "2026-11-23 09:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "still to come" in screen_text(app)
        app.screen.query_one("#at", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Type the date and time like 2026-11-22" in screen_text(app)
        app.screen.query_one("#at", Input).value = "2026-11-20 21:15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_moments(set_up_path)[0]["at"].startswith("2026-11-20T21:15:00")


async def test_find_moments_by_kind_partner_period_word_and_tag(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    some_moments(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        assert "3 of 3 moments" in screen_text(app)
        await pilot.press("k")  # connection only
        await pilot.pause()
        assert "1 of 3" in screen_text(app) and "Walked by the river" in screen_text(app)
        await pilot.press("escape", "w")  # felt by Sam: the moment of both of them counts too
        await pilot.pause()
        assert "3 of 3" in screen_text(app) and "felt by Sam" in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert "1 of 3" in screen_text(app)  # Alex: only what both felt
        await pilot.press("escape", "d")  # the last four weeks, then three months
        await pilot.pause()
        assert "3 of 3" in screen_text(app) and "the last 4 weeks" in screen_text(app)
        await pilot.press("escape", "slash", *"river")
        await pilot.pause()
        assert "1 of 3" in screen_text(app) and "Walked by the river" in screen_text(app)
        await pilot.press("enter", "escape", "t", *"work-late")
        await pilot.pause()
        assert "1 of 3" in screen_text(app) and "Said sorry for snapping" in screen_text(app)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert "3 of 3" in screen_text(app)


async def test_the_search_offers_earlier_tags(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    some_moments(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        await pilot.press("t", *"wo", "right")  # accept the suggestion
        await pilot.pause()
        assert app.screen.query_one("#moment-search", Input).value == "#work-late"


async def test_the_tag_the_search_shows_is_the_tag_the_list_is_filtered_by(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    some_moments(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_moments(app, pilot)
        assert "+ connection  - neglect  ~ repair  ◆ for the next check-in" in screen_text(app)
        assert "◆" in widget_text(app, "#moment-detail"), "the first moment is for the check-in"
        await pilot.press("t", *"wo")  # shown as "#work-late", its end in grey
        await pilot.pause()
        text = screen_text(app)
        assert "#work-late" in text
        assert "1 of 3 moments · tag: #work-late" in text and "Said sorry for" in text
        await pilot.press("enter")  # back to the list: the tag stays as it was shown
        await pilot.pause()
        assert app.screen.query_one("#moment-search", Input).value == "#work-late"
        assert "1 of 3 moments · tag: #work-late" in screen_text(app)
        await pilot.press("escape", "slash", *"#walk")  # a whole tag is not completed further
        await pilot.pause()
        assert "1 of 3 moments · tag: #walk" in screen_text(app)


def test_a_typed_tag_is_completed_to_the_most_used_unless_it_is_one_already() -> None:
    tags = ["walk", "walk-home", "walking", "work-late"]

    def most_used_first(typed: str) -> list[str]:
        return sorted((tag for tag in tags if tag.startswith(typed)), key=len, reverse=True)

    search = TagSuggester(most_used_first, hashed=True)
    assert search.completion("#wa") == "#walk-home"
    assert search.completion("calm #wor") == "calm #work-late"
    assert search.completion("#walk") is None, "walk is a tag of its own"
    assert search.completion("wa") is None, "a search word is not a tag"
    assert TagSuggester(most_used_first).completion("phones wa") == "phones walk-home"


async def test_the_patterns_compare_the_period_with_the_one_before(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    some_moments(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_moments(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert "The last 4 weeks" in text
        assert "1 moment of connection in these four weeks, and none in the previous" in text
        assert "#phones 1" in text and "#slow-evening 3" in text
        await pilot.press("d")
        await pilot.pause()
        assert "The last 3 months" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert "3 of 3 moments" in screen_text(app)


HOSTILE = ["[bold]", "[/]", "[@click=app.quit]x[/]", "\x1b[2J", "x" * 5000, "🌧️💔 тихо", ""]


FIELDS = ("what_happened", "at", "triggers", "tags", "helped", "helped_tags", "strength")
SAFE = {"what_happened": "Plain words", "at": "2026-11-22 09:00"}


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_text_in_every_field_is_refused_or_kept_literally(
    text: str, set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        for field in FIELDS:
            form.query_one(f"#{field}", Input).value = text
        refused = []
        await pilot.press("ctrl+s")
        await pilot.pause()
        while app.screen is form:
            # Refused with a reason, at the field at fault: put plain text there and save again.
            assert str(form.query_one("#form-problem").render())
            field = app.focused.id
            assert field in FIELDS and field not in refused
            refused.append(field)
            form.query_one(f"#{field}", Input).value = SAFE.get(field, "")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.is_running
        (moment,) = stored_moments(set_up_path)
        for field in ("what_happened", "triggers", "helped"):
            if field not in refused:
                assert moment.get(field, "") == text.strip()
        if "what_happened" not in refused and len(text) < 40:
            assert text.strip() in screen_text(app)


async def test_moments_survive_a_relaunch(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_moments(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await note(pilot, "Held hands on the bus")
    app.store.close()
    again = launch(set_up_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await open_moments(again, pilot)
        assert "Held hands on the bus" in screen_text(again)


class ReviewApp(App[None]):
    """The check-in's review of marked moments, on its own."""

    def compose(self) -> ComposeResult:
        yield MomentReview(id="review")


async def test_the_review_lists_what_was_marked_since_the_last_check_in(
    clock: FixedClock,
) -> None:
    now = clock.now()
    last_checkin = now - timedelta(days=7)
    before = new_moment(
        "old",
        at=now - timedelta(days=9),
        now=now - timedelta(days=9),
        who="a",
        kind=MomentKind.NEGLECT,
        what_happened="From before",
    )
    marked = new_moment(
        "new",
        at=now - timedelta(days=2),
        now=now,
        who="b",
        kind=MomentKind.NEGLECT,
        what_happened="[bold]Not[/] heard",
        helped="A pause",
    )
    chosen = to_review_at_checkin([before, marked], last_checkin)
    assert [moment.id for moment in chosen] == ["new"]
    app = ReviewApp()
    async with app.run_test(size=(80, 10)) as pilot:
        review = app.query_one(MomentReview)
        review.show(chosen, {"a": "Sam", "b": "Alex", "both": "Both"}, clock.time_zone, 4)
        await pilot.pause()
        text = screen_text(app)
        assert "To talk about: 1 moment marked since the last check-in" in text
        assert "Alex: [bold]Not[/] heard" in text and "A pause" in text
        assert review.moment_ids == ["new"]
        review.show([], {}, clock.time_zone, 4)
        await pilot.pause()
        assert not review.display
