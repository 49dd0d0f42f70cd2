"""The life of an agreement: signing, rewording, lapses, repairs, reviews, retiring."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tui.core.agreements import (
    AgreementStatus,
    IllegalTransition,
    Repair,
    ReviewOutcome,
    can_delete,
    log_lapse,
    propose,
    record_review,
    repair_progress,
    restore,
    retire,
    reword,
    sign,
)
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
