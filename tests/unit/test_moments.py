"""The log of moments: logging, editing, the check-in marks, finding, tags and patterns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.moment_patterns import (
    Cluster,
    PatternPeriod,
    TimeOfDay,
    busiest,
    compare,
    list_filter,
    next_in_turn,
    patterns,
    time_of_day,
)
from tui.core.moments import (
    Moment,
    MomentFilter,
    MomentKind,
    edit_moment,
    filter_moments,
    for_next_checkin,
    mark_talked_about,
    marked_for_checkin,
    new_moment,
    newest_first,
    parse_tags,
    parse_when,
    search_filter,
    suggest_tags,
    to_review_at_checkin,
    toggle_for_checkin,
)
from tui.core.text import InvalidText

from ..profiles import examples
from ..strategies import hostile_text

NOW = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")  # a Sunday
TODAY = date(2026, 11, 22)
ROLLOVER = 4
ZONE = "UTC"
"""The couple's zone: the log's times are written in it."""
SUMMER = timezone(timedelta(hours=1))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A time in London in winter (UTC+0)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def moment(
    moment_id: str,
    when: datetime,
    kind: MomentKind = MomentKind.CONNECTION,
    who: str = "a",
    what: str = "Talked on the sofa",
    **fields: object,
) -> Moment:
    """A moment as a test needs it, checked as the app checks one."""
    return new_moment(moment_id, at=when, now=NOW, who=who, kind=kind, what_happened=what, **fields)


# --- logging a moment -------------------------------------------------------------------------


def test_a_new_moment_is_cleaned_and_kept_to_the_second_with_its_offset() -> None:
    logged = new_moment(
        "m1",
        at=pendulum.datetime(2026, 7, 4, 19, 30, 12, 999, tz="Europe/London"),
        now=NOW,
        who="both",
        kind=MomentKind.CONNECTION,
        what_happened="  Danced in the [bold]kitchen[/]  ",
        triggers="  a quiet evening\nno phones ",
        tags=["#Music", "play", "music"],
        helped="Putting the phones away",
        helped_tags=["phones-away"],
        strength=4,
    )
    assert logged.what_happened == "Danced in the [bold]kitchen[/]"
    assert logged.triggers == "a quiet evening\nno phones"
    assert logged.tags == ("music", "play")
    assert logged.at.isoformat() == "2026-07-04T19:30:12+01:00"
    assert logged.created.isoformat() == "2026-11-22T10:30:00+00:00"
    assert (logged.strength, logged.for_checkin, logged.talked_about_on) == (4, False, None)


def test_neglect_is_marked_for_the_check_in_unless_said_otherwise() -> None:
    assert moment("m1", at(TODAY, 8), MomentKind.NEGLECT).for_checkin
    assert not moment("m2", at(TODAY, 8), MomentKind.CONNECTION).for_checkin
    assert not moment("m3", at(TODAY, 8), MomentKind.REPAIR).for_checkin
    assert not moment("m4", at(TODAY, 8), MomentKind.NEGLECT, for_checkin=False).for_checkin
    assert moment("m5", at(TODAY, 8), MomentKind.CONNECTION, for_checkin=True).for_checkin
    assert moment("m6", at(TODAY, 8), "neglect").kind is MomentKind.NEGLECT  # type: ignore[arg-type]


REFUSED = {
    "in the future": ({"when": NOW.add(minutes=1)}, "at", "still to come"),
    "no time zone": ({"when": datetime(2026, 11, 22, 9)}, None, "time zone"),
    "nothing happened": ({"what": "   "}, "what_happened", "Please enter what happened"),
    "too long": ({"what": "x" * 201}, "what_happened", "at most 200"),
    "an escape code": ({"what": "hi \x1b[31m"}, "what_happened", "control characters"),
    "a line break": ({"what": "one\ntwo"}, "what_happened", "line breaks"),
    "strength 0": ({"strength": 0}, "strength", "1 to 5"),
    "strength 6": ({"strength": 6}, "strength", "1 to 5"),
    "strength true": ({"strength": True}, "strength", "1 to 5"),
    "nobody": ({"who": "c"}, "who", "one of you or both"),
    "an unknown kind": ({"kind": "joy"}, "kind", "connection, neglect or repair"),
    "a tag with a space inside": ({"tags": ["work late"]}, "tags", "one word"),
    "a tag too long": ({"tags": ["x" * 25]}, "tags", "at most 24"),
    "nine tags": ({"tags": [f"t{n}" for n in range(9)]}, "tags", "at most 8 tags"),
    "a helped tag of markup": ({"helped_tags": ["[b]"]}, "helped_tags", "one word"),
    "a broken character": ({"triggers": "x\ud800"}, "triggers", "broken character"),
}


@pytest.mark.parametrize("changes,field,message", REFUSED.values(), ids=REFUSED.keys())
def test_what_a_moment_cannot_be(changes: dict, field: str | None, message: str) -> None:
    arguments = {"when": at(TODAY, 8), "kind": MomentKind.NEGLECT, **changes}
    with pytest.raises(InvalidText, match=message) as refusal:
        moment("m1", **arguments)
    assert refusal.value.field == field


def test_tags_are_typed_in_one_field() -> None:
    assert parse_tags("#Phones, work-late  phones,,dinner") == ("phones", "work-late", "dinner")
    assert parse_tags("  ") == ()
    with pytest.raises(InvalidText, match="one word"):
        parse_tags("kids!")


# --- editing and the check-in marks -----------------------------------------------------------


def test_an_edit_is_checked_like_a_new_moment_and_keeps_the_record_s_history() -> None:
    original = mark_talked_about([moment("m1", at(TODAY, 8), MomentKind.NEGLECT)], TODAY)[0]
    later = NOW.add(hours=2)
    edited = edit_moment(original, now=later, what_happened=" Phone at dinner ", strength=2)
    assert edited.what_happened == "Phone at dinner"
    assert edited.strength == 2
    assert (edited.id, edited.at, edited.created) == (original.id, original.at, original.created)
    assert edited.talked_about_on == TODAY
    assert edited.edited is not None and edited.edited.isoformat() == "2026-11-22T12:30:00+00:00"
    assert edit_moment(original, now=later, kind=MomentKind.CONNECTION).for_checkin
    with pytest.raises(InvalidText, match="still to come"):
        edit_moment(original, now=later, at=later.add(days=1))
    with pytest.raises(TypeError, match="id"):
        edit_moment(original, now=later, id="other")


def test_marking_for_the_check_in_and_talking_it_over() -> None:
    neglect = moment("m1", at(TODAY, 8), MomentKind.NEGLECT)
    assert not toggle_for_checkin(neglect).for_checkin
    assert toggle_for_checkin(toggle_for_checkin(neglect)) == neglect
    (talked,) = mark_talked_about([neglect], TODAY)
    assert talked.talked_about_on == TODAY
    (again,) = mark_talked_about([talked], TODAY + timedelta(days=7))
    assert again.talked_about_on == TODAY, "the first check-in that talked about it is kept"
    brought_back = toggle_for_checkin(toggle_for_checkin(talked))
    assert brought_back.for_checkin and brought_back.talked_about_on is None


def test_the_moments_for_the_next_check_in() -> None:
    last_checkin = date(2026, 11, 15)
    early_monday = moment("early", at(date(2026, 11, 16), 2), MomentKind.NEGLECT)
    moments = [
        moment("old", at(date(2026, 11, 14), 20), MomentKind.NEGLECT),
        moment("late", at(date(2026, 11, 21), 21), MomentKind.NEGLECT),
        early_monday,
        moment("sunday night", at(date(2026, 11, 16), 3), MomentKind.NEGLECT),
        moment("unmarked", at(date(2026, 11, 20), 20), MomentKind.NEGLECT, for_checkin=False),
        moment("good", at(date(2026, 11, 19), 20), MomentKind.CONNECTION, for_checkin=True),
        *mark_talked_about([moment("done", at(date(2026, 11, 18), 8), "neglect")], TODAY),
    ]
    chosen = for_next_checkin(
        moments, since=date(2026, 11, 16), time_zone=ZONE, rollover_hour=ROLLOVER
    )
    # 02:00 and 03:00 on Monday count for Sunday, the day of the last check-in.
    assert [m.id for m in chosen] == ["good", "late"]
    since_sunday = for_next_checkin(
        moments, since=last_checkin, time_zone=ZONE, rollover_hour=ROLLOVER
    )
    assert [m.id for m in since_sunday] == ["early", "sunday night", "good", "late"]
    assert early_monday.day(ZONE, ROLLOVER) == last_checkin
    assert early_monday.day(ZONE, 0) == date(2026, 11, 16)


# --- finding moments --------------------------------------------------------------------------

LOG = [
    moment("m1", at(date(2026, 11, 2), 19), MomentKind.CONNECTION, "a", "Cooked dinner together",
           tags=["cooking"], helped="Phones in the drawer", helped_tags=["phones-away"]),
    moment("m2", at(date(2026, 11, 5), 21), MomentKind.NEGLECT, "b", "Scrolled through DINNER",
           tags=["phones", "dinner"], triggers="long week at work"),
    moment("m3", at(date(2026, 11, 9), 8), MomentKind.REPAIR, "both", "Owned the missed call",
           tags=["apology"]),
    moment("m4", at(date(2026, 11, 16), 2), MomentKind.NEGLECT, "a", "No goodnight",
           tags=["bedtime"]),
]  # fmt: skip


FILTERS = {
    "everything": (MomentFilter(), ["m1", "m2", "m3", "m4"]),
    "by kind": (MomentFilter(kind=MomentKind.NEGLECT), ["m2", "m4"]),
    "by partner, both included": (MomentFilter(partner="a"), ["m1", "m3", "m4"]),
    "by partner b": (MomentFilter(partner="b"), ["m2", "m3"]),
    "by tag": (MomentFilter(tag="phones"), ["m2"]),
    "by a tag of what helped": (MomentFilter(tag="phones-away"), ["m1"]),
    "from a day": (MomentFilter(first_day=date(2026, 11, 9)), ["m3", "m4"]),
    "to a day, on the logical day": (
        MomentFilter(last_day=date(2026, 11, 15)),
        ["m1", "m2", "m3", "m4"],  # m4, at 02:00 on the 16th, counts for the 15th
    ),
    "to the day before": (MomentFilter(last_day=date(2026, 11, 14)), ["m1", "m2", "m3"]),
    "words in any case": (MomentFilter(words="dinner"), ["m1", "m2"]),
    "every word must match": (MomentFilter(words="DINNER work"), ["m2"]),
    "words in what helped": (MomentFilter(words="drawer"), ["m1"]),
    "words in the tags": (MomentFilter(words="apology"), ["m3"]),
    "nothing matches": (MomentFilter(words="dinner", kind=MomentKind.REPAIR), []),
}


@pytest.mark.parametrize("criteria,expected", FILTERS.values(), ids=FILTERS.keys())
def test_filtering_the_log(criteria: MomentFilter, expected: list[str]) -> None:
    assert [m.id for m in filter_moments(LOG, criteria, ZONE, ROLLOVER)] == expected


def test_newest_first_orders_by_the_point_in_time_across_offsets() -> None:
    summer_evening = moment("summer", datetime(2026, 7, 1, 20, 30, tzinfo=SUMMER))
    utc_evening = moment("utc", datetime(2026, 7, 1, 20, 0, tzinfo=UTC))
    # 20:30 at UTC+1 is 19:30 UTC: earlier, although its clock reads later.
    assert [m.id for m in newest_first([summer_evening, utc_evening])] == ["utc", "summer"]


def test_tag_suggestions_are_the_most_used_first() -> None:
    log = [
        moment("1", at(TODAY, 8), tags=["work", "walk"], helped_tags=["walk"]),
        moment("2", at(TODAY, 8), tags=["work-late", "walk"]),
        moment("3", at(TODAY, 8), tags=["walk", "work"]),
        moment("4", at(TODAY, 8), tags=["weekend"]),
    ]
    assert suggest_tags(log, "w") == ["walk", "work", "weekend", "work-late"]
    assert suggest_tags(log, " #WO") == ["work", "work-late"]
    assert suggest_tags(log, "wo", exclude=["work"]) == ["work-late"]
    assert suggest_tags(log, "", limit=2) == ["walk", "work"]
    assert suggest_tags(log, "w", helped=True) == ["walk"]
    assert suggest_tags(log, "x") == []


# --- patterns ---------------------------------------------------------------------------------


def test_the_patterns_of_four_weeks() -> None:
    last_day = TODAY  # Sunday 22 November; the four weeks run from Monday 26 October
    log = [
        moment("c1", at(date(2026, 10, 26), 8), tags=["walk"], helped_tags=["phones-away"]),
        moment("c2", at(date(2026, 11, 20), 19), tags=["walk", "cooking"]),
        moment("c3", at(date(2026, 11, 21), 13), tags=["cooking"]),
        moment("n1", at(date(2026, 11, 17), 23), MomentKind.NEGLECT, tags=["phones"],
               helped_tags=["phones-away", "speaking-up"]),
        # Monday 02:00 is Sunday night on the couple's logical days.
        moment("n2", at(date(2026, 11, 2), 2), MomentKind.NEGLECT, tags=["phones", "tv"]),
        moment("r1", at(date(2026, 11, 22), 9), MomentKind.REPAIR),
        moment("before", at(date(2026, 10, 20), 20)),
        moment("before too", at(date(2026, 10, 25), 20), MomentKind.NEGLECT),
        moment("too early", at(date(2026, 9, 27), 20)),
    ]  # fmt: skip
    seen = patterns(log, PatternPeriod.FOUR_WEEKS, last_day, ZONE, ROLLOVER)

    assert (seen.first_day, seen.last_day) == (date(2026, 10, 26), last_day)
    assert [w.first_day for w in seen.weeks] == [
        date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)
    ]  # fmt: skip
    assert [(w.connection, w.neglect, w.repair) for w in seen.weeks] == [
        (1, 1, 0), (0, 0, 0), (0, 0, 0), (2, 1, 1)
    ]  # fmt: skip
    assert seen.totals == {MomentKind.CONNECTION: 3, MomentKind.NEGLECT: 2, MomentKind.REPAIR: 1}
    assert seen.previous_totals == {
        MomentKind.CONNECTION: 1, MomentKind.NEGLECT: 1, MomentKind.REPAIR: 0
    }  # fmt: skip
    connection_tags = [(t.tag, t.count) for t in seen.triggers[MomentKind.CONNECTION]]
    assert connection_tags == [("cooking", 2), ("walk", 2)]
    neglect_tags = [(t.tag, t.count) for t in seen.triggers[MomentKind.NEGLECT]]
    assert neglect_tags == [("phones", 2), ("tv", 1)]
    assert [(t.tag, t.count) for t in seen.helpers] == [("phones-away", 2), ("speaking-up", 1)]

    neglect = seen.clusters[MomentKind.NEGLECT]
    assert neglect[1][3] == 1, "Tuesday 23:00 is a Tuesday night"
    assert neglect[6][3] == 1, "Monday 02:00 is a Sunday night"
    connection = seen.clusters[MomentKind.CONNECTION]
    assert (connection[0][0], connection[4][2], connection[5][1]) == (1, 1, 1)
    assert sum(map(sum, connection)) == 3

    assert seen.comparisons == (
        "More moments of connection than in the previous four weeks: 3 against 1.",
        "More moments of neglect than in the previous four weeks: 2 against 1.",
        "1 moment of repair in these four weeks, and none in the previous four weeks.",
    )


def test_longer_periods_count_whole_weeks() -> None:
    log = [moment("c", at(date(2026, 1, 5), 20)), moment("n", at(date(2025, 12, 1), 20), "neglect")]
    quarter = patterns(log, PatternPeriod.THREE_MONTHS, TODAY, ZONE, ROLLOVER)
    assert (len(quarter.weeks), quarter.first_day) == (13, date(2026, 8, 24))
    year = patterns(log, PatternPeriod.YEAR, TODAY, ZONE, ROLLOVER)
    assert (len(year.weeks), year.first_day) == (52, date(2025, 11, 24))
    assert year.totals[MomentKind.CONNECTION] == 1
    assert year.previous_totals[MomentKind.NEGLECT] == 0
    assert year.totals[MomentKind.NEGLECT] == 1
    assert year.comparisons[1] == (
        "1 moment of neglect in this past year, and none in the year before."
    )


BEFORE = "the previous four weeks"
COMPARISONS = {
    "more": (9, 4, f"More moments of connection than in {BEFORE}: 9 against 4."),
    "fewer": (2, 5, f"Fewer moments of connection than in {BEFORE}: 2 against 5."),
    "as many": (3, 3, f"As many moments of connection as in {BEFORE}: 3."),
    "none at all": (0, 0, f"No moments of connection in these four weeks, nor in {BEFORE}."),
    "none now": (0, 3, f"No moments of connection in these four weeks, against 3 in {BEFORE}."),
    "none before": (2, 0, f"2 moments of connection in these four weeks, and none in {BEFORE}."),
}


@pytest.mark.parametrize("now,before,sentence", COMPARISONS.values(), ids=COMPARISONS.keys())
def test_the_comparison_in_plain_words(now: int, before: int, sentence: str) -> None:
    assert compare(MomentKind.CONNECTION, now, before, PatternPeriod.FOUR_WEEKS) == sentence


def test_the_previous_period_is_named_for_its_length() -> None:
    assert compare(MomentKind.NEGLECT, 1, 2, PatternPeriod.THREE_MONTHS) == (
        "Fewer moments of neglect than in the previous three months: 1 against 2."
    )
    assert compare(MomentKind.REPAIR, 0, 0, PatternPeriod.YEAR) == (
        "No moments of repair in this past year, nor in the year before."
    )


def test_the_parts_of_a_day() -> None:
    parts = [time_of_day(hour) for hour in range(24)]
    assert parts[4:6] == [TimeOfDay.NIGHT, TimeOfDay.MORNING]
    assert parts[11:13] == [TimeOfDay.MORNING, TimeOfDay.AFTERNOON]
    assert parts[16:18] == [TimeOfDay.AFTERNOON, TimeOfDay.EVENING]
    assert parts[21:] == [TimeOfDay.EVENING, TimeOfDay.NIGHT, TimeOfDay.NIGHT]


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=examples(200), deadline=None)
@given(text=hostile_text)
def test_what_happened_is_kept_cleaned_or_refused_in_words(text: str) -> None:
    try:
        logged = moment("m", at(TODAY, 8), what=text)
    except InvalidText as problem:
        assert problem.field == "what_happened"
        return
    assert logged.what_happened == text.strip()
    assert 0 < len(logged.what_happened) <= 200


moments_in_a_quarter = st.lists(
    st.builds(
        lambda number, offset, hour, kind, who: moment(
            f"m{number}", at(TODAY - timedelta(days=offset), hour), kind, who, tags=["t"]
        ),
        st.integers(),
        st.integers(min_value=1, max_value=120),
        st.integers(min_value=0, max_value=23),
        st.sampled_from(list(MomentKind)),
        st.sampled_from(["a", "b", "both"]),
    ),
    max_size=40,
)


@settings(max_examples=examples(100), deadline=None)
@given(log=moments_in_a_quarter, period=st.sampled_from(list(PatternPeriod)))
def test_patterns_count_each_moment_of_the_period_once(
    log: list[Moment], period: PatternPeriod
) -> None:
    seen = patterns(log, period, TODAY, ZONE, ROLLOVER)
    in_period = filter_moments(
        log, MomentFilter(first_day=seen.first_day, last_day=TODAY), ZONE, ROLLOVER
    )
    for kind in MomentKind:
        expected = sum(1 for m in in_period if m.kind is kind)
        assert seen.totals[kind] == expected
        assert sum(getattr(week, kind.value) for week in seen.weeks) == expected
        assert sum(map(sum, seen.clusters[kind])) == expected
        assert sum(t.count for t in seen.triggers[kind]) == expected  # one tag each


@settings(max_examples=examples(100), deadline=None)
@given(log=moments_in_a_quarter, words=st.sampled_from(["", "sofa", "TALKED on", "nothing"]))
def test_a_word_search_keeps_only_what_holds_every_word(log: list[Moment], words: str) -> None:
    found = filter_moments(log, MomentFilter(words=words), ZONE, ROLLOVER)
    assert [m for m in log if m in found] == found
    for kept in found:
        assert all(word in kept.what_happened.casefold() for word in words.casefold().split())
    if words in ("", "sofa", "TALKED on"):
        assert found == log


# --- the check-in's review, typed times, the search box, clusters ----------------------------


def test_the_review_shows_what_was_marked_since_the_last_check_in() -> None:
    last = at(TODAY - timedelta(days=7), 20)
    older = moment("old", at(TODAY - timedelta(days=9), 8), MomentKind.NEGLECT)
    newer = moment("new", at(TODAY - timedelta(days=2), 8), MomentKind.NEGLECT)
    unmarked = moment("plain", at(TODAY - timedelta(days=1), 8), MomentKind.CONNECTION)
    talked = mark_talked_about([moment("done", at(TODAY - timedelta(days=3), 8), "neglect")], TODAY)
    backdated = moment("late", at(TODAY - timedelta(days=10), 8), MomentKind.NEGLECT)
    assert backdated.created >= last  # noted after the check-in, about a day before it
    log = [newer, older, unmarked, *talked, backdated]
    # "old" happened before the check-in but was noted after it (the tests' clock is NOW).
    assert [m.id for m in to_review_at_checkin(log, last)] == ["late", "old", "new"]
    assert [m.id for m in to_review_at_checkin(log, None)] == ["late", "old", "new"]


def test_marking_an_old_moment_again_brings_it_to_the_next_check_in() -> None:
    old = new_moment(
        "m1",
        at=at(TODAY - timedelta(days=30), 8),
        now=at(TODAY - timedelta(days=30), 9),
        who="a",
        kind=MomentKind.NEGLECT,
        what_happened="Felt unheard",
    )
    (talked,) = mark_talked_about([old], TODAY - timedelta(days=28))
    last_checkin = at(TODAY - timedelta(days=7), 20)
    assert to_review_at_checkin([talked], last_checkin) == []
    unmarked = marked_for_checkin(talked, NOW)
    assert not unmarked.for_checkin
    again = marked_for_checkin(unmarked, NOW)
    assert again.for_checkin and again.talked_about_on is None
    assert to_review_at_checkin([again], last_checkin) == [again]


def test_a_typed_time_is_on_the_couples_clock_and_never_to_come() -> None:
    assert parse_when(" 2026-11-20   21:15 ", NOW).isoformat() == "2026-11-20T21:15:00+00:00"
    summer = parse_when("2026-07-04 19:30", NOW)
    assert summer.utcoffset() == timedelta(hours=1)
    for typed, words in (("2026-11-22 10:31", "still to come"), ("tomorrow", "like 2026-11-22")):
        with pytest.raises(InvalidText, match=words) as refusal:
            parse_when(typed, NOW)
        assert refusal.value.field == "at"


def test_the_search_box_takes_words_and_one_tag() -> None:
    base = MomentFilter(kind=MomentKind.NEGLECT)
    assert search_filter("  dinner #Phones late #walk ", base) == MomentFilter(
        kind=MomentKind.NEGLECT, tag="phones", words="dinner late walk"
    )
    assert search_filter("#", base) == MomentFilter(kind=MomentKind.NEGLECT, words="")


def test_the_busiest_slot_is_named_only_when_it_stands_out() -> None:
    grid = [[0, 0, 0, 0] for _ in range(7)]
    assert busiest(tuple(map(tuple, grid))) is None
    grid[6][2] = 4
    grid[1][0] = 4
    grid[3][3] = 1
    cluster = busiest(tuple(map(tuple, grid)))
    assert cluster == Cluster(1, TimeOfDay.MORNING, 4)
    assert Cluster(6, TimeOfDay.EVENING, 4).describe(MomentKind.NEGLECT) == (
        "Moments of neglect came most often on Sunday evenings (4)."
    )
    assert "Friday nights" in Cluster(4, TimeOfDay.NIGHT, 2).describe(MomentKind.CONNECTION)


def test_each_period_reads_as_words() -> None:
    assert [period.last for period in PatternPeriod] == [
        "the last 4 weeks",
        "the last 3 months",
        "the past year",
    ]


def test_the_list_filter_adds_the_search_and_the_period_to_the_criteria() -> None:
    from tui.core.moments import MomentFilter

    today = date(2026, 11, 22)
    chosen = list_filter("walk #tired", MomentFilter(partner="a"), None, today)
    assert (chosen.partner, chosen.tag, chosen.words, chosen.first_day) == (
        "a",
        "tired",
        "walk",
        None,
    )
    four_weeks = list_filter("", MomentFilter(), PatternPeriod.FOUR_WEEKS, today)
    assert four_weeks.first_day == date(2026, 10, 26), "28 days, today the last of them"


def test_a_filter_key_cycles_through_its_choices() -> None:
    choices = (None, "a", "b")
    assert [next_in_turn(choices, c) for c in choices] == ["a", "b", None]


def test_the_moments_view_cycles_its_filters_and_periods_and_clears_them() -> None:
    from tui.core.moment_patterns import MomentsView
    from tui.core.moments import MomentKind

    view = MomentsView().next_kind().next_partner().next_period()
    assert (view.criteria.kind, view.criteria.partner) == (MomentKind.CONNECTION, "a")
    assert view.list_period is PatternPeriod.FOUR_WEEKS and view.narrowed
    patterns_shown = view.switched().next_period()
    assert patterns_shown.pattern_period is PatternPeriod.THREE_MONTHS
    assert patterns_shown.list_period is PatternPeriod.FOUR_WEEKS, "the list keeps its own"
    assert not view.cleared().narrowed
    assert view.list_filter("", date(2026, 11, 22)).first_day == date(2026, 10, 26)


def test_the_moments_view_offers_only_the_keys_that_make_sense() -> None:
    from tui.core.moment_patterns import MomentsView

    listing = MomentsView()
    assert listing.allows("edit", selected=True, searching=False)
    assert not listing.allows("edit", selected=False, searching=False)
    assert not listing.allows("clear", selected=True, searching=False), "nothing to clear"
    assert listing.allows("clear", selected=True, searching=True)
    assert listing.next_kind().allows("clear", selected=False, searching=False)
    patterns_shown = listing.switched()
    assert not patterns_shown.allows("edit", selected=True, searching=False)
    assert not patterns_shown.allows("kind", selected=True, searching=False)
    assert patterns_shown.allows("period", selected=False, searching=False)
