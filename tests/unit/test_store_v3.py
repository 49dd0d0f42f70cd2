"""Format version 3: moments, requests and therapy in the data file.

The migration from version 2, round trips (hostile text included), damaged records refused with
a plain message and the file left as it was, and writes that fail leaving memory as on disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tui.clock import FixedClock
from tui.core.agreements import IllegalTransition
from tui.core.moments import Moment, MomentKind, edit_moment, mark_talked_about, new_moment
from tui.core.requests import (
    Request,
    RequestStatus,
    RequestStep,
    StepKind,
    add_step,
    new_request,
)
from tui.core.text import InvalidText
from tui.core.therapy import (
    Assignment,
    Attempt,
    Session,
    TherapyPlan,
    new_assignment,
    new_session,
    revise_plan,
)
from tui.store import ChangedOutside, DataFileDamaged, SaveFailed, Store, schema
from tui.store.errors import ReadOnly
from tui.store.glance import quick_short_line
from tui.store.record_documents import plan_to_document

from ..conftest import make_settings
from ..profiles import examples
from ..strategies import hostile_text
from . import test_store_states as states

TODAY = date(2026, 11, 22)
HOSTILE = (
    "[bold]loud[/] [/] [@click=app.quit]x[/] [$accent] [link=file:///]x[/link] \\",
    "\x1b[31mred\x1b[0m \x1b]8;;file:///etc/passwd\x07link \x07 \t tab",
    "界" * 2500 + "x" * 2500,
    "👩‍❤️‍👨 🙂 e\u0301\u0302 \u202eright to left\u200b",
    "",
)


def logged(store: Store, moment_id: str = "m1", **fields: Any) -> Moment:
    now = store._clock.now()
    arguments = {
        "at": now.subtract(hours=2),
        "who": "a",
        "kind": MomentKind.NEGLECT,
        "what_happened": "Scrolled through dinner",
        "tags": ["phones"],
        **fields,
    }
    return new_moment(moment_id, now=now, **arguments)


def asked(request_id: str = "r1") -> Request:
    return new_request(
        request_id, asker="a", need="to feel heard", ask="Phones away at dinner", day=TODAY
    )


# --- the migration ----------------------------------------------------------------------------

VERSION_2 = {
    "meta": {"1": {"schema_version": 2, "created": "2026-01-01T09:00:00+00:00"}},
    "settings": {"1": {"partner_a": "Zoë", "partner_b": "Aleš", "time_zone": "Europe/London"}},
    "rituals": {
        "1": {
            "id": "r1",
            "key": 1,
            "name": "Talk time [b]",
            "cadence": {"kind": "daily", "times_per_week": 1, "weekdays": []},
            "who": "each",
            "position": 0,
            "created": "2026-01-01",
        }
    },
    "days": {"1": {"day": "2026-11-21", "marks": "1.a=done 1.b=skipped"}},
    "agreements": {},
    "checkins": {},
}


def write(path: Path, tables: dict[str, Any]) -> bytes:
    raw = msgspec.json.encode(tables)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


def test_a_version_2_file_gains_the_new_tables_after_a_backup(
    data_path: Path, clock: FixedClock
) -> None:
    old = write(data_path, VERSION_2)

    with Store.open(data_path, clock) as store:
        assert (store.moments(), store.requests(), store.sessions()) == ([], [], [])
        assert store.therapy_plan() == TherapyPlan()
        assert store.settings().partners.a == "Zoë"
        assert [ritual.name for ritual in store.rituals()] == ["Talk time [b]"]

    assert (data_path.parent / "backups" / "attune-2026-11-22.json").read_bytes() == old
    migrated = msgspec.json.decode(data_path.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION  # and on, past 3
    assert (migrated["moments"], migrated["requests"], migrated["therapy"]) == ({}, {}, {})
    unchanged = {name: table for name, table in migrated.items() if name not in ("meta",)}
    for name in ("moments", "requests", "therapy"):
        del unchanged[name]
    assert unchanged == {name: table for name, table in VERSION_2.items() if name != "meta"}
    assert migrated["meta"]["1"]["created"] == VERSION_2["meta"]["1"]["created"]


def test_the_version_3_step_is_pure_and_keeps_what_is_there() -> None:
    step = schema.MIGRATIONS[2]
    before = msgspec.json.decode(msgspec.json.encode(VERSION_2))
    after = step(before)
    assert before == VERSION_2, "the step changed what it was given"
    assert {name: after[name] for name in ("moments", "requests", "therapy")} == {
        "moments": {},
        "requests": {},
        "therapy": {},
    }
    odd = step({**VERSION_2, "moments": {"1": {"what": "kept for the checks to refuse"}}})
    assert odd["moments"] == {"1": {"what": "kept for the checks to refuse"}}


def test_a_version_2_file_with_a_damaged_table_of_its_own_is_refused_untouched(
    data_path: Path, clock: FixedClock
) -> None:
    old = write(data_path, {**VERSION_2, "moments": {"1": {"what": "not a moment"}}})
    with pytest.raises(DataFileDamaged, match="a moment in it is not readable"):
        Store.open(data_path, clock)
    assert data_path.read_bytes() == old
    assert not (data_path.parent / "backups").exists()


def test_a_new_file_is_created_at_version_4(set_up_path: Path) -> None:
    assert schema.SCHEMA_VERSION == 4
    saved = msgspec.json.decode(set_up_path.read_bytes())
    assert saved["meta"]["1"]["schema_version"] == 4


def test_the_prompt_line_reads_a_current_file(store: Store, set_up_path: Path) -> None:
    store.save_moment(logged(store))
    line = quick_short_line(set_up_path, store._clock)
    assert line is not None and line.startswith("Attune ")


# --- round trips ------------------------------------------------------------------------------


def test_moments_requests_and_therapy_survive_a_reopen(
    store: Store, set_up_path: Path, clock: FixedClock
) -> None:
    moments = [
        logged(store, "m1"),
        logged(
            store,
            "m2",
            kind=MomentKind.CONNECTION,
            who="both",
            at=datetime(2026, 7, 1, 20, 30, tzinfo=UTC) + timedelta(hours=0),
            triggers="a quiet evening",
            helped="phones away",
            helped_tags=["phones-away"],
            strength=5,
        ),
    ]
    for moment in moments:
        store.save_moment(moment)
    request = store_request_with_every_kind_of_step(store)
    plan = store.update_therapy_plan(
        hopes_a=["To feel heard"],
        hopes_b=["To notice sooner"],
        therapist="Dr Okafor",
        approach="Emotionally focused",
        contact="front desk",
        session_every=2,
        next_session=clock.now().add(days=4),
    )
    session = new_session("s1", TODAY, "Pause first", TODAY)
    store.save_session(session)
    assignment = new_assignment("p1", "b", "Reflective listening", TODAY, TODAY + timedelta(7))
    store.save_assignment(assignment)
    attempted = store.add_attempt("p1", "t1", TODAY, 4, TODAY, "Slowing down", "Earlier")
    store.close()

    with Store.open(set_up_path, clock) as reopened:
        assert reopened.moments() == sorted(moments, key=lambda m: m.at)
        assert reopened.requests() == [request]
        assert reopened.therapy_plan() == plan
        assert reopened.sessions() == [session]
        assert reopened.assignments() == [attempted]
        assert attempted.attempts[0].worked == "Slowing down"


def store_request_with_every_kind_of_step(store: Store) -> Request:
    store.save_request(asked())
    store.add_step("r1", StepKind.THINKING, "b", TODAY, answer_by=TODAY + timedelta(days=3))
    store.add_step("r1", StepKind.NOT_AS_ASKED, "b", TODAY, text="Not every day")
    store.add_step("r1", StepKind.ALTERNATIVE, "b", TODAY, text="On weekdays")
    store.add_step("r1", StepKind.ACCEPTED, "a", TODAY)
    return store.add_step("r1", StepKind.RITUAL, "a", TODAY, linked_id="ritual-1")


@pytest.mark.parametrize("text", HOSTILE, ids=["markup", "escape codes", "5000", "emoji", "empty"])
def test_hostile_text_round_trips_exactly(
    store: Store, set_up_path: Path, clock: FixedClock, text: str
) -> None:
    # Built directly: the store keeps what it is given; what people may type is the core's
    # business (the rules refuse escape codes), not the file's.
    at = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)
    moment = Moment(
        "m1", at, "a", MomentKind.NEGLECT, text, at, triggers=text, helped=text, edited=at
    )
    request = Request(
        "r1",
        "b",
        text,
        text,
        TODAY,
        hurt=text,
        moment_id=text,
        steps=(RequestStep(TODAY, "a", StepKind.ALTERNATIVE, text=text, linked_id=text),),
    )
    session = Session("s1", TODAY, text)
    assignment = Assignment("p1", "both", text, TODAY, None, (Attempt("t1", TODAY, 3, text, text),))
    store.save_moment(moment)
    store.save_request(request)
    store.save_session(session)
    store.save_assignment(assignment)
    store.close()
    plan = TherapyPlan(hopes_a=(text,), therapist=text, approach=text, contact=text)
    tables = msgspec.json.decode(set_up_path.read_bytes())
    tables["therapy"]["9"] = plan_to_document(plan)
    write(set_up_path, tables)

    with Store.open(set_up_path, clock) as reopened:
        assert reopened.moments() == [moment]
        assert reopened.requests() == [request]
        assert reopened.sessions() == [session]
        assert reopened.assignments() == [assignment]
        assert reopened.therapy_plan() == plan


def test_partners_are_stored_as_a_and_b_so_a_new_name_shows_everywhere(
    store: Store, set_up_path: Path
) -> None:
    store.save_moment(logged(store, who="b"))
    store.save_request(asked())
    store.save_assignment(new_assignment("p1", "a", "Listen", TODAY))
    store.update_settings(partners=make_settings("Samira", "Alex").partners)
    saved = set_up_path.read_text()
    assert saved.count("Samira") == 1, "only the settings hold a name"
    assert "Sam" not in saved.replace("Samira", "")


# --- writes -----------------------------------------------------------------------------------


def test_moments_are_marked_talked_about_in_one_save(store: Store, set_up_path: Path) -> None:
    for number in range(3):
        store.save_moment(logged(store, f"m{number}"))
    backup_and_first_save = set_up_path.read_bytes()
    marked = store.mark_moments_talked_about(["m0", "m2"], TODAY)
    assert [m.talked_about_on for m in marked] == [TODAY, TODAY]
    assert {m.id: m.talked_about_on for m in store.moments()} == {
        "m0": TODAY,
        "m1": None,
        "m2": TODAY,
    }
    saved = msgspec.json.decode(set_up_path.read_bytes())["moments"]
    assert sorted(d.get("talked_about_on", "") for d in saved.values()) == [
        "",
        "2026-11-22",
        "2026-11-22",
    ]
    with pytest.raises(KeyError):
        store.mark_moments_talked_about(["m1", "nobody"], TODAY)
    assert set_up_path.read_bytes() != backup_and_first_save
    assert store.moments()[1].talked_about_on is None


def test_deleting_records(store: Store, set_up_path: Path, clock: FixedClock) -> None:
    for number in range(3):
        store.save_moment(logged(store, f"m{number}"))
    store.save_request(asked("r1"))
    store.save_session(new_session("s1", TODAY, "", TODAY))
    store.save_session(new_session("s2", TODAY, "", TODAY))
    store.save_assignment(new_assignment("p1", "a", "Listen", TODAY))
    store.delete_moment("m1")
    store.delete_request("r1")
    store.delete_session("s1")
    store.delete_assignment("p1")
    store.delete_moment("never there")
    store.save_moment(logged(store, "m3"))  # a new document after a removed one
    store.close()
    with Store.open(set_up_path, clock) as reopened:
        assert [m.id for m in reopened.moments()] == ["m0", "m2", "m3"]
        assert (reopened.requests(), reopened.assignments()) == ([], [])
        assert [s.id for s in reopened.sessions()] == ["s2"]


def test_a_step_is_checked_against_the_request_as_stored(store: Store, set_up_path: Path) -> None:
    store.save_request(asked())
    stale_copy = store.requests()[0]
    store.add_step("r1", StepKind.WITHDRAWN, "a", TODAY)
    before = set_up_path.read_bytes()
    with pytest.raises(IllegalTransition, match="closed"):
        store.add_step(stale_copy.id, StepKind.DOABLE, "b", TODAY)
    with pytest.raises(InvalidText):
        store.update_therapy_plan(session_every=12)
    assert set_up_path.read_bytes() == before
    assert store.requests()[0].status(TODAY) is RequestStatus.WITHDRAWN
    assert store.therapy_plan() == TherapyPlan()


def test_the_list_of_moments_is_the_caller_s_own(store: Store) -> None:
    store.save_moment(logged(store))
    listed = store.moments()
    listed.clear()
    assert len(store.moments()) == 1


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, payload: bytes, retire: object = None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("tui.store.storage.write_atomically", refuse)


def test_a_failed_save_leaves_memory_as_on_disk(
    store: Store, set_up_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_moment(logged(store, "m1"))
    store.save_request(asked())
    before = set_up_path.read_bytes()
    full_disk(monkeypatch)
    writes = [
        lambda: store.save_moment(logged(store, "m2")),
        lambda: store.save_moment(logged(store, "m1", what_happened="Changed")),
        lambda: store.delete_moment("m1"),
        lambda: store.mark_moments_talked_about(["m1"], TODAY),
        lambda: store.add_step("r1", StepKind.DOABLE, "b", TODAY),
        lambda: store.update_therapy_plan(therapist="Dr Okafor"),
        lambda: store.save_session(new_session("s1", TODAY, "", TODAY)),
        lambda: store.save_assignment(new_assignment("p1", "a", "Listen", TODAY)),
    ]
    for write_something in writes:
        with pytest.raises(SaveFailed, match="the disk is full"):
            write_something()
    monkeypatch.undo()
    assert set_up_path.read_bytes() == before
    (moment,) = store.moments()
    assert (moment.id, moment.what_happened, moment.talked_about_on) == (
        "m1",
        "Scrolled through dinner",
        None,
    )
    assert store.requests() == [asked()]
    assert (store.therapy_plan(), store.sessions(), store.assignments()) == (TherapyPlan(), [], [])
    store.save_moment(logged(store, "m2"))  # works again, in a document of its own
    store.save_moment(logged(store, "m1", what_happened="Changed"))  # in its own document still
    saved = msgspec.json.decode(set_up_path.read_bytes())["moments"].values()
    assert sorted((d["id"], d["what_happened"]) for d in saved) == [
        ("m1", "Changed"),
        ("m2", "Scrolled through dinner"),
    ]


def test_a_failed_batch_rolls_every_record_back(
    store: Store, set_up_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_moment(logged(store, "m1"))
    before = set_up_path.read_bytes()
    full_disk(monkeypatch)
    with pytest.raises(SaveFailed):
        with store.batch():
            store.save_moment(logged(store, "m2"))
            store.delete_moment("m1")
            store.save_request(asked())
            store.update_therapy_plan(therapist="Dr Okafor")
    monkeypatch.undo()
    assert set_up_path.read_bytes() == before
    assert [m.id for m in store.moments()] == ["m1"]
    assert (store.requests(), store.therapy_plan()) == ([], TherapyPlan())
    store.save_moment(logged(store, "m2"))
    assert sorted(m.id for m in store.moments()) == ["m1", "m2"]
    assert len(msgspec.json.decode(set_up_path.read_bytes())["moments"]) == 2


def test_a_read_only_file_refuses_new_records_and_keeps_memory(
    set_up_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(set_up_path, clock) as store:
        store.save_moment(logged(store, "m1"))
    before = set_up_path.read_bytes()
    backups_before = sorted((set_up_path.parent / "backups").iterdir())
    # As on a read-only disk (tests/unit/test_data_paths.py simulates one in full).
    monkeypatch.setattr("tui.store.repository.writable", lambda path: False)
    with Store.open(set_up_path, clock) as store:
        assert store.read_only
        for refused in (
            lambda: store.save_moment(logged(store, "m2")),
            lambda: store.delete_moment("m1"),
            lambda: store.update_therapy_plan(therapist="Dr Okafor"),
        ):
            with pytest.raises(ReadOnly):
                refused()
        assert [m.id for m in store.moments()] == ["m1"]
        assert store.therapy_plan() == TherapyPlan()
    peeked = Store.peek(set_up_path, clock)
    for _twice in range(2):
        with pytest.raises(ReadOnly):
            peeked.save_moment(logged(peeked, "m2"))
        assert [m.id for m in peeked.moments()] == ["m1"]
    monkeypatch.undo()
    assert set_up_path.read_bytes() == before
    assert sorted((set_up_path.parent / "backups").iterdir()) == backups_before


def test_records_changed_outside_show_after_a_reload(
    store: Store, set_up_path: Path, clock: FixedClock
) -> None:
    store.save_moment(logged(store, "m1"))
    tables = msgspec.json.decode(set_up_path.read_bytes())
    (document,) = tables["moments"].values()
    document["what_happened"] = "Changed on the other computer"
    write(set_up_path, tables)
    with pytest.raises(ChangedOutside):
        store.save_moment(logged(store, "m2"))
    assert [m.id for m in store.moments()] == ["m1"]
    store.reload()
    assert store.moments()[0].what_happened == "Changed on the other computer"
    store.save_moment(logged(store, "m2"))
    assert len(store.moments()) == 2


# --- damaged records --------------------------------------------------------------------------


def moment_document(**changes: Any) -> dict[str, Any]:
    document = {
        "id": "m1",
        "at": "2026-11-20T19:30:00+00:00",
        "who": "a",
        "kind": "neglect",
        "what_happened": "Scrolled through dinner",
        "tags": ["phones"],
        "for_checkin": True,
        "created": "2026-11-20T19:31:00+00:00",
    }
    document.update(changes)
    return {key: value for key, value in document.items() if value is not ...}


def request_document(**changes: Any) -> dict[str, Any]:
    document = {
        "id": "r1",
        "asker": "a",
        "need": "to feel heard",
        "ask": "Phones away",
        "created": "2026-11-20",
        "steps": [{"day": "2026-11-21", "by": "b", "kind": "let me think",
                   "answer_by": "2026-11-24"}],
    }  # fmt: skip
    document.update(changes)
    return document


def assignment_document(**changes: Any) -> dict[str, Any]:
    document = {
        "type": "assignment",
        "id": "p1",
        "who": "both",
        "what": "Listen",
        "created": "2026-11-20",
        "until": None,
        "attempts": [{"id": "t1", "on": "2026-11-21", "how_it_went": 3}],
    }
    document.update(changes)
    return document


PLAN = {"type": "plan", "session_every": 2, "next_session": "2026-11-26T17:30:00+00:00"}

DAMAGED = {
    "a moment without an id": (
        {"moments": {"1": moment_document(id=...)}},
        "a moment in it is not readable (its id is missing)",
    ),
    "a moment of an unknown kind": (
        {"moments": {"1": moment_document(kind="joy")}},
        "a moment in it is not readable (its kind is not valid)",
    ),
    "a moment at a time without its zone": (
        {"moments": {"1": moment_document(at="2026-11-20T19:30:00")}},
        "a moment in it is not readable (its time is not valid)",
    ),
    "a moment on a day that does not exist": (
        {"moments": {"1": moment_document(at="2026-02-30T19:30:00+00:00")}},
        "(its time is not valid)",
    ),
    "a moment about someone else": (
        {"moments": {"1": moment_document(who="c")}},
        "(its partner is not valid)",
    ),
    "a moment too strong": (
        {"moments": {"1": moment_document(strength=9)}},
        "(its strength is not valid)",
    ),
    "a moment's tags as text": (
        {"moments": {"1": moment_document(tags="phones")}},
        "(its tags are not valid)",
    ),
    "a moment talked about on no day": (
        {"moments": {"1": moment_document(talked_about_on="soon")}},
        "(its day it was talked about is not valid)",
    ),
    "a moment that is a list": ({"moments": {"1": ["m1"]}}, "holds an entry of the wrong shape"),
    "two moments with one id": (
        {"moments": {"1": moment_document(), "2": moment_document()}},
        "two of its moments share one id",
    ),
    "a request asked by nobody": (
        {"requests": {"1": request_document(asker="c")}},
        "a request in it is not readable (its partner is not valid)",
    ),
    "a request's step of an unknown kind": (
        {
            "requests": {
                "1": request_document(steps=[{"day": "2026-11-21", "by": "b", "kind": "x"}])
            }
        },
        "a request in it is not readable (steps number 1: its kind is not valid)",
    ),
    "a request's step without a day": (
        {"requests": {"1": request_document(steps=[{"by": "b", "kind": "doable"}])}},
        "(steps number 1: its day is missing)",
    ),
    "a request on no day": (
        {"requests": {"1": request_document(created=20261120)}},
        "(its date of creation is not valid)",
    ),
    "a therapy record of no known type": (
        {"therapy": {"1": {"type": "homework", "id": "x"}}},
        "a therapy record in it is of no known type",
    ),
    "two therapy plans": ({"therapy": {"1": PLAN, "2": PLAN}}, "more than one therapy plan"),
    "sessions twelve weeks apart": (
        {"therapy": {"1": {**PLAN, "session_every": 12}}},
        "its therapy plan in it is not readable (its weeks between sessions are not valid)",
    ),
    "a next session at no time": (
        {"therapy": {"1": {**PLAN, "next_session": "Thursday"}}},
        "(its next session is not valid)",
    ),
    "a session on no day": (
        {"therapy": {"1": {"type": "session", "id": "s1", "on": None}}},
        "a therapy session in it is not readable (its day is not valid)",
    ),
    "an attempt that went 0": (
        {
            "therapy": {
                "1": assignment_document(
                    attempts=[{"id": "t", "on": "2026-11-21", "how_it_went": 0}]
                )
            }
        },
        "a therapy assignment in it is not readable (attempts number 1: its how it went is not",
    ),  # fmt: skip
    "an assignment for nobody": (
        {"therapy": {"1": assignment_document(who="")}},
        "(its partner is not valid)",
    ),
}


@pytest.mark.parametrize("tables,reason", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_record_is_refused_in_plain_words_and_left_untouched(
    set_up_path: Path, clock: FixedClock, tables: dict[str, Any], reason: str
) -> None:
    data = msgspec.json.decode(set_up_path.read_bytes())
    damaged = write(set_up_path, {**data, **tables})
    with pytest.raises(DataFileDamaged) as refusal:
        Store.open(set_up_path, clock)
    message = str(refusal.value)
    assert reason in message
    assert message.startswith(f"The data file {set_up_path} can't be used: ")
    assert set_up_path.read_bytes() == damaged
    assert not (set_up_path.parent / "backups").exists()


def test_records_of_every_shape_the_app_writes_are_read_back(
    set_up_path: Path, clock: FixedClock
) -> None:
    data = msgspec.json.decode(set_up_path.read_bytes())
    write(
        set_up_path,
        {
            **data,
            "moments": {"1": moment_document(strength=None, talked_about_on="2026-11-22")},
            "requests": {"1": request_document()},
            "therapy": {"1": PLAN, "2": assignment_document()},
        },
    )
    with Store.open(set_up_path, clock) as store:
        assert store.moments()[0].talked_about_on == TODAY
        assert store.requests()[0].status(TODAY) is RequestStatus.ANSWER_DUE
        assert store.therapy_plan().session_every == 2
        assert store.assignments()[0].attempts[0].how_it_went == 3


# --- ten years --------------------------------------------------------------------------------


def test_ten_years_of_generated_history_open_with_every_new_record(
    tmp_path: Path, clock: FixedClock
) -> None:
    from bench.history import write_history

    path = tmp_path / "history" / "attune.json"
    write_history(path)
    with Store.open(path, clock) as store:
        moments = store.moments()
        assert 2300 <= len(moments) <= 2900
        assert {m.kind for m in moments} == set(MomentKind)
        assert any(m.talked_about_on for m in moments) and any(m.for_checkin for m in moments)
        requests = store.requests()
        assert 200 <= len(requests) <= 280
        statuses = {request.status(TODAY) for request in requests}
        assert {RequestStatus.KEPT, RequestStatus.AGREED, RequestStatus.WITHDRAWN} <= statuses
        assert 50 <= len(store.sessions()) <= 53
        assert all(a.attempts for a in store.assignments())
        assert store.therapy_plan().session_every == 2


# --- any order of writes, some failing or crashing part way -----------------------------------


class RecordsMachine(RuleBasedStateMachine):
    """Moments, requests and therapy written in any order, with faults and crashes during saves
    (see test_store_states.py): the open store and the file always hold every write that
    returned, and nothing else."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="attune-records-"))
        self.path = self.folder / "attune.json"
        self.store = self._open()
        self.store.set_up(make_settings(), created=CLOCK.now().isoformat())
        self.moments: dict[str, Moment] = {}
        self.requests: dict[str, Request] = {}
        self.sessions: dict[str, Session] = {}
        self.plan = TherapyPlan()
        self.counter = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _open(self) -> Store:
        store = Store.open(self.path, CLOCK)
        store.take_daily_backup()
        return store

    def _write(self, save, commit, fault: tuple[int, bool] | None) -> None:  # type: ignore[no-untyped-def]
        if fault is None:
            save()
            commit()
            return
        step, crash = fault
        with states.FaultyDisk(step, crash) as disk:
            try:
                save()
            except states.SimulatedCrash:
                pass
            except SaveFailed:
                pass
        if disk.save_went_through:
            commit()
        if disk.crashed:
            self.store.close()
            self.store = self._open()

    faults = st.none() | st.tuples(
        st.integers(min_value=0, max_value=len(states.SAVE_STEPS) - 1), st.booleans()
    )

    def _new_id(self) -> str:
        self.counter += 1
        return f"id{self.counter}"

    @rule(text=hostile_text, kind=st.sampled_from(list(MomentKind)), fault=faults)
    def log_a_moment(self, text: str, kind: MomentKind, fault: tuple[int, bool] | None) -> None:
        try:
            moment = logged(self.store, self._new_id(), kind=kind, what_happened=text)
        except InvalidText:
            moment = logged(self.store, self._new_id(), kind=kind)
        self._write(
            lambda: self.store.save_moment(moment),
            lambda: self.moments.__setitem__(moment.id, moment),
            fault,
        )

    @precondition(lambda self: self.moments)
    @rule(which=st.integers(min_value=0), strength=st.integers(1, 5), fault=faults)
    def edit_a_moment(self, which: int, strength: int, fault: tuple[int, bool] | None) -> None:
        original = self.moments[sorted(self.moments)[which % len(self.moments)]]
        edited = edit_moment(original, now=CLOCK.now(), strength=strength)
        self._write(
            lambda: self.store.save_moment(edited),
            lambda: self.moments.__setitem__(edited.id, edited),
            fault,
        )

    @precondition(lambda self: self.moments)
    @rule(which=st.integers(min_value=0), fault=faults)
    def delete_a_moment(self, which: int, fault: tuple[int, bool] | None) -> None:
        moment_id = sorted(self.moments)[which % len(self.moments)]
        self._write(
            lambda: self.store.delete_moment(moment_id),
            lambda: self.moments.pop(moment_id),
            fault,
        )

    @precondition(lambda self: self.moments)
    @rule(count=st.integers(min_value=1, max_value=3), fault=faults)
    def talk_moments_over(self, count: int, fault: tuple[int, bool] | None) -> None:
        chosen = sorted(self.moments)[:count]
        marked = mark_talked_about([self.moments[i] for i in chosen], TODAY)
        self._write(
            lambda: self.store.mark_moments_talked_about(chosen, TODAY),
            lambda: self.moments.update({m.id: m for m in marked}),
            fault,
        )

    @rule(fault=faults)
    def ask(self, fault: tuple[int, bool] | None) -> None:
        request = asked(self._new_id())
        self._write(
            lambda: self.store.save_request(request),
            lambda: self.requests.__setitem__(request.id, request),
            fault,
        )

    @precondition(lambda self: self.requests)
    @rule(which=st.integers(min_value=0), kind=st.sampled_from(list(StepKind)), fault=faults)
    def answer(self, which: int, kind: StepKind, fault: tuple[int, bool] | None) -> None:
        request = self.requests[sorted(self.requests)[which % len(self.requests)]]
        by = "a" if kind in (StepKind.WITHDRAWN, StepKind.ACCEPTED) else "b"
        details = {"text": "Weekdays", "answer_by": TODAY, "linked_id": "x"}
        try:
            answered = add_step(request, kind, by, TODAY, **details)  # type: ignore[arg-type]
        except IllegalTransition:
            return
        self._write(
            lambda: self.store.add_step(request.id, kind, by, TODAY, **details),  # type: ignore[arg-type]
            lambda: self.requests.__setitem__(answered.id, answered),
            fault,
        )

    @rule(therapist=st.sampled_from(["", "Dr Okafor", "[b]Dr K[/b] 界"]), fault=faults)
    def revise_the_plan(self, therapist: str, fault: tuple[int, bool] | None) -> None:
        revised = revise_plan(self.plan, therapist=therapist, session_every=2)
        self._write(
            lambda: self.store.update_therapy_plan(therapist=therapist, session_every=2),
            lambda: setattr(self, "plan", revised),
            fault,
        )

    @rule(fault=faults)
    def note_a_session(self, fault: tuple[int, bool] | None) -> None:
        session = new_session(self._new_id(), TODAY, "Pause first", TODAY)
        self._write(
            lambda: self.store.save_session(session),
            lambda: self.sessions.__setitem__(session.id, session),
            fault,
        )

    @precondition(lambda self: self.sessions)
    @rule(fault=faults)
    def delete_a_session(self, fault: tuple[int, bool] | None) -> None:
        session_id = sorted(self.sessions)[0]
        self._write(
            lambda: self.store.delete_session(session_id),
            lambda: self.sessions.pop(session_id),
            fault,
        )

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = self._open()

    @invariant()
    def the_store_and_the_file_equal_the_model(self) -> None:
        model = (self.moments, self.requests, self.plan, self.sessions)

        def view(store: Store) -> tuple[object, ...]:
            return (
                {m.id: m for m in store.moments()},
                {r.id: r for r in store.requests()},
                store.therapy_plan(),
                {s.id: s for s in store.sessions()},
            )

        assert view(self.store) == model, "the open store shows what is on disk, nothing else"
        peeked = Store.peek(self.path, CLOCK)
        assert view(peeked) == model, "a fresh read of the file holds every write that returned"


CLOCK = FixedClock(pendulum.datetime(2026, 11, 22, 10, tz="Europe/London"))
RecordsMachine.TestCase.settings = settings(
    max_examples=examples(60), stateful_step_count=20, deadline=None
)
test_records_against_their_model = RecordsMachine.TestCase
