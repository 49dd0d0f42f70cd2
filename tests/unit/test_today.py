"""Today at a glance and a tick from the shell: the rules in tui.core, without a terminal."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pendulum
import pytest

from tui.clock import FixedClock
from tui.core.agreements import Agreement, Lapse, Repair, Wording
from tui.core.days import logical_day
from tui.core.glance import (
    on_todays_tally,
    short_line,
)
from tui.core.mark_book import MarkBook
from tui.core.models import Partners
from tui.core.rituals import Cadence, Mark, Ritual, RitualKind, Who
from tui.core.today import (
    TICK_WINDOW_DAYS,
    Refused,
    build_today,
    choose_person,
    choose_ritual,
    parse_day,
)
from tui.store.glance import quick_short_line

from ..conftest import make_settings

TODAY = pendulum.date(2026, 11, 22)  # a Sunday
PARTNERS = Partners("Sam", "Alex")


def ritual(name: str, who: Who = Who.TOGETHER, cadence: Cadence | None = None, **fields) -> Ritual:
    return Ritual(
        id=name.replace(" ", "-"),
        name=name,
        cadence=cadence or Cadence.daily(),
        who=who,
        position=0,
        created="2026-11-01",
        **fields,
    )


TALK = ritual("Talk time, phones away (15 min)")
THANKS = ritual("Thank your partner for a small act of care", Who.EACH)
COOK = ritual("Cook a meal together", cadence=Cadence.weekly(1))
DANCE = ritual("Dance class", cadence=Cadence.on(1))  # Tuesdays
RITUALS = [TALK, THANKS, COOK, DANCE]


# --- choosing a ritual ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("Talk time, phones away (15 min)", TALK),
        ("talk", TALK),
        ("  TALK  time ", TALK),
        ("th", THANKS),
        ("meal", COOK),  # the start of a word, not of the name
        ("tlak", TALK),  # a typo
        ("dnace", DANCE),
        ("cok", COOK),
    ],
)
def test_a_ritual_is_chosen_by_start_word_or_near_miss(typed: str, chosen: Ritual) -> None:
    assert choose_ritual(typed, RITUALS) == chosen


def test_an_ambiguous_start_lists_the_candidates() -> None:
    with pytest.raises(Refused) as refused:
        choose_ritual("t", RITUALS)
    message = str(refused.value)
    assert message.startswith('"t" matches 2 rituals: ')
    assert f'"{TALK.name}"' in message and f'"{THANKS.name}"' in message
    assert "\n" not in message


def test_an_unknown_name_lists_every_ritual() -> None:
    with pytest.raises(Refused) as refused:
        choose_ritual("yoga", RITUALS)
    assert str(refused.value).startswith('No ritual is called "yoga". Rituals: ')
    assert all(f'"{r.name}"' in str(refused.value) for r in RITUALS)


def test_a_near_miss_as_close_to_two_names_is_refused() -> None:
    twins = [ritual("Walk"), ritual("Wall")]
    with pytest.raises(Refused, match="as close to 2 rituals"):
        choose_ritual("wapl", twins)


def test_nothing_typed_or_nothing_to_choose_is_refused() -> None:
    with pytest.raises(Refused, match="Name a ritual"):
        choose_ritual("  ", RITUALS)
    with pytest.raises(Refused, match="no rituals yet"):
        choose_ritual("talk", [])


# --- choosing a partner ----------------------------------------------------------------------


def test_a_together_ritual_needs_no_partner() -> None:
    assert choose_person(TALK, None, PARTNERS) == "together"
    assert choose_person(TALK, "Sam", PARTNERS) == "together"


@pytest.mark.parametrize(("typed", "person"), [("Sam", "a"), ("alex", "b"), ("s", "a"), ("A", "b")])
def test_a_partner_by_name_start_or_initial(typed: str, person: str) -> None:
    assert choose_person(THANKS, typed, PARTNERS) == person


def test_a_ritual_each_of_you_does_needs_the_partner() -> None:
    with pytest.raises(Refused) as refused:
        choose_person(THANKS, None, PARTNERS)
    assert str(refused.value) == f'"{THANKS.name}" is done by each of you: add --who Sam or Alex.'


def test_an_initial_both_share_or_a_stranger_is_refused() -> None:
    with pytest.raises(Refused, match="could be either of you"):
        choose_person(THANKS, "s", Partners("Sam", "Sue"))
    with pytest.raises(Refused, match="is neither of you"):
        choose_person(THANKS, "Jo", PARTNERS)


def test_a_repair_is_the_partner_who_lapsed_alone() -> None:
    repair = ritual("Repair", Who.EACH, kind=RitualKind.REPAIR, only="b")
    assert choose_person(repair, None, PARTNERS) == "b"
    assert choose_person(repair, "alex", PARTNERS) == "b"
    with pytest.raises(Refused, match="Alex's alone"):
        choose_person(repair, "sam", PARTNERS)


# --- the day -----------------------------------------------------------------------------------


def test_today_yesterday_and_dates_within_the_grid() -> None:
    assert parse_day("today", TODAY) == TODAY
    assert parse_day("Yesterday", TODAY) == date(2026, 11, 21)
    assert parse_day("2026-11-20", TODAY) == date(2026, 11, 20)
    oldest = TODAY - timedelta(days=TICK_WINDOW_DAYS - 1)
    assert parse_day(oldest.isoformat(), TODAY) == oldest


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("2026-11-23", "2026-11-23 has not come yet"),
        ("2026-10-25", "further back than the grid reaches: the oldest day to tick is 2026-10-26"),
        ("tomorrow", "is not a day"),
        ("20261120", "is not a day"),
        ("2026-02-30", "is not a date in the calendar"),
    ],
)
def test_a_day_to_come_too_old_or_unreadable_is_refused(typed: str, says: str) -> None:
    with pytest.raises(Refused, match=says):
        parse_day(typed, TODAY)


def test_the_shell_reaches_as_far_back_as_the_widest_grid() -> None:
    from tui.widgets.ritual_text import MAX_DAYS

    assert TICK_WINDOW_DAYS == MAX_DAYS


# --- the summary --------------------------------------------------------------------------------


def test_the_summary_tallies_today_with_streaks_and_the_week() -> None:
    book = MarkBook()
    for back in range(3):
        book.set(TODAY - timedelta(days=back), TALK.id, "together", Mark.DONE)
    book.set(TODAY, THANKS.id, "a", Mark.DONE)
    book.set(TODAY, THANKS.id, "b", Mark.SKIPPED)
    book.set(TODAY - timedelta(days=2), COOK.id, "together", Mark.DONE)  # Friday: week met
    summary = build_today(make_settings(), RITUALS, book, TODAY, None, [])
    rows = {(track.name, track.person): track for track in summary.tracks}
    talk = rows[(TALK.name, "together")]
    assert (talk.state.value, talk.streak.current, talk.done) == ("done", 3, True)
    assert rows[(THANKS.name, "a")].partner == "Sam"
    assert not rows[(THANKS.name, "b")].on_tally  # skipped: neither counts
    cook = rows[(COOK.name, "together")]
    assert (cook.on_tally, cook.left_this_week) == (False, 0)
    assert not rows[(DANCE.name, "together")].on_tally  # Tuesdays only
    assert (summary.done, summary.due) == (2, 2)
    assert summary.short_line() == "Attune 2/2 today · check-in today"


def test_the_summary_names_reviews_due_and_repairs_under_way() -> None:
    def agreement(wording: str, lapse_day: str) -> Agreement:
        lapse = Lapse("l-" + wording, "a", lapse_day, "", Repair(days=7), review_after_days=7)
        return Agreement(
            id=wording,
            wordings=(Wording(wording, "2026-01-01"),),
            proposed_by="a",
            signatures=frozenset({"a", "b"}),
            lapses=(lapse,),
        )

    agreements = [agreement("Phones away", "2026-11-20"), agreement("Be kind", "2026-11-01")]
    summary = build_today(make_settings(), [], MarkBook(), TODAY, TODAY, agreements)
    assert summary.reviews_due == ["Be kind"]
    assert [(r.partner, r.agreement, r.day, r.of) for r in summary.repairs] == [
        ("Sam", "Phones away", 3, 7)
    ]
    assert summary.checkin_due == date(2026, 11, 29)
    assert summary.short_line() == (
        "Attune 0/0 today · check-in Sun 29 Nov · 1 review due · 1 repair"
    ), "a week ahead, the date says which Sunday"


# --- the quick line's rules agree with the dashboard's ----------------------------------------


def test_the_logical_day_is_the_same_for_pendulum_and_plain_times() -> None:
    start = pendulum.datetime(2026, 3, 27, 0, 30, tz="Europe/London")  # over a DST change
    for hour in range(0, 24 * 5, 3):
        moment = start.add(hours=hour)
        plain = datetime.fromisoformat(moment.isoformat())
        assert logical_day(moment, 4) == logical_day(plain, 4)
        assert (moment.hour < 4) == (logical_day(moment, 4) != moment.date())


def test_the_tally_rule_and_the_line() -> None:
    assert on_todays_tally("skipped", True, False) == (False, False)
    assert on_todays_tally("done", False, True) == (True, True)
    assert on_todays_tally("not_done", True, False) == (True, False)
    assert on_todays_tally(None, True, True) == (False, False)
    assert (
        short_line(3, 7, TODAY, TODAY.subtract(days=1), 0, 0)
        == "Attune 3/7 today · check-in overdue"
    )
    assert short_line(1, 1, TODAY, TODAY.add(days=1), 2, 2).endswith(
        "Mon · 2 reviews due · 2 repairs"
    )


def test_the_quick_line_equals_the_full_summary_on_ten_years(tmp_path: Path) -> None:
    """Day by day over weeks of generated history, with repairs, reviews and check-ins."""
    from bench.history import write_history
    from tui.shell import _summary, store_clock
    from tui.store import Store

    path = tmp_path / "attune.json"
    write_history(path, years=1)
    moment = pendulum.datetime(2026, 11, 1, 2, 0, tz="Europe/London")
    for hours in range(0, 24 * 35, 17):
        clock = FixedClock(moment.add(hours=hours))
        with Store.peek(path, clock) as store:
            expected = _summary(store, store_clock(store, clock)).short_line()
        assert quick_short_line(path, clock) == expected


def test_the_quick_line_leaves_anything_unexpected_to_the_store(tmp_path: Path) -> None:
    path = tmp_path / "attune.json"
    assert quick_short_line(path) is None  # missing
    path.write_bytes(b"")
    assert quick_short_line(path) is None  # damaged
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}}))
    assert quick_short_line(path) is None  # an older format, migrated by the store
