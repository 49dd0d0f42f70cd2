"""Hostile text and numbers, pasted into every field a person fills in.

Each example runs the whole app on a data file as `attune` opens it: the text is pasted into
the real field (as a terminal delivers a paste) and Enter is pressed. The app must not crash; it
either refuses in words, leaving the file as it was, or saves the text, shows it literally and
reads it back identical after reopening. Starting the app and reaching the form take most of an
example's time, so an app is kept for the next example while the examples before it were
refused and left the file as it was; after a save the app closes, the file is reopened and
checked, and the next example starts afresh.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import TypeVar

import pendulum
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.agenda import clean_lines
from tui.core.agreements import Repair, clean_wording, propose, sign
from tui.core.models import Partners
from tui.core.rituals import clean_ritual_name
from tui.core.text import InvalidText, clean_note, parse_whole_number
from tui.dialogs.agenda import AppreciationsDialog, HiddenRatingDialog, WishesDialog
from tui.dialogs.agreement import AgreementDialog, LapseDialog
from tui.dialogs.ritual import RitualDialog
from tui.panes.agreements import AgreementsPane
from tui.panes.base import AttunePane
from tui.panes.faq import FaqPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import MainScreen
from tui.screens.setup import SetupScreen
from tui.store import Store

from ..conftest import make_settings
from ..profiles import examples
from ..strategies import hostile_number, hostile_text
from .helpers import pane_key, read_data_file, widget_text
from .test_agreements import open_agreements
from .test_rituals import open_rituals

MOMENT = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")
# Eight per field keep the module near a minute; shrinking a failure would take minutes of app
# starts, and the pieces are short enough to read as found. The kept app is the point of the
# fixture, so Hypothesis is told that a function-scoped fixture serves every example.
UI_EXAMPLES = settings(
    max_examples=examples(8),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

Reopened = Callable[[Store], None]
"""Checks on the data file reopened after the app has closed."""
D = TypeVar("D", bound=Screen)
Scenario = Callable[[AttuneApp, object, Path], Awaitable[Reopened | None]]
Arrival = Callable[[AttuneApp, object], Awaitable[None]]
"""What a person does once after the app starts, before the first example: open a pane."""


class KeptApp:
    """The whole app on a data file, kept from one example to the next while they leave the
    file as they found it, and started afresh after one that saved."""

    def __init__(self, runner: asyncio.Runner) -> None:
        self._runner = runner
        self._stack: AsyncExitStack | None = None
        self._folder: Path | None = None
        self._app: AttuneApp | None = None
        self._pilot: object = None
        self._arrived_bytes: bytes | None = None

    def run(
        self,
        scenario: Scenario,
        size: tuple[int, int] = (100, 34),
        prepare: Callable[[Store], None] | None = None,
        arrive: Arrival | None = None,
    ) -> None:
        """Run `scenario(app, pilot, path)` on the kept app, or on a new one started on a new
        set-up file (`prepare` adds to it; `arrive` is what a person does first). A scenario
        that returns checks has saved: the app closes and the reopened file is checked."""
        self._runner.run(self._example(scenario, size, prepare, arrive))

    async def _example(
        self,
        scenario: Scenario,
        size: tuple[int, int],
        prepare: Callable[[Store], None] | None,
        arrive: Arrival | None,
    ) -> None:
        if self._app is None:
            await self._start(size, prepare, arrive)
        app, pilot, path = self._app, self._pilot, self._path
        assert app is not None
        check_reopened = await scenario(app, pilot, path)
        assert app.is_running, "hostile input must never close the app"
        while isinstance(app.screen, ModalScreen):  # a refused form stays open: cancel it
            app.screen.dismiss(None)
            await pilot.pause()  # type: ignore[attr-defined]
        if check_reopened is None and path.read_bytes() == self._arrived_bytes:
            return  # nothing changed: the next example finds the app as this one did
        await self.close()
        if check_reopened is not None:
            with Store.open(path, self._clock) as reopened:
                check_reopened(reopened)
        shutil.rmtree(path.parent)

    @property
    def _path(self) -> Path:
        assert self._folder is not None
        return self._folder / "attune.json"

    async def _start(
        self,
        size: tuple[int, int],
        prepare: Callable[[Store], None] | None,
        arrive: Arrival | None,
    ) -> None:
        self._clock = FixedClock(MOMENT, time_zone="Europe/London")
        self._folder = Path(tempfile.mkdtemp(prefix="attune-hostile-"))
        with Store.open(self._path, self._clock) as store:
            store.set_up(make_settings(), created=self._clock.now().isoformat())
            if prepare is not None:
                prepare(store)
        self._stack = AsyncExitStack()
        store = self._stack.enter_context(Store.open(self._path, self._clock))
        self._app = AttuneApp(store, self._clock)
        self._pilot = await self._stack.enter_async_context(self._app.run_test(size=size))
        await self._pilot.pause()  # type: ignore[attr-defined]
        if arrive is not None:
            await arrive(self._app, self._pilot)
        self._arrived_bytes = self._path.read_bytes()

    async def close(self) -> None:
        """Close the app and its store (the data file stays until it has been checked)."""
        if self._stack is not None:
            await self._stack.aclose()
        self._stack, self._app, self._pilot = None, None, None

    def finish(self) -> None:
        """Close whatever is still open and remove its folder."""
        self._runner.run(self.close())
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


@pytest.fixture
def kept_app() -> Iterator[KeptApp]:
    """An app kept across a test's examples (see KeptApp), closed after the last."""
    with asyncio.Runner() as runner:
        kept = KeptApp(runner)
        try:
            yield kept
        finally:
            kept.finish()


def run_scenario(
    scenario: Scenario,
    set_up: bool = True,
    size: tuple[int, int] = (100, 34),
    prepare: Callable[[Store], None] | None = None,
) -> None:
    """Run `scenario(app, pilot, path)` on a fresh data file, as `attune` would open it; then
    reopen the file and run the checks the scenario returned, if any."""

    async def main() -> None:
        clock = FixedClock(MOMENT, time_zone="Europe/London")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "attune.json"
            if set_up:
                with Store.open(path, clock) as store:
                    store.set_up(make_settings(), created=clock.now().isoformat())
                    if prepare is not None:
                        prepare(store)
            with Store.open(path, clock) as store:
                app = AttuneApp(store, clock)
                async with app.run_test(size=size) as pilot:
                    await pilot.pause()
                    check_reopened = await scenario(app, pilot, path)
                    assert app.is_running, "hostile input must never close the app"
            if check_reopened is not None:
                with Store.open(path, clock) as reopened:
                    check_reopened(reopened)

    asyncio.run(main())


async def paste(pilot, field: Input, text: str) -> str:
    """Replace the field's text with `text` as pasted from a terminal; return what it holds."""
    field.value = ""
    field.focus()
    field.post_message(events.Paste(text))
    await pilot.pause()
    return field.value


def assertion(holds: bool) -> None:
    assert holds


def outcome(clean: Callable[[], object]) -> object | InvalidText:
    try:
        return clean()
    except InvalidText as problem:
        return problem


async def open_form(app: AttuneApp, pilot, key: str, kind: type[D]) -> D:
    """Press the key that opens the form `kind` over the pane on screen."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, kind)
    return app.screen


def arrive_at(pane: type[AttunePane], offered: bool = True) -> Arrival:
    """Go to a pane, declining what a first visit offers (starters, examples)."""

    async def arrive(app: AttuneApp, pilot) -> None:
        if not offered:
            await pilot.press(pane_key(pane))
            await pilot.pause()
        elif pane is RitualsPane:
            await open_rituals(app, pilot, accept_starters=False)
        else:
            await open_agreements(app, pilot, examples=False)

    return arrive


async def press_and_settle(app: AttuneApp, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


@given(first=hostile_text, second=hostile_text, zone=hostile_text)
@UI_EXAMPLES
def test_setup_names_and_time_zone(first: str, second: str, zone: str) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        assert isinstance(app.screen, SetupScreen)
        typed = [
            await paste(pilot, app.screen.query_one(selector, Input), text)
            for selector, text in (("#first-name", first), ("#second-name", second))
        ]
        typed_zone = await paste(pilot, app.screen.query_one("#time-zone", Input), zone)
        app.screen.begin()
        await pilot.pause()
        partners = outcome(lambda: Partners.from_names(*typed))
        from tui.clock import is_known_time_zone

        if isinstance(partners, InvalidText) or not is_known_time_zone(typed_zone.strip()):
            assert isinstance(app.screen, SetupScreen)
            assert widget_text(app, "#setup-error").strip(), "a refusal is explained"
            assert not path.exists(), "nothing is written until every field is right"
            return None
        assert isinstance(app.screen, MainScreen)
        assert str(app.screen.sub_title) == f"{partners.a} & {partners.b}"

        def check(reopened: Store) -> None:
            assert reopened.settings().partners == partners
            assert reopened.settings().time_zone == typed_zone.strip()

        return check

    run_scenario(scenario, set_up=False)


@given(name=hostile_text)
@example(name="[@click=app.quit]x[/] [$accent] [link=file:///]y[/link] z\\")
@example(name="e\u0301\u0302 界 👩\u200d❤\ufe0f\u200d👨 \x1b[31m")
@UI_EXAMPLES
def test_a_ritual_name(kept_app: KeptApp, name: str) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        dialog = await open_form(app, pilot, "a", RitualDialog)
        typed = await paste(pilot, dialog.query_one("#name", Input), name)
        await pilot.press("enter")
        await pilot.pause()
        expected = outcome(lambda: clean_ritual_name(typed))
        if isinstance(expected, InvalidText):
            assert app.screen is dialog
            assert widget_text(app, "#ritual-problem") == str(expected)
            assert not read_data_file(path).get("rituals")
            return None
        assert app.screen is not dialog
        (stored,) = read_data_file(path)["rituals"].values()
        assert stored["name"] == expected
        assert expected in widget_text(app, "#ritual-detail"), "shown literally, not as markup"
        return lambda reopened: assertion(reopened.rituals()[0].name == expected)

    kept_app.run(scenario, arrive=arrive_at(RitualsPane))


@given(wording=hostile_text, what=hostile_text, numbers=st.tuples(*[hostile_number] * 3))
@UI_EXAMPLES
def test_an_agreement_wording_repair_and_numbers(
    kept_app: KeptApp, wording: str, what: str, numbers: tuple[str, str, str]
) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        dialog = await open_form(app, pilot, "a", AgreementDialog)
        typed_wording = await paste(pilot, dialog.query_one("#wording", Input), wording)
        typed_what = await paste(pilot, dialog.query_one("#repair-what", Input), what)
        typed_numbers = [
            await paste(pilot, dialog.query_one(selector, Input), text)
            for selector, text in zip(
                ("#repair-minutes", "#repair-days", "#review-after"), numbers, strict=True
            )
        ]
        await pilot.press("enter")
        await pilot.pause()

        def expected() -> tuple[str, str, int, int, int]:
            minutes = parse_whole_number(typed_numbers[0], label="m", lowest=1, highest=240)
            days = parse_whole_number(typed_numbers[1], label="d", lowest=1, highest=60)
            review = parse_whole_number(typed_numbers[2], label="r", lowest=1, highest=90)
            if review < days:
                raise InvalidText("the review comes before the repair ends")
            what = clean_note(typed_what.strip() or "focused, undistracted attention")
            return clean_wording(typed_wording), what, minutes, days, review

        result = outcome(expected)
        if isinstance(result, InvalidText):
            assert app.screen is dialog
            assert widget_text(app, ".form-problem").strip(), "a refusal is explained"
            assert not read_data_file(path).get("agreements")
            return None
        assert app.screen is not dialog
        text, what_saved, minutes, days, review = result
        (stored,) = read_data_file(path)["agreements"].values()
        assert stored["wordings"][0]["text"] == text
        assert text in widget_text(app, "#agreement-detail"), "shown literally, not as markup"

        def check(reopened: Store) -> None:
            (agreement,) = reopened.agreements()
            assert agreement.wording == text
            assert (agreement.repair.what, agreement.repair.minutes_per_day) == (
                what_saved,
                minutes,
            )
            assert (agreement.repair.days, agreement.review_after_days) == (days, review)

        return check

    kept_app.run(scenario, size=(120, 40), arrive=arrive_at(AgreementsPane))


@given(day=hostile_text | st.dates().map(str), note=hostile_text)
@UI_EXAMPLES
def test_a_lapse_day_and_note(kept_app: KeptApp, day: str, note: str) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        dialog = await open_form(app, pilot, "l", LapseDialog)
        typed_day = await paste(pilot, dialog.query_one("#day", Input), day)
        typed_note = await paste(pilot, dialog.query_one("#note", Input), note)
        await pilot.press("enter")
        await pilot.pause()
        saved_note = outcome(lambda: clean_note(typed_note))
        try:
            lapse_day = pendulum.Date.fromisoformat(typed_day.strip())
            day_ok = MOMENT.date().subtract(days=366) <= lapse_day <= MOMENT.date()
        except ValueError:
            day_ok = False
        (stored,) = read_data_file(path)["agreements"].values()
        if isinstance(saved_note, InvalidText) or not day_ok:
            assert app.screen is dialog
            assert widget_text(app, ".form-problem").strip(), "a refusal is explained"
            assert not stored.get("lapses")
            return None
        assert app.screen is not dialog

        def check(reopened: Store) -> None:
            (lapse,) = reopened.agreements()[0].lapses
            assert lapse.note == saved_note
            assert lapse.day == lapse_day.isoformat()

        return check

    # The agreement is already there, so nothing is offered on the pane's first visit.
    kept_app.run(
        scenario,
        size=(120, 40),
        prepare=an_agreement_both_signed,
        arrive=arrive_at(AgreementsPane, offered=False),
    )


def an_agreement_both_signed(store: Store) -> None:
    proposed = propose("g1", "We listen", "a", MOMENT.date(), Repair(), 7)
    store.save_agreement(sign(sign(proposed, "a"), "b"))


@given(
    keys=st.lists(st.sampled_from(["0", "1", "5", "6", "9", "-", "left", "right"]), max_size=5),
    note=hostile_text,
)
@UI_EXAMPLES
def test_a_check_in_rating_and_note(kept_app: KeptApp, keys: list[str], note: str) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        await pilot.press("r")  # Sam rates first
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HiddenRatingDialog)
        await pilot.press(*keys)  # Sam's rating, with stray keys among them
        rating = dialog.query_one("#hidden-rating").value
        typed_note = await paste(pilot, dialog.query_one("#hidden-note", Input), note)
        dialog.save()
        await pilot.pause()
        saved_note = outcome(lambda: clean_note(typed_note))
        if rating is None or isinstance(saved_note, InvalidText):
            assert app.screen is dialog
            assert widget_text(app, "#form-problem").strip(), "a refusal is explained"
            return None
        assert 1 <= rating <= 5
        assert app.screen is not dialog

        def check(reopened: Store) -> None:
            (record,) = reopened.checkins()
            assert [(r.partner, r.score, r.note) for r in record.ratings] == [
                ("a", rating, saved_note)
            ]

        return check

    async def at_the_ratings(app: AttuneApp, pilot) -> None:
        await pilot.press("up", "right")  # the plan's last row: the clock alone
        await press_and_settle(app, pilot, "space", "f")  # start the check-in, end the talk early
        await press_and_settle(app, pilot, "y", "enter")  # ...and go on to the ratings

    kept_app.run(scenario, arrive=at_the_ratings)


async def save_typed_line(app: AttuneApp, pilot, field: str, text: str, what: str) -> object:
    """Paste `text` into the open form's one-line `field` and save: the kept lines, or the
    refusal (the form stays open and says why)."""
    dialog = app.screen
    typed = await paste(pilot, dialog.query_one(f"#{field}", Input), text)
    dialog.save()  # type: ignore[attr-defined]
    await pilot.pause()
    kept = outcome(lambda: clean_lines([typed], what, 1))
    if isinstance(kept, InvalidText):
        assert app.screen is dialog
        assert widget_text(app, "#form-problem").strip(), "a refusal is explained"
    else:
        assert app.screen is not dialog
    return kept


@given(appreciation=hostile_text, wish=hostile_text)
@UI_EXAMPLES
def test_an_appreciation_and_a_looking_ahead_wish(
    kept_app: KeptApp, appreciation: str, wish: str
) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, AppreciationsDialog)
        field, what = "appreciation-a-1", "an appreciation"
        kept = await save_typed_line(app, pilot, field, appreciation, what)
        if isinstance(kept, InvalidText):
            return None
        await pilot.press("s", "s", "s", "s", "s")  # on to looking ahead
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WishesDialog)
        kept_wish = await save_typed_line(app, pilot, "wish-b", wish, "a wish")
        if isinstance(kept_wish, InvalidText):
            kept_wish = ()

        def check(reopened: Store) -> None:
            (record,) = reopened.checkins()
            assert [one.text for one in record.appreciations] == list(kept)  # type: ignore[arg-type]
            assert [wish.text for wish in record.wishes] == list(kept_wish)  # type: ignore[arg-type]

        return check

    # The meeting started, at its first step: appreciations.
    kept_app.run(scenario, arrive=lambda app, pilot: press_and_settle(app, pilot, "space"))


@given(query=hostile_text)
@UI_EXAMPLES
def test_a_faq_search(kept_app: KeptApp, query: str) -> None:
    async def scenario(app: AttuneApp, pilot, path: Path) -> Reopened | None:
        before = path.read_bytes()
        typed = await paste(pilot, app.screen.query_one("#faq-search", Input), query)
        await pilot.pause()
        assert app.screen.query_one("#faq-search", Input).value == typed
        await pilot.press("escape")
        await pilot.pause()
        assert path.read_bytes() == before, "searching never writes"
        return None

    kept_app.run(
        scenario, arrive=lambda app, pilot: press_and_settle(app, pilot, pane_key(FaqPane))
    )
