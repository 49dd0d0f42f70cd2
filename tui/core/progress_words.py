"""What each Progress chart shows, in one plain sentence computed from the same series, so the
view reads without colour or the picture, and the report says the same.

Where a period splits in two, the sentence compares its second half with the first ("in the
last 6 weeks than in the 6 before"). A hard week is told as it was, never judged: the words
say what was rated, kept or noted, and leave the meaning to the couple.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct

from tui.core.progress_series import ALL_RITUALS, ProgressSeries, Unit

SAME_RATING = 0.25
"""Two averages closer than this are "about the same" feeling."""
EVEN_SHARE = 2
"""A talk split within this many points of half and half is "about evenly"."""
SAME_SHARE = 0.03
"""Two shares of rituals kept closer than this (three points) are "about the same"."""


class ProgressSentences(Struct, frozen=True):
    """One sentence for each chart, and one for the therapy sessions marked on them."""

    connection: str
    talk: str
    rituals: str
    moments: str
    requests: str
    agreements: str
    therapy: str


def sentences(series: ProgressSeries, names: dict[str, str], span: str) -> ProgressSentences:
    """Every sentence of `series`; `names` by partner key, `span` where the period sits in
    words ("in these 3 months", "since March 2017", "in this period")."""
    halves = Halves(len(series), series.unit)
    return ProgressSentences(
        connection=connection_sentence(series, names, span, halves),
        talk=talk_sentence(series, names, span),
        rituals=rituals_sentence(series, names, span, halves),
        moments=moments_sentence(series, span, halves),
        requests=requests_sentence(series, span),
        agreements=agreements_sentence(series, span),
        therapy=therapy_sentence(series, span),
    )


class Halves:
    """The period's buckets split into its last stretch and the stretch of the same length
    before it (the first bucket left out of an odd count), and how to say them."""

    def __init__(self, buckets: int, unit: Unit) -> None:
        self.size = buckets // 2
        self.recent = range(buckets - self.size, buckets)
        self.before = range(buckets - 2 * self.size, buckets - self.size)
        amount, noun = _amount(self.size, unit)
        plural = "" if amount == 1 else "s"
        self.recent_words = f"the last {noun}" if amount == 1 else f"the last {amount} {noun}s"
        self.before_words = f"the {noun} before" if amount == 1 else f"the {amount} before"
        self.words = f"in {self.recent_words} than in {self.before_words}"
        self.noun = f"{noun}{plural}"

    def __bool__(self) -> bool:
        return self.size > 0


def _amount(buckets: int, unit: Unit) -> tuple[int, str]:
    """A stretch of `buckets` in the largest unit that says it exactly: 26 weeks are 6 months,
    24 months are 2 years."""
    if unit is Unit.MONTH:
        return (buckets // 12, "year") if buckets % 12 == 0 else (buckets, "month")
    if buckets % 52 == 0:
        return buckets // 52, "year"
    if buckets % 13 == 0:
        return buckets // 13 * 3, "month"
    return buckets, "week"


def _present(values: Sequence[float | None], indexes: range | None = None) -> list[float]:
    chosen = values if indexes is None else [values[index] for index in indexes]
    return [value for value in chosen if value is not None]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun if count == 1 else noun + 's'}"


# --- how connected each felt ------------------------------------------------------------------


def connection_sentence(
    series: ProgressSeries, names: dict[str, str], span: str, halves: Halves
) -> str:
    """ "Sam felt more connected in the last 6 weeks than in the 6 before (3.8 against 3.1),
    and Alex about as connected (3.4 against 3.5)."."""
    held = sum(len(ids) for ids in series.checkins)
    if not held:
        return f"No check-in {span}, so there are no ratings to show."
    rated = {partner: _present(series.connection[partner]) for partner in "ab"}
    if not rated["a"] and not rated["b"]:
        if _hidden(series, "a") or _hidden(series, "b"):
            return f"{_plural(held, 'check-in')} {span}, and no rating was shared."
        return f"{_plural(held, 'check-in')} {span}, and neither of you chose to rate."
    first, compared = _partner_clause(series, names["a"], "a", halves, rated["a"], full=True)
    second, _ = _partner_clause(series, names["b"], "b", halves, rated["b"], full=not compared)
    return f"{first}, and {second}."


def _hidden(series: ProgressSeries, partner: str) -> bool:
    """Whether a rating of `partner`'s was held back in some bucket (only one of them answered
    that week): "chose not to rate" would then be untrue."""
    return "not shared" in series.unrated[partner]


def _partner_clause(
    series: ProgressSeries,
    name: str,
    partner: str,
    halves: Halves,
    rated: list[float],
    full: bool,
) -> tuple[str, bool]:
    """The partner's part of the sentence, and whether it compared the two halves (the other
    partner's part then need not say which halves again)."""
    if not rated:
        if _hidden(series, partner):
            return f"no rating of {name}'s was shared", False
        return f"{name} chose not to rate", False
    values = series.connection[partner]
    recent = _mean(_present(values, halves.recent)) if halves else None
    before = _mean(_present(values, halves.before)) if halves else None
    if recent is not None and before is not None:
        if abs(recent - before) < SAME_RATING:
            how = "about as connected"
            where = f" in {halves.recent_words} as in {halves.before_words}" if full else ""
        else:
            how = "more connected" if recent > before else "less connected"
            where = f" {halves.words}" if full else ""
        return f"{name} felt {how}{where} ({recent:.1f} against {before:.1f})", True
    if len(rated) == 1:
        return f"{name} rated {rated[0]:.0f} of 5", False
    average = sum(rated) / len(rated)
    unit = series.unit.value
    return f"{name} rated {average:.1f} on average over {_plural(len(rated), unit)} rated", False


# --- the talk ---------------------------------------------------------------------------------


def talk_sentence(series: ProgressSeries, names: dict[str, str], span: str) -> str:
    """ "Sam spoke for 52% of the talk time in these 3 months and Alex for 48%; 1 cooling-off
    and 1 week you got stuck are marked."."""
    minutes = {partner: sum(_present(series.talk_minutes[partner])) for partner in "ab"}
    total = minutes["a"] + minutes["b"]
    if total <= 0:
        return f"No talk was timed {span}."
    share_a = round(100 * minutes["a"] / total)
    if abs(share_a - 50) <= EVEN_SHARE:
        sentence = (
            f"{names['a']} and {names['b']} shared the talk time about evenly {span} "
            f"({share_a}% and {100 - share_a}%)"
        )
    else:
        sentence = (
            f"{names['a']} spoke for {share_a}% of the talk time {span} and "
            f"{names['b']} for {100 - share_a}%"
        )
    marks = []
    if cooling_offs := sum(series.cooling_offs):
        marks.append(_plural(cooling_offs, "cooling-off"))
    if stuck := sum(series.stuck):
        marks.append(f"{_plural(stuck, series.unit.value)} when you got stuck")
    if marks:
        verb = "is" if len(marks) == 1 and (cooling_offs or stuck) == 1 else "are"
        sentence += f"; {' and '.join(marks)} {verb} marked"
    return sentence + "."


# --- rituals ------------------------------------------------------------------------------------


def rituals_sentence(
    series: ProgressSeries, names: dict[str, str], span: str, halves: Halves
) -> str:
    """ "You kept 74% of the rituals due in these 3 months (together 72%, Sam 75%, Alex 76%),
    about as many in the last 6 weeks as in the 6 before (75% against 73%)."."""

    def kept(group: str, indexes: range | None = None) -> float | None:
        """The share of the occasions due that were kept, over the buckets `indexes`."""
        shares, due = series.rituals[group], series.rituals_due[group]
        chosen = range(len(series)) if indexes is None else indexes
        weighed = [(shares[i], due[i]) for i in chosen if shares[i] is not None]
        total = sum(occasions for _share, occasions in weighed)
        return sum(share * occasions for share, occasions in weighed) / total if total else None

    overall = kept(ALL_RITUALS)
    if overall is None:
        return f"No ritual was due {span}."
    parts = [
        f"{label} {_percent(share)}"
        for label, group in (("together", "together"), (names["a"], "a"), (names["b"], "b"))
        if (share := kept(group)) is not None
    ]
    sentence = f"You kept {_percent(overall)} of the rituals due {span} ({', '.join(parts)})"
    recent = kept(ALL_RITUALS, halves.recent) if halves else None
    before = kept(ALL_RITUALS, halves.before) if halves else None
    if recent is not None and before is not None:
        numbers = f"({_percent(recent)} against {_percent(before)})"
        if abs(recent - before) < SAME_SHARE:
            sentence += (
                f", about as many in {halves.recent_words} as in {halves.before_words} {numbers}"
            )
        else:
            more = "more" if recent > before else "fewer"
            sentence += f", {more} of them {halves.words} {numbers}"
    return sentence + "."


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


# --- moments, requests, agreements, sessions ----------------------------------------------------


def moments_sentence(series: ProgressSeries, span: str, halves: Halves) -> str:
    """ "24 moments of connection, 9 of neglect and 4 of repair in these 3 months; more moments
    of connection in the last 6 weeks than in the 6 before (14 against 10)."."""
    totals = {kind: sum(counts) for kind, counts in series.moments.items()}
    if not any(totals.values()):
        return f"No moment was noted {span}."
    sentence = (
        f"{_plural(totals['connection'], 'moment')} of connection, {totals['neglect']:,} of "
        f"neglect and {totals['repair']:,} of repair {span}"
    )
    connection = series.moments["connection"]
    if halves and totals["connection"]:
        recent = sum(connection[index] for index in halves.recent)
        before = sum(connection[index] for index in halves.before)
        if recent == before:
            sentence += f"; as many moments of connection {halves.words.replace(' than ', ' as ')}"
        else:
            more = "more" if recent > before else "fewer"
            sentence += f"; {more} moments of connection {halves.words}"
        sentence += f" ({recent} against {before})"
    return sentence + "."


def requests_sentence(series: ProgressSeries, span: str) -> str:
    """ "3 requests were answered and 2 came true in these 3 months."."""
    answered, came_true = sum(series.requests_answered), sum(series.requests_came_true)
    if not answered and not came_true:
        return f"No request was answered or came true {span}."
    verb = "was" if answered == 1 else "were"
    return f"{_plural(answered, 'request')} {verb} answered and {came_true:,} came true {span}."


def agreements_sentence(series: ProgressSeries, span: str) -> str:
    """ "2 lapses of an agreement in these 3 months, and 2 repairs completed with their joint
    review."."""
    lapses, repairs = sum(series.lapses), sum(series.repairs_completed)
    if not lapses and not repairs:
        return f"No agreement lapsed {span}."
    if not repairs:
        return f"{_plural(lapses, 'lapse')} of an agreement {span}."
    lapsed = _plural(lapses, "lapse") if lapses else "No lapse"
    its = "its" if repairs == 1 else "their"
    return (
        f"{lapsed} of an agreement {span}, and {_plural(repairs, 'repair')} completed with "
        f"{its} joint review."
    )


def therapy_sentence(series: ProgressSeries, span: str) -> str:
    """ "6 therapy sessions in these 3 months, the last on Thursday 12 November."."""
    if not series.session_days:
        return f"No therapy session was noted {span}."
    last = max(series.session_days)
    return (
        f"{_plural(len(series.session_days), 'therapy session')} {span}, the last on {_day(last)}."
    )


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
