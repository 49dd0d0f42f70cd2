"""Agreements: boundaries both partners signed, lapses, restorative repairs and joint reviews.

An agreement is active only once both partners have signed its current wording. A lapse
starts a repair (by default 20 minutes of focused attention daily for 7 days, done by the
partner who lapsed); when it ends, a joint review is due, whose outcome keeps, rewords or
retires the agreement. The status is always derived from this history, never stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import ClassVar

from msgspec import Struct
from msgspec.structs import replace

from tui.core.glance import REVIEW_DUE, UNDER_REPAIR, lapse_stage
from tui.core.models import PARTNER_KEYS
from tui.core.rituals import Cadence, Ritual, RitualKind, Who
from tui.core.text import InvalidText, clean_note, clean_single_line

WORDING_MAX_LENGTH = 500
DEFAULT_REVIEW_AFTER_DAYS = 7
RECENT_LAPSE_DAYS = 30
"""The window of "lapses lately" shown beside each agreement."""
PROPOSED_TOGETHER = "together"
"""`proposed_by` of an agreement both partners put forward (the examples they accepted)."""
PROPOSERS = (*PARTNER_KEYS, PROPOSED_TOGETHER)


class AgreementStatus(StrEnum):
    """Where an agreement stands on a given day."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    UNDER_REPAIR = "under repair"
    REVIEW_DUE = "review due"
    RETIRED = "retired"


class ReviewOutcome(StrEnum):
    """What the couple decided at a joint review."""

    KEEP = "keep"
    REWORD = "reword"
    RETIRE = "retire"


class Change(StrEnum):
    """Something the couple can do to an existing agreement (see `changes_allowed`)."""

    SIGN = "sign"
    REWORD = "reword"
    LOG_LAPSE = "log a lapse"
    REVIEW = "review"
    RETIRE = "retire"
    RESTORE = "restore"
    DELETE = "delete"


class IllegalTransition(Exception):
    """A change that makes no sense for the agreement as it stands; the message says why."""


class Repair(Struct, frozen=True):
    """What the partner who lapsed does to repair: minutes a day, for a number of days."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("what",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    what: str = "focused, undistracted attention"
    minutes_per_day: int = 20
    days: int = 7

    def __post_init__(self) -> None:
        if isinstance(self.minutes_per_day, bool) or not isinstance(self.minutes_per_day, int):
            raise InvalidText("Repair minutes must be a whole number.")
        if isinstance(self.days, bool) or not isinstance(self.days, int):
            raise InvalidText("Repair days must be a whole number.")
        if not 1 <= self.minutes_per_day <= 240:
            raise InvalidText("A repair takes 1 to 240 minutes a day.")
        if not 1 <= self.days <= 60:
            raise InvalidText("A repair lasts 1 to 60 days.")

    def describe(self) -> str:
        """ "20 min of focused, undistracted attention daily for 7 days"."""
        return f"{self.minutes_per_day} min of {self.what} daily for {self.days} days"


class Wording(Struct, frozen=True):
    """One version of the agreement's text, from the day it was written."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("text",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    text: str
    since: str


class Lapse(Struct, frozen=True):
    """A time the agreement was not kept, logged without blame."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("note",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    id: str
    partner: str
    day: str
    note: str
    repair: Repair
    review_after_days: int

    @property
    def repair_days(self) -> list[date]:
        """The days of the repair, the lapse's day first."""
        start = date.fromisoformat(self.day)
        return [start + timedelta(days=offset) for offset in range(self.repair.days)]

    @property
    def review_day(self) -> date:
        """The day the joint review falls due."""
        return date.fromisoformat(self.day) + timedelta(days=self.review_after_days)


class Review(Struct, frozen=True):
    """A joint review after a repair: what is working, what is not, and the decision."""

    OWN_WORDS: ClassVar[tuple[str, ...]] = ("note",)
    """The fields the couple wrote in their own words (see `tui.core.own_words`)."""

    day: str
    note: str
    outcome: ReviewOutcome
    lapse_id: str


class Agreement(Struct, frozen=True):
    """A behaviour both partners hold themselves to, with its whole history."""

    id: str
    wordings: tuple[Wording, ...]
    proposed_by: str
    repair: Repair = Repair()
    review_after_days: int = DEFAULT_REVIEW_AFTER_DAYS
    signatures: frozenset[str] = frozenset()
    """Who signed the *current* wording."""
    lapses: tuple[Lapse, ...] = ()
    reviews: tuple[Review, ...] = ()
    retired: bool = False

    def __post_init__(self) -> None:
        if self.proposed_by not in PROPOSERS:
            raise ValueError(f"an agreement's proposer must be one of {PROPOSERS}")

    def proposer(self, names: dict[str, str]) -> str:
        """Who proposed it, in words, given each partner key's name."""
        return names.get(self.proposed_by, "both of you")

    @property
    def wording(self) -> str:
        """The current text."""
        return self.wordings[-1].text

    @property
    def open_lapse(self) -> Lapse | None:
        """The latest lapse, while its joint review has not been recorded."""
        if not self.lapses:
            return None
        latest = self.lapses[-1]
        reviewed = any(review.lapse_id == latest.id for review in self.reviews)
        return None if reviewed else latest

    def status(self, today: date) -> AgreementStatus:
        """The status on `today`, derived from signatures, lapses and reviews."""
        if self.retired:
            return AgreementStatus.RETIRED
        if self.signatures != frozenset(PARTNER_KEYS):
            return AgreementStatus.PROPOSED
        lapse = self.open_lapse
        if lapse is None:
            return AgreementStatus.ACTIVE
        stage = lapse_stage(
            today, date.fromisoformat(lapse.day), lapse.repair.days, lapse.review_after_days
        )
        if stage == UNDER_REPAIR:
            return AgreementStatus.UNDER_REPAIR
        return AgreementStatus.REVIEW_DUE if stage == REVIEW_DUE else AgreementStatus.ACTIVE

    def describe_follow_up(self) -> str:
        """What a lapse starts: "20 min of ... daily for 7 days, then a joint review on day 8"."""
        # The lapse's own day is day 1 of the repair, so the review falls on day N + 1.
        return f"{self.repair.describe()}, then a joint review on day {self.review_after_days + 1}"

    def lapses_within(self, days: int, today: date) -> int:
        """How many lapses fell in the last `days` days (today included)."""
        since = today - timedelta(days=days - 1)
        return sum(1 for lapse in self.lapses if since <= date.fromisoformat(lapse.day) <= today)


def clean_wording(text: str) -> str:
    """Agreement wording, or `InvalidText` in plain words (empty, too long, control codes)."""
    return clean_single_line(text, label="the agreement's wording", max_length=WORDING_MAX_LENGTH)


def propose(
    agreement_id: str,
    text: str,
    proposed_by: str,
    day: date,
    repair: Repair,
    review_after_days: int,
) -> Agreement:
    """A new agreement, proposed and not yet signed by anyone."""
    if not 1 <= review_after_days <= 90:
        raise InvalidText("The joint review falls 1 to 90 days after a lapse.")
    if review_after_days < repair.days:
        raise InvalidText("The joint review can't fall before the repair has ended.")
    return Agreement(
        id=agreement_id,
        wordings=(Wording(clean_wording(text), day.isoformat()),),
        proposed_by=proposed_by,
        repair=repair,
        review_after_days=review_after_days,
    )


def sign(agreement: Agreement, partner: str) -> Agreement:
    """`partner` signs the current wording."""
    if agreement.retired:
        raise IllegalTransition("A retired agreement can't be signed; restore it first.")
    if partner in agreement.signatures:
        raise IllegalTransition("That partner has already signed this wording.")
    return replace(agreement, signatures=agreement.signatures | {partner})


def reword(agreement: Agreement, text: str, day: date) -> Agreement:
    """New wording; the old one stays in the history and both must sign again."""
    if agreement.retired:
        raise IllegalTransition("A retired agreement can't be reworded; restore it first.")
    wording = clean_wording(text)
    if wording == agreement.wording:
        raise IllegalTransition("The new wording is the same as the current one.")
    return replace(
        agreement,
        wordings=(*agreement.wordings, Wording(wording, day.isoformat())),
        signatures=frozenset(),
    )


def log_lapse(
    agreement: Agreement, lapse_id: str, partner: str, day: date, today: date, note: str
) -> Agreement:
    """Record a lapse by `partner` on `day`; its repair starts that day."""
    status = agreement.status(today)
    if status is AgreementStatus.PROPOSED:
        raise IllegalTransition("Only an agreement you have both signed can lapse.")
    if status is AgreementStatus.RETIRED:
        raise IllegalTransition("A retired agreement can't lapse.")
    if status in (AgreementStatus.UNDER_REPAIR, AgreementStatus.REVIEW_DUE) or (
        agreement.open_lapse is not None
    ):
        raise IllegalTransition("Finish the current repair and its joint review first.")
    if day > today:
        raise IllegalTransition("A lapse can't be logged for a day still to come.")
    lapse = Lapse(
        lapse_id,
        partner,
        day.isoformat(),
        clean_note(note),
        agreement.repair,
        agreement.review_after_days,
    )
    return replace(agreement, lapses=(*agreement.lapses, lapse))


def record_review(
    agreement: Agreement, day: date, note: str, outcome: ReviewOutcome, new_wording: str = ""
) -> Agreement:
    """The joint review after a repair; keep, reword (both sign again) or retire."""
    lapse = agreement.open_lapse
    if lapse is None:
        raise IllegalTransition("There is no lapse waiting for a review.")
    if day <= lapse.repair_days[-1]:
        raise IllegalTransition("The repair is still running; review it once it has ended.")
    reviewed = replace(
        agreement,
        reviews=(
            *agreement.reviews,
            Review(day.isoformat(), clean_note(note), outcome, lapse.id),
        ),
    )
    if outcome is ReviewOutcome.REWORD:
        return reword(reviewed, new_wording, day)
    if outcome is ReviewOutcome.RETIRE:
        return replace(reviewed, retired=True)
    return reviewed


def retire(agreement: Agreement) -> Agreement:
    """Stop holding yourselves to it; its history stays."""
    if agreement.retired:
        raise IllegalTransition("This agreement is already retired.")
    return replace(agreement, retired=True)


def restore(agreement: Agreement) -> Agreement:
    """Hold yourselves to a retired agreement again, as it was."""
    if not agreement.retired:
        raise IllegalTransition("Only a retired agreement can be restored.")
    return replace(agreement, retired=False)


def can_delete(agreement: Agreement) -> bool:
    """Only an agreement nobody ever signed may be deleted; anything else is retired instead."""
    return not agreement.signatures and len(agreement.wordings) == 1 and not agreement.lapses


def changes_allowed(agreement: Agreement, today: date) -> frozenset[Change]:
    """The changes that can apply to `agreement` on `today`, so that only those are offered.

    The review is offered from the lapse's own day, so its key is there all through the repair;
    recording it before the repair has ended is refused with the reason (`record_review`).
    """
    status = agreement.status(today)
    allowed = {Change.RESTORE} if agreement.retired else {Change.REWORD, Change.RETIRE}
    if not agreement.retired and agreement.signatures != frozenset(PARTNER_KEYS):
        allowed.add(Change.SIGN)
    if status is AgreementStatus.ACTIVE and agreement.open_lapse is None:
        allowed.add(Change.LOG_LAPSE)
    if not agreement.retired and agreement.open_lapse is not None:
        allowed.add(Change.REVIEW)
    if can_delete(agreement):
        allowed.add(Change.DELETE)
    return frozenset(allowed)


def repair_ritual(lapse: Lapse, rituals: Iterable[Ritual]) -> Ritual:
    """The daily ritual a lapse starts: the partner who lapsed, every day of the repair, from
    the lapse's day, listed after every ritual in `rituals`.

    It shares the lapse's id, which is how a repair's ticks are found again (`repair_progress`).
    """
    repair = lapse.repair
    return Ritual(
        id=lapse.id,
        name=f"Repair: {repair.minutes_per_day} min of {repair.what}",
        cadence=Cadence.daily(),
        who=Who.EACH,
        position=max((ritual.position for ritual in rituals), default=-1) + 1,
        created=lapse.day,
        kind=RitualKind.REPAIR,
        only=lapse.partner,
        ends=lapse.repair_days[-1].isoformat(),
    )


def log_lapse_with_repair(
    agreement: Agreement,
    lapse_id: str,
    partner: str,
    day: date,
    today: date,
    note: str,
    rituals: Iterable[Ritual],
) -> tuple[Agreement, Ritual]:
    """`log_lapse`, and the repair ritual it starts (to be saved together)."""
    lapsed = log_lapse(agreement, lapse_id, partner, day, today, note)
    return lapsed, repair_ritual(lapsed.lapses[-1], rituals)


def repair_progress(lapse: Lapse, done_days: set[date]) -> tuple[int, int]:
    """(days of the repair ticked as done, days in the repair)."""
    return sum(1 for day in lapse.repair_days if day in done_days), lapse.repair.days


def reviews_due(agreements: Iterable[Agreement], today: date) -> int:
    """How many agreements wait for their joint review on `today`."""
    return sum(
        1 for agreement in agreements if agreement.status(today) is AgreementStatus.REVIEW_DUE
    )


STARTER_AGREEMENTS = (
    "Each week we spend some time talking with our phones put away.",
    "When I feel ignored, I say so kindly instead of holding on to resentment.",
    "In hard conversations we do not use sarcasm, belittling or interruptions.",
    "When a talk gets heated, either of us may call the agreed cooling-off.",
)


def starter_agreements(day: date, new_id: Callable[[], str]) -> list[Agreement]:
    """The example agreements as proposals put forward together on `day`, ids from `new_id`."""
    return [
        propose(new_id(), text, PROPOSED_TOGETHER, day, Repair(), DEFAULT_REVIEW_AFTER_DAYS)
        for text in STARTER_AGREEMENTS
    ]


def starter_offer() -> str:
    """The words that offer the example agreements, each on a line of its own."""
    listing = "\n".join(f"• {text}" for text in STARTER_AGREEMENTS)
    return f"They are added as proposals you can sign, reword or delete:\n\n{listing}"
