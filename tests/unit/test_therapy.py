"""Therapy: the plan, sessions and their takeaways, assignments and debriefed attempts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text import InvalidText
from tui.core.therapy import (
    TherapyPlan,
    add_attempt,
    edit_session,
    new_assignment,
    new_session,
    next_session_within_a_day,
    open_assignments,
    past_assignments,
    revise_plan,
    roll_next_session,
    sessions_since,
)

from ..profiles import examples
from ..strategies import hostile_text

TODAY = date(2026, 11, 22)
NOW = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")


def test_the_plan_starts_empty_and_is_revised_field_by_field() -> None:
    plan = TherapyPlan()
    assert (plan.hopes_a, plan.therapist, plan.session_every, plan.next_session) == (
        (),
        "",
        None,
        None,
    )
    revised = revise_plan(
        plan,
        hopes_a=[" To feel heard ", "", "More evenings together"],
        therapist=" Dr Okafor ",
        approach="Emotionally focused",
        session_every=2,
        next_session=pendulum.datetime(2026, 11, 26, 17, 30, 45, tz="Europe/London"),
    )
    assert revised.hopes_a == ("To feel heard", "More evenings together")
    assert revised.hopes_of("a") == revised.hopes_a and revised.hopes_of("b") == ()
    assert revised.therapist == "Dr Okafor"
    assert revised.next_session is not None
    assert revised.next_session.isoformat() == "2026-11-26T17:30:45+00:00"
    cleared = revise_plan(revised, therapist="  ", next_session=None, session_every=None)
    assert (cleared.therapist, cleared.next_session, cleared.session_every) == ("", None, None)
    assert cleared.approach == "Emotionally focused", "fields not named stay as they were"


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"session_every": 0}, "session_every"),
        ({"session_every": 9}, "session_every"),
        ({"session_every": True}, "session_every"),
        ({"hopes_b": ["x" * 201]}, "hopes_b"),
        ({"hopes_a": [f"hope {n}" for n in range(11)]}, "hopes_a"),
        ({"therapist": "Dr\tK"}, "therapist"),
        ({"contact": "x" * 201}, "contact"),
        ({"next_session": datetime(2026, 11, 26, 17, 30)}, "next_session"),
    ],
)
def test_what_the_plan_cannot_hold(changes: dict, field: str) -> None:
    with pytest.raises(InvalidText) as refusal:
        revise_plan(TherapyPlan(), **changes)
    assert refusal.value.field == field


def test_the_plan_has_no_other_fields() -> None:
    with pytest.raises(TypeError, match="colour"):
        revise_plan(TherapyPlan(), colour="blue")


def test_the_next_session_within_a_day() -> None:
    plan = revise_plan(TherapyPlan(), next_session=NOW.add(hours=23))
    assert next_session_within_a_day(plan, NOW)
    assert not next_session_within_a_day(plan, NOW.subtract(hours=2))
    assert not next_session_within_a_day(plan, NOW.add(hours=24))  # it has begun
    assert not next_session_within_a_day(TherapyPlan(), NOW)


def test_a_passed_session_moves_on_by_the_plan_s_rhythm() -> None:
    plan = revise_plan(
        TherapyPlan(),
        session_every=2,
        next_session=datetime(2026, 11, 1, 17, 30, tzinfo=UTC),
    )
    rolled = roll_next_session(plan, NOW)
    assert rolled.next_session == datetime(2026, 11, 29, 17, 30, tzinfo=UTC)
    assert roll_next_session(rolled, NOW) == rolled, "a session still to come stays"
    summer = revise_plan(
        plan, next_session=pendulum.datetime(2026, 9, 6, 17, 30, tz="Europe/London")
    )
    after_the_clocks_went_back = roll_next_session(summer, NOW).next_session
    assert after_the_clocks_went_back is not None
    assert after_the_clocks_went_back.isoformat() == "2026-11-29T17:30:00+00:00"
    without_rhythm = revise_plan(plan, session_every=None)
    assert roll_next_session(without_rhythm, NOW) == without_rhythm


def test_a_session_booked_in_another_zone_keeps_its_time_and_the_rhythm_the_new_clock() -> None:
    from tui.core.therapy import next_session_start, upcoming_sessions

    # Booked in Auckland for 05:00 on the 11th there: 11:00 on the 10th in New York.
    booked = pendulum.datetime(2026, 12, 11, 5, 0, tz="Pacific/Auckland")
    plan = revise_plan(TherapyPlan(), session_every=2, next_session=booked)
    now = pendulum.datetime(2026, 12, 1, 9, 0, tz="America/New_York")
    starts = next_session_start(plan, now)
    assert starts is not None and starts == booked
    assert f"{starts:%Y-%m-%d %H:%M %z}" == "2026-12-10 11:00 -0500"
    # Every two weeks at 11:00 on the New York clock, across its change to summer time.
    sessions = upcoming_sessions(plan, now, 8)
    assert {f"{s:%H:%M}" for s in sessions} == {"11:00"}
    assert [f"{s:%m-%d %z}" for s in sessions][-2:] == ["03-04 -0500", "03-18 -0400"]
    # Once it has passed, the next one by the rhythm is still at 11:00 there.
    later = next_session_start(plan, pendulum.datetime(2026, 12, 10, 12, 0, tz="America/New_York"))
    assert later is not None and f"{later:%Y-%m-%d %H:%M}" == "2026-12-24 11:00"


def test_sessions_are_noted_once_they_have_taken_place() -> None:
    session = new_session("s1", TODAY, " Pause before reacting.\nName the feeling. ", TODAY)
    assert session.takeaways == "Pause before reacting.\nName the feeling."
    with pytest.raises(InvalidText, match="once it has taken place") as refusal:
        new_session("s2", TODAY + timedelta(days=1), "", TODAY)
    assert refusal.value.field == "on"
    with pytest.raises(InvalidText) as refusal:
        new_session("s3", TODAY, "bell \x07", TODAY)
    assert refusal.value.field == "takeaways"
    edited = edit_session(session, TODAY, takeaways="Slow down")
    assert (edited.id, edited.on, edited.takeaways) == ("s1", TODAY, "Slow down")
    moved = edit_session(session, TODAY, on=TODAY - timedelta(days=1))
    assert (moved.on, moved.takeaways) == (TODAY - timedelta(days=1), session.takeaways)


def test_sessions_since_a_day_the_oldest_first() -> None:
    sessions = [new_session(f"s{n}", TODAY - timedelta(weeks=n), "", TODAY) for n in range(5)]
    since = sessions_since(sessions, TODAY - timedelta(weeks=2))
    assert [session.id for session in since] == ["s2", "s1", "s0"]


def test_assignments_and_their_debriefed_attempts() -> None:
    given = new_assignment("p1", "a", " Practise reflective listening ", TODAY, TODAY)
    assert (given.who, given.what, given.created, given.until) == (
        "a",
        "Practise reflective listening",
        TODAY,
        TODAY,
    )
    tried = add_attempt(given, "t1", TODAY, 4, TODAY, worked="Slowing down", adjust="Earlier")
    tried = add_attempt(tried, "t2", TODAY, 2, TODAY)
    assert [(a.id, a.how_it_went, a.worked, a.adjust) for a in tried.attempts] == [
        ("t1", 4, "Slowing down", "Earlier"),
        ("t2", 2, "", ""),
    ]


@pytest.mark.parametrize(
    "attempt,field",
    [
        ({"on": TODAY + timedelta(days=1)}, "on"),
        ({"on": TODAY - timedelta(days=1)}, "on"),
        ({"how_it_went": 0}, "how_it_went"),
        ({"how_it_went": 6}, "how_it_went"),
        ({"how_it_went": False}, "how_it_went"),
        ({"worked": "\x1b]8;;x\x07"}, "worked"),
        ({"adjust": "x" * 2001}, "adjust"),
    ],
)
def test_what_an_attempt_cannot_be(attempt: dict, field: str) -> None:
    given = new_assignment("p1", "both", "Share one feeling", TODAY)
    arguments = {"on": TODAY, "how_it_went": 3, **attempt}
    with pytest.raises(InvalidText) as refusal:
        add_attempt(given, "t1", today=TODAY, **arguments)
    assert refusal.value.field == field


@pytest.mark.parametrize(
    "arguments,field",
    [
        (("nobody", "Listen", TODAY), "who"),
        (("a", " ", TODAY), "what"),
        (("a", "x" * 301, TODAY), "what"),
        (("a", "Listen", TODAY, TODAY - timedelta(days=1)), "until"),
    ],
)
def test_what_an_assignment_cannot_be(arguments: tuple, field: str) -> None:
    with pytest.raises(InvalidText) as refusal:
        new_assignment("p1", *arguments)
    assert refusal.value.field == field


def test_open_and_past_assignments() -> None:
    week_ago = TODAY - timedelta(days=7)
    endless = new_assignment("endless", "both", "Notice bids", week_ago)
    ends_today = new_assignment("today", "a", "Listen", week_ago, TODAY)
    ended = new_assignment("ended", "b", "Share", week_ago, week_ago + timedelta(days=3))
    ended_earlier = new_assignment("earlier", "b", "Pause", week_ago, week_ago)
    given_today = new_assignment("new", "a", "Ask", TODAY)
    every = [endless, ends_today, ended, ended_earlier, given_today]
    assert [a.id for a in open_assignments(every, TODAY)] == ["new", "endless", "today"]
    assert [a.id for a in past_assignments(every, TODAY)] == ["ended", "earlier"]
    tomorrow = TODAY + timedelta(days=1)
    assert [a.id for a in open_assignments(every, tomorrow)] == ["new", "endless"]


@settings(max_examples=examples(200), deadline=None)
@given(text=hostile_text, field=st.sampled_from(["therapist", "approach", "contact"]))
def test_plan_text_is_kept_cleaned_or_refused_in_words(text: str, field: str) -> None:
    try:
        revised = revise_plan(TherapyPlan(), **{field: text})
    except InvalidText as problem:
        assert problem.field == field
        return
    assert getattr(revised, field) == text.strip()


# --- what the pane, the report and the calendar share ------------------------------------------


def test_check_ins_to_raise_are_those_stuck_since_the_last_session() -> None:
    from tui.core.therapy import stuck_since

    stuck = [date(2026, 11, 1), date(2026, 11, 15), date(2026, 11, 8)]
    assert stuck_since(stuck, []) == sorted(stuck)
    held = [new_session("s1", date(2026, 11, 8), "", TODAY)]
    assert stuck_since(stuck, held) == [date(2026, 11, 15)]


def test_the_next_sessions_and_the_words_for_one_within_a_day() -> None:
    from tui.core.therapy import session_soon_words, upcoming_sessions

    starts = datetime(2026, 11, 23, 9, 0, tzinfo=NOW.tzinfo)
    plan = TherapyPlan(session_every=1, next_session=starts)
    assert session_soon_words(plan, NOW) == "tomorrow 09:00"
    assert session_soon_words(revise_plan(plan, next_session=NOW.add(hours=2)), NOW) == (
        "today 12:30"
    )
    assert session_soon_words(revise_plan(plan, session_every=None, next_session=None), NOW) is None
    assert [s.day for s in upcoming_sessions(plan, NOW, 3)] == [23, 30, 7]
    assert upcoming_sessions(TherapyPlan(), NOW, 3) == []
    passed = TherapyPlan(next_session=NOW.subtract(days=1))
    assert upcoming_sessions(passed, NOW, 3) == [], "no rhythm: a passed session has no next"


def test_a_session_start_is_typed_on_the_couple_s_clock() -> None:
    from tui.core.therapy import how_it_went_in_words, parse_session_start

    assert parse_session_start("  ", NOW.tzinfo) is None
    typed = parse_session_start("2027-06-03  17:30", NOW.tzinfo)
    assert typed is not None and typed.isoformat() == "2027-06-03T17:30:00+01:00"
    with pytest.raises(InvalidText) as refused:
        parse_session_start("Thursday", NOW.tzinfo)
    assert refused.value.field == "next_session"
    assert how_it_went_in_words(4) == "4 (well)"


def test_stuck_check_ins_to_raise_count_by_their_logical_day() -> None:
    from msgspec.structs import replace

    from tui.core.checkins import closed_as_it_stands, new_checkin
    from tui.core.models import Partners, Settings
    from tui.core.therapy import stuck_to_raise

    settings = Settings(partners=Partners("Ana", "Ben"), time_zone="UTC")
    # Begun at 00:30, before a 04:00 rollover: it counts for the evening before.
    late = closed_as_it_stands(
        new_checkin(settings, "a", "2026-11-15T00:30:00+00:00"), "2026-11-15T01:00:00+00:00"
    )
    calm = closed_as_it_stands(
        new_checkin(settings, "b", "2026-11-08T19:00:00+00:00"), "2026-11-08T20:00:00+00:00"
    )
    running = new_checkin(settings, "a", "2026-11-20T19:00:00+00:00")
    records = [replace(late, stuck=True), calm, replace(running, stuck=True)]
    assert stuck_to_raise(records, [], "UTC", 4) == [date(2026, 11, 14)]
    held = [new_session("s1", date(2026, 11, 14), "", TODAY)]
    assert stuck_to_raise(records, held, "UTC", 4) == []
