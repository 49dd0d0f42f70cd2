"""Rituals: cadences, the logical day, streaks across skips, weeks and DST, and completion;
the rules for changing the list; and the grid's words and widths."""

from __future__ import annotations

import pendulum
import pytest

from tui.core.days import logical_day, week_start_of
from tui.core.mark_book import MarkBook
from tui.core.rituals import (
    STARTER_RITUALS,
    Cadence,
    Mark,
    Ritual,
    RitualDraft,
    RitualKind,
    RitualList,
    Track,
    Who,
    archive_toggled,
    edited,
    love_language_partner,
    repair_day,
    starter_offer,
    starter_rituals,
    toggled_mark,
)
from tui.core.streaks import CellState, Progress, cell_state, days_ending, progress, year_of_weeks
from tui.core.text import InvalidText
from tui.widgets.ritual_text import (
    MIN_DAYS,
    STATS_HEADER,
    STATS_WIDTH,
    describe_progress,
    grid_layout,
    partner_tags,
    shorten,
    who_legend,
)

SUNDAY = pendulum.date(2026, 11, 22)


def track(cadence: Cadence, created: str = "2026-01-01", person: str = "together") -> Track:
    ritual = Ritual("r1", "Talk time", cadence, Who.TOGETHER, 0, created)
    return Track(ritual, person)


def mark_days(book: MarkBook, last: pendulum.Date, pattern: str) -> None:
    """Mark days ending at `last` from a pattern read left (oldest) to right: D done,
    S skipped, X not done, . nothing entered."""
    marks = {"D": Mark.DONE, "S": Mark.SKIPPED, "X": Mark.NOT_DONE}
    for offset, symbol in enumerate(reversed(pattern)):
        if symbol in marks:
            book.set(last.subtract(days=offset), "r1", "together", marks[symbol])


def test_cadences_and_due_days() -> None:
    assert Cadence.daily().is_due(SUNDAY)
    assert Cadence.weekly(3).is_due(SUNDAY)
    assert Cadence.on(0, 3).is_due(SUNDAY.subtract(days=6))  # Monday
    assert not Cadence.on(0, 3).is_due(SUNDAY)
    assert [
        Cadence.daily().describe(),
        Cadence.weekly(1).describe(),
        Cadence.weekly(3).describe(),
        Cadence.on(3, 0).describe(),
    ] == ["daily", "weekly", "3× a week", "Mon, Thu"]
    with pytest.raises(InvalidText):
        Cadence.weekly(8)
    with pytest.raises(InvalidText):
        Cadence.on()


@pytest.mark.parametrize(
    "moment,expected",
    [
        ("2026-11-22T03:59:00", "2026-11-21"),
        ("2026-11-22T04:00:00", "2026-11-22"),
        ("2026-11-22T23:59:00", "2026-11-22"),
        # The night the clocks go forward in London (01:00 -> 02:00 on 29 March 2026).
        ("2026-03-29T03:30:00", "2026-03-28"),
        # The night they go back (02:00 -> 01:00 on 25 October 2026): 01:30 happens twice.
        ("2026-10-25T01:30:00", "2026-10-24"),
    ],
)
def test_the_rollover_hour_and_daylight_saving(moment: str, expected: str) -> None:
    local = pendulum.parse(moment, tz="Europe/London")
    assert logical_day(local, rollover_hour=4).to_date_string() == expected


def test_daily_streak_counts_days_and_skips_neither_count_nor_break() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY.subtract(days=1), "DDXDDSDD")
    result = progress(track(Cadence.daily()), book, SUNDAY)
    # Today is not entered yet, so it does not break the run of yesterday and before.
    assert (result.current, result.best, result.unit) == (4, 4, "d")


def test_a_missed_day_breaks_the_streak_and_today_counts_once_done() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "DDD.DD")
    assert progress(track(Cadence.daily()), book, SUNDAY).current == 2
    assert progress(track(Cadence.daily()), book, SUNDAY).best == 3


def test_streak_across_the_spring_daylight_saving_change() -> None:
    book = MarkBook()
    last = pendulum.date(2026, 3, 31)
    mark_days(book, last, "DDDDDD")  # 26 March .. 31 March, across the 29 March change
    assert progress(track(Cadence.daily()), book, last).current == 6


def test_weekday_rituals_count_only_their_days() -> None:
    book = MarkBook()
    mondays_and_thursdays = Cadence.on(0, 3)
    for weeks_ago in range(3):
        monday = week_start_of(SUNDAY, "monday").subtract(days=7 * weeks_ago)
        book.set(monday, "r1", "together", Mark.DONE)
        book.set(monday.add(days=3), "r1", "together", Mark.DONE)
    result = progress(track(mondays_and_thursdays), book, SUNDAY)
    assert (result.current, result.best) == (6, 6)


def test_n_times_a_week_streaks_in_weeks() -> None:
    book = MarkBook()
    this_monday = week_start_of(SUNDAY, "monday")
    # Four weeks ago: only once (breaks); then three weeks with 2+ ticks; this week once so far.
    plan = {4: 1, 3: 2, 2: 3, 1: 2, 0: 1}
    for weeks_ago, times in plan.items():
        for day in range(times):
            book.set(
                this_monday.subtract(days=7 * weeks_ago).add(days=day), "r1", "together", Mark.DONE
            )
    twice = track(Cadence.weekly(2), created="2026-09-01")
    result = progress(twice, book, SUNDAY)
    assert result.unit == "wk"
    assert (result.current, result.best) == (3, 3), "this week (1 of 2 so far) is not over yet"


def test_a_week_in_progress_does_not_break_the_weekly_streak() -> None:
    book = MarkBook()
    wednesday = SUNDAY.subtract(days=4)
    last_monday = week_start_of(wednesday, "monday").subtract(days=7)
    book.set(last_monday, "r1", "together", Mark.DONE)
    result = progress(track(Cadence.weekly(1), created="2026-10-01"), book, wednesday)
    assert result.current == 1


def test_a_week_with_a_skip_does_not_break_the_weekly_streak() -> None:
    book = MarkBook()
    this_monday = week_start_of(SUNDAY, "monday")
    book.set(this_monday, "r1", "together", Mark.DONE)
    book.set(this_monday.subtract(days=5), "r1", "together", Mark.SKIPPED)  # away last week
    book.set(this_monday.subtract(days=14), "r1", "together", Mark.DONE)
    result = progress(track(Cadence.weekly(1), created="2026-10-01"), book, SUNDAY)
    assert result.current == 2


def test_the_week_start_setting_moves_week_boundaries() -> None:
    assert week_start_of(SUNDAY, "monday") == pendulum.date(2026, 11, 16)
    assert week_start_of(SUNDAY, "sunday") == SUNDAY


def test_completion_over_30_days_excludes_skips() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "D" * 20 + "S" * 5 + "." * 5)
    result = progress(track(Cadence.daily()), book, SUNDAY)
    # Today has nothing entered yet and is not over, so it is not held against anyone.
    assert result.completion_30 == pytest.approx(20 / 24)
    weekly = progress(track(Cadence.weekly(2)), book, SUNDAY)
    assert weekly.completion_30 == 1.0  # 20 done against 2 a week: capped at 100%


def test_completion_ignores_days_before_the_ritual_existed() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "DD")
    assert progress(track(Cadence.daily(), created="2026-11-21"), book, SUNDAY).completion_30 == 1


def test_a_ritual_added_tomorrow_has_no_completion_and_no_streak_yet() -> None:
    # A move to a zone behind the one the ritual was added in puts today before its first day.
    tomorrow = SUNDAY.add(days=1).isoformat()
    for cadence in (Cadence.daily(), Cadence.weekly(2)):
        result = progress(track(cadence, created=tomorrow), MarkBook(), SUNDAY)
        assert (result.current, result.best, result.completion_30) == (0, 0, None)


def test_cell_states_keep_not_done_and_not_entered_apart() -> None:
    book = MarkBook()
    daily = track(Cadence.daily(), created="2026-11-10")
    created = pendulum.date(2026, 11, 10)
    book.set(SUNDAY.subtract(days=1), "r1", "together", Mark.NOT_DONE)
    book.set(SUNDAY.subtract(days=3), "r1", "together", Mark.SKIPPED)
    states = [
        cell_state(daily, book, SUNDAY.subtract(days=offset), SUNDAY, created)
        for offset in (-1, 0, 1, 2, 3, 20)
    ]
    assert states == [
        CellState.FUTURE,
        CellState.OPEN,
        CellState.NOT_DONE,
        CellState.MISSED,
        CellState.SKIPPED,
        CellState.BEFORE,
    ]


def test_the_year_heatmap_has_53_weeks_ending_with_today() -> None:
    weeks = year_of_weeks(SUNDAY, "monday")
    assert len(weeks) == 53 and all(len(week) == 7 for week in weeks)
    assert SUNDAY in weeks[-1] and weeks[0][0].weekday() == 0


def test_ticks_backfilled_before_the_ritual_was_added_extend_its_streak() -> None:
    book = MarkBook()
    mark_days(book, SUNDAY, "DSDD")
    result = progress(track(Cadence.daily(), created="2026-11-22"), book, SUNDAY)
    assert (result.current, result.best) == (3, 3)


# --- changing the list -------------------------------------------------------------------


def ids(*names: str):  # type: ignore[no-untyped-def]
    """A `make_id` that hands out these ids in turn."""
    return iter(names).__next__


def three_rituals() -> RitualList:
    return RitualList(
        [
            Ritual(name, name.title(), Cadence.daily(), Who.TOGETHER, position, "2026-11-01")
            for name, position in zip(("talk", "cook", "walk"), (0, 3, 7), strict=True)
        ]
    )


def test_a_new_ritual_goes_after_the_last_and_begins_today() -> None:
    draft = RitualDraft("Dance", Cadence.weekly(2), Who.EACH)
    ritual = three_rituals().new_ritual(draft, SUNDAY, make_id=ids("new"))
    assert (ritual.id, ritual.name, ritual.cadence, ritual.who) == (
        "new",
        "Dance",
        Cadence.weekly(2),
        Who.EACH,
    )
    assert ritual.position == 8, "after the highest position, even with gaps"
    assert ritual.created == "2026-11-22" and not ritual.archived
    assert RitualList().new_ritual(draft, SUNDAY).position == 0
    assert len(RitualList().new_ritual(draft, SUNDAY).id) == 32, "a uuid4 in hex by default"


def test_moving_a_ritual_swaps_it_with_its_neighbour_and_renumbers_everyone() -> None:
    rituals = three_rituals()
    moved = rituals.moved("walk", -1)
    assert [(ritual.id, ritual.position) for ritual in moved] == [
        ("talk", 0),
        ("walk", 1),
        ("cook", 2),
    ]
    assert [ritual.id for ritual in rituals.moved("talk", 1)] == ["cook", "talk", "walk"]


def test_the_first_ritual_cannot_move_up_nor_the_last_down() -> None:
    rituals = three_rituals()
    assert not rituals.can_move("talk", -1) and rituals.can_move("talk", 1)
    assert rituals.can_move("walk", -1) and not rituals.can_move("walk", 1)
    assert not rituals.can_move("gone", 1)
    unchanged = rituals.moved("talk", -1)
    assert [(ritual.id, ritual.position) for ritual in unchanged] == [
        ("talk", 0),
        ("cook", 1),
        ("walk", 2),
    ]


def test_a_changed_ritual_replaces_its_old_self_in_place_and_a_new_one_goes_last() -> None:
    rituals = three_rituals()
    renamed = edited(rituals.rituals[1], RitualDraft("Cook twice", Cadence.weekly(2), Who.EACH))
    assert renamed.position == 3 and renamed.created == "2026-11-01", "history and place stay"
    changed = rituals.with_changed(renamed)
    assert [ritual.name for ritual in changed.rituals] == ["Talk", "Cook twice", "Walk"]
    assert changed.rituals[1].cadence == Cadence.weekly(2) and changed.rituals[1].who is Who.EACH
    extra = Ritual("new", "New", Cadence.daily(), Who.TOGETHER, 8, "2026-11-22")
    assert [ritual.id for ritual in changed.with_changed(extra).rituals][-1] == "new"


def test_archiving_toggles_and_keeps_the_ritual_otherwise_the_same() -> None:
    talk = three_rituals().rituals[0]
    archived = archive_toggled(talk)
    assert archived.archived and archived.name == talk.name and archived.id == talk.id
    assert archive_toggled(archived) == talk


def test_the_same_mark_again_clears_the_cell() -> None:
    assert toggled_mark(None, Mark.DONE) is Mark.DONE
    assert toggled_mark(Mark.DONE, Mark.DONE) is None
    assert toggled_mark(Mark.SKIPPED, Mark.DONE) is Mark.DONE
    assert toggled_mark(Mark.NOT_DONE, Mark.NOT_DONE) is None


def test_the_starter_set_becomes_rituals_begun_today_in_the_offered_order() -> None:
    rituals = starter_rituals(SUNDAY, make_id=ids(*(f"s{n}" for n in range(10))))
    assert [ritual.name for ritual in rituals] == [starter.name for starter in STARTER_RITUALS]
    assert [ritual.position for ritual in rituals] == list(range(len(STARTER_RITUALS)))
    assert {ritual.created for ritual in rituals} == {"2026-11-22"}
    assert [ritual.id for ritual in rituals][:2] == ["s0", "s1"]
    kinds = {ritual.name: ritual.kind for ritual in rituals}
    assert kinds["Weekly check-in"] is RitualKind.CHECKIN
    assert kinds["One act in your partner's love language"] is RitualKind.LOVE_LANGUAGE


def repair(created: str = "2026-11-20", ends: str = "2026-11-26") -> Ritual:
    return Ritual(
        "rep",
        "Repair: we listen",
        Cadence.daily(),
        Who.TOGETHER,
        4,
        created,
        kind=RitualKind.REPAIR,
        only="b",
        ends=ends,
    )


def test_a_repair_counts_its_days_from_the_first() -> None:
    assert repair_day(repair(), SUNDAY.subtract(days=2)) == (1, 7)
    assert repair_day(repair(), SUNDAY) == (3, 7)
    assert repair_day(repair(), pendulum.date(2026, 11, 26)) == (7, 7)
    assert repair_day(repair(), pendulum.date(2026, 12, 20)) == (7, 7), "never past its end"
    assert repair_day(three_rituals().rituals[0], SUNDAY) is None


def test_a_love_language_ritual_hints_at_the_other_partner() -> None:
    ritual = Ritual(
        "ll", "One act", Cadence.daily(), Who.EACH, 0, "2026-11-01", kind=RitualKind.LOVE_LANGUAGE
    )
    assert love_language_partner(Track(ritual, "a")) == "b"
    assert love_language_partner(Track(ritual, "b")) == "a"
    assert love_language_partner(Track(ritual, "together")) is None
    assert love_language_partner(Track(three_rituals().rituals[0], "a")) is None


def test_the_grid_days_end_today_oldest_first() -> None:
    days = days_ending(SUNDAY, 7)
    assert days[0] == pendulum.date(2026, 11, 16) and days[-1] == SUNDAY and len(days) == 7


# --- the grid's words and widths -----------------------------------------------------------


def test_a_long_name_is_shortened_at_a_word_boundary() -> None:
    name = "Ask a feelings question, not a logistics one"
    assert shorten(name, 60) == name
    assert shorten(name, 20) == "Ask a feelings…"
    assert shorten(name, 25) == "Ask a feelings question…", "the comma goes before the ellipsis"
    assert shorten("Supercalifragilistic walk", 8) == "Superca…", "one word too long: cut"
    assert shorten("Talk", 0) == ""
    # A wide script counts two cells a character.
    assert shorten("夜の散歩 一緒に", 10) == "夜の散歩…"
    assert shorten("夜の散歩 一緒に", 7) == "夜の散…", "a first word too wide is cut by cells"


def test_partner_names_are_shown_whole_else_first_words_else_initials() -> None:
    assert partner_tags({"a": "Sam", "b": "Alex"}, 8) == {"a": "Sam", "b": "Alex"}
    assert partner_tags({"a": "Mary Ann", "b": "Jo"}, 5) == {"a": "Mary", "b": "Jo"}
    assert partner_tags({"a": "Alexandrina", "b": "Mary Ann"}, 8) == {"a": "A", "b": "M"}
    assert partner_tags({"a": "Alexandrina", "b": "Alexander"}, 6) == {"a": "A1", "b": "A2"}
    assert partner_tags({"a": "Jo Smith", "b": "Jo Brown"}, 5) == {"a": "J1", "b": "J2"}


def test_the_legend_names_the_partners_only_when_the_column_abbreviates_them() -> None:
    names = {"a": "Alexandrina", "b": "Mary Ann"}
    assert who_legend(names, {"a": "A", "b": "M"}) == "A Alexandrina · M Mary Ann"
    assert who_legend(names, dict(names)) == ""
    assert who_legend(names, {}) == "", "no partner column, nothing to explain"


@pytest.mark.parametrize(
    "names",
    [
        {"a": "Sam", "b": "Alex"},
        {"a": "Alexandrina", "b": "Mary Ann"},
        {"a": "Christopher", "b": "Christina"},
    ],
)
def test_at_80_columns_a_week_and_whole_partner_names_or_initials_fit(names) -> None:  # type: ignore[no-untyped-def]
    layout = grid_layout(76, names, with_partners=True)  # the pane's width in an 80-column window
    assert layout.days == MIN_DAYS
    row_width = layout.lead_width + layout.days * 4 + STATS_WIDTH
    assert row_width <= 76 - 2, "the row fits beside the pane's scrollbar"
    tags = set(layout.tags.values())
    full, initials = set(names.values()), {name[0] for name in names.values()}
    assert tags == full or len(tags) == 2 and all(tag[0] in initials for tag in tags)
    assert layout.name_width >= 16


def test_wide_windows_show_more_days_and_the_full_width_name() -> None:
    layout = grid_layout(116, {"a": "Sam", "b": "Alex"}, with_partners=True)
    assert layout.days > MIN_DAYS and layout.name_width == 34
    assert layout.tags == {"a": "Sam", "b": "Alex"} and layout.who_width == 4
    assert grid_layout(116, {"a": "Sam", "b": "Alex"}, with_partners=False).who_width == 0
    assert grid_layout(400, {"a": "Sam", "b": "Alex"}, with_partners=True).days == 28


def test_a_rows_streaks_line_up_under_the_header() -> None:
    shown = describe_progress(Progress(5, 12, "d", 0.8))
    assert len(shown) == len(STATS_HEADER) == STATS_WIDTH
    assert shown.split() == ["5d", "12d", "80%"]
    weekly = describe_progress(Progress(3, 10, "wk", None))
    assert len(weekly) == STATS_WIDTH and weekly.split() == ["3wk", "10wk", "–"]


def test_the_starter_offer_names_each_ritual_and_how_often_it_comes() -> None:
    offer = starter_offer()
    for starter in STARTER_RITUALS:
        assert f"\n• {starter.name} ({starter.cadence.describe()})" in offer
    assert offer.endswith("You can rename, change or archive any of them later.")


def test_tallies_count_what_was_due_and_done_in_runs_of_days() -> None:
    from datetime import date

    from tui.core.streaks import Tally, tallies

    monday = date(2026, 11, 2)
    walk = Ritual("w", "Walk", Cadence.weekly(2), Who.TOGETHER, 0, monday.isoformat())
    hug = Ritual("h", "Hug", Cadence.on(0, 2, 4), Who.EACH, 1, monday.isoformat())
    book = MarkBook(
        {
            date(2026, 11, 2): {("w", "together"): Mark.DONE, ("h", "a"): Mark.DONE},
            date(2026, 11, 3): {("w", "together"): Mark.DONE, ("h", "a"): Mark.DONE},
            date(2026, 11, 4): {("w", "together"): Mark.DONE, ("h", "a"): Mark.SKIPPED},
            date(2026, 11, 10): {("w", "together"): Mark.SKIPPED},
        }
    )
    first, today = monday.toordinal() - 7, date(2026, 11, 13).toordinal()
    weeks = tallies(Track(walk, "together"), book, first, first + 20, today, days_each=7)
    # Before it began nothing was due; a skipped day is not expected; days after today and
    # today itself, entered for nobody, are not over.
    assert weeks == [Tally(0, 0), Tally(3, 2.0), Tally(0, 2 * 3 / 7)]
    assert [week.share for week in weeks] == [None, 1.0, 0.0]
    (hugs,) = tallies(Track(hug, "a"), book, monday.toordinal(), monday.toordinal() + 6)
    # Due Monday, Wednesday (skipped) and Friday; done Monday and Tuesday (not due).
    assert hugs == Tally(2, 2) and hugs.share == 1.0
