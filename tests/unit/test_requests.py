"""Requests: asking, answering, alternatives, the status in words, nudges and wins."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.agreements import IllegalTransition, Repair, propose, retire, sign
from tui.core.mark_book import MarkBook
from tui.core.models import Partners, Settings
from tui.core.request_words import (
    describe_streaks,
    guessed_cadence,
    request_nudges,
    ritual_draft_for,
)
from tui.core.requests import (
    Request,
    RequestStatus,
    StepKind,
    add_step,
    alternative_offerers,
    answer_taker,
    can_delete,
    linked_id,
    new_request,
    requests_to_list,
    steps_allowed,
    taker,
)
from tui.core.rituals import RITUAL_NAME_MAX_LENGTH, Cadence, Mark, Ritual, Who, clean_ritual_name
from tui.core.text import InvalidText
from tui.core.wins import (
    latest_wins,
    wins_between,
    wins_for_checkin,
    wins_in_month,
    wins_in_words,
    wins_of_requests,
)

from ..profiles import examples
from ..strategies import hostile_text

MONDAY = date(2026, 11, 23)


def wins_of(requests: list[Request], book: MarkBook | None = None, agreements=()) -> list:
    """Every win of `requests`, given the ticks and the agreements they may have become."""
    return wins_of_requests(requests, book or MarkBook(), agreements)


def asked_by_a(day: date = MONDAY, request_id: str = "r1") -> Request:
    return new_request(
        request_id,
        asker="a",
        need="to feel that you are with me",
        ask="Phones away at dinner, every evening",
        day=day,
        hurt="I felt alone at dinner",
        moment_id="m1",
    )


def test_a_new_request_is_cleaned_and_asks_the_other_partner() -> None:
    request = new_request(
        "r1", asker="b", need="  to feel [b]heard[/b] ", ask=" Ask me first ", day=MONDAY
    )
    assert (request.need, request.ask, request.hurt, request.moment_id) == (
        "to feel [b]heard[/b]",
        "Ask me first",
        "",
        None,
    )
    assert (request.asker, request.asked, request.created) == ("b", "a", MONDAY)
    assert request.status(MONDAY) is RequestStatus.ASKED
    assert request.describe_status(MONDAY) == "asked"


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"need": " "}, "need"),
        ({"ask": ""}, "ask"),
        ({"ask": "x" * 301}, "ask"),
        ({"need": "a\x1b[2Jb"}, "need"),
        ({"hurt": "fine\n\x07"}, "hurt"),
        ({"asker": "both"}, "asker"),
    ],
)
def test_what_a_request_cannot_be(changes: dict, field: str) -> None:
    arguments = {"asker": "a", "need": "closeness", "ask": "A hug tonight", "day": MONDAY}
    with pytest.raises(InvalidText) as refusal:
        new_request("r1", **{**arguments, **changes})
    assert refusal.value.field == field


def test_doable_then_kept_is_a_win_on_the_day_it_was_kept() -> None:
    agreed = add_step(asked_by_a(), StepKind.DOABLE, "b", MONDAY)
    assert agreed.status(MONDAY) is RequestStatus.AGREED
    assert (agreed.agreed_on, agreed.agreed_day) == (agreed.ask, MONDAY)
    kept = add_step(agreed, StepKind.KEPT, "b", MONDAY + timedelta(days=2))
    assert kept.status(MONDAY) is RequestStatus.KEPT
    assert [(win.day, win.kind, win.how) for win in wins_of([kept])] == [
        (MONDAY + timedelta(days=2), StepKind.KEPT, "kept")
    ]
    assert wins_between(wins_of([kept]), MONDAY, MONDAY + timedelta(days=1)) == []


def test_let_me_think_has_a_day_and_is_overdue_after_it() -> None:
    friday = date(2026, 11, 27)
    thinking = add_step(asked_by_a(), StepKind.THINKING, "b", MONDAY, answer_by=friday)
    assert thinking.status(friday) is RequestStatus.ANSWER_DUE
    assert thinking.describe_status(MONDAY) == "answer due Fri 27 Nov"
    saturday = friday + timedelta(days=1)
    assert thinking.status(saturday) is RequestStatus.OVERDUE
    assert thinking.describe_status(saturday) == "answer overdue since Fri 27 Nov"
    answered = add_step(thinking, StepKind.DOABLE, "b", saturday)
    assert answered.status(saturday) is RequestStatus.AGREED
    with pytest.raises(InvalidText, match="day to answer by") as refusal:
        add_step(asked_by_a(), StepKind.THINKING, "b", MONDAY)
    assert refusal.value.field == "answer_by"
    with pytest.raises(InvalidText, match="30 days"):
        add_step(asked_by_a(), StepKind.THINKING, "b", MONDAY, answer_by=MONDAY + timedelta(31))
    with pytest.raises(InvalidText):
        add_step(asked_by_a(), StepKind.THINKING, "b", MONDAY, answer_by=MONDAY - timedelta(1))


def test_alternatives_go_back_and_forth_until_one_is_accepted() -> None:
    request = add_step(asked_by_a(), StepKind.NOT_AS_ASKED, "b", MONDAY, text="Not every day")
    assert request.status(MONDAY) is RequestStatus.NOT_AS_ASKED
    assert request.steps[-1].text == "Not every day"
    request = add_step(request, StepKind.ALTERNATIVE, "b", MONDAY, text=" On weekdays ")
    assert request.status(MONDAY) is RequestStatus.ALTERNATIVE_OFFERED
    request = add_step(request, StepKind.ALTERNATIVE, "a", MONDAY, text="Weekdays and Sundays")
    with pytest.raises(IllegalTransition, match="accepted by your partner"):
        add_step(request, StepKind.ACCEPTED, "a", MONDAY)
    request = add_step(request, StepKind.ACCEPTED, "b", MONDAY + timedelta(days=1))
    assert request.status(MONDAY) is RequestStatus.AGREED
    assert request.agreed_on == "Weekdays and Sundays"
    assert request.agreed_day == MONDAY + timedelta(days=1)
    assert [step.kind for step in request.steps] == [
        StepKind.NOT_AS_ASKED,
        StepKind.ALTERNATIVE,
        StepKind.ALTERNATIVE,
        StepKind.ACCEPTED,
    ]


def test_a_request_made_a_ritual_or_an_agreement_is_a_win_once_it_is_done_or_signed() -> None:
    agreed = add_step(asked_by_a(), StepKind.DOABLE, "b", MONDAY)
    made_on = MONDAY + timedelta(days=3)
    ritual = add_step(agreed, StepKind.RITUAL, "a", made_on, linked_id="rit1")
    assert ritual.status(MONDAY) is RequestStatus.AGREED
    assert ritual.describe_status(MONDAY) == "agreed, now a ritual"
    assert ritual.steps[-1].linked_id == "rit1"
    assert wins_of([ritual]) == [], "a ritual nobody has done has not come true"
    # Ticked before it was made (a backfilled day) counts for nothing; the first day done after.
    book = MarkBook(
        {
            made_on - timedelta(days=1): {("rit1", "together"): Mark.DONE},
            made_on + timedelta(days=1): {("rit1", "together"): Mark.SKIPPED},
            made_on + timedelta(days=2): {("rit1", "b"): Mark.DONE},
            made_on + timedelta(days=4): {("rit1", "a"): Mark.DONE},
        }
    )
    assert [(w.day, w.kind, w.how) for w in wins_of([ritual], book)] == [
        (made_on + timedelta(days=2), StepKind.RITUAL, "done as a ritual")
    ]
    agreement = add_step(agreed, StepKind.AGREEMENT, "b", MONDAY, linked_id="g1")
    assert agreement.describe_status(MONDAY) == "agreed, now an agreement"
    proposed = propose("g1", "Phones away at dinner", "a", MONDAY, Repair(), 7)
    assert wins_of([agreement], agreements=[proposed]) == []
    assert wins_of([agreement], agreements=[sign(proposed, "a")]) == [], "one signature"
    signed = sign(sign(proposed, "a"), "b")
    for in_force in (signed, retire(signed)):
        assert [(w.day, w.how) for w in wins_of([agreement], agreements=[in_force])] == [
            (MONDAY, "signed as an agreement")
        ]
    assert wins_of([agreement], agreements=[]) == [], "an agreement deleted unsigned"
    with pytest.raises(IllegalTransition, match="now a ritual or an agreement"):
        add_step(ritual, StepKind.KEPT, "b", MONDAY + timedelta(days=3))
    with pytest.raises(InvalidText, match="which ritual"):
        add_step(agreed, StepKind.RITUAL, "a", MONDAY)


def test_two_requests_made_the_same_ritual_each_come_true_from_their_own_day() -> None:
    # A second request can become a ritual the couple already keeps: each request comes true
    # on the first day the ritual was done after it was made, never on the other's day.
    made_first, made_second = MONDAY, MONDAY + timedelta(days=10)
    first = add_step(
        add_step(asked_by_a(MONDAY, "r1"), StepKind.DOABLE, "b", MONDAY),
        StepKind.RITUAL,
        "a",
        made_first,
        linked_id="rit1",
    )
    second = add_step(
        add_step(asked_by_a(made_second, "r2"), StepKind.DOABLE, "b", made_second),
        StepKind.RITUAL,
        "a",
        made_second,
        linked_id="rit1",
    )
    book = MarkBook(
        {
            made_first + timedelta(days=2): {("rit1", "a"): Mark.DONE},
            made_second + timedelta(days=3): {("rit1", "together"): Mark.DONE},
        }
    )
    expected = [("r1", made_first + timedelta(days=2)), ("r2", made_second + timedelta(days=3))]
    for order in ([first, second], [second, first]):
        assert [(win.request.id, win.day) for win in wins_of(order, book)] == expected
    # Done only before the second was made: the first came true, the second not yet.
    early = MarkBook({made_first + timedelta(days=2): {("rit1", "b"): Mark.DONE}})
    assert [win.request.id for win in wins_of([first, second], early)] == ["r1"]


ILLEGAL = {
    "accepting with no alternative": ([], StepKind.ACCEPTED, "b", "no alternative to accept"),
    "answering your own request": ([], StepKind.DOABLE, "a", "your own request"),
    "thinking over your own request": ([], StepKind.NOT_AS_ASKED, "a", "your own request"),
    "kept before agreed": ([], StepKind.KEPT, "b", "once it has been agreed"),
    "kept while an alternative waits": (
        [(StepKind.ALTERNATIVE, "b", "Weekdays")],
        StepKind.KEPT,
        "a",
        "Accept the alternative first",
    ),
    "answered twice": (
        [(StepKind.NOT_AS_ASKED, "b", "")],
        StepKind.THINKING,
        "b",
        "has been answered",
    ),
    "an answer while an alternative waits": (
        [(StepKind.ALTERNATIVE, "b", "Weekdays")],
        StepKind.NOT_AS_ASKED,
        "b",
        "An alternative is on the table",
    ),
    "withdrawn by the partner asked": ([], StepKind.WITHDRAWN, "b", "Only the partner who asked"),
    "an alternative before the answer": ([], StepKind.ALTERNATIVE, "a", "answers first"),
    "a ritual before agreeing": ([], StepKind.RITUAL, "a", "once it has been agreed"),
    "doable twice": ([(StepKind.DOABLE, "b", "")], StepKind.DOABLE, "b", "already agreed"),
    "anything once withdrawn": ([(StepKind.WITHDRAWN, "a", "")], StepKind.DOABLE, "b", "closed"),
    "anything once kept": (
        [(StepKind.DOABLE, "b", ""), (StepKind.KEPT, "b", "")],
        StepKind.WITHDRAWN,
        "a",
        "closed",
    ),
}


@pytest.mark.parametrize("before,kind,by,message", ILLEGAL.values(), ids=ILLEGAL.keys())
def test_steps_not_allowed_now(
    before: list[tuple[StepKind, str, str]], kind: StepKind, by: str, message: str
) -> None:
    request = asked_by_a()
    for earlier, partner, text in before:
        request = add_step(request, earlier, partner, MONDAY, text=text)
    with pytest.raises(IllegalTransition, match=message):
        add_step(request, kind, by, MONDAY, text="Something", linked_id="x")
    assert kind not in steps_allowed(request, by, MONDAY)


def test_a_step_keeps_to_the_order_of_days_and_needs_its_text() -> None:
    answered = add_step(asked_by_a(), StepKind.NOT_AS_ASKED, "b", MONDAY + timedelta(days=2))
    assert answered.steps[-1].text == "", "the reason is optional"
    with pytest.raises(IllegalTransition, match="before the one it follows"):
        add_step(answered, StepKind.ALTERNATIVE, "a", MONDAY + timedelta(days=1), text="Fridays")
    with pytest.raises(IllegalTransition, match="before the one it follows"):
        add_step(asked_by_a(), StepKind.DOABLE, "b", MONDAY - timedelta(days=1))
    with pytest.raises(InvalidText, match="Please enter the alternative") as refusal:
        add_step(answered, StepKind.ALTERNATIVE, "a", MONDAY + timedelta(days=2), text=" ")
    assert refusal.value.field == "text"
    with pytest.raises(IllegalTransition, match="one of you"):
        add_step(answered, StepKind.ALTERNATIVE, "c", MONDAY + timedelta(days=2), text="x")


def test_the_steps_each_partner_can_take() -> None:
    request = asked_by_a()
    assert steps_allowed(request, "a", MONDAY) == {StepKind.WITHDRAWN}
    assert steps_allowed(request, "b", MONDAY) == {
        StepKind.DOABLE,
        StepKind.NOT_AS_ASKED,
        StepKind.THINKING,
        StepKind.ALTERNATIVE,
    }
    offered = add_step(request, StepKind.ALTERNATIVE, "b", MONDAY, text="Weekdays")
    assert steps_allowed(offered, "a", MONDAY) == {
        StepKind.ALTERNATIVE,
        StepKind.ACCEPTED,
        StepKind.WITHDRAWN,
    }
    assert steps_allowed(offered, "b", MONDAY) == {StepKind.ALTERNATIVE}
    agreed = add_step(offered, StepKind.ACCEPTED, "a", MONDAY)
    assert steps_allowed(agreed, "b", MONDAY) == {
        StepKind.KEPT,
        StepKind.RITUAL,
        StepKind.AGREEMENT,
    }
    withdrawn = add_step(agreed, StepKind.WITHDRAWN, "a", MONDAY)
    assert steps_allowed(withdrawn, "a", MONDAY) == steps_allowed(withdrawn, "b", MONDAY) == set()


NUDGES = {
    "clear": ("Phones away at dinner, every evening", []),
    "a weekday": ("Call me on Friday at lunch", []),
    "by a day": ("Book the table by Friday", []),
    "tonight": ("Hug me tonight", []),
    "most evenings": ("Sit with me after dinner most evenings", []),
    "once a week": ("Plan a date once a week", []),
    "this week": ("Walk with me this week", []),
    "no when": ("Spend time with me", ["when"]),
    "no what": ("Be more attentive every day", ["what"]),
    "neither": ("Pay more attention", ["what", "when"]),
}


@pytest.mark.parametrize("ask,expected", NUDGES.values(), ids=NUDGES.keys())
def test_nudges_warn_without_refusing(ask: str, expected: list[str]) -> None:
    nudges = request_nudges(ask)
    kinds = []
    for nudge in nudges:
        kinds.append("what" if "can do" in nudge else "when")
    assert kinds == expected
    assert new_request("r", asker="a", need="closeness", ask=ask, day=MONDAY).ask == ask


def test_an_empty_request_has_no_nudges() -> None:
    assert request_nudges("   ") == []


def kept_on(day: date, request_id: str) -> Request:
    agreed = add_step(asked_by_a(day - timedelta(days=1), request_id), StepKind.DOABLE, "b", day)
    return add_step(agreed, StepKind.KEPT, "b", day)


def test_wins_of_a_month_and_the_latest() -> None:
    requests = [
        kept_on(date(2026, 11, 30), "november"),
        kept_on(date(2026, 12, 1), "first of december"),
        kept_on(date(2026, 12, 31), "new year's eve"),
        kept_on(date(2027, 1, 1), "new year"),
        asked_by_a(request_id="open"),
    ]
    wins = wins_of(requests)
    december = wins_in_month(wins, 2026, 12)
    assert [win.request.id for win in december] == ["first of december", "new year's eve"]
    assert [w.request.id for w in wins_in_month(wins, 2026, 11)] == ["november"]
    assert [win.request.id for win in latest_wins(wins, 2)] == ["new year", "new year's eve"]
    assert latest_wins([], 5) == []


# --- properties -------------------------------------------------------------------------------

steps = st.lists(
    st.tuples(st.sampled_from(list(StepKind)), st.sampled_from(["a", "b"])), max_size=12
)


@settings(max_examples=examples(300), deadline=None)
@given(attempts=steps)
def test_a_step_is_offered_exactly_when_it_is_allowed(attempts: list[tuple[StepKind, str]]) -> None:
    request = asked_by_a()
    for number, (kind, by) in enumerate(attempts):
        day = MONDAY + timedelta(days=number)
        offered = kind in steps_allowed(request, by, day)
        try:
            after = add_step(
                request,
                kind,
                by,
                day,
                text="Weekdays",
                answer_by=day + timedelta(days=2),
                linked_id="x",
            )
        except IllegalTransition:
            assert not offered, (kind, by, request.status(day))
            continue
        assert offered, (kind, by, request.status(day))
        assert after.steps[:-1] == request.steps, "steps are only ever appended"
        request = after


@settings(max_examples=examples(200), deadline=None)
@given(text=hostile_text)
def test_an_alternative_is_kept_cleaned_or_refused_in_words(text: str) -> None:
    request = asked_by_a()
    try:
        offered = add_step(request, StepKind.ALTERNATIVE, "b", MONDAY, text=text)
    except InvalidText as problem:
        assert problem.field == "text"
        return
    assert offered.steps[-1].text == text.strip()


# --- keeping, and what the pane and the check-in show ----------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ask about my day at dinner, most evenings", "daily"),
        ("A walk together twice a week", "2× a week"),
        ("3 times a week a call at lunch", "3× a week"),
        ("Tea in bed once a week", "weekly"),
        ("One walk on Sunday mornings", "Sun"),
        ("Phones away at dinner on weekdays", "Mon, Tue, Wed, Thu, Fri"),
        ("A lie-in at weekends", "Sat, Sun"),
        ("Mondays and Thursdays: a call", "Mon, Thu"),
    ],
)
def test_a_ritual_draft_guesses_the_rhythm_from_the_words(text: str, expected: str) -> None:
    assert guessed_cadence(text).describe() == expected


def test_a_ritual_draft_takes_what_was_agreed_shortened_to_fit() -> None:
    agreed = add_step(asked_by_a(), StepKind.ALTERNATIVE, "b", MONDAY, text="A walk on Sundays")
    agreed = add_step(agreed, StepKind.ACCEPTED, "a", MONDAY)
    draft = ritual_draft_for(agreed)
    assert (draft.name, draft.cadence.describe(), draft.who) == (
        "A walk on Sundays",
        "Sun",
        Who.TOGETHER,
    )
    long = new_request("r2", asker="a", need="n", ask="x" * 300, day=MONDAY)
    long = add_step(long, StepKind.DOABLE, "b", MONDAY)
    name = ritual_draft_for(long).name
    assert len(name) == RITUAL_NAME_MAX_LENGTH and name.endswith("…")
    assert clean_ritual_name(name) == name


def test_who_takes_each_step() -> None:
    asked = asked_by_a()
    assert taker(asked, StepKind.DOABLE, MONDAY) == "b"
    assert taker(asked, StepKind.ALTERNATIVE, MONDAY) == "b", "the asker waits for an answer"
    assert taker(asked, StepKind.WITHDRAWN, MONDAY) == "a"
    assert taker(asked, StepKind.ACCEPTED, MONDAY) is None
    offered = add_step(asked, StepKind.ALTERNATIVE, "b", MONDAY, text="Weekdays only")
    assert taker(offered, StepKind.ACCEPTED, MONDAY) == "a"
    assert taker(offered, StepKind.ALTERNATIVE, MONDAY) == "a", "the other one counters"
    agreed = add_step(offered, StepKind.ACCEPTED, "a", MONDAY)
    assert taker(agreed, StepKind.KEPT, MONDAY) == "b", "the partner asked keeps it"
    assert taker(agreed, StepKind.RITUAL, MONDAY) == "a"


def test_only_an_unanswered_request_can_be_deleted() -> None:
    assert can_delete(asked_by_a())
    assert not can_delete(add_step(asked_by_a(), StepKind.DOABLE, "b", MONDAY))


def test_the_link_to_what_a_request_became() -> None:
    agreed = add_step(asked_by_a(), StepKind.DOABLE, "b", MONDAY)
    assert linked_id(agreed) is None
    assert linked_id(add_step(agreed, StepKind.AGREEMENT, "a", MONDAY, linked_id="g1")) == "g1"


def test_the_check_in_names_the_wins_since_the_last_one_or_of_the_week_before_the_first() -> None:
    last_checkin, today = date(2026, 11, 22), date(2026, 11, 30)
    kept = kept_on(date(2026, 11, 25), "tea")
    (win,) = wins_for_checkin(wins_of([kept]), last_checkin, today)
    assert (wins_in_words([win]), win.what) == (
        "1 request came true (kept)",
        "Phones away at dinner, every evening",
    )
    two = wins_of([kept, kept_on(date(2026, 11, 26), "walk"), kept_on(last_checkin, "before")])
    assert wins_in_words(wins_for_checkin(two, last_checkin, today)) == (
        "2 requests came true (2 kept)"
    )
    assert wins_for_checkin(two, date(2026, 11, 26), today) == []
    first = wins_for_checkin(two, None, today)
    assert [w.request.id for w in first] == ["tea", "walk"], "the week before the first"
    assert wins_in_words([]) == "no request came true"


def test_the_streak_of_the_ritual_a_request_became() -> None:
    ritual = Ritual("w", "Walk", Cadence.daily(), Who.EACH, 0, "2026-11-20")
    book = MarkBook({date(2026, 11, 22): {("w", "a"): Mark.DONE}})
    settings = Settings(partners=Partners("Sam", "Alex"), time_zone="Europe/London")
    today = pendulum.date(2026, 11, 22)
    assert describe_streaks(ritual, book, today, settings) == (
        "Sam streak 1 d (best 1), Alex streak 0 d (best 0)"
    )


def test_the_answer_key_stands_for_any_answer_while_one_is_open() -> None:
    asked = asked_by_a()
    assert answer_taker(asked, StepKind.DOABLE, MONDAY) == "b"
    assert answer_taker(asked, StepKind.WITHDRAWN, MONDAY) == "a", "other steps as `taker`"
    answered = add_step(asked, StepKind.DOABLE, "b", MONDAY)
    assert answer_taker(answered, StepKind.DOABLE, MONDAY) is None


def test_an_alternative_comes_from_the_one_it_falls_to_among_those_who_may() -> None:
    offered_by, able = alternative_offerers(asked_by_a(), MONDAY)
    assert offered_by == "b"
    assert offered_by in able


def test_the_list_shows_the_newest_first_and_closed_ones_only_when_asked() -> None:
    open_one = asked_by_a()
    withdrawn = add_step(
        new_request("r2", asker="b", need="n", ask="a walk", day=MONDAY),
        StepKind.WITHDRAWN,
        "b",
        MONDAY,
    )
    assert requests_to_list([open_one, withdrawn], MONDAY, show_closed=False) == [open_one]
    assert requests_to_list([open_one, withdrawn], MONDAY, show_closed=True) == [
        withdrawn,
        open_one,
    ]
