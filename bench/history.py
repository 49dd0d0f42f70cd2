"""A realistic history for benchmarks: years of ticks, check-ins and agreements.

    python bench/history.py OUT.json [--years 10]

The file is built through the store's own document converters, so it has exactly the shape the
app writes, then saved atomically in one go (replaying ten years through the app would take
hours of saves).
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import msgspec

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui.core.agreements import Agreement, Lapse, Repair, Review, ReviewOutcome, Wording  # noqa: E402
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating, TurnRecord  # noqa: E402
from tui.core.models import Partners, Settings  # noqa: E402
from tui.core.rituals import Cadence, Mark, Ritual, RitualKind, Who  # noqa: E402
from tui.store.atomic import write_atomically  # noqa: E402
from tui.store.documents import (  # noqa: E402
    agreement_to_document,
    checkin_to_document,
    day_document,
    ritual_to_document,
    settings_to_document,
)
from tui.store.schema import SCHEMA_VERSION  # noqa: E402

RITUALS = (
    ("Talk time, phones away (15 min)", Cadence.daily(), Who.TOGETHER, RitualKind.PLAIN),
    ("Ask a feelings question", Cadence.daily(), Who.EACH, RitualKind.PLAIN),
    (
        "One act in your partner's love language",
        Cadence.daily(),
        Who.EACH,
        RitualKind.LOVE_LANGUAGE,
    ),
    ("Thank your partner for a small act of care", Cadence.daily(), Who.EACH, RitualKind.PLAIN),
    ("Cook a meal together", Cadence.weekly(1), Who.TOGETHER, RitualKind.PLAIN),
    ("Weekly check-in", Cadence.weekly(1), Who.TOGETHER, RitualKind.CHECKIN),
    ("Walk after dinner", Cadence.weekly(3), Who.TOGETHER, RitualKind.PLAIN),
    ("Dance class", Cadence.on(1), Who.TOGETHER, RitualKind.PLAIN),
    ("Morning hug before work", Cadence.on(0, 1, 2, 3, 4), Who.EACH, RitualKind.PLAIN),
    ("Plan something new together", Cadence.weekly(1), Who.TOGETHER, RitualKind.PLAIN),
    ("Phone-free dinner", Cadence.daily(), Who.TOGETHER, RitualKind.PLAIN),
    ("Write one line in the connection log", Cadence.daily(), Who.EACH, RitualKind.PLAIN),
)


AGREEMENTS = (
    "Each week we spend some time talking with our phones put away.",
    "When I feel ignored, I say so kindly instead of holding on to resentment.",
    "In hard conversations we do not use sarcasm, belittling or interruptions.",
    "When a talk gets heated, either of us may call the agreed cooling-off.",
    "We put the phones away at dinner.",
    "We say goodnight to each other, however the day went.",
)


def build(years: int = 10, today: date | None = None, seed: int = 20261122) -> dict:
    """The tables of a couple's file with `years` of history ending `today`."""
    randomness = random.Random(seed)
    today = today or date(2026, 11, 22)
    first_day = today - timedelta(days=365 * years)
    settings = Settings(
        Partners("Sam", "Alex"),
        time_zone="Europe/London",
        starter_rituals_offered=True,
        love_language_a="time",
        love_language_b="words",
    )
    rituals = [
        Ritual(
            uuid.UUID(int=randomness.getrandbits(128)).hex,
            name,
            cadence,
            who,
            position,
            first_day.isoformat(),
            kind=kind,
        )
        for position, (name, cadence, who, kind) in enumerate(RITUALS)
    ]
    keys = {ritual.id: number for number, ritual in enumerate(rituals, start=1)}
    days = {}
    for offset in range((today - first_day).days + 1):
        day = first_day + timedelta(days=offset)
        away = randomness.random() < 0.02
        cells: dict[tuple[str, str], str] = {}
        for ritual in rituals:
            if not ritual.cadence.is_due(day) or (
                ritual.cadence.kind.value == "weekly"
                and randomness.random() > ritual.cadence.times_per_week / 7
            ):
                continue
            for person in ritual.people():
                roll = randomness.random()
                mark = (
                    Mark.SKIPPED
                    if away
                    else Mark.DONE
                    if roll < 0.72
                    else Mark.NOT_DONE
                    if roll < 0.77
                    else None
                )
                if mark is not None:
                    cells[(str(keys[ritual.id]), person)] = mark.value
        if cells:
            days[str(len(days) + 1)] = day_document(day.isoformat(), cells)

    checkins = {}
    sunday = first_day + timedelta(days=(6 - first_day.weekday()) % 7)
    number = 0
    while sunday < today:
        number += 1
        first = "a" if number % 2 else "b"
        plan = CheckinPlan(first, 300_000, 2, 60_000, 2_700_000, 1_200_000)
        order = plan.speaker_order()
        turns = tuple(
            TurnRecord(
                speaker,
                300_000,
                randomness.randint(150_000, 380_000),
                f"{sunday.isoformat()}T19:{minute * 6:02d}:00+00:00",
                reflect_attempts=randomness.choice((1, 1, 1, 2)),
                heard=True,
            )
            for minute, speaker in enumerate(order)
        )
        record = CheckinRecord(
            id=uuid.UUID(int=randomness.getrandbits(128)).hex,
            started_at=f"{sunday.isoformat()}T19:00:00+00:00",
            plan=plan,
            turns=turns,
            status=CheckinStatus.FINISHED,
            ended_at=f"{sunday.isoformat()}T19:40:00+00:00",
            ratings=(
                Rating("a", randomness.randint(2, 5), "felt heard"),
                Rating("b", randomness.randint(2, 5)),
            ),
            stuck=randomness.random() < 0.05,
        )
        checkins[str(number)] = checkin_to_document(record)
        sunday += timedelta(days=7)

    agreements = {}
    for number, text in enumerate(AGREEMENTS, start=1):
        lapses, reviews = [], []
        day = first_day + timedelta(days=randomness.randint(20, 90))
        while day < today - timedelta(days=30):
            lapse_id = uuid.UUID(int=randomness.getrandbits(128)).hex
            lapses.append(
                Lapse(
                    lapse_id,
                    randomness.choice("ab"),
                    day.isoformat(),
                    "needed more attention",
                    Repair(),
                    7,
                )
            )
            reviews.append(
                Review(
                    (day + timedelta(days=7)).isoformat(), "it helped", ReviewOutcome.KEEP, lapse_id
                )
            )
            day += timedelta(days=randomness.randint(60, 200))
        agreement = Agreement(
            id=uuid.UUID(int=randomness.getrandbits(128)).hex,
            wordings=(Wording(text, first_day.isoformat()),),
            proposed_by="a" if number % 2 else "b",
            signatures=frozenset({"a", "b"}),
            lapses=tuple(lapses),
            reviews=tuple(reviews),
        )
        agreements[str(number)] = agreement_to_document(agreement)

    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "created": f"{first_day}T09:00:00+00:00"}},
        "settings": {"1": settings_to_document(settings)},
        "rituals": {
            str(keys[ritual.id]): ritual_to_document(ritual, keys[ritual.id]) for ritual in rituals
        },
        "days": days,
        "checkins": checkins,
        "agreements": agreements,
    }


def write_history(path: Path, years: int = 10) -> int:
    """Write a history file; returns its size in bytes."""
    payload = msgspec.json.encode(build(years))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, payload)
    return len(payload)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=int, default=10)
    arguments = parser.parse_args()
    size = write_history(arguments.out, arguments.years)
    print(f"wrote {arguments.out} ({size / 1e6:.1f} MB)")
