"""The key monkey: seeded runs of random keys, typed and pasted text, over every screen, each in
one of the modes a couple can be in.

Each run starts the whole app on a fresh data file or on ten years of history, in a time zone
far from UTC, while the clock moves on between keys; partway through, a partner is renamed and
the couple moves to another time zone, both through Settings. The panes runs protect the file
with a passphrase, or start on a protected file at its lock, and change the passphrase; the
lock key locks whenever pressed, and the passphrase (now and then a wrong one first) unlocks.
Nothing may escape the app, no screen may show a rating before both partners' are in or an old
name after the rename, the lock and the cover show nothing of the couple's, and the file must
reopen afterwards holding exactly what the app held.

Every run has its own goals: the bindings it must run and the dialogs it must open. It is
steered toward them from whatever state it is in and goes on past its presses until it has
reached them, so it reaches them on a slow machine too, whatever order the runs take and
whichever process runs them; the goals of all runs together are every binding and dialog.

A failure prints its seed and the last steps. Replay or lengthen a run with
`ATTUNE_MONKEY_SEED=7 ATTUNE_MONKEY_PRESSES=20000 pytest tests/functional/test_key_monkey.py
-k fresh` (one line).
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import msgspec
import pendulum
import pytest

import tui.dialogs
from bench.history import build
from tui.clock import FixedClock
from tui.core.agenda import StepMove
from tui.core.checkins import CLOCK_ONLY, FULL_AGENDA
from tui.core.models import AgendaStep, Partners, Settings
from tui.dialogs.base import Dialog, FormDialog
from tui.panes.checkin import CheckinPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.screens.progress import ProgressScreen
from tui.screens.settings import SettingsScreen
from tui.store import Store, protected_files
from tui.store.atomic import write_atomically
from tui.store.protected_at_a_glance import is_protected_file
from tui.store.protected_files import new_protection
from tui.store.protection import ScryptCost
from tui.store.protection_keys import unlock_file
from tui.widgets.choices import ChoiceSet
from tui.widgets.rating_picker import RatingPicker

from ..conftest import FIXED_MOMENT
from .monkey import KeyMonkey, RecordingApp, run_monkey
from .monkey_errands import (
    PassphraseChange,
    Secret,
    change_passphrase,
    move_to_time_zone,
    rename,
    set_passphrase,
)
from .monkey_goals import PANE_WIDGETS, Goals, all_bindings, bindings_of
from .monkey_watch import Watch

PRESSES_OVERRIDE = os.environ.get("ATTUNE_MONKEY_PRESSES")
SEED_OVERRIDE = os.environ.get("ATTUNE_MONKEY_SEED")
OVERTIME = 10
"""A run goes on past its presses, steered, until it has reached its goals, up to this many
times its presses; a run that needs more has lost its way (or a key stopped working)."""
NAMES = ("Wren", "Juno")
"""Names found in no text of the app, so an old name on screen can only be a stale one."""

DIALOG_OPENERS: dict[str, set[tuple[str, str]]] = {
    "ConfirmDialog": {
        ("CheckinPane", "abandon"),
        ("CheckinPane", "step('end_talk')"),
        ("AgreementsPane", "delete"),
    },
    "HelpScreen": {("AttuneApp", "help")},
    "RitualDialog": {("RitualsPane", "add"), ("RitualsPane", "edit")},
    "LoveLanguageDialog": {("RitualsPane", "love_languages")},
    "AgreementDialog": {("AgreementsPane", "add"), ("AgreementsPane", "edit")},
    "PartnerDialog": {("AgreementsPane", "sign")},
    "LapseDialog": {("AgreementsPane", "lapse")},
    "ReviewDialog": {("AgreementsPane", "review")},
    "RequestDialog": {("RequestsPane", "add"), ("CheckinPane", "step('new_request')")},
    "AppreciationsDialog": {("CheckinPane", "step('appreciate')")},
    "WishesDialog": {("CheckinPane", "step('wish')")},
    "HiddenRatingDialog": {("CheckinPane", "step('rate')")},
    "AgendaDialog": {("CheckinPane", "choose_steps")},
    "PastMeetingsDialog": {("CheckinPane", "past"), ("ProgressScreen", "open_week")},
    "AnswerDialog": {("RequestsPane", "answer")},
    "AlternativeDialog": {("RequestsPane", "alternative")},
    "MomentDialog": {
        ("MomentsPane", "add"),
        ("MomentsPane", "edit"),
        ("MainScreen", "note_moment"),
    },
    "PlanDialog": {("TherapyPane", "plan")},
    "SessionDialog": {("TherapyPane", "session"), ("TherapyPane", "edit")},
    "AssignmentDialog": {("TherapyPane", "add")},
    "AttemptDialog": {("TherapyPane", "debrief")},
    "ReportDialog": {("TherapyPane", "report"), ("SettingsScreen", "write_report")},
    "CalendarDialog": {("TherapyPane", "calendar")},
    # Opened from the buttons of Settings' "Your data" (by a run's errands, and by chance).
    "PassphraseDialog": {("MainScreen", "open_settings")},
    "CurrentPassphraseDialog": {("MainScreen", "open_settings")},
}
"""The bindings that open each dialog: a run steers to them until the dialog is seen, and
while a key of its own is still to run. Every dialog in tui/dialogs/ opens from a key."""
SCREEN_OPENERS: dict[str, set[tuple[str, str]]] = {
    "ProgressScreen": {("MainScreen", "open_progress")},
    "SettingsScreen": {("MainScreen", "open_settings")},
}
"""The bindings that open each screen of tui/screens/ other than the dashboard."""
OPENERS = {**DIALOG_OPENERS, **SCREEN_OPENERS}
WIDGET_HOMES = {RatingPicker.__name__: "HiddenRatingDialog", ChoiceSet.__name__: "MomentDialog"}
"""The dialog a widget of forms is steered to while a key of its own is still to run."""

MEETING_OWNERS = frozenset(
    {
        CheckinPane.__name__,
        *(widget.__name__ for widget in PANE_WIDGETS[CheckinPane]),
        # The picker of the hidden rating, which only the meeting's ratings step opens.
        RatingPicker.__name__,
    }
)
"""Whose keys the runs that stay in the Check-in pane own: a weekly meeting's steps follow
one another, and a walk over every pane reaches its later ones only by luck."""
AGENDA_ONLY = frozenset(
    ("CheckinPane", f"step('{move.value}')")
    for move in (StepMove.APPRECIATE, StepMove.NEW_REQUEST, StepMove.WISH)
)
"""Steps a check-in that is the clock alone (talk, then ratings) never has."""
SUMMARY_SCROLLING = frozenset({("SummaryView", "scroll_down"), ("SummaryView", "scroll_up")})
"""A summary scrolls only when it is longer than the window: a whole meeting's, at 80x24."""
WEEKS_TO_OPEN = frozenset({("ProgressScreen", "open_week")})
"""The Progress view opens a week only where there are weeks: in years of history."""
CHEAP_KEYS = ScryptCost(log2_n=10, r=1, p=1)
"""The lowest key-derivation cost the format allows: a passphrase set or typed in a run takes
milliseconds (the real cost is measured by bench/unlock.py)."""
PASSPHRASES = ("a long walk, then tea", "the kettle sings at seven")
"""The couple's passphrase, and the one they change it to."""
MODES = frozenset({"clock_only", "full_agenda", "no_color", "colour", "large", "smallest"})


def dialogs_only_the_meeting_opens() -> set[str]:
    """Dialogs whose every opener is a key of the Check-in pane."""
    return {
        dialog
        for dialog, openers in OPENERS.items()
        if all(owner in MEETING_OWNERS for owner, _ in openers)
    }


@dataclass(frozen=True)
class MonkeyRun:
    """One seeded run, in one combination of the modes a couple can be in."""

    name: str
    data: str
    """"fresh" (a set-up file holding nothing yet) or "history" (ten years of it)."""
    agenda: tuple[AgendaStep, ...]
    size: tuple[int, int]
    no_color: bool
    zones: tuple[str, str, str]
    """The couple's time zone at the start, the one they move to mid-run, and what they type
    in Settings to find it."""
    renamed: tuple[str, str]
    """Which partner gets a new name mid-run ("a" or "b"), and the name."""
    meeting: bool
    """True for a run that never leaves the Check-in pane (see `MEETING_OWNERS`)."""
    protected: bool
    """True for a run that starts on a file protected with a passphrase, locked; the others
    set one mid-run (the panes runs) or only by chance."""
    seed: int
    presses: int

    @property
    def modes(self) -> frozenset[str]:
        """The run's modes."""
        modes = {"clock_only" if self.agenda == CLOCK_ONLY else "full_agenda"}
        modes.add("no_color" if self.no_color else "colour")
        modes.add("large" if self.size[0] > 80 else "smallest")
        return frozenset(modes)

    def goals(self) -> Goals:
        """The bindings this run must run and the dialogs and screens it must open, derived
        from the code: the meeting's own for a meeting run, everything else for the others."""
        every = all_bindings()
        if self.meeting:
            bindings = {target for target in every if target[0] in MEETING_OWNERS}
            if self.agenda == CLOCK_ONLY:
                bindings -= AGENDA_ONLY
            if self.agenda == CLOCK_ONLY or self.size != (80, 24):
                bindings -= SUMMARY_SCROLLING
            dialogs = {
                dialog
                for dialog in dialogs_only_the_meeting_opens()
                if any(target in bindings for target in OPENERS[dialog])
            }
        else:
            bindings = {target for target in every if target[0] not in MEETING_OWNERS}
            if self.data == "fresh":
                bindings -= WEEKS_TO_OPEN
            dialogs = set(OPENERS) - dialogs_only_the_meeting_opens()
        return Goals(
            frozenset(bindings),
            frozenset(dialogs),
            {
                **{place: frozenset(openers) for place, openers in OPENERS.items()},
                **{widget: frozenset(OPENERS[home]) for widget, home in WIDGET_HOMES.items()},
            },
        )


RUNS = (
    MonkeyRun(
        "panes-fresh-nocolor-80x24",
        "fresh",
        FULL_AGENDA,
        (80, 24),
        True,
        ("Pacific/Kiritimati", "America/Los_Angeles", "Los_Angeles"),
        ("a", "Marlowe"),
        meeting=False,
        protected=False,
        seed=1,
        presses=250,
    ),
    MonkeyRun(
        "panes-history-clock-160x50",
        "history",
        CLOCK_ONLY,
        (160, 50),
        False,
        ("Pacific/Auckland", "America/Los_Angeles", "Los_Angeles"),
        ("b", "Oriane"),
        meeting=False,
        protected=True,
        seed=2,
        presses=250,
    ),
    MonkeyRun(
        "meeting-agenda-80x24",
        "fresh",
        FULL_AGENDA,
        (80, 24),
        False,
        ("Pacific/Kiritimati", "America/Los_Angeles", "Los_Angeles"),
        ("b", "Oriane"),
        meeting=True,
        protected=False,
        seed=3,
        presses=200,
    ),
    MonkeyRun(
        "meeting-clock-nocolor-160x50",
        "fresh",
        CLOCK_ONLY,
        (160, 50),
        True,
        ("Pacific/Auckland", "America/Los_Angeles", "Los_Angeles"),
        ("a", "Marlowe"),
        meeting=True,
        protected=False,
        seed=4,
        presses=150,
    ),
)


def dialog_classes() -> set[str]:
    """The name of every dialog defined in tui/dialogs/, found by looking, so a new one counts."""
    found = set()
    for module_info in pkgutil.iter_modules(tui.dialogs.__path__):
        module = importlib.import_module(f"tui.dialogs.{module_info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Dialog)
                and value not in (Dialog, FormDialog)
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found.add(name)
    return found


def saved_state(store: Store) -> dict[str, object]:
    """Everything the store holds, in comparable form."""
    return {
        "settings": store.settings(),
        "rituals": store.rituals(),
        # MarkBook has no equality of its own; its table is the whole of it.
        "marks": store.mark_book()._by_day,
        "agreements": store.agreements(),
        "checkins": store.checkins(),
        "moments": store.moments(),
        "requests": store.requests(),
        "therapy": (store.therapy_plan(), store.sessions(), store.assignments()),
    }


def prepare(run: MonkeyRun, path: Path, clock: FixedClock) -> None:
    """The run's data file: set up and empty, or ten years of history ending today; the
    couple's names, time zone and check-in agenda as the run has them."""
    zone = run.zones[0]
    if run.data == "fresh":
        settings = Settings(partners=Partners(*NAMES), time_zone=zone, agenda=run.agenda)
        with Store.open(path, clock) as store:
            store.set_up(settings, created=clock.now().isoformat())
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = build(10, today=clock.now().date(), seed=20261122)
    tables["settings"]["1"].update(
        partner_a=NAMES[0],
        partner_b=NAMES[1],
        time_zone=zone,
        agenda=[step.value for step in run.agenda],
    )
    write_atomically(path, msgspec.json.encode(tables))


def protect(path: Path, clock: FixedClock, passphrase: str) -> None:
    """Protect the run's file with `passphrase`, as Settings would have."""
    with Store.open(path, clock) as store:
        store.change_protection(new_protection(passphrase, with_recovery_key=False)[0])


def passphrase_errands(
    run: MonkeyRun, presses: int, secret: Secret
) -> list[tuple[int, PassphraseChange]]:
    """A panes run changes the passphrase of its protected file, or sets one and later changes
    it: each form of the passphrase opens, and the lock then asks for it."""
    if run.meeting:
        return []
    if run.protected:
        return [(presses * 2 // 5, change_passphrase(PASSPHRASES[1], secret))]
    return [
        (presses // 5, set_passphrase(PASSPHRASES[0], secret)),
        (presses * 4 // 5, change_passphrase(PASSPHRASES[1], secret)),
    ]


def test_every_dialog_has_a_key_that_opens_it() -> None:
    assert set(DIALOG_OPENERS) == dialog_classes()


def test_the_runs_together_have_every_binding_dialog_and_mode_as_goals() -> None:
    """Each run checks its own goals; together they must be every binding of every pane,
    screen, dialog and widget, every dialog and screen, in every mode."""
    goals = [run.goals() for run in RUNS]
    assert set().union(*(goal.bindings for goal in goals)) == all_bindings()
    # The derivation finds what the dashboard, each pane and the Progress screen bind.
    for owner in (MainScreen, ProgressScreen, SettingsScreen, *PANE_CLASSES):
        assert bindings_of([owner]) <= all_bindings(), owner.__name__
        assert bindings_of([owner]), owner.__name__
    screens = {"ProgressScreen", "SettingsScreen"}
    assert set().union(*(goal.dialogs for goal in goals)) == dialog_classes() | screens
    assert set(OPENERS) == dialog_classes() | screens
    assert set().union(*(run.modes for run in RUNS)) == MODES
    for run in RUNS:
        assert run.zones[0] != run.zones[1], "the couple's zone changes mid-run"
        assert abs(pendulum.now(run.zones[0]).offset_hours) >= 12, "far from UTC"
    assert {run.data for run in RUNS} == {"fresh", "history"}
    assert {run.size for run in RUNS} == {(80, 24), (160, 50)}
    assert len({run.name for run in RUNS}) == len(RUNS)


@pytest.mark.monkey
@pytest.mark.slow
@pytest.mark.parametrize("run", RUNS, ids=[run.name for run in RUNS])
async def test_the_monkey_breaks_nothing_and_reaches_its_goals(
    run: MonkeyRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = int(SEED_OVERRIDE or run.seed)
    presses = int(PRESSES_OVERRIDE or run.presses)
    clock = FixedClock(FIXED_MOMENT, time_zone=run.zones[0])
    path = tmp_path / "couple" / "attune.json"
    prepare(run, path, clock)
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", CHEAP_KEYS)
    secret = Secret(PASSPHRASES[0])
    if run.protected:
        protect(path, clock, secret.passphrase)
    errands = [
        (presses * 3 // 10, rename(*run.renamed)),
        (presses * 11 // 20, move_to_time_zone(run.zones[1], run.zones[2])),
        *passphrase_errands(run, presses, secret),
    ]
    if run.no_color:
        monkeypatch.setenv("NO_COLOR", "1")  # Textual reads it when an app is built
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    monkey = KeyMonkey(
        seed,
        clock,
        run.goals(),
        run.size,
        confined_to=CheckinPane.__name__ if run.meeting else None,
        errands=errands,
        keep_agenda=run.agenda if run.meeting else None,
        secret=secret,
    )

    def report(problem: str) -> str:
        return (
            f"{problem}\nseed {seed}, {run.name}, after {monkey.presses} presses "
            f"({monkey.restarts} restarts after the palette's Quit). Replay: "
            f"ATTUNE_MONKEY_SEED={seed} ATTUNE_MONKEY_PRESSES={presses} pytest "
            f"{Path(__file__).name} -k '{run.name}'\nlast steps:\n{monkey.replay_log()}"
        )

    # A protected file is opened by the app, once the passphrase is typed at its lock; the
    # palette's Quit then starts the app again on the store it opened.
    first = RecordingApp(None, clock, locked_path=path) if run.protected else None
    opened = None if run.protected else Store.open(path, clock)

    def make_app() -> RecordingApp:
        nonlocal first
        app, first = first, None
        return app or RecordingApp(monkey.app.store if monkey.app else opened, clock)

    monkey.watch = Watch(opened, monkey.tokens, distinctive_names=(*NAMES, run.renamed[1]))
    try:
        await run_monkey(monkey, make_app, presses, presses * OVERTIME)
        store = monkey.app.store
        shown = saved_state(store)
    except Exception as error:
        raise AssertionError(report(f"the app failed: {error!r}")) from error
    finally:
        if monkey.app is not None and monkey.app.is_unlocked:
            monkey.app.store.close()
        elif opened is not None:
            opened.close()

    key = unlock_file(path, secret.passphrase) if is_protected_file(path) else None
    with Store.open(path, clock, key) as reopened:
        assert saved_state(reopened) == shown, report("the file differs from what the app held")
    missing_bindings, missing_dialogs = monkey.missing()
    assert not missing_bindings, report(f"bindings never run: {sorted(missing_bindings)}")
    assert not missing_dialogs, report(f"dialogs never opened: {sorted(missing_dialogs)}")
    assert len(monkey.errands.done) == len(errands), report(
        f"errands not made: only {monkey.errands.done}"
    )
