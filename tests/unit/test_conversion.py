"""Records made from the app's clock hold pendulum's days and times, subclasses msgspec does
not know: they are written exactly as the standard library's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pendulum
import pytest

from tui.core.moments import Moment, MomentKind
from tui.core.requests import Request
from tui.store.conversion import to_document
from tui.store.record_documents import moment_to_document, request_to_document


def test_pendulums_day_is_written_as_a_day() -> None:
    standard = Request("r1", "a", "to feel heard", "Phones away", date(2028, 2, 29))
    from_the_clock = Request("r1", "a", "to feel heard", "Phones away", pendulum.Date(2028, 2, 29))
    assert request_to_document(from_the_clock) == request_to_document(standard)
    assert request_to_document(from_the_clock)["created"] == "2028-02-29"


def test_pendulums_time_is_written_with_its_offset() -> None:
    noted = pendulum.datetime(2027, 3, 14, 7, 30, tz="America/New_York")
    standard = datetime(2027, 3, 14, 11, 30, tzinfo=UTC).astimezone(noted.tzinfo)
    written = moment_to_document(Moment("m1", noted, "both", MomentKind.CONNECTION, "tea", noted))
    assert written["at"] == written["created"] == "2027-03-14T07:30:00-04:00"
    same = Moment("m1", standard, "both", MomentKind.CONNECTION, "tea", standard)
    assert written == moment_to_document(same)


def test_anything_else_unknown_is_refused_by_name() -> None:
    class Odd:
        pass

    with pytest.raises(NotImplementedError, match="Odd"):
        to_document(Request("r1", "a", "n", "a", date(2026, 1, 1), hurt=Odd()))  # type: ignore[arg-type]
