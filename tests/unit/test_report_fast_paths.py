"""The report's quicker ways of writing and counting, against the plain ones they stand in for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.report.markdown import minute_words

from ..profiles import examples

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
