"""The life of an agreement: signing, rewording, lapses, repairs, reviews, retiring."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tui.core.agreements import (
    PROPOSED_TOGETHER,
    STARTER_AGREEMENTS,
    Agreement,
    AgreementStatus,
    Change,
    IllegalTransition,
    Repair,
    ReviewOutcome,
    can_delete,
    changes_allowed,
    log_lapse,
    log_lapse_with_repair,
    propose,
    record_review,
    repair_progress,
    repair_ritual,
    restore,
    retire,
    reviews_due,
    reword,
    sign,
    starter_agreements,
    starter_offer,
)
from tui.core.rituals import Cadence, Ritual, RitualKind, Who
from tui.core.text import InvalidText

TODAY = date(2026, 11, 22)


def signed_agreement():
    proposed = propose("g1", "No [b]sarcasm[/b] in hard talks", "a", TODAY, Repair(), 7)
    return sign(sign(proposed, "a"), "b")


def test_an_agreement_is_active_only_once_both_have_signed() -> None:
    proposed = propose("g1", "  Phones away at dinner ", "a", TODAY, Repair(), 7)
    assert proposed.wording == "Phones away at dinner"
    assert proposed.status(TODAY) is AgreementStatus.PROPOSED
    half = sign(proposed, "a")
    assert half.status(TODAY) is AgreementStatus.PROPOSED
    with pytest.raises(IllegalTransition, match="already signed"):
        sign(half, "a")
    assert sign(half, "b").status(TODAY) is AgreementStatus.ACTIVE


def test_rewording_keeps_the_history_and_asks_both_to_sign_again() -> None:
    changed = reword(signed_agreement(), "No sarcasm or interrupting", TODAY)
    assert [wording.text for wording in changed.wordings] == [
        "No [b]sarcasm[/b] in hard talks",
        "No sarcasm or interrupting",
    ]
    assert changed.status(TODAY) is AgreementStatus.PROPOSED
    with pytest.raises(IllegalTransition, match="same as the current"):
        reword(changed, "No sarcasm or interrupting", TODAY)


def test_a_lapse_starts_a_repair_then_the_review_falls_due() -> None:
    lapsed = log_lapse(
        signed_agreement(), "l1", "b", TODAY, TODAY, "Felt dismissed; needed a pause"
    )
    assert lapsed.status(TODAY) is AgreementStatus.UNDER_REPAIR
    assert lapsed.status(TODAY + timedelta(days=6)) is AgreementStatus.UNDER_REPAIR
    assert lapsed.status(TODAY + timedelta(days=7)) is AgreementStatus.REVIEW_DUE
    assert lapsed.lapses_within(30, TODAY) == 1
    lapse = lapsed.lapses[0]
    assert (lapse.repair.minutes_per_day, lapse.repair.days) == (20, 7)
    ticked = {TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=3)}
    assert repair_progress(lapse, ticked) == (3, 7)


def test_a_later_review_day_leaves_the_agreement_active_in_between() -> None:
    proposed = propose("g2", "Weekly phone-free talk", "b", TODAY, Repair(days=3), 10)
    lapsed = log_lapse(sign(sign(proposed, "a"), "b"), "l1", "a", TODAY, TODAY, "")
    assert lapsed.status(TODAY + timedelta(days=5)) is AgreementStatus.ACTIVE
    assert lapsed.status(TODAY + timedelta(days=10)) is AgreementStatus.REVIEW_DUE


@pytest.mark.parametrize(
    "outcome,status",
    [
        (ReviewOutcome.KEEP, AgreementStatus.ACTIVE),
        (ReviewOutcome.REWORD, AgreementStatus.PROPOSED),
        (ReviewOutcome.RETIRE, AgreementStatus.RETIRED),
    ],
)
def test_review_outcomes(outcome: ReviewOutcome, status: AgreementStatus) -> None:
    lapsed = log_lapse(signed_agreement(), "l1", "a", TODAY, TODAY, "")
    later = TODAY + timedelta(days=7)
    with pytest.raises(IllegalTransition, match="still running"):
        record_review(lapsed, TODAY + timedelta(days=2), "too early", outcome)
    reviewed = record_review(lapsed, later, "More attention helped", outcome, "Kinder words")
    assert reviewed.status(later) is status
    assert reviewed.reviews[0].lapse_id == "l1"


def test_retire_and_restore() -> None:
    retired = retire(signed_agreement())
    assert retired.status(TODAY) is AgreementStatus.RETIRED
    with pytest.raises(IllegalTransition, match="already retired"):
        retire(retired)
    with pytest.raises(IllegalTransition, match="restore it first"):
        sign(retired, "a")
    assert restore(retired).status(TODAY) is AgreementStatus.ACTIVE
    with pytest.raises(IllegalTransition, match="Only a retired"):
        restore(signed_agreement())


def test_illegal_transitions_say_why() -> None:
    proposed = propose("g1", "Talk weekly", "a", TODAY, Repair(), 7)
    with pytest.raises(IllegalTransition, match="both signed"):
        log_lapse(proposed, "l1", "a", TODAY, TODAY, "")
    lapsed = log_lapse(signed_agreement(), "l1", "a", TODAY, TODAY, "")
    with pytest.raises(IllegalTransition, match="Finish the current repair"):
        log_lapse(lapsed, "l2", "b", TODAY, TODAY, "")
    with pytest.raises(IllegalTransition, match="still to come"):
        log_lapse(signed_agreement(), "l1", "a", TODAY + timedelta(days=1), TODAY, "")
    with pytest.raises(IllegalTransition, match="no lapse waiting"):
        record_review(signed_agreement(), TODAY, "", ReviewOutcome.KEEP)


def test_only_an_unsigned_agreement_can_be_deleted() -> None:
    proposed = propose("g1", "Talk weekly", "a", TODAY, Repair(), 7)
    assert can_delete(proposed)
    assert not can_delete(sign(proposed, "a"))


@pytest.mark.parametrize(
    "text,message",
    [("", "Please enter"), ("x" * 501, "at most 500"), ("bell\x07", "control characters")],
)
def test_unusable_wording_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidText, match=message):
        propose("g1", text, "a", TODAY, Repair(), 7)


@pytest.mark.parametrize("minutes,days", [(0, 7), (-5, 7), (20, 0), (20, -1), (241, 7), (True, 7)])
def test_impossible_repairs_are_refused(minutes: int, days: int) -> None:
    with pytest.raises(InvalidText):
        Repair(minutes_per_day=minutes, days=days)


def test_the_review_cannot_fall_inside_the_repair() -> None:
    with pytest.raises(InvalidText, match="before the repair has ended"):
        propose("g1", "Talk weekly", "a", TODAY, Repair(days=7), 3)


def ritual_at(position: int) -> Ritual:
    return Ritual(f"r{position}", "Talk", Cadence.daily(), Who.TOGETHER, position, "2026-01-01")


def test_a_lapse_starts_a_daily_repair_for_the_partner_who_lapsed_after_every_ritual() -> None:
    proposed = propose("g1", "Talk weekly", "a", TODAY, Repair("a walk together", 30, 5), 7)
    lapse_day = TODAY - timedelta(days=2)
    lapsed, ritual = log_lapse_with_repair(
        sign(sign(proposed, "a"), "b"),
        "l1",
        "b",
        lapse_day,
        TODAY,
        "",
        [ritual_at(3), ritual_at(0)],
    )
    assert lapsed.lapses[-1].id == "l1"
    assert ritual == Ritual(
        id="l1",
        name="Repair: 30 min of a walk together",
        cadence=Cadence.daily(),
        who=Who.EACH,
        position=4,
        created=lapse_day.isoformat(),
        kind=RitualKind.REPAIR,
        only="b",
        ends=(lapse_day + timedelta(days=4)).isoformat(),
    )
    assert ritual.people() == ("b",)
    assert repair_ritual(lapsed.lapses[-1], []).position == 0, "the first ritual of all"


def test_a_lapse_that_cannot_be_logged_starts_no_repair() -> None:
    proposed = propose("g1", "Talk weekly", "a", TODAY, Repair(), 7)
    with pytest.raises(IllegalTransition, match="both signed"):
        log_lapse_with_repair(proposed, "l1", "a", TODAY, TODAY, "", [])


def all_sorts_of_agreements() -> dict[str, Agreement]:
    proposed = propose("g1", "Talk weekly", "a", TODAY, Repair(), 7)
    lapsed = log_lapse(signed_agreement(), "l1", "a", TODAY - timedelta(days=2), TODAY, "")
    waiting = log_lapse(signed_agreement(), "l1", "a", TODAY - timedelta(days=9), TODAY, "")
    return {
        "unsigned": proposed,
        "half signed": sign(proposed, "a"),
        "active": signed_agreement(),
        "under repair": lapsed,
        "review due": waiting,
        "retired": retire(signed_agreement()),
        "retired unsigned": retire(proposed),
    }


@pytest.mark.parametrize(
    "kind,allowed",
    [
        ("unsigned", {Change.SIGN, Change.REWORD, Change.RETIRE, Change.DELETE}),
        ("half signed", {Change.SIGN, Change.REWORD, Change.RETIRE}),
        ("active", {Change.REWORD, Change.LOG_LAPSE, Change.RETIRE}),
        ("under repair", {Change.REWORD, Change.REVIEW, Change.RETIRE}),
        ("review due", {Change.REWORD, Change.REVIEW, Change.RETIRE}),
        ("retired", {Change.RESTORE}),
        ("retired unsigned", {Change.RESTORE, Change.DELETE}),
    ],
)
def test_only_the_changes_that_apply_are_offered(kind: str, allowed: set[Change]) -> None:
    assert changes_allowed(all_sorts_of_agreements()[kind], TODAY) == allowed


def test_a_retired_agreement_offers_only_restoring_it_even_during_a_repair() -> None:
    lapsed = log_lapse(signed_agreement(), "l1", "a", TODAY, TODAY, "")
    assert changes_allowed(retire(lapsed), TODAY) == {Change.RESTORE}


def goes_through(change: Change, agreement: Agreement) -> bool:
    """True when `change` can be made to `agreement` today (by one partner or the other)."""
    if change is Change.DELETE:
        return can_delete(agreement)
    later = TODAY + timedelta(days=30)
    attempts = {
        Change.SIGN: [lambda: sign(agreement, "a"), lambda: sign(agreement, "b")],
        Change.REWORD: [lambda: reword(agreement, "Kinder words", TODAY)],
        Change.LOG_LAPSE: [lambda: log_lapse(agreement, "l9", "b", TODAY, TODAY, "")],
        # Offered from the lapse's day on, and recorded once the repair has ended.
        Change.REVIEW: [lambda: record_review(agreement, later, "", ReviewOutcome.KEEP)],
        Change.RETIRE: [lambda: retire(agreement)],
        Change.RESTORE: [lambda: restore(agreement)],
    }[change]
    for make_change in attempts:
        try:
            make_change()
        except IllegalTransition:
            continue
        return True
    return False


@pytest.mark.parametrize("kind", list(all_sorts_of_agreements()))
@pytest.mark.parametrize("change", list(Change))
def test_what_is_offered_is_exactly_what_goes_through(kind: str, change: Change) -> None:
    agreement = all_sorts_of_agreements()[kind]
    assert goes_through(change, agreement) == (change in changes_allowed(agreement, TODAY))


def test_reviews_due_are_counted_on_the_day() -> None:
    agreements = list(all_sorts_of_agreements().values())
    assert reviews_due(agreements, TODAY) == 1
    assert reviews_due(agreements, TODAY + timedelta(days=5)) == 2
    assert reviews_due([], TODAY) == 0


def test_the_examples_become_proposals_made_together() -> None:
    ids = iter(["e1", "e2", "e3", "e4"])
    examples = starter_agreements(TODAY, lambda: next(ids))
    assert [example.wording for example in examples] == list(STARTER_AGREEMENTS)
    assert [example.id for example in examples] == ["e1", "e2", "e3", "e4"]
    for example in examples:
        assert example.proposed_by == PROPOSED_TOGETHER
        assert example.status(TODAY) is AgreementStatus.PROPOSED
        assert example.wordings[0].since == TODAY.isoformat()
        assert (example.repair, example.review_after_days) == (Repair(), 7)


def test_what_a_lapse_starts_is_described_in_words() -> None:
    agreement = propose("g1", "Talk weekly", "a", TODAY, Repair(days=3), 10)
    assert agreement.describe_follow_up() == (
        "20 min of focused, undistracted attention daily for 3 days, then a joint review on day 11"
    )


def test_the_starter_offer_lists_every_example_on_a_line_of_its_own() -> None:
    offer = starter_offer()
    assert offer.startswith("They are added as proposals")
    for text in STARTER_AGREEMENTS:
        assert f"\n• {text}" in offer
