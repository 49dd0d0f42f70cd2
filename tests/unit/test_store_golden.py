"""Data format 4, pinned by a golden file: `tests/golden/format-4.json`.

The file holds every table and every kind of record, each optional field both set and left at
its default. Opening it must give exactly the records below, and writing those records to a new
file must give the same documents, so any change to how the store converts records shows here.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pendulum
import pytest

from tui.clock import FixedClock
from tui.core.agreements import Agreement, Lapse, Repair, Review, ReviewOutcome, Wording
from tui.core.checkins import (
    Appreciation,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    Wish,
)
from tui.core.models import AgendaStep, Partners, Settings
from tui.core.moments import Moment, MomentKind
from tui.core.requests import Request, RequestStep, StepKind
from tui.core.rituals import Cadence, CadenceKind, Mark, Ritual, RitualKind, Who
from tui.core.therapy import Assignment, Attempt, Session, TherapyPlan
from tui.store import DataFileDamaged, Store

GOLDEN = Path(__file__).parent.parent / "golden" / "format-4.json"
CREATED = "2026-01-04T09:15:00+00:00"
CLOCK = FixedClock(pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London"))
PARIS_WINTER = timezone(timedelta(hours=1))
NEW_YORK_SUMMER = timezone(timedelta(hours=-4))

SETTINGS = Settings(
    partners=Partners("Sam", "Alex"),
    time_zone="Europe/Paris",
    theme="attune-dark",
    turn_minutes=7,
    cooling_off_minutes=30,
    heated_limit_minutes=60,
    day_rollover_hour=3,
    week_start="sunday",
    rounds=3,
    reflect_back_minutes=2,
    checkin_weekday="thursday",
    love_language_a="touch",
    love_language_b=None,
    starter_rituals_offered=True,
    starter_agreements_offered=False,
    agenda=(AgendaStep.APPRECIATIONS, AgendaStep.TALK, AgendaStep.RATINGS),
    lock_after_minutes=0,
)

RITUALS = [
    Ritual(
        id="r-walk",
        name="Evening walk [bold]",
        cadence=Cadence(CadenceKind.WEEKDAYS, times_per_week=1, weekdays=(0, 2, 4)),
        who=Who.TOGETHER,
        position=0,
        created="2026-01-04",
        archived=False,
        kind=RitualKind.PLAIN,
        only=None,
        ends=None,
    ),
    Ritual(
        id="r-checkin",
        name="Weekly check-in",
        cadence=Cadence(CadenceKind.WEEKLY, times_per_week=2),
        who=Who.TOGETHER,
        position=1,
        created="2026-01-04",
        kind=RitualKind.CHECKIN,
    ),
    Ritual(
        id="r-repair",
        name="Twenty minutes of attention",
        cadence=Cadence(CadenceKind.DAILY),
        who=Who.EACH,
        position=2,
        created="2026-03-01",
        archived=True,
        kind=RitualKind.REPAIR,
        only="b",
        ends="2026-03-07",
    ),
]
# (day, ritual id, person, mark), in the order they are set.
MARKS = [
    ("2026-03-02", "r-walk", "together", Mark.DONE),
    ("2026-03-02", "r-repair", "b", Mark.SKIPPED),
    ("2026-03-02", "r-repair", "a", Mark.NOT_DONE),
    ("2026-03-05", "r-checkin", "together", Mark.DONE),
    ("2026-03-05", "r-walk", "together", Mark.SKIPPED),
]

FULL_CHECKIN = CheckinRecord(
    id="c-full",
    started_at="2026-03-05T19:00:00+01:00",
    plan=CheckinPlan(
        first_speaker="b",
        turn_ms=420_000,
        rounds=1,
        reflect_back_ms=60_000,
        heated_limit_ms=3_600_000,
        cooling_off_ms=1_800_000,
    ),
    turns=(
        TurnRecord(
            speaker="b",
            planned_ms=420_000,
            spoken_ms=415_250,
            started_at="2026-03-05T19:03:00+01:00",
            reflect_attempts=2,
            heard=True,
        ),
        TurnRecord(
            speaker="a",
            planned_ms=420_000,
            spoken_ms=120_000,
            started_at="2026-03-05T19:11:00+01:00",
        ),
    ),
    status=CheckinStatus.FINISHED,
    ended_at="2026-03-05T19:40:00+01:00",
    ratings=(Rating(partner="a", score=4, note="Felt heard"), Rating(partner="b", score=3)),
    stuck=True,
    cooling_offs=1,
    agenda=(AgendaStep.APPRECIATIONS, AgendaStep.WINS, AgendaStep.TALK, AgendaStep.RATINGS),
    step=AgendaStep.RATINGS,
    skipped=(AgendaStep.WINS,),
    appreciations=(Appreciation(by="a", text="You cooked [/] on Tuesday"),),
    passed=("b",),
    requests_made=("q-full",),
    wishes=(Wish(by="b", text="A day by the sea"),),
)
CLOCK_ONLY_CHECKIN = CheckinRecord(
    id="c-clock",
    started_at="2026-03-12T19:00:00+01:00",
    plan=CheckinPlan(
        first_speaker="a",
        turn_ms=300_000,
        rounds=2,
        reflect_back_ms=0,
        heated_limit_ms=2_700_000,
        cooling_off_ms=1_200_000,
    ),
)

SIGNED = Agreement(
    id="g-phones",
    wordings=(
        Wording("Phones away at dinner", "2026-02-01"),
        Wording("Phones in the hall at dinner", "2026-03-10"),
    ),
    proposed_by="together",
    repair=Repair(what="a walk, phones at home", minutes_per_day=30, days=5),
    review_after_days=21,
    signatures=frozenset({"b", "a"}),
    lapses=(
        Lapse(
            id="l-1",
            partner="b",
            day="2026-03-01",
            note="Checked the match score",
            repair=Repair(),
            review_after_days=14,
        ),
    ),
    reviews=(
        Review("2026-03-10", "Better, with the phones in the hall", ReviewOutcome.REWORD, "l-1"),
    ),
    retired=False,
)
PROPOSED = Agreement(
    id="g-draft", wordings=(Wording("Ask before plans", "2026-03-11"),), proposed_by="a"
)
RETIRED = Agreement(
    id="g-old",
    wordings=(Wording("Bed by eleven", "2026-01-10"),),
    proposed_by="b",
    signatures=frozenset({"a", "b"}),
    retired=True,
)

FULL_MOMENT = Moment(
    id="m-full",
    at=datetime(2026, 3, 3, 20, 15, tzinfo=UTC),
    who="a",
    kind=MomentKind.NEGLECT,
    what_happened="Scrolled through dinner\n\x1b[31mred\x1b[0m 界",
    created=datetime(2026, 3, 3, 21, 0, 30, 250_000, tzinfo=PARIS_WINTER),
    triggers="A long day",
    tags=("phones", "dinner"),
    helped="Naming it",
    helped_tags=("naming",),
    strength=4,
    for_checkin=True,
    talked_about_on=date(2026, 3, 5),
    edited=datetime(2026, 3, 4, 8, 0, tzinfo=NEW_YORK_SUMMER),
)
PLAIN_MOMENT = Moment(
    id="m-plain",
    at=datetime(2026, 3, 6, 18, 0, tzinfo=PARIS_WINTER),
    who="both",
    kind=MomentKind.CONNECTION,
    what_happened="",
    created=datetime(2026, 3, 6, 18, 5, tzinfo=PARIS_WINTER),
)

FULL_REQUEST = Request(
    id="q-full",
    asker="b",
    need="to feel a priority",
    ask="Ask me about my day before the news",
    created=date(2026, 3, 5),
    hurt="It felt like the news mattered more",
    moment_id="m-full",
    steps=(
        RequestStep(
            day=date(2026, 3, 6), by="a", kind=StepKind.THINKING, answer_by=date(2026, 3, 9)
        ),
        RequestStep(
            day=date(2026, 3, 8), by="a", kind=StepKind.ALTERNATIVE, text="After dinner instead?"
        ),
        RequestStep(day=date(2026, 3, 9), by="b", kind=StepKind.ACCEPTED),
        RequestStep(day=date(2026, 3, 10), by="a", kind=StepKind.AGREEMENT, linked_id="g-phones"),
    ),
)
PLAIN_REQUEST = Request(
    id="q-plain", asker="a", need="rest", ask="A quiet Sunday", created=date(2026, 3, 8)
)

PLAN = TherapyPlan(
    hopes_a=("Talk without shouting", "Feel close again"),
    hopes_b=(),
    therapist="Dr. Rivera",
    approach="",
    contact="rivera@example.org",
    session_every=2,
    next_session=datetime(2026, 3, 20, 17, 30, tzinfo=PARIS_WINTER),
)
SESSIONS = [
    Session(id="s-1", on=date(2026, 3, 6), takeaways="Speak in I-statements"),
    Session(id="s-2", on=date(2026, 3, 20)),
]
ASSIGNMENTS = [
    Assignment(
        id="t-full",
        who="both",
        what="Ten minutes of talk each evening",
        created=date(2026, 3, 6),
        until=date(2026, 3, 20),
        attempts=(
            Attempt(
                id="t-1", on=date(2026, 3, 7), how_it_went=2, worked="Tea first", adjust="Earlier"
            ),
            Attempt(id="t-2", on=date(2026, 3, 8), how_it_went=5),
        ),
    ),
    Assignment(id="t-plain", who="a", what="Notice one kind thing", created=date(2026, 3, 6)),
]


def write_every_record(path: Path) -> None:
    """Write the records above to a new data file, through the store's own methods."""
    with Store.open(path, CLOCK) as store:
        store.set_up(SETTINGS, created=CREATED)
        store.save_rituals(RITUALS)
        for day, ritual_id, person, mark in MARKS:
            store.set_mark(day, ritual_id, person, mark)
        store.save_checkin(FULL_CHECKIN)
        store.save_checkin(CLOCK_ONLY_CHECKIN)
        store.save_agreements([SIGNED, PROPOSED, RETIRED])
        store.save_moment(FULL_MOMENT)
        store.save_moment(PLAIN_MOMENT)
        store.save_request(FULL_REQUEST)
        store.save_request(PLAIN_REQUEST)
        store.update_therapy_plan(**msgspec.structs.asdict(PLAN))
        for session in SESSIONS:
            store.save_session(session)
        for assignment in ASSIGNMENTS:
            store.save_assignment(assignment)


def test_the_golden_file_reads_as_every_record(tmp_path: Path) -> None:
    path = tmp_path / "attune.json"
    shutil.copyfile(GOLDEN, path)
    with Store.open(path, CLOCK) as store:
        assert store.settings() == SETTINGS
        assert store.rituals() == RITUALS
        book = store.mark_book()
        for day, ritual_id, person, _ in MARKS:
            expected = [mark for (d, r, p, mark) in MARKS if (d, r, p) == (day, ritual_id, person)]
            assert book.get(date.fromisoformat(day), ritual_id, person) == expected[-1]
        assert store.done_days("r-walk", "together", ["2026-03-02", "2026-03-05"]) == {"2026-03-02"}
        assert store.checkins() == [FULL_CHECKIN, CLOCK_ONLY_CHECKIN]
        assert store.agreements() == [SIGNED, PROPOSED, RETIRED]
        assert store.moments() == [FULL_MOMENT, PLAIN_MOMENT]
        assert store.requests() == [FULL_REQUEST, PLAIN_REQUEST]
        assert store.therapy_plan() == PLAN
        assert store.sessions() == SESSIONS
        assert store.assignments() == ASSIGNMENTS
    assert path.read_bytes() == GOLDEN.read_bytes(), "opening a current file writes nothing"


def test_every_record_writes_the_golden_documents(tmp_path: Path) -> None:
    path = tmp_path / "attune.json"
    write_every_record(path)
    written = msgspec.json.decode(path.read_bytes())
    golden = msgspec.json.decode(GOLDEN.read_bytes())
    assert list(written) == list(golden), "the same tables"
    for table, documents in golden.items():
        assert list(written[table]) == list(documents), f"the same documents in {table}"
        for document_id, document in documents.items():
            assert written[table][document_id] == document, f"{table} document {document_id}"


def _damaged(table: str, document_id: str, **changes: object) -> dict:
    """The golden tables with fields of one document changed (a change to None removes it)."""
    tables = msgspec.json.decode(GOLDEN.read_bytes())
    document = tables[table][document_id]
    for name, value in changes.items():
        if value is None:
            del document[name]
        else:
            document[name] = value
    return tables


DAMAGED = {
    "setting out of range": (
        _damaged("settings", "1", turn_minutes=900),
        "its settings are not valid (turn minutes must be between 1 and 30; got 900.)",
    ),
    "no first name": (
        _damaged("settings", "1", partner_a=None),
        "its settings are not valid (partner A's name is missing)",
    ),
    "time zone not text": (
        _damaged("settings", "1", time_zone=5),
        "its settings are not valid (its time zone is not valid)",
    ),
    "check-in without its agenda": (
        _damaged("checkins", "2", agenda=None),
        "a check-in in it is not readable (its agenda is missing)",
    ),
    "check-in plan of the wrong type": (
        _damaged(
            "checkins", "2", plan={**msgspec.to_builtins(CLOCK_ONLY_CHECKIN.plan), "turn_ms": "5"}
        ),
        "a check-in in it is not readable (plan: its length of a turn is not valid)",
    ),
    "second turn without its speaker": (
        _damaged(
            "checkins",
            "1",
            turns=[{"planned_ms": 1, "spoken_ms": 1, "started_at": "2026-03-05T19:11:00+01:00"}],
        ),
        "a check-in in it is not readable (turns number 1: its speaker is missing)",
    ),
    "signatures not a list": (
        _damaged("agreements", "1", signatures="ab"),
        "an agreement in it is not readable (its signatures are not valid)",
    ),
    "agreement without its retired mark": (
        _damaged("agreements", "3", retired=None),
        "an agreement in it is not readable (its retired mark is missing)",
    ),
    "ritual key true": (
        _damaged("rituals", "2", key=True),
        "a ritual in it is not readable (its key is not a whole number)",
    ),
    "cadence of no known kind": (
        _damaged("rituals", "1", cadence={"kind": "often"}),
        "a ritual in it is not readable (cadence: its kind is not valid)",
    ),
}


@pytest.mark.parametrize(("tables", "reason"), DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_document_is_refused_in_words_decided_from_the_types(
    tmp_path: Path, tables: dict, reason: str
) -> None:
    path = tmp_path / "attune.json"
    path.write_bytes(msgspec.json.encode(tables))
    damaged = path.read_bytes()
    with pytest.raises(DataFileDamaged) as refusal:
        Store.open(path, CLOCK)
    assert refusal.value.reason == reason
    assert path.read_bytes() == damaged
