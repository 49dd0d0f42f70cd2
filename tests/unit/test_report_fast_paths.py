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
from tui.core.moments import MomentKind
from tui.core.progress import weekly_history
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
