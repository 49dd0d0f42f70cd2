"""The couple's own words: one rule (each record's `OWN_WORDS`), and the report's shareable
summary made from it.

A marker is typed into every field of words of every form (`tests/own_words_fields.py`),
built into records by the same core functions the forms' panes call: each must be in the full
report and in no line of the `--no-notes` one, Markdown and JSON alike.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from msgspec import Struct
from msgspec.structs import replace

import tui.core
from tui.clock import FixedClock
from tui.core.agenda import with_appreciations, with_wish
from tui.core.agreements import (
    Repair,
    ReviewOutcome,
    log_lapse_with_repair,
    propose,
    record_review,
    sign,
)
from tui.core.checkins import CLOCK_ONLY, CheckinStatus, Rating, new_checkin
from tui.core.moments import MomentKind, new_moment
from tui.core.own_words import own_words_of, without_own_words
from tui.core.report import Period, render_json, render_markdown
from tui.core.requests import StepKind, add_step, new_request
from tui.core.rituals import Cadence, RitualDraft, RitualList, Who
from tui.core.therapy import add_attempt, new_assignment, new_session
from tui.exports import gather_report
from tui.store import Store

from ..own_words_fields import OWN_WORDS, marker

TYPED = {
    (form, field): marker(form, field) for form, fields in OWN_WORDS.items() for field in fields
}
"""Every field of words of every form, and what is typed into it."""


def typed(form: str, field: str) -> str:
    return TYPED[(form, field)]


class Leaf(Struct, frozen=True):
    """A record of words, three records down."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("note", "tags")
    note: str
    tags: tuple[str, ...] = ()
    count: int = 0


class Branch(Struct, frozen=True):
    """Words only in the records it holds: in a tuple, beside None, in a field of any type or of
    items of any type."""

    leaves: tuple[Leaf, ...]
    maybe: Leaf | None = None
    loose: Any = None
    untyped_items: tuple = ()  # type: ignore[type-arg]


class Unread(Struct, frozen=True):
    """A record whose declared type cannot be read: every field of it is looked at."""

    held: NowhereToBeFound | None = None  # type: ignore[name-defined] # noqa: F821


class Tree(Struct, frozen=True):
    """Branches in a list, and a day and counts that can hold no words."""

    branches: list[Branch]
    unread: tuple[Unread, ...]
    day: date
    counts: dict[str, int]


class Counts(Struct, frozen=True):
    """A record of numbers and a record of numbers, however many: no words in it anywhere."""

    day: date
    counts: tuple[int, ...]
    inner: Rating | None


def records_declaring_own_words() -> set[type]:
    """Every record of the core that declares fields of the couple's own words."""
    found = set()
    for module in pkgutil.iter_modules(tui.core.__path__):
        loaded = importlib.import_module(f"tui.core.{module.name}")
        for _name, kind in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(kind, Struct) and own_words_of(kind):
                found.add(kind)
    return found


def test_every_field_of_words_in_a_form_is_declared_and_every_declared_one_is_in_a_form() -> None:
    from_forms = {kept_in for fields in OWN_WORDS.values() for kept_in in fields.values()}
    declared = {(kind, field) for kind in records_declaring_own_words() for field in kind.OWN_WORDS}
    assert from_forms == declared
    for kind, field in declared:
        assert field in kind.__struct_fields__, (kind, field)
    markers = list(TYPED.values())
    assert not [(a, b) for a in markers for b in markers if a != b and a in b], "distinct"


def write_every_form_s_words(store: Store, clock: FixedClock) -> None:
    """A history in which each field of words of each form holds its marker."""
    now = clock.now()
    today = date(now.year, now.month, now.day)
    day = today - timedelta(days=10)
    settings = store.settings()

    agenda = new_checkin(settings, "a", (now - timedelta(days=7)).isoformat())
    for partner in "ab":
        lines = [typed("AppreciationsDialog", f"appreciation-{partner}-{n}") for n in (1, 2, 3)]
        agenda = with_appreciations(agenda, partner, lines)
        agenda = with_wish(agenda, partner, typed("WishesDialog", f"wish-{partner}"))
    hidden = Rating("a", 3, typed("HiddenRatingDialog", "hidden-note"))
    ended = (now - timedelta(days=7, hours=-1)).isoformat()
    store.save_finished_checkin(
        replace(
            agenda, status=CheckinStatus.FINISHED, ended_at=ended, ratings=(hidden, Rating("b", 4))
        ),
        (today - timedelta(days=7)).isoformat(),
    )
    clock_only = replace(
        new_checkin(settings, "b", now.isoformat()), agenda=CLOCK_ONLY, step=CLOCK_ONLY[0]
    )
    notes = tuple(Rating(p, 4) for p in "ab")
    store.save_finished_checkin(
        replace(clock_only, status=CheckinStatus.FINISHED, ended_at=now.isoformat(), ratings=notes),
        today.isoformat(),
    )

    draft = RitualDraft(typed("RitualDialog", "name"), Cadence.daily(), Who.TOGETHER)
    store.save_rituals([RitualList(store.rituals()).new_ritual(draft, day)])

    request = new_request(
        "q-1",
        asker="a",
        day=day,
        **{field: typed("RequestDialog", field) for field in ("hurt", "need", "ask")},
    )
    request = add_step(
        request, StepKind.NOT_AS_ASKED, "b", day, text=typed("AnswerDialog", "reason")
    )
    request = add_step(
        request, StepKind.ALTERNATIVE, "b", day, text=typed("AlternativeDialog", "alternative")
    )
    store.save_request(request)

    repair = Repair(what=typed("AgreementDialog", "repair-what"), days=1)
    proposed = propose("g-1", typed("AgreementDialog", "wording"), "a", day, repair, 2)
    lapsed, repair_ritual = log_lapse_with_repair(
        sign(sign(proposed, "a"), "b"), "l-1", "b", day, day, typed("LapseDialog", "note"), []
    )
    store.save_lapse(lapsed, repair_ritual)
    reworded = propose("g-2", "To be reworded", "b", day, Repair(days=1), 2)
    lapsed, repair_ritual = log_lapse_with_repair(
        sign(sign(reworded, "a"), "b"), "l-2", "a", day, day, "", []
    )
    store.save_lapse(lapsed, repair_ritual)
    store.save_agreement(
        record_review(
            lapsed,
            day + timedelta(days=2),
            typed("ReviewDialog", "note"),
            ReviewOutcome.REWORD,
            typed("ReviewDialog", "new-wording"),
        )
    )

    at = now - timedelta(days=2)
    words = {field: typed("MomentDialog", field) for field in ("what_happened", "triggers")}
    tags = {field: [typed("MomentDialog", field)] for field in ("tags", "helped_tags")}
    store.save_moment(
        new_moment(
            "m-1",
            at=at,
            now=now,
            who="both",
            kind=MomentKind.NEGLECT,
            helped=typed("MomentDialog", "helped"),
            **words,
            **tags,
        )
    )

    plan = {
        field.replace("-", "_"): typed("PlanDialog", field)
        for field in ("therapist", "approach", "contact")
    }
    hopes = {f"hopes_{p}": [typed("PlanDialog", f"hopes-{p}")] for p in "ab"}
    store.update_therapy_plan(**plan, **hopes)
    store.save_session(new_session("s-1", day, typed("SessionDialog", "takeaways"), today))
    practice = new_assignment("p-1", "both", typed("AssignmentDialog", "what"), day)
    worked, adjust = (typed("AttemptDialog", field) for field in ("worked", "adjust"))
    store.save_assignment(add_attempt(practice, "t-1", day, 3, today, worked, adjust))


@pytest.fixture
def every_form_s_words(set_up_path: Path, clock: FixedClock) -> Store:
    with Store.open(set_up_path, clock) as store:
        write_every_form_s_words(store, clock)
    return Store.peek(set_up_path, clock)


def the_reports(store: Store, clock: FixedClock, notes: bool) -> dict[str, str]:
    """The report of the last month, in Markdown and in JSON."""
    today = clock.now().date()
    with store:
        report = gather_report(store, Period(today - timedelta(days=30), today), clock.now(), notes)
    return {"markdown": render_markdown(report), "json": render_json(report)}


def test_every_word_typed_in_a_form_is_in_the_report_and_in_no_line_of_the_shareable_one(
    every_form_s_words: Store, clock: FixedClock
) -> None:
    full = the_reports(every_form_s_words, clock, notes=True)
    shared = the_reports(every_form_s_words, clock, notes=False)
    for form, text in full.items():
        missing = [key for key, typed_in in TYPED.items() if typed_in not in text]
        assert not missing, f"the {form} report leaves out {missing}"
    for form, text in shared.items():
        for number, line in enumerate(text.splitlines(), start=1):
            leaked = [key for key, typed_in in TYPED.items() if typed_in in line]
            assert not leaked, f"line {number} of the shareable {form} report: {line!r}"
    # Names stay: the summary still says whose it is.
    assert "# Attune report: Sam & Alex" in shared["markdown"]
    assert '"a": "Sam"' in shared["json"]


def test_without_own_words_empties_each_declared_field_however_deep_and_keeps_the_rest() -> None:
    moment = new_moment(
        "m",
        at=datetime.fromisoformat("2026-11-20T19:00:00+00:00"),
        now=datetime.fromisoformat("2026-11-22T10:00:00+00:00"),
        who="a",
        kind=MomentKind.REPAIR,
        what_happened="Said sorry",
        tags=["work-late"],
        strength=4,
    )
    held = {"moments": [moment], "pair": (moment, 3)}
    emptied = without_own_words(held["moments"]), without_own_words(held["pair"])
    (bare,), (bare_again, three) = emptied
    assert (bare.what_happened, bare.tags, bare.helped, bare.triggers) == ("", (), "", "")
    assert (bare.id, bare.at, bare.kind, bare.strength) == (moment.id, moment.at, moment.kind, 4)
    assert bare_again == bare and three == 3
    plain = Rating("a", 2)
    assert without_own_words(plain) is plain, "nothing to empty: the same record"
    agreement = propose("g", "Our words", "a", date(2026, 11, 1), Repair(what="a walk"), 7)
    bare_agreement = without_own_words(agreement)
    assert (bare_agreement.wording, bare_agreement.repair.what) == ("", "")
    assert bare_agreement.repair.minutes_per_day == agreement.repair.minutes_per_day


def test_words_three_records_down_are_emptied_and_a_record_with_none_is_the_same_one() -> None:
    leaf = Leaf("ours", ("tag",), 3)
    tree = Tree(
        branches=[
            Branch(
                (leaf, Leaf("more")),
                maybe=leaf,
                loose=[leaf],
                untyped_items=(leaf,),
            )
        ],
        unread=(Unread(leaf),),
        day=date(2026, 11, 2),
        counts={"a": 1},
    )
    bare = without_own_words(tree)
    (branch,) = bare.branches
    empty = Leaf("", (), 3)
    assert branch.leaves == (empty, Leaf(""))
    assert (branch.maybe, branch.loose, branch.untyped_items) == (empty, [empty], (empty,))
    assert bare.unread == (Unread(empty),)
    assert (bare.day, bare.counts) == (tree.day, tree.counts)
    counts = Counts(date(2026, 11, 2), (1, 2, 3), Rating("a", 4))
    assert without_own_words(counts) is counts
    words_left_empty = Tree([Branch((Leaf(""),))], (Unread(),), date(2026, 11, 2), {})
    assert without_own_words(words_left_empty) is words_left_empty
