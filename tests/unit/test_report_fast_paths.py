"""The report's quicker ways of writing and counting, against the plain ones they stand in for."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import msgspec
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.history import build
from tui.clock import FixedClock
from tui.core.checkins import (
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    has_answered,
    shown_rating,
    shown_ratings,
    why_no_rating,
)
from tui.core.models import PARTNER_KEYS
from tui.core.moments import MomentKind
from tui.core.progress import weekly_history
from tui.core.report import Period, gather, render_json
from tui.core.report.markdown import minute_words
from tui.core.sources import Sources
from tui.exports import sources_of
from tui.store import Store
from tui.store.atomic import write_atomically

from ..profiles import examples

HISTORY_ENDS = date(2026, 11, 22)

zones = st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-14 * 60, 14 * 60)
)
instants = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=zones
)
early_instants = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(1000, 1, 2), timezones=zones
)
"""Years before 1000 too, which strftime writes in its own way."""


@settings(max_examples=examples(300), deadline=None)
@given(at=st.one_of(instants, early_instants))
def test_a_moments_minute_reads_as_strftime_writes_it(at: datetime) -> None:
    assert minute_words(at) == f"{at:%Y-%m-%d %H:%M}"


def test_a_year_before_1000_is_written_as_strftime_writes_it() -> None:
    at = datetime(987, 6, 5, 4, 3, 2, tzinfo=UTC)
    assert minute_words(at) == f"{at:%Y-%m-%d %H:%M}"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Sources:
    """Two years of a couple's record, as the store reads it."""
    path = tmp_path_factory.mktemp("history") / "attune.json"
    write_atomically(path, msgspec.json.encode(build(2, today=HISTORY_ENDS, seed=7)))
    return sources_of(Store.peek(path, FixedClock(pendulum.datetime(2026, 11, 22, 12))))


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2024, 11, 1), HISTORY_ENDS),
        (date(2026, 10, 22), HISTORY_ENDS),
        (date(2025, 3, 30), date(2025, 4, 2)),
    ],
)
def test_weeks_counted_from_moment_days_worked_out_before_match_those_worked_out_within(
    two_years: Sources, first: date, last: date
) -> None:
    settings = two_years.settings
    zone, rollover = settings.time_zone, settings.day_rollover_hour
    days = [moment.day(zone, rollover) for moment in two_years.moments]
    plain = weekly_history(two_years, first, last, HISTORY_ENDS)
    assert any(plain.moments[kind.value] for kind in MomentKind)
    assert weekly_history(two_years, first, last, HISTORY_ENDS, moment_days=days) == plain


answers = st.lists(
    st.tuples(st.sampled_from(PARTNER_KEYS), st.one_of(st.none(), st.integers(1, 5))),
    max_size=3,
)
"""Who answered, in order: a score, or None for a pass."""


def checkin_answered(given: list[tuple[str, int | None]]) -> CheckinRecord:
    return CheckinRecord(
        id="c1",
        started_at="2026-11-01T19:00:00+00:00",
        plan=CheckinPlan("a", 300_000, 2, 60_000, 2_700_000, 1_200_000),
        status=CheckinStatus.FINISHED,
        ratings=tuple(Rating(p, score, f"note {n}") for n, (p, score) in enumerate(given) if score),
        passed=tuple(p for p, score in given if score is None),
    )


@given(given=answers)
def test_both_ratings_shown_at_once_are_each_partners_shown_rating(
    given: list[tuple[str, int | None]],
) -> None:
    record = checkin_answered(given)
    assert shown_ratings(record) == {p: shown_rating(record, p) for p in PARTNER_KEYS}
    assert list(shown_ratings(record)) == list(PARTNER_KEYS)


@given(given=answers)
def test_why_a_rating_is_not_shown_reads_as_the_rule_states_it(
    given: list[tuple[str, int | None]],
) -> None:
    record = checkin_answered(given)
    answered = {p for p, _score in given}
    for partner in PARTNER_KEYS:
        rated = [p for p, score in given if p == partner and score]
        if answered == set(PARTNER_KEYS):
            expected = None if rated else "passed"
        else:
            expected = "not shared" if answered else "not rated"
        assert why_no_rating(record, partner) == expected
        assert has_answered(record, partner) is (partner in answered)


@pytest.mark.parametrize("notes", [True, False])
def test_the_json_report_reads_as_its_plain_builtin_values_would(
    two_years: Sources, notes: bool
) -> None:
    generated = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)
    report = gather(two_years, Period(date(2024, 11, 1), HISTORY_ENDS), generated, notes)
    plain = {"format": "attune-report", **msgspec.to_builtins(report)}
    expected = msgspec.json.format(msgspec.json.encode(plain), indent=2).decode() + "\n"
    assert report.moments.moments and report.checkins
    assert render_json(report) == expected
