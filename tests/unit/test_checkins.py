"""Check-in history: who opens next, the trend series, when the next one is due."""

from __future__ import annotations

import pendulum
import pytest
from msgspec.structs import replace

from tui.core.checkins import (
    CheckinHistory,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    due_in_words,
    next_checkin_due,
)
from tui.core.text import InvalidText, clean_note

PLAN = CheckinPlan("a", 300_000, 2, 60_000, 2_700_000, 1_200_000)


def record(
    first: str,
    status: CheckinStatus,
    spoken_a: int = 0,
    spoken_b: int = 0,
    scores: tuple[int, int] | None = None,
    day: int = 1,
) -> CheckinRecord:
    turns = (TurnRecord("a", 300_000, spoken_a, ""), TurnRecord("b", 300_000, spoken_b, ""))
    ratings = (Rating("a", scores[0]), Rating("b", scores[1])) if scores else ()
    return CheckinRecord(
        id=f"c{day}",
        started_at=f"2026-11-{day:02d}T19:00:00+00:00",
        plan=replace(PLAN, first_speaker=first),
        turns=turns,
        status=status,
        ratings=ratings,
    )


def test_whoever_opened_last_time_listens_first() -> None:
    assert CheckinHistory([]).next_first_speaker() == "a"
    history = CheckinHistory(
        [record("a", CheckinStatus.FINISHED, day=1), record("b", CheckinStatus.FINISHED, day=8)]
    )
    assert history.next_first_speaker() == "a"
    abandoned_last = CheckinHistory(
        [record("b", CheckinStatus.FINISHED, day=1), record("a", CheckinStatus.ABANDONED, day=8)]
    )
    assert abandoned_last.next_first_speaker() == "a"


def test_rating_and_talk_share_series_skip_unrated_and_abandoned() -> None:
    history = CheckinHistory(
        [
            record("a", CheckinStatus.FINISHED, 300_000, 100_000, (4, 2), day=1),
            record("a", CheckinStatus.ABANDONED, 50_000, 0, None, day=8),
            record("b", CheckinStatus.CLOSED, 100_000, 100_000, None, day=15),
            record("a", CheckinStatus.FINISHED, 200_000, 200_000, (5, 4), day=22),
        ]
    )
    assert history.ratings("a", weeks=12) == [4, 5]
    assert history.ratings("b", weeks=1) == [4]
    assert history.talk_shares("a", weeks=12) == [0.75, 0.5, 0.5]


@pytest.mark.parametrize(
    "today,weekday,last,expected,words",
    [
        ("2026-11-22", "sunday", None, "2026-11-22", "today"),
        ("2026-11-21", "sunday", None, "2026-11-22", "tomorrow"),
        ("2026-11-19", "sunday", "2026-11-15", "2026-11-22", "in 3 days"),
        ("2026-11-22", "sunday", "2026-11-22", "2026-11-29", "in 1 week"),
        ("2026-11-22", "sunday", "2026-11-01", "2026-11-08", "overdue by 2 weeks"),
    ],
)
def test_when_the_next_check_in_is_due(
    today: str, weekday: str, last: str | None, expected: str, words: str
) -> None:
    today_date = pendulum.parse(today).date()
    last_date = pendulum.parse(last).date() if last else None
    due = next_checkin_due(today_date, weekday, last_date)
    assert due.to_date_string() == expected
    assert due_in_words(today_date, due) == words


def test_notes_keep_line_breaks_and_refuse_escape_codes() -> None:
    assert clean_note("  felt [b]close[/]\n\nthanks  ") == "felt [b]close[/]\n\nthanks"
    assert clean_note("   ") == ""
    with pytest.raises(InvalidText, match="control characters"):
        clean_note("\x1b[2Jgone")
    with pytest.raises(InvalidText, match="at most 2000"):
        clean_note("x" * 2001)
