"""The report: a fixed history's Markdown compared with a golden file a reviewer can read, its
JSON parsed back and checked table by table, notes left out on request, and periods."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pendulum
import pytest
from msgspec.structs import replace

from tui.clock import FixedClock
from tui.core.agreements import (
    Repair,
    ReviewOutcome,
    log_lapse_with_repair,
    propose,
    record_review,
    sign,
)
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating, TurnRecord
from tui.core.moments import MomentKind, new_moment
from tui.core.progress import ProgressPeriod, history_until
from tui.core.progress_series import period_series
from tui.core.progress_words import sentences
from tui.core.report import (
    InvalidPeriod,
    Period,
    choose_period,
    last_month,
    render_json,
    render_markdown,
)
from tui.core.requests import StepKind, add_step, new_request
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.core.therapy import add_attempt, new_assignment, new_session
from tui.exports import gather_report, sources_of
from tui.store import Store

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("ATTUNE_UPDATE_GOLDEN") == "1"
"""Set to 1 to write the golden files afresh from the code (then read the diff)."""
NOW = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")
TODAY = date(2026, 11, 22)
PERIOD = Period(date(2026, 10, 23), TODAY)
PLAN = CheckinPlan("a", 300_000, 1, 60_000, 2_700_000, 1_200_000)


def _checkin(number: int, day: date, spoken: tuple[int, int], ratings, stuck=False):
    started = f"{day.isoformat()}T19:00:00+00:00"
    return CheckinRecord(
        id=f"checkin{number}",
        started_at=started,
        plan=PLAN,
        turns=(
            TurnRecord("a", 300_000, spoken[0], started),
            TurnRecord("b", 300_000, spoken[1], started),
        ),
        status=CheckinStatus.FINISHED,
        ended_at=f"{day.isoformat()}T19:30:00+00:00",
        ratings=tuple(Rating(partner, score, note) for partner, score, note in ratings),
        stuck=stuck,
    )


def write_fixed_history(store: Store) -> None:
    """A month of a couple's record, the same on every run: every part of the report has
    something in it, and [markup], | pipes and emoji stay text."""
    store.save_rituals(
        [
            Ritual(
                "r-talk", "Talk time | phones away", Cadence.daily(), Who.TOGETHER, 0, "2026-10-01"
            ),
            Ritual("r-hug", "Morning hug", Cadence.daily(), Who.EACH, 1, "2026-11-01"),
            Ritual("r-walk", "Walk", Cadence.weekly(2), Who.TOGETHER, 2, "2026-10-01"),
        ]
    )
    for offset in range(0, 30, 2):
        day = (TODAY - timedelta(days=offset)).isoformat()
        store.set_mark(day, "r-talk", "together", Mark.DONE)
    for offset in range(0, 21):
        day = (TODAY - timedelta(days=offset)).isoformat()
        store.set_mark(day, "r-hug", "a", Mark.DONE if offset % 3 else Mark.SKIPPED)
    store.set_mark("2026-11-20", "r-walk", "together", Mark.DONE)
    store.save_checkin(
        _checkin(1, date(2026, 11, 1), (240_000, 360_000), [("a", 3, "Tired"), ("b", 4, "")])
    )
    store.save_checkin(
        _checkin(
            2,
            date(2026, 11, 8),
            (330_000, 270_000),
            [("a", 2, "We got [b]stuck[/b] on money"), ("b", 2, "")],
            stuck=True,
        )
    )
    store.save_checkin(
        _checkin(
            3, date(2026, 11, 15), (300_000, 300_000), [("a", 4, ""), ("b", 5, "Felt heard 💛")]
        )
    )
    store.save_checkin(  # Sam passed that week: Alex's rating shows beside the pass
        replace(
            _checkin(4, date(2026, 11, 21), (310_000, 290_000), [("b", 3, "")], stuck=True),
            passed=("a",),
        )
    )

    def signed(agreement_id: str, text: str):
        return sign(sign(propose(agreement_id, text, "a", date(2026, 9, 1), Repair(), 7), "a"), "b")

    store.save_agreement(signed("g-phones", "Phones away at dinner."))
    lapsed, repair = log_lapse_with_repair(
        signed("g-kind", "When I feel ignored, I say so kindly."),
        "l-1",
        "b",
        date(2026, 10, 30),
        date(2026, 10, 30),
        "I was absorbed in work | needed a listener",
        [],
    )
    store.save_lapse(lapsed, repair)
    for offset in range(5):
        store.set_mark(
            (date(2026, 10, 30) + timedelta(days=offset)).isoformat(), "l-1", "b", Mark.DONE
        )
    store.save_agreement(
        record_review(lapsed, date(2026, 11, 7), "Slowing down helped", ReviewOutcome.KEEP)
    )
    at = datetime(2026, 11, 10, 20, 15, tzinfo=NOW.tzinfo)
    store.save_moment(
        new_moment(
            "m-1",
            at=at,
            now=at,
            who="a",
            kind=MomentKind.NEGLECT,
            what_happened="Scrolled through dinner [@click=app.quit]x[/]",
            triggers="Long day",
            tags=("phones", "dinner"),
            helped="Asking to pause",
            strength=4,
        )
    )
    store.save_moment(
        new_moment(
            "m-2",
            at=at + timedelta(days=2),
            now=at + timedelta(days=2),
            who="both",
            kind=MomentKind.CONNECTION,
            what_happened="Danced in the kitchen",
            tags=("music",),
        )
    )
    request = new_request(
        "q-1",
        asker="a",
        need="To feel a priority",
        ask="Phones in the drawer at dinner",
        day=date(2026, 11, 2),
        hurt="Felt alone at the table",
    )
    request = add_step(request, StepKind.DOABLE, "b", date(2026, 11, 3))
    request = add_step(request, StepKind.KEPT, "a", date(2026, 11, 10))
    store.save_request(request)
    store.update_therapy_plan(
        hopes_a=["To feel heard", "More evenings together"],
        hopes_b=["To notice sooner"],
        therapist="Dr Maya Okafor",
        approach="Emotionally focused",
        contact="clinic@example.org",
        session_every=2,
        next_session=datetime(2026, 11, 26, 17, 30, tzinfo=NOW.tzinfo),
    )
    store.save_session(new_session("s-1", date(2026, 10, 29), "Name the feeling first.", TODAY))
    store.save_session(
        new_session("s-2", date(2026, 11, 12), "Reflect back before answering.", TODAY)
    )
    practice = new_assignment(
        "p-1", "both", "Reflect back for ten minutes", date(2026, 11, 12), date(2026, 11, 25)
    )
    practice = add_attempt(
        practice, "t-1", date(2026, 11, 14), 2, TODAY, "Slowing down", "Start earlier"
    )
    practice = add_attempt(practice, "t-2", date(2026, 11, 18), 4, TODAY, "Eye contact", "")
    store.save_assignment(practice)


@pytest.fixture
def history(set_up_path: Path, clock: FixedClock) -> Store:
    with Store.open(set_up_path, clock) as store:
        write_fixed_history(store)
    return Store.peek(set_up_path, clock)


def _compare_with_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (ATTUNE_UPDATE_GOLDEN=1)"


def test_the_report_of_a_fixed_history_reads_as_the_golden_file(history: Store) -> None:
    with history:
        _compare_with_golden(
            "report.md", render_markdown(gather_report(history, PERIOD, NOW, True))
        )


def test_the_shareable_summary_leaves_every_note_out(history: Store) -> None:
    with history:
        text = render_markdown(gather_report(history, PERIOD, NOW, False))
    _compare_with_golden("report-no-notes.md", text)
    for note in (
        "stuck[/b] on money",
        "Felt heard",
        "absorbed in work",
        "Slowing down helped",
        "Scrolled through dinner",
        "To feel a priority",
        "Felt alone",
        "Name the feeling",
        "Start earlier",
        "clinic@example.org",
        "Phones in the drawer",
        "Dr Maya Okafor",
        "To feel heard",
        "Morning hug",
        "say so kindly",
        "Reflect back for ten minutes",
        "phones, dinner",
    ):
        assert note not in text
    assert text.splitlines()[0] == "# Attune report: Sam & Alex"
    assert "Everything you wrote in your own words is left out" in text.splitlines()[4]


def test_the_json_is_complete_and_parses_back_table_by_table(history: Store) -> None:
    with history:
        document = json.loads(render_json(gather_report(history, PERIOD, NOW, True)))
    assert document["format"] == "attune-report" and document["format_version"] == 2
    assert document["period"] == {"first": "2026-10-23", "last": "2026-11-22"}
    assert document["couple"] == {"a": "Sam", "b": "Alex"}
    checkins = document["checkins"]
    assert [c["id"] for c in checkins] == ["checkin1", "checkin2", "checkin3", "checkin4"]
    assert checkins[1]["ratings"]["a"] == {"score": 2, "label": "a little connected"}
    assert checkins[1]["notes"]["a"] == "We got [b]stuck[/b] on money" and checkins[1]["stuck"]
    assert checkins[3]["ratings"]["a"] is None
    assert [w["week_of"] for w in document["checkin_weeks"]] == [
        "2026-10-26",
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
    ]
    assert document["checkin_weeks"][0]["talk_share_a"] == 0.4
    rituals = {(r["id"], r["person"]): r for r in document["rituals"]}
    assert rituals[("r-talk", "together")]["done"] == 15
    assert rituals[("r-hug", "a")]["streak_unit"] == "days"
    assert ("l-1", "b") not in rituals, "a repair is reported with its agreement"
    agreements = {a["id"]: a for a in document["agreements"]}
    lapse = agreements["g-kind"]["lapses"][0]
    assert (lapse["day"], lapse["repair_days_done"], lapse["repair_days"]) == ("2026-10-30", 5, 7)
    assert agreements["g-kind"]["reviews"][0]["outcome"] == "keep"
    assert document["moments"]["counts"] == {"connection": 1, "neglect": 1, "repair": 0}
    assert document["moments"]["moments"][0]["strength"] == {"score": 4, "label": "4 of 5"}
    (request,) = document["requests"]
    assert request["status"] == "kept" and [s["kind"] for s in request["steps"]] == [
        "doable",
        "kept",
    ]
    assert document["wins"][0]["request_id"] == "q-1"
    therapy = document["therapy"]
    assert [s["id"] for s in therapy["sessions"]] == ["s-1", "s-2"]
    attempts = therapy["assignments"][0]["attempts"]
    assert attempts[0]["how_it_went"] == {"score": 2, "label": "rocky"}
    assert therapy["plan"]["next_session"] == "2026-11-26T17:30:00Z"
    assert therapy["stuck_to_raise"] == ["2026-11-21"]


def test_the_report_carries_the_progress_view_s_series_and_sentences(history: Store) -> None:
    """Over the view's four weeks the report says what the view says, from the same series."""
    four_weeks = Period(TODAY - timedelta(days=27), TODAY)
    with history:
        report = gather_report(history, four_weeks, NOW, True)
        view = period_series(history_until(sources_of(history), TODAY), ProgressPeriod.FOUR_WEEKS)
    assert report.progress.series == view
    names = {"a": "Sam", "b": "Alex"}
    assert report.progress.sentences == sentences(view, names, "in this period")
    document = json.loads(render_json(report))
    assert document["progress"]["series"]["connection"]["a"] == [3.0, 2.0, 4.0, None]
    assert document["progress"]["series"]["starts"][0] == "2026-10-26"
    assert document["progress"]["sentences"]["connection"] == report.progress.sentences.connection
    markdown = render_markdown(report)
    assert f"- {report.progress.sentences.talk}" in markdown.split("## Weekly check-ins")[0]


def test_json_without_notes_has_no_note_fields(history: Store) -> None:
    with history:
        document = json.loads(render_json(gather_report(history, PERIOD, NOW, False)))
    assert document["notes_included"] is False
    assert "notes" not in document["checkins"][0]
    assert "what_happened" not in document["moments"]["moments"][0]
    assert "takeaways" not in document["therapy"]["sessions"][0]
    assert "contact" not in document["therapy"]["plan"]


def test_an_empty_file_reports_that_nothing_happened(store: Store, clock: FixedClock) -> None:
    text = render_markdown(gather_report(store, PERIOD, NOW, True))
    assert "No check-ins in this period." in text and "No sessions in this period." in text
    json.loads(render_json(gather_report(store, PERIOD, NOW, True)))


def test_periods() -> None:
    assert last_month(TODAY) == Period(date(2026, 10, 23), TODAY)
    assert last_month(date(2026, 3, 31)) == Period(date(2026, 3, 1), date(2026, 3, 31))
    assert last_month(date(2026, 1, 15)) == Period(date(2025, 12, 16), date(2026, 1, 15))
    assert choose_period(None, None, TODAY) == last_month(TODAY)
    assert choose_period("2026-01-01", "2026-02-01", TODAY) == Period(
        date(2026, 1, 1), date(2026, 2, 1)
    )
    for first, last, words in (
        ("2026-13-01", None, "not a date"),
        ("2026-11-02", "2026-11-01", "comes after"),
        ("1900-01-01", None, "twenty years"),
    ):
        with pytest.raises(InvalidPeriod, match=words):
            choose_period(first, last, TODAY)
