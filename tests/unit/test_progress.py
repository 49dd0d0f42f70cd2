"""Progress: the weekly history, the series of each chart, and the sentence that says what
each shows, on fixed histories (gaps, a single week, a partner who always passes, ten years)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest

from bench.history import build
from tui.clock import FixedClock
from tui.core.agreements import Agreement, Lapse, Repair, Review, ReviewOutcome, Wording
from tui.core.checkins import (
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    checkin_day,
)
from tui.core.mark_book import MarkBook
from tui.core.moments import MomentKind, new_moment
from tui.core.progress import (
    PERIODS,
    ProgressPeriod,
    first_record_day,
    history_until,
    weekly_history,
)
from tui.core.progress_series import Unit, period_series, series_of
from tui.core.progress_words import Halves, sentences
from tui.core.requests import StepKind, add_step, new_request
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.core.sources import Sources
from tui.core.therapy import TherapyPlan, new_session
from tui.exports import sources_of
from tui.store import Store
from tui.store.atomic import write_atomically

from ..conftest import FIXED_MOMENT, make_settings

TODAY = date(2026, 11, 22)
"""A Sunday: with weeks starting on Monday, the last day of its week."""
LONDON = ZoneInfo("Europe/London")
PLAN = CheckinPlan("a", 300_000, 1, 60_000, 2_700_000, 1_200_000)
NAMES = {"a": "Sam", "b": "Alex"}


def checkin(
    number: int,
    day: date,
    ratings: tuple[tuple[str, int], ...] = (("a", 4), ("b", 3)),
    spoken: tuple[int, int] = (240_000, 360_000),
    hour: int = 19,
    **fields: object,
) -> CheckinRecord:
    started = f"{day.isoformat()}T{hour:02d}:00:00+00:00"
    return CheckinRecord(
        id=f"checkin{number}",
        started_at=started,
        plan=PLAN,
        turns=(
            TurnRecord("a", 300_000, spoken[0], started),
            TurnRecord("b", 300_000, spoken[1], started),
        ),
        ended_at=started,
        ratings=tuple(Rating(partner, score) for partner, score in ratings),
        **{"status": CheckinStatus.FINISHED, **fields},  # type: ignore[arg-type]
    )


def sources(**tables: object) -> Sources:
    """A couple's record holding only `tables`."""
    return Sources(
        settings=tables.pop("settings", make_settings()),  # type: ignore[arg-type]
        checkins=tables.pop("checkins", []),  # type: ignore[arg-type]
        rituals=tables.pop("rituals", []),  # type: ignore[arg-type]
        mark_book=tables.pop("mark_book", MarkBook()),  # type: ignore[arg-type]
        agreements=tables.pop("agreements", []),  # type: ignore[arg-type]
        moments=tables.pop("moments", []),  # type: ignore[arg-type]
        requests=tables.pop("requests", []),  # type: ignore[arg-type]
        plan=TherapyPlan(),
        sessions=tables.pop("sessions", []),  # type: ignore[arg-type]
        assignments=[],
    )


def series_for(record: Sources, period: ProgressPeriod, today: date = TODAY):
    return period_series(history_until(record, today), period)


def words_for(record: Sources, period: ProgressPeriod, today: date = TODAY):
    series = series_for(record, period, today)
    first = first_record_day(record, today)
    return series, sentences(series, NAMES, period.span_words(first))


# --- how connected each felt ----------------------------------------------------------------


def test_weeks_without_a_check_in_are_gaps_never_zeros() -> None:
    record = sources(
        checkins=[
            checkin(1, TODAY - timedelta(days=21), (("a", 2), ("b", 3))),
            checkin(2, TODAY - timedelta(days=7), (("a", 4), ("b", 5))),
        ]
    )
    series, words = words_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.unit is Unit.WEEK
    assert series.starts == [TODAY - timedelta(days=6 + 7 * back) for back in (3, 2, 1, 0)]
    assert series.connection == {"a": [2.0, None, 4.0, None], "b": [3.0, None, 5.0, None]}
    assert series.talk_minutes == {"a": [4.0, None, 4.0, None], "b": [6.0, None, 6.0, None]}
    assert series.checkins == [["checkin1"], [], ["checkin2"], []]
    assert words.connection == (
        "Sam felt more connected in the last 2 weeks than in the 2 before (4.0 against 2.0), "
        "and Alex felt more connected (5.0 against 3.0)."
    )


def test_a_single_week() -> None:
    record = sources(checkins=[checkin(1, TODAY, (("a", 4), ("b", 3)))])
    series, words = words_for(record, ProgressPeriod.EVERYTHING)
    assert len(series) == 1 and series.unit is Unit.WEEK
    assert series.connection == {"a": [4.0], "b": [3.0]}
    assert words.connection == "Sam rated 4 of 5, and Alex rated 3 of 5."
    assert words.talk == "Sam spoke for 40% of the talk time since November 2026 and Alex for 60%."


def test_a_partner_who_always_passes() -> None:
    weeks = [TODAY - timedelta(days=7 * back) for back in range(4)]
    record = sources(
        checkins=[
            checkin(number, day, (("a", 3 + number % 2),), passed=("b",))
            for number, day in enumerate(weeks)
        ]
    )
    series, words = words_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.connection["b"] == [None, None, None, None]
    assert words.connection == (
        "Sam felt about as connected in the last 2 weeks as in the 2 before (3.5 against 3.5), "
        "and Alex chose not to rate."
    )


def test_the_cursor_line_says_why_a_week_has_no_rating_and_never_shows_a_hidden_one() -> None:
    from tui.widgets.progress_cards import CHARTS

    weeks = [TODAY - timedelta(days=7 * back) for back in (3, 2, 1)]
    record = sources(
        checkins=[
            checkin(1, weeks[0], (("a", 4),)),  # Alex never answered: Sam's 4 stays hidden
            checkin(2, weeks[1], (("a", 5),), passed=("b",)),
            checkin(3, weeks[2], ()),  # the rating step was skipped
        ]
    )
    series = series_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.connection == {"a": [None, 5.0, None, None], "b": [None] * 4}
    assert series.unrated == {
        "a": ["not shared", None, "not rated", None],
        "b": ["not shared", "passed", "not rated", None],
    }
    legend = CHARTS[0].legend
    lines = [[entry.words(series, index, NAMES) for entry in legend[:2]] for index in range(4)]
    assert lines == [
        ["Sam not shared", "Alex not shared"],
        ["Sam 5", "Alex passed"],
        ["Sam not rated", "Alex not rated"],
        ["Sam –", "Alex –"],
    ]
    # A month of weeks with different reasons says so without choosing one.
    months = [TODAY - timedelta(days=7 * back) for back in range(60)]
    mixed = sources(
        checkins=[
            checkin(number, day, (("a", 4),), passed=("b",) if number % 2 else ())
            for number, day in enumerate(months)
        ]
    )
    everything = series_for(mixed, ProgressPeriod.EVERYTHING)
    assert everything.unit is Unit.MONTH
    assert "not rated" in everything.unrated["b"]
    assert set(everything.unrated["a"]) == {None}


def test_nobody_rated_and_no_check_in_at_all_are_said_plainly() -> None:
    _series, words = words_for(sources(), ProgressPeriod.THREE_MONTHS)
    assert words.connection == "No check-in in these 3 months, so there are no ratings to show."
    passed = sources(checkins=[checkin(1, TODAY, ())])
    assert words_for(passed, ProgressPeriod.THREE_MONTHS)[1].connection == (
        "1 check-in in these 3 months, and neither of you chose to rate."
    )
    # Sam rated but Alex never answered: neither rating is shown, and nobody chose that.
    unshared = sources(checkins=[checkin(1, TODAY, (("a", 4),))])
    assert words_for(unshared, ProgressPeriod.THREE_MONTHS)[1].connection == (
        "1 check-in in these 3 months, and no rating was shared."
    )
    weeks = [TODAY - timedelta(days=7 * back) for back in range(4)]
    rated_once = sources(
        checkins=[checkin(1, weeks[0], (("a", 4), ("b", 3)))]
        + [checkin(number, day, (("a", 5),)) for number, day in enumerate(weeks[1:], start=2)]
    )
    assert words_for(rated_once, ProgressPeriod.FOUR_WEEKS)[1].connection == (
        "Sam rated 4 of 5, and Alex rated 3 of 5."
    )
    alex_hidden = sources(
        checkins=[checkin(1, weeks[0], (("a", 4),), passed=("b",))]
        + [checkin(2, weeks[1], (("b", 3),))]
    )
    assert words_for(alex_hidden, ProgressPeriod.FOUR_WEEKS)[1].connection == (
        "Sam rated 4 of 5, and no rating of Alex's was shared."
    )


def test_the_latest_check_in_of_a_week_gives_its_rating() -> None:
    record = sources(
        checkins=[
            checkin(1, TODAY - timedelta(days=3), (("a", 2), ("b", 2))),
            checkin(2, TODAY - timedelta(days=1), (("a", 5), ("b", 4))),
        ]
    )
    series = series_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.connection == {"a": [None, None, None, 5.0], "b": [None, None, None, 4.0]}
    assert series.talk_minutes["a"][-1] == 8.0  # both check-ins' talk
    assert series.checkins[-1] == ["checkin1", "checkin2"]


def test_a_check_in_after_midnight_counts_for_the_day_before() -> None:
    # Monday 00:30 in London, before the 04:00 rollover: still Sunday, the week before.
    monday = TODAY + timedelta(days=1)
    record = sources(checkins=[checkin(1, monday, hour=0)])
    history = weekly_history(record, TODAY - timedelta(days=13), monday, monday)
    assert history.checkins == ((), ("checkin1",), ())


def test_a_check_in_stored_without_an_offset_counts_for_the_day_the_history_gives_it() -> None:
    """A time written without an offset (an older file, or one edited by hand) is UTC, as
    everywhere Attune reads stored times: the week is the one `checkin_day` names, on any
    computer's clock, and such a check-in sorts among the others."""
    monday = TODAY + timedelta(days=1)
    naive = msgspec.structs.replace(
        checkin(1, monday, hour=2), started_at=f"{monday.isoformat()}T02:30:00"
    )
    later = checkin(2, monday, hour=20)
    record = sources(checkins=[later, naive])
    history = weekly_history(record, TODAY - timedelta(days=13), monday, monday)
    settings = record.settings
    assert checkin_day(naive, settings.time_zone, settings.day_rollover_hour) == TODAY
    assert history.checkins == ((), ("checkin1",), ("checkin2",))


def test_abandoned_and_unfinished_check_ins_are_not_weeks_held() -> None:
    record = sources(
        checkins=[
            checkin(1, TODAY, status=CheckinStatus.ABANDONED),
            checkin(2, TODAY - timedelta(days=7), status=CheckinStatus.IN_PROGRESS),
        ]
    )
    series = series_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.checkins == [[], [], [], []]
    assert series.connection["a"] == [None] * 4


# --- the talk ---------------------------------------------------------------------------------


def test_talk_marks_cooling_offs_and_the_weeks_the_couple_got_stuck() -> None:
    record = sources(
        checkins=[
            checkin(1, TODAY - timedelta(days=14), spoken=(300_000, 300_000), cooling_offs=1),
            checkin(2, TODAY - timedelta(days=7), spoken=(300_000, 300_000), stuck=True),
        ]
    )
    series, words = words_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.cooling_offs == [0, 1, 0, 0]
    assert series.stuck == [False, False, True, False]
    assert words.talk == (
        "Sam and Alex shared the talk time about evenly in these 4 weeks (50% and 50%); "
        "1 cooling-off and 1 week when you got stuck are marked."
    )
    assert words_for(sources(), ProgressPeriod.FOUR_WEEKS)[1].talk == (
        "No talk was timed in these 4 weeks."
    )


# --- rituals ------------------------------------------------------------------------------------


def test_rituals_kept_count_what_was_due_together_and_each() -> None:
    monday = TODAY - timedelta(days=6)
    rituals = [
        Ritual(
            "talk", "Talk", Cadence.daily(), Who.TOGETHER, 0, (monday - timedelta(7)).isoformat()
        ),
        Ritual("hug", "Hug", Cadence.daily(), Who.EACH, 1, monday.isoformat()),
        Ritual("dance", "Dance", Cadence.on(1), Who.TOGETHER, 2, "2026-01-01", archived=True),
    ]
    marks: dict[date, dict[tuple[str, str], Mark]] = {}
    for offset in range(7):
        day = monday + timedelta(days=offset)
        # Together: done four days of seven; skipped one (not expected), missed two.
        together = Mark.DONE if offset < 4 else Mark.SKIPPED if offset == 4 else None
        cells = {("hug", "a"): Mark.DONE}
        if together is not None:
            cells[("talk", "together")] = together
        if offset % 2:
            cells[("hug", "b")] = Mark.DONE
        marks[day] = cells
    record = sources(rituals=rituals, mark_book=MarkBook(marks))
    series, words = words_for(record, ProgressPeriod.FOUR_WEEKS)
    # Before the rituals began nothing was due: a gap, not a zero. Today (Sunday), entered
    # for nobody in the talk ritual, is not held against anyone.
    assert series.rituals["together"] == [None, None, 0.0, round(4 / 5, 3)]
    assert series.rituals["a"] == [None, None, None, 1.0]
    assert series.rituals["b"] == [None, None, None, 0.5]
    assert series.rituals["all"] == [None, None, 0.0, round((4 + 7 + 3) / (5 + 7 + 6), 3)]
    assert words.rituals == (
        # 4 of 12 together, 7 of 7 and 3 of 6 each: 14 of 25; no half before to compare.
        "You kept 56% of the rituals due in these 4 weeks (together 33%, Sam 100%, Alex 50%)."
    )
    assert words_for(sources(), ProgressPeriod.FOUR_WEEKS)[1].rituals == (
        "No ritual was due in these 4 weeks."
    )


def test_a_ritual_a_few_times_a_week_is_kept_when_done_that_often() -> None:
    monday = TODAY - timedelta(days=13)
    walk = Ritual("walk", "Walk", Cadence.weekly(2), Who.TOGETHER, 0, monday.isoformat())
    marks = {monday + timedelta(days=day): {("walk", "together"): Mark.DONE} for day in (0, 2, 4)}
    series = series_for(
        sources(rituals=[walk], mark_book=MarkBook(marks)), ProgressPeriod.FOUR_WEEKS
    )
    # Three walks in a week that asked for two count as the two it asked for.
    assert series.rituals["together"] == [None, None, 1.0, 0.0]


# --- moments, requests, agreements, sessions ----------------------------------------------------


def test_moments_by_kind_on_the_couples_clock() -> None:
    def moment(number: int, at: datetime, kind: MomentKind):
        return new_moment(
            f"m{number}", at=at, now=at, who="both", kind=kind, what_happened="[bold]x"
        )

    sunday_night = datetime(2026, 11, 16, 1, 30, tzinfo=LONDON)  # Monday 01:30: still Sunday
    record = sources(
        moments=[
            moment(1, sunday_night, MomentKind.NEGLECT),
            moment(2, datetime(2026, 11, 20, 12, tzinfo=LONDON), MomentKind.CONNECTION),
            moment(3, datetime(2026, 11, 21, 12, tzinfo=LONDON), MomentKind.CONNECTION),
            moment(4, datetime(2026, 11, 21, 13, tzinfo=LONDON), MomentKind.REPAIR),
        ]
    )
    series, words = words_for(record, ProgressPeriod.FOUR_WEEKS)
    assert series.moments == {
        "connection": [0, 0, 0, 2],
        "neglect": [0, 0, 1, 0],
        "repair": [0, 0, 0, 1],
    }
    assert words.moments == (
        "2 moments of connection, 1 of neglect and 1 of repair in these 4 weeks; more moments "
        "of connection in the last 2 weeks than in the 2 before (2 against 0)."
    )
    assert words_for(sources(), ProgressPeriod.FOUR_WEEKS)[1].moments == (
        "No moment was noted in these 4 weeks."
    )


def test_requests_answered_once_and_wins_by_the_one_rule() -> None:
    asked = TODAY - timedelta(days=20)
    thought = add_step(
        new_request("r1", asker="a", need="n", ask="A walk", day=asked),
        StepKind.THINKING,
        "b",
        asked + timedelta(days=1),
        answer_by=asked + timedelta(days=3),
    )
    kept = add_step(thought, StepKind.DOABLE, "b", asked + timedelta(days=3))
    kept = add_step(kept, StepKind.KEPT, "b", TODAY - timedelta(days=2))
    waiting = new_request("r2", asker="b", need="n", ask="A hug", day=TODAY)
    series, words = words_for(sources(requests=[kept, waiting]), ProgressPeriod.FOUR_WEEKS)
    assert series.requests_answered == [0, 1, 0, 0]  # "let me think" was the first answer
    assert series.requests_came_true == [0, 0, 0, 1]
    assert words.requests == "1 request was answered and 1 came true in these 4 weeks."
    assert words_for(sources(), ProgressPeriod.FOUR_WEEKS)[1].requests == (
        "No request was answered or came true in these 4 weeks."
    )


def test_lapses_and_repairs_completed_with_their_review() -> None:
    lapse_day = TODAY - timedelta(days=16)
    lapse = Lapse("l1", "a", lapse_day.isoformat(), "", Repair(), 7)
    review = Review((lapse_day + timedelta(days=8)).isoformat(), "", ReviewOutcome.KEEP, "l1")
    second = Lapse("l2", "b", (TODAY - timedelta(days=1)).isoformat(), "", Repair(), 7)
    agreement = Agreement(
        "g1",
        (Wording("Phones away", "2026-01-01"),),
        "a",
        signatures=frozenset("ab"),
        lapses=(lapse, second),
        reviews=(review,),
    )
    series, words = words_for(sources(agreements=[agreement]), ProgressPeriod.FOUR_WEEKS)
    assert series.lapses == [0, 1, 0, 1]
    assert series.repairs_completed == [0, 0, 1, 0]
    assert words.agreements == (
        "2 lapses of an agreement in this past year, and 1 repair completed with its joint review."
    ).replace("in this past year", "in these 4 weeks")
    assert words_for(sources(), ProgressPeriod.FOUR_WEEKS)[1].agreements == (
        "No agreement lapsed in these 4 weeks."
    )


def test_therapy_sessions_are_marks_on_the_time_axis() -> None:
    held = [
        new_session(f"s{n}", TODAY - timedelta(days=days), "", TODAY)
        for n, days in enumerate((3, 17))
    ]
    series, words = words_for(sources(sessions=held), ProgressPeriod.FOUR_WEEKS)
    assert series.sessions == [0, 1, 0, 1]
    assert series.session_days == [TODAY - timedelta(days=17), TODAY - timedelta(days=3)]
    assert words.therapy == (
        "2 therapy sessions in these 4 weeks, the last on Thursday 19 November 2026."
    )
    assert words_for(sources(), ProgressPeriod.FOUR_WEEKS)[1].therapy == (
        "No therapy session was noted in these 4 weeks."
    )


# --- periods, halves and ten years -----------------------------------------------------------


@pytest.mark.parametrize(
    ("buckets", "unit", "recent", "before"),
    [
        (4, Unit.WEEK, "the last 2 weeks", "the 2 before"),
        (13, Unit.WEEK, "the last 6 weeks", "the 6 before"),
        (52, Unit.WEEK, "the last 6 months", "the 6 before"),
        (3, Unit.WEEK, "the last week", "the week before"),
        (121, Unit.MONTH, "the last 5 years", "the 5 before"),
        (30, Unit.MONTH, "the last 15 months", "the 15 before"),
        (104, Unit.WEEK, "the last year", "the year before"),
    ],
)
def test_halves_are_said_in_the_largest_unit_that_fits(
    buckets: int, unit: Unit, recent: str, before: str
) -> None:
    halves = Halves(buckets, unit)
    assert (halves.recent_words, halves.before_words) == (recent, before)
    assert len(halves.recent) == len(halves.before) == buckets // 2
    assert halves.recent[-1] == buckets - 1 and halves.before[-1] + 1 == halves.recent[0]


def test_ten_years_week_by_week_then_month_by_month(tmp_path: Path) -> None:
    path = tmp_path / "attune.json"
    write_atomically(path, msgspec.json.encode(build(10, today=TODAY, seed=20261122)))
    with Store.open(path, FixedClock(FIXED_MOMENT, time_zone="Europe/London")) as store:
        record = sources_of(store)
    first = first_record_day(record, TODAY)
    history = history_until(record, TODAY)
    lengths = {period: len(period_series(history, period)) for period in PERIODS}
    assert lengths[ProgressPeriod.FOUR_WEEKS] == 4
    assert lengths[ProgressPeriod.THREE_MONTHS] == 13
    assert lengths[ProgressPeriod.YEAR] == 52
    everything = period_series(history, ProgressPeriod.EVERYTHING)
    assert everything.unit is Unit.MONTH
    assert everything.starts[0] == date(first.year, first.month, 1)
    assert everything.starts[-1] == date(2026, 11, 1)
    # Months are made of the same weeks: nothing is counted twice or lost.
    assert sum(everything.moments["connection"]) == sum(history.moments["connection"])
    assert sum(everything.sessions) == len(record.sessions)
    held = sum(len(ids) for ids in history.checkins)
    assert held == len(record.checkins) == sum(len(ids) for ids in everything.checkins)
    assert all(1 <= v <= 5 for v in everything.connection["a"] if v is not None)
    words = sentences(everything, NAMES, ProgressPeriod.EVERYTHING.span_words(first))
    assert words.connection.startswith("Sam felt ")
    assert "in the last 5 years" in words.connection
    assert words.therapy.startswith("52 therapy sessions since November 2016")
    # The series travel as JSON exactly as they are.
    assert msgspec.json.decode(msgspec.json.encode(everything), type=type(everything)) == everything


def test_a_longer_span_is_month_by_month_and_a_year_week_by_week() -> None:
    record = sources(checkins=[checkin(1, TODAY - timedelta(days=400))])
    history = history_until(record, TODAY)
    everything = series_of(history, history.last_weeks(None))
    assert everything.unit is Unit.MONTH
    assert everything.checkins[0] == ["checkin1"]
    assert sum(everything.connection["a"][i] is not None for i in range(len(everything))) == 1


def test_the_last_weeks_alone_read_as_the_whole_record_does() -> None:
    record = sources(
        checkins=[checkin(n, TODAY - timedelta(days=7 * n)) for n in range(30)],
        moments=[
            new_moment(
                "m",
                at=datetime(2026, 10, 1, 9, tzinfo=LONDON),
                now=datetime(2026, 10, 1, 9, tzinfo=LONDON),
                who="a",
                kind=MomentKind.CONNECTION,
                what_happened="x",
            )
        ],
    )
    whole = history_until(record, TODAY)
    for period in (ProgressPeriod.FOUR_WEEKS, ProgressPeriod.THREE_MONTHS):
        recent = history_until(record, TODAY, period.weeks)
        assert period_series(recent, period) == period_series(whole, period)
