"""Format version 4: each check-in names its agenda and the step it is at.

The migration from version 3, the new fields and the agenda setting through a save and a reopen,
and check-ins the app could not walk refused with the file left as it was.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from tui.clock import FixedClock
from tui.core.agenda import agenda_with, is_clock_only
from tui.core.checkins import (
    CLOCK_ONLY,
    FULL_AGENDA,
    Appreciation,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    Wish,
)
from tui.core.models import AgendaStep, InvalidSetting
from tui.store import DataFileDamaged, Store, schema
from tui.store.documents import checkin_from_document, checkin_to_document

from ..strategies import hostile_text

BACKUP_NAME = "attune-2026-11-22.json"
"""The daily backup the fixed clock's day names."""

FINISHED_V3 = {
    "id": "5f0c3d6a9b2e4c1f8a7d6e5b4c3a2f10",
    "started_at": "2026-11-15T19:00:00+00:00",
    "status": "finished",
    "ended_at": "2026-11-15T19:42:10+00:00",
    "stuck": True,
    "cooling_offs": 1,
    "plan": {
        "first_speaker": "b",
        "turn_ms": 300_000,
        "rounds": 1,
        "reflect_back_ms": 60_000,
        "heated_limit_ms": 2_700_000,
        "cooling_off_ms": 1_200_000,
    },
    "turns": [
        {
            "speaker": "b",
            "planned_ms": 300_000,
            "spoken_ms": 312_500,
            "started_at": "2026-11-15T19:01:00+00:00",
            "reflect_attempts": 2,
            "heard": True,
        },
        {
            "speaker": "a",
            "planned_ms": 300_000,
            "spoken_ms": 150_000,
            "started_at": "2026-11-15T19:07:00+00:00",
            "reflect_attempts": 0,
            "heard": None,
        },
    ],
    "ratings": [
        {"partner": "a", "score": 4, "note": "Felt [b]closer[/b]"},
        {"partner": "b", "score": 2, "note": ""},
    ],
}
"""A finished check-in as version 3 wrote it: the speaking clock alone, no agenda."""

VERSION_3 = {
    "meta": {"1": {"schema_version": 3, "created": "2026-01-01T09:00:00+00:00"}},
    "settings": {"1": {"partner_a": "Zoë", "partner_b": "Aleš", "time_zone": "Europe/London"}},
    "rituals": {},
    "days": {},
    "agreements": {},
    "checkins": {"1": FINISHED_V3},
    "moments": {},
    "requests": {},
    "therapy": {},
}

STEPS_FILLED = CheckinRecord(
    id="c4",
    started_at="2026-11-22T10:30:00+00:00",
    plan=CheckinPlan("a", 300_000, 2, 60_000, 2_700_000, 1_200_000),
    turns=(TurnRecord("a", 300_000, 280_000, "2026-11-22T10:40:00+00:00", 1, True),),
    status=CheckinStatus.IN_PROGRESS,
    ratings=(Rating("b", 5, "Thank you [/] for [@click=app.quit]x[/]"),),
    cooling_offs=2,
    agenda=(
        AgendaStep.APPRECIATIONS,
        AgendaStep.TALK,
        AgendaStep.REQUESTS,
        AgendaStep.RATINGS,
        AgendaStep.LOOKING_AHEAD,
    ),
    step=AgendaStep.RATINGS,
    skipped=(AgendaStep.REQUESTS,),
    appreciations=(
        Appreciation("a", "You made tea 界"),
        Appreciation("b", "You listened 👩‍❤️‍👨"),
        Appreciation("a", "[bold]You[/] called Mum \\"),
    ),
    passed=("a",),
    requests_made=("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"),
    wishes=(Wish("b", "A walk on Saturday"), Wish("a", "e\u0301 \u202eright to left")),
)
"""A check-in resumed at its ratings with every field of the later steps filled."""


def write(path: Path, tables: dict[str, Any]) -> bytes:
    raw = msgspec.json.encode(tables)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


# --- the migration step -----------------------------------------------------------------------


def test_the_version_4_step_is_pure() -> None:
    before = copy.deepcopy(VERSION_3)
    schema.MIGRATIONS[3](before)
    assert before == VERSION_3, "the step changed what it was given"


def test_every_check_in_becomes_the_clock_alone_at_its_talk() -> None:
    second = {**FINISHED_V3, "id": "c2", "status": "in_progress", "ended_at": None}
    after = schema.MIGRATIONS[3]({**VERSION_3, "checkins": {"1": FINISHED_V3, "7": second}})
    assert after["checkins"] == {
        "1": {**FINISHED_V3, "agenda": ["talk"], "step": "talk"},
        "7": {**second, "agenda": ["talk"], "step": "talk"},
    }
    assert {name: table for name, table in after.items() if name != "checkins"} == {
        name: table for name, table in VERSION_3.items() if name != "checkins"
    }


def test_the_step_keeps_an_agenda_and_a_step_already_there() -> None:
    # Left for the checks after the migration to accept or refuse, never quietly rewritten.
    already = {**FINISHED_V3, "agenda": ["talk", "ratings"], "step": "dancing"}
    after = schema.MIGRATIONS[3]({**VERSION_3, "checkins": {"1": already}})
    assert after["checkins"]["1"] == already


def test_the_step_leaves_what_is_not_a_check_in_alone() -> None:
    odd: dict[str, Any] = {"1": "not an object", "2": ["talk"], "3": None, "4": FINISHED_V3}
    after = schema.MIGRATIONS[3]({**VERSION_3, "checkins": odd})
    assert [after["checkins"][key] for key in ("1", "2", "3")] == ["not an object", ["talk"], None]
    assert after["checkins"]["4"]["agenda"] == ["talk"]


def test_a_file_without_check_ins_gains_no_table() -> None:
    without = {name: table for name, table in VERSION_3.items() if name != "checkins"}
    assert schema.MIGRATIONS[3](without) == without
    assert schema.MIGRATIONS[3]({**VERSION_3, "checkins": {}})["checkins"] == {}


# --- a version-3 file opened --------------------------------------------------------------------


def test_a_version_3_check_in_opens_as_the_clock_alone_with_nothing_lost(
    data_path: Path, clock: FixedClock
) -> None:
    old = write(data_path, VERSION_3)

    with Store.open(data_path, clock) as store:
        [record] = store.checkins()
        assert store.settings().partners.a == "Zoë"

    assert record == CheckinRecord(
        id=FINISHED_V3["id"],
        started_at="2026-11-15T19:00:00+00:00",
        plan=CheckinPlan("b", 300_000, 1, 60_000, 2_700_000, 1_200_000),
        turns=(
            TurnRecord("b", 300_000, 312_500, "2026-11-15T19:01:00+00:00", 2, True),
            TurnRecord("a", 300_000, 150_000, "2026-11-15T19:07:00+00:00", 0, None),
        ),
        status=CheckinStatus.FINISHED,
        ended_at="2026-11-15T19:42:10+00:00",
        ratings=(Rating("a", 4, "Felt [b]closer[/b]"), Rating("b", 2)),
        stuck=True,
        cooling_offs=1,
        agenda=CLOCK_ONLY,
        step=AgendaStep.TALK,
    )
    assert is_clock_only(record)
    assert (record.skipped, record.appreciations, record.passed) == ((), (), ())
    assert (record.requests_made, record.wishes) == ((), ())

    assert (data_path.parent / "backups" / BACKUP_NAME).read_bytes() == old
    migrated = msgspec.json.decode(data_path.read_bytes())
    assert migrated["meta"]["1"] == {**VERSION_3["meta"]["1"], "schema_version": 4}
    assert migrated["checkins"]["1"] == {**FINISHED_V3, "agenda": ["talk"], "step": "talk"}
    untouched = ("meta", "checkins")
    assert {name: table for name, table in migrated.items() if name not in untouched} == {
        name: table for name, table in VERSION_3.items() if name not in untouched
    }


def test_the_migrated_file_reads_the_same_when_opened_again(
    data_path: Path, clock: FixedClock
) -> None:
    write(data_path, VERSION_3)
    with Store.open(data_path, clock) as store:
        first = store.checkins()
    migrated = data_path.read_bytes()
    with Store.open(data_path, clock) as store:
        assert store.checkins() == first
    assert data_path.read_bytes() == migrated, "opening a current file writes nothing"


def test_a_version_3_file_with_an_unreadable_step_is_refused_untouched(
    data_path: Path, clock: FixedClock
) -> None:
    odd = {**FINISHED_V3, "step": "dancing"}
    old = write(data_path, {**VERSION_3, "checkins": {"1": odd}})
    with pytest.raises(DataFileDamaged, match="a check-in in it is not readable"):
        Store.open(data_path, clock)
    assert data_path.read_bytes() == old
    assert not (data_path.parent / "backups").exists()


# --- round trips --------------------------------------------------------------------------------


def test_every_field_of_the_later_steps_survives_a_reopen(
    store: Store, set_up_path: Path, clock: FixedClock
) -> None:
    store.save_checkin(STEPS_FILLED)
    assert store.checkins() == [STEPS_FILLED]
    store.close()

    with Store.open(set_up_path, clock) as reopened:
        [record] = reopened.checkins()
    assert record == STEPS_FILLED
    assert all(isinstance(step, AgendaStep) for step in (*record.agenda, record.step))
    saved = msgspec.json.decode(set_up_path.read_bytes())["checkins"]
    [document] = saved.values()
    assert (document["agenda"], document["step"], document["skipped"]) == (
        ["appreciations", "talk", "requests", "ratings", "looking_ahead"],
        "ratings",
        ["requests"],
    )


def test_saving_the_step_reached_replaces_the_check_in(
    store: Store, set_up_path: Path, clock: FixedClock
) -> None:
    store.save_checkin(replace(STEPS_FILLED, step=AgendaStep.APPRECIATIONS, passed=()))
    store.save_checkin(STEPS_FILLED)
    store.close()
    with Store.open(set_up_path, clock) as reopened:
        assert reopened.checkins() == [STEPS_FILLED]


readable_text = hostile_text.filter(
    lambda text: not any(0xD800 <= ord(character) <= 0xDFFF for character in text)
)
"""What a person could type, less half surrogate pairs (the rules refuse those before a save)."""
partners = st.sampled_from(["a", "b"])


@st.composite
def records_at_any_step(draw: st.DrawFn) -> CheckinRecord:
    agenda = draw(st.sets(st.sampled_from(list(AgendaStep)), min_size=1).map(agenda_with))
    return CheckinRecord(
        id=draw(st.uuids()).hex,
        started_at="2026-11-22T10:30:00+00:00",
        plan=CheckinPlan(draw(partners), 300_000, 2, 60_000, 2_700_000, 1_200_000),
        status=draw(st.sampled_from(list(CheckinStatus))),
        agenda=agenda,
        step=draw(st.sampled_from(agenda)),
        skipped=tuple(sorted(draw(st.sets(st.sampled_from(agenda))), key=agenda.index)),
        appreciations=tuple(
            Appreciation(by, text)
            for by, text in draw(st.lists(st.tuples(partners, readable_text), max_size=6))
        ),
        passed=tuple(draw(st.lists(partners, max_size=2, unique=True))),
        requests_made=tuple(draw(st.lists(st.uuids().map(lambda made: made.hex), max_size=3))),
        wishes=tuple(
            Wish(by, text)
            for by, text in draw(st.lists(st.tuples(partners, readable_text), max_size=2))
        ),
    )


@given(records_at_any_step())
def test_any_check_in_at_any_step_reads_back_as_it_was_written(record: CheckinRecord) -> None:
    document = msgspec.json.decode(msgspec.json.encode(checkin_to_document(record)))
    assert checkin_from_document(document) == record


# --- the agenda setting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "agenda",
    [CLOCK_ONLY, (AgendaStep.TALK, AgendaStep.RATINGS), FULL_AGENDA],
    ids=["clock only", "two steps", "all six"],
)
def test_the_agenda_setting_survives_a_reopen(
    store: Store, set_up_path: Path, clock: FixedClock, agenda: tuple[AgendaStep, ...]
) -> None:
    assert store.update_settings(agenda=agenda).agenda == agenda
    assert store.update_settings(theme="nord").agenda == agenda, "other changes keep it"
    store.close()

    with Store.open(set_up_path, clock) as reopened:
        assert reopened.settings().agenda == agenda
        assert reopened.settings().theme == "nord"
    saved = msgspec.json.decode(set_up_path.read_bytes())["settings"]["1"]
    assert saved["agenda"] == [step.value for step in agenda]


def test_a_new_file_saves_the_whole_meeting_as_its_agenda(set_up_path: Path) -> None:
    saved = msgspec.json.decode(set_up_path.read_bytes())["settings"]["1"]
    assert saved["agenda"] == [step.value for step in AgendaStep]


def test_an_agenda_of_step_names_is_saved_like_one_of_steps(
    store: Store, set_up_path: Path, clock: FixedClock
) -> None:
    store.update_settings(agenda=("talk", "ratings"))
    store.close()
    with Store.open(set_up_path, clock) as reopened:
        assert reopened.settings().agenda == (AgendaStep.TALK, AgendaStep.RATINGS)


@pytest.mark.parametrize("agenda", [(), ("talk", "talk"), (AgendaStep.RATINGS, AgendaStep.TALK)])
def test_an_agenda_setting_that_cant_be_walked_is_not_saved(
    store: Store, set_up_path: Path, agenda: tuple[Any, ...]
) -> None:
    before = set_up_path.read_bytes()
    with pytest.raises(InvalidSetting):
        store.update_settings(agenda=agenda)
    assert set_up_path.read_bytes() == before
    assert store.settings().agenda == FULL_AGENDA


# --- damaged check-ins and settings -------------------------------------------------------------


def current_check_in(**changes: Any) -> dict[str, Any]:
    """A check-in document as version 4 writes it, with `changes` (None removes a field)."""
    document = checkin_to_document(STEPS_FILLED)
    document.update(changes)
    return {name: value for name, value in document.items() if value is not None}


DAMAGED_CHECK_INS = {
    "unknown step": current_check_in(step="dancing"),
    "unknown step on the agenda": current_check_in(agenda=["talk", "dancing"]),
    "unknown skipped step": current_check_in(skipped=["dancing"]),
    "agenda not a list": current_check_in(agenda="talk"),
    "no agenda": current_check_in(agenda=None),
    "no step": current_check_in(step=None),
    "appreciation without its text": current_check_in(appreciations=[{"by": "a"}]),
    "wish not an object": current_check_in(wishes=["A walk"]),
}


@pytest.mark.parametrize("document", DAMAGED_CHECK_INS.values(), ids=DAMAGED_CHECK_INS.keys())
def test_a_check_in_the_app_could_not_walk_is_refused_untouched(
    set_up_path: Path, clock: FixedClock, document: dict[str, Any]
) -> None:
    data = msgspec.json.decode(set_up_path.read_bytes())
    damaged = write(set_up_path, {**data, "checkins": {"1": document}})
    with pytest.raises(DataFileDamaged) as refusal:
        Store.open(set_up_path, clock)
    message = str(refusal.value)
    assert message.startswith(f"The data file {set_up_path} can't be used: ")
    assert "a check-in in it is not readable" in message
    assert set_up_path.read_bytes() == damaged
    assert not (set_up_path.parent / "backups").exists()


@pytest.mark.parametrize(
    "document",
    [current_check_in(agenda=["talk"], step="ratings"), current_check_in(agenda=[], step="talk")],
    ids=["step off the agenda", "empty agenda"],
)
def test_a_check_in_whose_step_is_not_on_its_agenda_is_refused(
    set_up_path: Path, clock: FixedClock, document: dict[str, Any]
) -> None:
    data = msgspec.json.decode(set_up_path.read_bytes())
    damaged = write(set_up_path, {**data, "checkins": {"1": document}})
    with pytest.raises(DataFileDamaged, match="a check-in in it is not readable"):
        Store.open(set_up_path, clock).close()
    assert set_up_path.read_bytes() == damaged


@pytest.mark.parametrize(
    "agenda",
    [[], ["talk", "dancing"], ["ratings", "talk"], "talk", [None]],
    ids=["empty", "unknown step", "out of order", "not a list", "not a name"],
)
def test_a_damaged_agenda_setting_is_refused_untouched(
    set_up_path: Path, clock: FixedClock, agenda: Any
) -> None:
    data = msgspec.json.decode(set_up_path.read_bytes())
    data["settings"]["1"]["agenda"] = agenda
    damaged = write(set_up_path, data)
    with pytest.raises(DataFileDamaged, match="its settings are not valid"):
        Store.open(set_up_path, clock)
    assert set_up_path.read_bytes() == damaged
