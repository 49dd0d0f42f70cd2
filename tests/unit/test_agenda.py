"""The weekly meeting's agenda: walking and skipping its steps, appreciations and wishes,
ratings hidden until both are in, last week's beside this week's, what the wins and requests
steps bring up, and the agenda as a setting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from tui.core.agenda import (
    APPRECIATIONS_EACH,
    LINE_MAX_LENGTH,
    WISHES_SHOWN_FOR_DAYS,
    AgendaRefused,
    RatingChange,
    agenda_with,
    appreciations_by,
    awaiting_answer,
    describe_agenda,
    is_clock_only,
    is_last_step,
    rating_changes,
    skipped_last_step,
    step_position,
    streaks_to_celebrate,
    was_done,
    went_on,
    who_rates_next,
    wish_of,
    wishes_for_this_week,
    with_appreciations,
    with_rating,
    with_wish,
)
from tui.core.checkins import (
    CLOCK_ONLY,
    CLOCK_ONLY_MEETING,
    FULL_AGENDA,
    Appreciation,
    CheckinRecord,
    CheckinStatus,
    Rating,
    Wish,
    checkin_day,
    closed_as_it_stands,
    new_checkin,
    ratings_revealed,
    steps_to_walk,
)
from tui.core.days import week_start_of
from tui.core.mark_book import MarkBook
from tui.core.models import AgendaStep, InvalidSetting
from tui.core.requests import Request, RequestStatus, StepKind, add_step, new_request
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.core.text import InvalidText

from ..conftest import make_settings

SUNDAY = date(2026, 11, 22)
APPRECIATIONS = AgendaStep.APPRECIATIONS
WINS = AgendaStep.WINS
TALK = AgendaStep.TALK
REQUESTS = AgendaStep.REQUESTS
RATINGS = AgendaStep.RATINGS
LOOKING_AHEAD = AgendaStep.LOOKING_AHEAD

agendas = st.sets(st.sampled_from(list(AgendaStep)), min_size=1).map(agenda_with)
"""Any agenda a couple could choose: some of the steps, in the agenda's own order."""


def meeting(
    agenda: tuple[AgendaStep, ...] = FULL_AGENDA,
    started_at: str = "2026-11-22T10:30:00+00:00",
    first_speaker: str = "a",
) -> CheckinRecord:
    """A check-in just started with `agenda`, at its first step."""
    return new_checkin(make_settings(agenda=agenda), first_speaker, started_at)


def at_step(step: AgendaStep, agenda: tuple[AgendaStep, ...] = FULL_AGENDA) -> CheckinRecord:
    return replace(meeting(agenda), step=step)


def held(
    day: int,
    *,
    status: CheckinStatus = CheckinStatus.FINISHED,
    scores: dict[str, int] | None = None,
    passed: tuple[str, ...] = (),
    wishes: dict[str, str] | None = None,
) -> CheckinRecord:
    """A check-in held on `day` November 2026 at 19:00 UTC, with ratings (and passes) and
    wishes."""
    started = meeting(started_at=f"2026-11-{day:02d}T19:00:00+00:00")
    record = replace(
        started,
        id=f"c{day}",
        status=status,
        ratings=tuple(Rating(partner, score) for partner, score in (scores or {}).items()),
        passed=passed,
        wishes=tuple(Wish(by, text) for by, text in (wishes or {}).items()),
    )
    if status is CheckinStatus.FINISHED:
        record = replace(record, ended_at=f"2026-11-{day:02d}T20:00:00+00:00")
    return record


# --- walking the steps ------------------------------------------------------------------------


def test_a_new_check_in_takes_the_settings_agenda_and_starts_at_its_first_step() -> None:
    chosen = (WINS, TALK, LOOKING_AHEAD)
    started = meeting(chosen)
    assert (started.agenda, started.step, started.skipped) == (chosen, WINS, ())
    assert all(isinstance(step, AgendaStep) for step in started.agenda)
    assert meeting().step is APPRECIATIONS
    # The clock alone walks the talk, then the ratings revealed together.
    assert (meeting(CLOCK_ONLY).agenda, meeting(CLOCK_ONLY).step) == (CLOCK_ONLY_MEETING, TALK)


def test_the_default_setting_is_the_whole_meeting() -> None:
    assert make_settings().agenda == FULL_AGENDA
    assert meeting().agenda == FULL_AGENDA


def test_step_positions_count_from_one_over_the_chosen_steps() -> None:
    assert step_position(meeting()) == (1, 6)
    assert step_position(at_step(RATINGS)) == (5, 6)
    assert step_position(at_step(RATINGS, (TALK, RATINGS))) == (2, 2)
    assert step_position(meeting(CLOCK_ONLY)) == (1, 2)


def test_only_the_agendas_last_step_is_the_last() -> None:
    assert not is_last_step(meeting())
    assert is_last_step(at_step(LOOKING_AHEAD))
    assert is_last_step(at_step(RATINGS, (TALK, RATINGS)))
    assert not is_last_step(meeting(CLOCK_ONLY)), "the ratings come after the talk"


def test_going_on_moves_to_the_next_chosen_step_and_keeps_everything_else() -> None:
    record = replace(
        meeting((APPRECIATIONS, TALK, RATINGS)),
        appreciations=(Appreciation("a", "You cooked"),),
    )
    on = went_on(record)
    assert on.step is TALK, "steps left off the agenda are passed over"
    assert on == replace(record, step=TALK)
    assert went_on(on).step is RATINGS
    assert record.step is APPRECIATIONS, "the record given is not changed"


def test_going_on_while_skipping_notes_the_step_once() -> None:
    record = meeting()
    skipped_once = went_on(record, skipping=True)
    assert (skipped_once.step, skipped_once.skipped) == (WINS, (APPRECIATIONS,))
    # Back at a skipped step after a resume, skipping it again does not note it twice.
    again = went_on(replace(skipped_once, step=APPRECIATIONS), skipping=True)
    assert again.skipped == (APPRECIATIONS,)
    talk = went_on(went_on(skipped_once), skipping=True)
    assert (talk.step, talk.skipped) == (REQUESTS, (APPRECIATIONS, TALK))


def test_going_on_from_the_last_step_is_refused() -> None:
    for record in (at_step(LOOKING_AHEAD), at_step(RATINGS, CLOCK_ONLY_MEETING)):
        with pytest.raises(AgendaRefused, match="last step: finish the check-in"):
            went_on(record)
        with pytest.raises(AgendaRefused):
            went_on(record, skipping=True)


@given(agendas)
def test_any_agenda_is_walked_step_by_step_to_its_last(agenda: tuple[AgendaStep, ...]) -> None:
    record = meeting(agenda)
    walked = steps_to_walk(agenda)
    visited = [record.step]
    while not is_last_step(record):
        assert step_position(record) == (len(visited), len(walked))
        record = went_on(record)
        visited.append(record.step)
    assert tuple(visited) == walked
    assert step_position(record) == (len(walked), len(walked))


def test_skipping_the_last_step_notes_it_once() -> None:
    last = at_step(LOOKING_AHEAD)
    skipped = skipped_last_step(last)
    assert (skipped.step, skipped.skipped) == (LOOKING_AHEAD, (LOOKING_AHEAD,))
    assert skipped_last_step(skipped) == skipped


def test_a_step_was_done_when_it_was_chosen_and_not_skipped() -> None:
    record = replace(meeting((APPRECIATIONS, TALK, RATINGS)), skipped=(APPRECIATIONS,))
    assert was_done(record, TALK)
    assert was_done(record, RATINGS)
    assert not was_done(record, APPRECIATIONS), "skipped"
    assert not was_done(record, LOOKING_AHEAD), "not on the agenda"


def test_the_clock_only_check_in_is_the_talk_and_its_ratings() -> None:
    assert is_clock_only(meeting(CLOCK_ONLY))
    assert is_clock_only(replace(meeting(), agenda=CLOCK_ONLY, step=TALK)), "held before"
    assert is_clock_only(meeting((TALK, RATINGS))), "the same walk, chosen step by step"
    assert not is_clock_only(meeting())
    assert not is_clock_only(meeting((APPRECIATIONS, TALK, RATINGS)))


@pytest.mark.parametrize(
    "steps,words",
    [
        (FULL_AGENDA, "all six steps"),
        (CLOCK_ONLY, "clock only"),
        ((APPRECIATIONS, TALK, RATINGS, LOOKING_AHEAD), "4 of 6 steps"),
        ((RATINGS,), "1 of 6 steps"),
        (("talk",), "clock only"),
        ([step.value for step in AgendaStep], "all six steps"),
    ],
)
def test_the_agenda_in_words(steps: Sequence[str], words: str) -> None:
    assert describe_agenda(steps) == words


def test_chosen_steps_are_put_in_the_agendas_own_order() -> None:
    assert agenda_with([LOOKING_AHEAD, TALK, APPRECIATIONS]) == (
        APPRECIATIONS,
        TALK,
        LOOKING_AHEAD,
    )
    assert agenda_with({RATINGS}) == (RATINGS,)
    assert agenda_with([TALK, TALK]) == (TALK,)
    assert agenda_with(iter(AgendaStep)) == FULL_AGENDA
    with pytest.raises(AgendaRefused, match="at least one step"):
        agenda_with([])


# --- the agenda as a setting ------------------------------------------------------------------


def test_a_valid_agenda_is_kept_as_a_setting() -> None:
    assert make_settings(agenda=(TALK, RATINGS)).agenda == (TALK, RATINGS)
    assert make_settings(agenda=CLOCK_ONLY).agenda == CLOCK_ONLY


@pytest.mark.parametrize(
    "agenda,reason",
    [
        ((), "at least one step"),
        (("talk", "dancing"), "a step Attune doesn't know"),
        ((TALK, 3), "a step Attune doesn't know"),
        ((TALK, TALK), "usual order, each once"),
        ((RATINGS, TALK), "usual order, each once"),
        ((APPRECIATIONS, LOOKING_AHEAD, WINS), "usual order, each once"),
    ],
    ids=["empty", "unknown", "not a name", "twice", "out of order", "one out of order"],
)
def test_an_agenda_setting_that_cant_be_walked_is_refused(
    agenda: tuple[object, ...], reason: str
) -> None:
    with pytest.raises(InvalidSetting, match=reason):
        make_settings(agenda=agenda)


@given(agendas)
def test_every_agenda_the_chooser_makes_is_a_valid_setting(agenda: tuple[AgendaStep, ...]) -> None:
    assert make_settings(agenda=agenda).agenda == agenda


# --- appreciations and wishes -----------------------------------------------------------------


def test_appreciations_replace_only_that_partners_own() -> None:
    record = with_appreciations(meeting(), "a", ["You cooked", "You called Mum"])
    record = with_appreciations(record, "b", ["You listened"])
    record = with_appreciations(record, "a", ["  You held my hand  "])
    assert appreciations_by(record, "a") == ["You held my hand"]
    assert appreciations_by(record, "b") == ["You listened"]
    assert with_appreciations(record, "a", []).appreciations == (Appreciation("b", "You listened"),)


def test_blank_appreciation_lines_are_dropped_and_order_is_kept() -> None:
    record = with_appreciations(meeting(), "b", ["", "First", "   ", "Second", "Third"])
    assert appreciations_by(record, "b") == ["First", "Second", "Third"]


def test_markup_in_an_appreciation_is_kept_as_typed() -> None:
    typed = "You said [b]thank you[/b] [@click=app.quit]x[/]"
    assert appreciations_by(with_appreciations(meeting(), "a", [typed]), "a") == [typed]


def test_at_most_three_appreciations_each() -> None:
    assert APPRECIATIONS_EACH == 3
    with pytest.raises(InvalidText, match="at most 3"):
        with_appreciations(meeting(), "a", ["One", "Two", "Three", "Four"])


@pytest.mark.parametrize(
    "lines,field,reason",
    [
        (["x" * (LINE_MAX_LENGTH + 1)], "1", "at most 200 characters"),
        (["Fine", "x" * (LINE_MAX_LENGTH + 1)], "2", "at most 200 characters"),
        (["Fine", "", "Tab\there"], "3", "control characters"),
        (["\x1b[2Jgone"], "1", "control characters"),
        (["Fine", "line\nbreak"], "2", "control characters"),
    ],
    ids=["too long", "second too long", "tab after a blank", "escape code", "line break"],
)
def test_an_appreciation_that_cant_be_kept_names_its_line(
    lines: list[str], field: str, reason: str
) -> None:
    record = with_appreciations(meeting(), "a", ["Kept"])
    with pytest.raises(InvalidText, match=reason) as refusal:
        with_appreciations(record, "a", lines)
    assert refusal.value.field == field
    assert appreciations_by(record, "a") == ["Kept"]


def test_the_longest_appreciation_is_kept() -> None:
    longest = "x" * LINE_MAX_LENGTH
    assert appreciations_by(with_appreciations(meeting(), "a", [longest]), "a") == [longest]


def test_no_record_has_no_appreciations_and_no_wish() -> None:
    assert appreciations_by(None, "a") == []
    assert wish_of(None, "b") == ""


def test_a_wish_is_set_replaced_and_removed_for_one_partner_only() -> None:
    record = with_wish(with_wish(meeting(), "a", " A walk on Saturday "), "b", "Breakfast together")
    assert (wish_of(record, "a"), wish_of(record, "b")) == (
        "A walk on Saturday",
        "Breakfast together",
    )
    record = with_wish(record, "a", "An early night")
    assert wish_of(record, "a") == "An early night"
    removed = with_wish(record, "a", "   ")
    assert (wish_of(removed, "a"), wish_of(removed, "b")) == ("", "Breakfast together")
    assert removed.wishes == (Wish("b", "Breakfast together"),)


def test_a_wish_that_cant_be_kept_is_refused() -> None:
    with pytest.raises(InvalidText, match="control characters") as refusal:
        with_wish(meeting(), "a", "\x07ring")
    assert refusal.value.field == "1"
    with pytest.raises(InvalidText, match="at most 200"):
        with_wish(meeting(), "a", "x" * (LINE_MAX_LENGTH + 1))


# --- ratings, revealed together ---------------------------------------------------------------


def test_the_first_speaker_rates_first_then_the_other() -> None:
    record = meeting(first_speaker="b")
    assert who_rates_next(record) == "b"
    record = with_rating(record, Rating("b", 4), "b")
    assert who_rates_next(record) == "a"
    assert not ratings_revealed(record), "hidden until both are in"
    record = with_rating(record, Rating("a", 2, "a hard week"), "a")
    assert who_rates_next(record) is None
    assert ratings_revealed(record)
    assert record.ratings == (Rating("b", 4), Rating("a", 2, "a hard week"))


def test_passing_counts_as_an_answer() -> None:
    record = with_rating(meeting(first_speaker="a"), None, "a")
    assert (record.passed, record.ratings) == (("a",), ())
    assert who_rates_next(record) == "b"
    both_passed = with_rating(record, None, "b")
    assert both_passed.passed == ("a", "b")
    assert ratings_revealed(both_passed)


def test_a_partner_who_rated_earlier_out_of_turn_is_not_asked_again() -> None:
    record = with_rating(meeting(first_speaker="a"), Rating("b", 3), "b")
    assert who_rates_next(record) == "a"
    assert who_rates_next(with_rating(record, Rating("a", 5), "a")) is None


@pytest.mark.parametrize("second_answer", [Rating("a", 5), None], ids=["rating", "passing"])
@pytest.mark.parametrize("first_answer", [Rating("a", 3), None], ids=["rated", "passed"])
def test_each_partner_answers_once(
    first_answer: Rating | None, second_answer: Rating | None
) -> None:
    answered = with_rating(meeting(), first_answer, "a")
    with pytest.raises(AgendaRefused, match="already answered"):
        with_rating(answered, second_answer, "a")


def test_a_rating_is_given_by_the_partner_it_names() -> None:
    with pytest.raises(AgendaRefused, match="the partner it names"):
        with_rating(meeting(), Rating("b", 4), "a")


@given(
    st.sampled_from(["a", "b"]),
    st.sampled_from(["a", "b"]),
    st.none() | st.integers(min_value=1, max_value=5),
    st.none() | st.integers(min_value=1, max_value=5),
)
def test_ratings_are_revealed_exactly_when_both_have_answered(
    first_speaker: str, answers_first: str, score_one: int | None, score_two: int | None
) -> None:
    other = "b" if answers_first == "a" else "a"
    record = meeting(first_speaker=first_speaker)
    for partner, score in ((answers_first, score_one), (other, score_two)):
        assert not ratings_revealed(record)
        rating = None if score is None else Rating(partner, score)
        record = with_rating(record, rating, partner)
    assert ratings_revealed(record)
    assert len(record.ratings) + len(record.passed) == 2


@pytest.mark.parametrize(
    "score,last_week,words,change",
    [
        (4, 3, "4 of 5 (up 1 from last week)", 1),
        (2, 5, "2 of 5 (down 3 from last week)", -3),
        (3, 3, "3 of 5 (same as last week)", 0),
        (4, None, "4 of 5", None),
        (None, 4, "passed", None),
        (None, None, "passed", None),
    ],
)
def test_a_rating_change_in_words(
    score: int | None, last_week: int | None, words: str, change: int | None
) -> None:
    rating_change = RatingChange(score, last_week)
    assert rating_change.describe() == words
    assert rating_change.change == change


def test_this_weeks_ratings_beside_the_last_ones_each_partner_gave() -> None:
    records = [
        held(1, scores={"a": 2, "b": 5}),
        held(8, scores={"a": 3}, passed=("b",)),
        held(11, status=CheckinStatus.ABANDONED, scores={"a": 1, "b": 1}),
        # Closed as it stood before anyone rated.
        closed_as_it_stands(
            held(15, status=CheckinStatus.IN_PROGRESS), "2026-11-15T20:00:00+00:00"
        ),
        held(18, status=CheckinStatus.IN_PROGRESS, scores={"a": 5, "b": 5}),
    ]
    now = held(22, status=CheckinStatus.IN_PROGRESS, scores={"a": 4, "b": 4})
    changes = rating_changes([*records, now], now)
    assert changes == {"a": RatingChange(4, 3), "b": RatingChange(4, 5)}
    assert changes["a"].describe() == "4 of 5 (up 1 from last week)"
    assert changes["b"].describe() == "4 of 5 (down 1 from last week)"


def test_check_ins_after_this_one_are_not_last_week() -> None:
    # Resuming an old interrupted check-in: the ones held since are not "before" it.
    old = held(1, status=CheckinStatus.IN_PROGRESS, scores={"a": 3}, passed=("b",))
    later = held(8, scores={"a": 5, "b": 5})
    assert rating_changes([old, later], old) == {
        "a": RatingChange(3, None),
        "b": RatingChange(None, None),
    }


def test_the_order_of_the_records_given_does_not_matter() -> None:
    older = held(1, scores={"a": 1}, passed=("b",))
    newer = held(8, scores={"a": 4}, passed=("b",))
    now = held(15, status=CheckinStatus.IN_PROGRESS, scores={"a": 4}, passed=("b",))
    assert rating_changes([newer, now, older], now)["a"] == RatingChange(4, 4)
    assert rating_changes([newer, now, older], now)["a"].describe() == "4 of 5 (same as last week)"


def test_the_first_check_in_has_no_last_week() -> None:
    now = with_rating(with_rating(meeting(), Rating("a", 5), "a"), None, "b")
    assert rating_changes([now], now) == {
        "a": RatingChange(5, None),
        "b": RatingChange(None, None),
    }
    assert [change.describe() for change in rating_changes([], now).values()] == [
        "5 of 5",
        "passed",
    ]


# --- looking ahead, through the week ----------------------------------------------------------


def london_day(record: CheckinRecord) -> pendulum.Date:
    return checkin_day(record, "Europe/London", 4)


def test_this_weeks_wishes_come_from_the_latest_check_in_only() -> None:
    with_wishes = held(8, wishes={"a": "A walk"})
    without = held(15)
    running = held(22, status=CheckinStatus.IN_PROGRESS, wishes={"b": "Not saved as finished"})
    found = wishes_for_this_week([with_wishes, running], SUNDAY, london_day)
    assert found == (with_wishes, date(2026, 11, 8))
    # A later check-in without wishes (the clock alone, say) ends that week's reminder.
    assert wishes_for_this_week([without, running, with_wishes], SUNDAY, london_day) is None
    newer = held(15, wishes={"b": "Breakfast together"})
    assert wishes_for_this_week([with_wishes, newer, running], SUNDAY, london_day) == (
        newer,
        date(2026, 11, 15),
    )


def test_wishes_are_shown_for_two_weeks_at_most() -> None:
    record = held(8, wishes={"a": "A walk"})
    day = date(2026, 11, 8)
    assert wishes_for_this_week([record], day, london_day) == (record, day)
    last_day = day + timedelta(days=WISHES_SHOWN_FOR_DAYS)
    assert wishes_for_this_week([record], last_day, london_day) == (record, day)
    assert wishes_for_this_week([record], last_day + timedelta(days=1), london_day) is None


def test_wishes_from_a_day_still_to_come_are_not_shown() -> None:
    # The computer's clock was set back, or the time zone changed: never a wish from the future.
    record = held(15, wishes={"a": "A walk"})
    assert wishes_for_this_week([record], date(2026, 11, 14), london_day) is None


def test_wishes_read_with_pendulum_days_too() -> None:
    record = held(8, wishes={"a": "A walk"})
    today = pendulum.date(2026, 11, 22)
    assert wishes_for_this_week([record], today, london_day) == (record, date(2026, 11, 8))
    assert wishes_for_this_week([record], today.add(days=1), london_day) is None


def test_no_wishes_without_a_completed_check_in_that_named_some() -> None:
    assert wishes_for_this_week([], SUNDAY, london_day) is None
    assert wishes_for_this_week([held(15)], SUNDAY, london_day) is None
    unfinished = [
        held(15, status=CheckinStatus.IN_PROGRESS, wishes={"a": "A walk"}),
        held(16, status=CheckinStatus.ABANDONED, wishes={"a": "A walk"}),
    ]
    assert wishes_for_this_week(unfinished, SUNDAY, london_day) is None


def test_wishes_of_a_check_in_closed_as_it_stood_still_count() -> None:
    closed = closed_as_it_stands(
        held(15, status=CheckinStatus.IN_PROGRESS, wishes={"b": "Breakfast together"}),
        "2026-11-15T21:00:00+00:00",
    )
    assert wishes_for_this_week([closed], SUNDAY, london_day) == (closed, date(2026, 11, 15))


def test_a_late_evening_check_in_counts_for_the_day_it_began() -> None:
    # 01:00 on Monday before the 04:00 rollover is still Sunday evening.
    record = replace(held(16, wishes={"a": "A walk"}), started_at="2026-11-16T01:00:00+00:00")
    assert wishes_for_this_week([record], date(2026, 11, 29), london_day) == (
        record,
        date(2026, 11, 15),
    )
    assert wishes_for_this_week([record], date(2026, 11, 30), london_day) is None


# --- wins: streaks worth naming ---------------------------------------------------------------


def ritual(ritual_id: str, cadence: Cadence, who: Who = Who.TOGETHER, **fields: object) -> Ritual:
    return Ritual(ritual_id, f"Ritual {ritual_id}", cadence, who, 0, "2026-01-01", **fields)  # type: ignore[arg-type]


def done_on(book: MarkBook, ritual_id: str, person: str, days_before_today: range) -> None:
    today = pendulum.date(2026, 11, 22)
    for offset in days_before_today:
        book.set(today.subtract(days=offset), ritual_id, person, Mark.DONE)


def test_streaks_of_two_or_more_are_celebrated_longest_first() -> None:
    book = MarkBook()
    done_on(book, "walk", "together", range(1, 3))  # yesterday and the day before: 2
    done_on(book, "tea", "together", range(1, 2))  # yesterday only: 1
    done_on(book, "notes", "a", range(0, 5))  # today and four days before: 5
    done_on(book, "notes", "b", range(1, 4))  # 3
    rituals = [
        ritual("walk", Cadence.daily()),
        ritual("tea", Cadence.daily()),
        ritual("notes", Cadence.daily(), Who.EACH),
    ]
    celebrated = streaks_to_celebrate(rituals, book, SUNDAY, "monday")
    assert [(track.ritual.id, track.person, done.current) for track, done in celebrated] == [
        ("notes", "a", 5),
        ("notes", "b", 3),
        ("walk", "together", 2),
    ]
    assert all(done.unit == "d" for _track, done in celebrated)


def test_archived_and_ended_rituals_are_not_celebrated() -> None:
    book = MarkBook()
    for ritual_id in ("archived", "ended", "repair"):
        done_on(book, ritual_id, "together", range(1, 6))
    done_on(book, "repair", "a", range(1, 6))
    rituals = [
        ritual("archived", Cadence.daily(), archived=True),
        ritual("ended", Cadence.daily(), ends="2026-11-21"),
        ritual("repair", Cadence.daily(), only="a", ends="2026-11-22"),
    ]
    celebrated = streaks_to_celebrate(rituals, book, SUNDAY, "monday")
    assert [(track.ritual.id, track.person) for track, _done in celebrated] == [("repair", "a")]


def test_weekly_streaks_count_in_weeks_from_the_couples_week_start() -> None:
    book = MarkBook()
    this_monday = week_start_of(pendulum.date(2026, 11, 22), "monday")
    for weeks_ago in (1, 2, 3):
        book.set(this_monday.subtract(weeks=weeks_ago), "date", "together", Mark.DONE)
    rituals = [ritual("date", Cadence.weekly(1))]
    [(track, done)] = streaks_to_celebrate(rituals, book, SUNDAY, "monday")
    assert (track.ritual.id, done.current, done.unit) == ("date", 3, "wk")


def test_the_week_start_decides_whether_two_days_are_two_weeks() -> None:
    book = MarkBook()
    for day in (14, 15):  # Saturday and Sunday
        book.set(pendulum.date(2026, 11, day), "date", "together", Mark.DONE)
    rituals = [ritual("date", Cadence.weekly(1))]
    assert streaks_to_celebrate(rituals, book, SUNDAY, "monday") == [], "one week from Monday"
    [(_track, from_sunday)] = streaks_to_celebrate(rituals, book, SUNDAY, "sunday")
    assert (from_sunday.current, from_sunday.unit) == (2, "wk")


def test_nothing_to_celebrate_without_rituals_or_marks() -> None:
    assert streaks_to_celebrate([], MarkBook(), SUNDAY, "monday") == []
    never_ticked = [ritual("walk", Cadence.daily())]
    assert streaks_to_celebrate(never_ticked, MarkBook(), SUNDAY, "monday") == []


# --- requests still waiting -------------------------------------------------------------------


def requested(request_id: str, created: date) -> Request:
    return new_request(
        request_id, asker="a", need="to feel heard", ask=f"Ask {request_id}", day=created
    )


def requests_in_every_status(today: date) -> dict[RequestStatus, Request]:
    """One request in each status on `today`, each made on a different day of the weeks
    before (the offsets below), so that oldest first is a known order."""
    first_day = today - timedelta(days=20)
    yesterday = today - timedelta(days=1)

    def made(request_id: str, days_after_the_first: int) -> Request:
        return requested(request_id, first_day + timedelta(days=days_after_the_first))

    def answered(request_id: str, days_after_the_first: int, kind: StepKind) -> Request:
        return add_step(made(request_id, days_after_the_first), kind, "b", yesterday)

    built = {
        RequestStatus.OVERDUE: add_step(
            made("overdue", 0),
            StepKind.THINKING,
            "b",
            first_day,
            answer_by=yesterday - timedelta(days=1),
        ),
        RequestStatus.AGREED: answered("agreed", 1, StepKind.DOABLE),
        RequestStatus.WITHDRAWN: add_step(made("withdrawn", 2), StepKind.WITHDRAWN, "a", yesterday),
        RequestStatus.ANSWER_DUE: add_step(
            made("answer-due", 3), StepKind.THINKING, "b", yesterday, answer_by=today
        ),
        RequestStatus.ALTERNATIVE_OFFERED: add_step(
            answered("alternative", 4, StepKind.NOT_AS_ASKED),
            StepKind.ALTERNATIVE,
            "b",
            yesterday,
            text="On weekdays",
        ),
        RequestStatus.ASKED: made("asked", 5),
        RequestStatus.NOT_AS_ASKED: answered("not-as-asked", 6, StepKind.NOT_AS_ASKED),
        RequestStatus.KEPT: add_step(
            answered("kept", 7, StepKind.DOABLE), StepKind.KEPT, "a", today
        ),
    }
    for status, request in built.items():
        assert request.status(today) is status, request.id
    return built


def test_requests_awaiting_an_answer_are_brought_up_oldest_first() -> None:
    every = requests_in_every_status(SUNDAY)
    waiting = awaiting_answer(reversed(list(every.values())), SUNDAY)
    assert [request.id for request in waiting] == ["overdue", "answer-due", "alternative", "asked"]
    assert {request.status(SUNDAY) for request in waiting} == {
        RequestStatus.ASKED,
        RequestStatus.ANSWER_DUE,
        RequestStatus.OVERDUE,
        RequestStatus.ALTERNATIVE_OFFERED,
    }


def test_a_request_whose_promised_answer_day_passed_is_still_waiting() -> None:
    thinking = add_step(
        requested("r1", SUNDAY), StepKind.THINKING, "b", SUNDAY, answer_by=SUNDAY + timedelta(2)
    )
    assert awaiting_answer([thinking], SUNDAY) == [thinking]
    three_days_on = SUNDAY + timedelta(days=3)
    assert thinking.status(three_days_on) is RequestStatus.OVERDUE
    assert awaiting_answer([thinking], three_days_on) == [thinking]


def test_no_requests_none_awaiting() -> None:
    assert awaiting_answer([], SUNDAY) == []


def test_skipping_a_step_that_holds_entries_keeps_them_and_counts_the_step_as_done() -> None:
    written = with_appreciations(at_step(AgendaStep.APPRECIATIONS), "a", ["the tea"])
    moved_on = went_on(written, skipping=True)
    assert moved_on.step is AgendaStep.WINS and moved_on.skipped == ()
    assert appreciations_by(moved_on, "a") == ["the tea"]
    rated = with_rating(at_step(AgendaStep.RATINGS), None, "a")
    assert went_on(rated, skipping=True).skipped == ()
    empty = went_on(at_step(AgendaStep.REQUESTS), skipping=True)
    assert empty.skipped == (AgendaStep.REQUESTS,)
    wished = with_wish(at_step(AgendaStep.LOOKING_AHEAD), "b", "a walk")
    assert skipped_last_step(wished).skipped == ()


@pytest.mark.parametrize(
    "change,short",
    [
        (RatingChange(4, 2), "4/5, up 2"),
        (RatingChange(2, 3), "2/5, down 1"),
        (RatingChange(3, 3), "3/5, same"),
        (RatingChange(5, None), "5/5"),
        (RatingChange(None, 4), "passed"),
    ],
)
def test_a_rating_change_in_short_for_a_narrow_column(change: RatingChange, short: str) -> None:
    assert change.in_short() == short
