"""A realistic history for benchmarks: years of ticks, check-ins, agreements, moments, requests
and therapy.

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
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui.core.agreements import Agreement, Lapse, Repair, Review, ReviewOutcome, Wording  # noqa: E402
from tui.core.checkins import (  # noqa: E402
    FULL_AGENDA,
    Appreciation,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    Wish,
)
from tui.core.models import Partners, Settings  # noqa: E402
from tui.core.moments import Moment, MomentKind, stored_time  # noqa: E402
from tui.core.requests import Request, StepKind, add_step, new_request  # noqa: E402
from tui.core.rituals import Cadence, Mark, Ritual, RitualKind, Who  # noqa: E402
from tui.core.therapy import (  # noqa: E402
    TherapyPlan,
    add_attempt,
    new_assignment,
    new_session,
)
from tui.store.atomic import write_atomically  # noqa: E402
from tui.store.documents import (  # noqa: E402
    agreement_to_document,
    checkin_to_document,
    settings_to_document,
)
from tui.store.record_documents import (  # noqa: E402
    assignment_to_document,
    moment_to_document,
    plan_to_document,
    request_to_document,
    session_to_document,
)
from tui.store.ritual_documents import day_document, ritual_to_document  # noqa: E402
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


APPRECIATED = (
    "making tea without being asked",
    "listening to the whole story",
    "the note in my bag",
    "taking the bins out",
    "calling at lunch",
    "the walk on Saturday",
)
WISHES = (
    "a walk together, phones at home",
    "ten quiet minutes at the end of the day",
    "a hug when I come in",
    "asking how the interview went",
    "breakfast together on Sunday",
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
            # Every week a whole meeting: appreciations, a request now and then, wishes.
            agenda=FULL_AGENDA,
            step=FULL_AGENDA[-1],
            appreciations=tuple(
                Appreciation(partner, f"{APPRECIATED[(number + index) % len(APPRECIATED)]}")
                for partner in "ab"
                for index in range(randomness.randint(1, 3))
            ),
            wishes=(
                Wish("a", WISHES[number % len(WISHES)]),
                Wish("b", WISHES[(number + 3) % len(WISHES)]),
            ),
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

    # Generated from a randomness of their own, so that the older tables above stay exactly as
    # they were before these were added.
    more = random.Random(seed + 1)
    moments = generate_moments(more, first_day, today)
    requests = generate_requests(
        more,
        first_day,
        today,
        moments,
        [r.id for r in rituals],
        [a["id"] for a in agreements.values()],
    )
    present = random.Random(seed + 2)
    for agreement in agreements_in_every_state(present, today):
        agreements[str(len(agreements) + 1)] = agreement_to_document(agreement)
    requests += requests_in_every_state(present, today)
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "created": f"{first_day}T09:00:00+00:00"}},
        "settings": {"1": settings_to_document(settings)},
        "rituals": {
            str(keys[ritual.id]): ritual_to_document(ritual, keys[ritual.id]) for ritual in rituals
        },
        "days": days,
        "checkins": checkins,
        "agreements": agreements,
        "moments": {
            str(number): moment_to_document(moment) for number, moment in enumerate(moments, 1)
        },
        "requests": {
            str(number): request_to_document(request) for number, request in enumerate(requests, 1)
        },
        "therapy": generate_therapy(more, today),
    }


ZONE = ZoneInfo("Europe/London")
MOMENTS = {
    MomentKind.CONNECTION: (
        ("Long talk on the sofa, phones in the drawer", ("talk-time", "phones")),
        ("Cooked dinner together and laughed a lot", ("cooking", "dinner")),
        ("Walked after dinner and held hands", ("walk", "touch")),
        ("Asked about my day and really listened", ("feelings-question",)),
        ("Danced in the kitchen to our old song", ("music", "play")),
        ("He noticed I was tired and made tea without asking", ("care", "tired")),
        ("Thanked each other for the week", ("appreciation",)),
        ("Planned the weekend away together", ("planning",)),
    ),
    MomentKind.NEGLECT: (
        ("Scrolled through dinner while I talked about work", ("phones", "dinner")),
        ("Came home late and went straight to the laptop", ("work-late", "laptop")),
        ("Brushed off my worry about the exam", ("stress", "dismissed")),
        ("Forgot the appointment I mentioned three times", ("forgetting",)),
        ("Felt invisible at the party", ("friends", "alone")),
        ("Watched TV instead of our talk time", ("tv", "talk-time")),
        ("No goodnight, went to bed in silence", ("bedtime", "silence")),
        ("Kids' bedtime took the whole evening again", ("kids", "tired")),
    ),
    MomentKind.REPAIR: (
        ("Owned that I ignored her and apologised", ("apology",)),
        ("Came back after the cooling-off and listened", ("cooling-off",)),
        ("Put the phone away and asked how I really was", ("phones", "listening")),
        ("Made up for the missed call with a walk", ("walk",)),
    ),
}
HELPED = (
    ("Putting the phones in the drawer", ("phones-away",)),
    ("Asking a feelings question", ("feelings-question",)),
    ("A hug before talking", ("touch",)),
    ("Saying it kindly, straight away", ("speaking-up",)),
    ("Taking the agreed cooling-off", ("cooling-off",)),
    ("Going for a walk", ("walk",)),
    ("", ()),
)


def generate_moments(randomness: random.Random, first_day: date, today: date) -> list[Moment]:
    """About five moments a week, each logged within two hours: mostly connection, some
    neglect, a few repairs. Neglect is marked for the check-in, and mostly talked about there."""
    moments = []
    day = first_day
    while day <= today:
        for _ in range(randomness.choice((3, 4, 5, 5, 6, 7))):
            moment_day = day + timedelta(days=randomness.randrange(7))
            if moment_day > today:
                continue
            roll = randomness.random()
            kind = (
                MomentKind.CONNECTION
                if roll < 0.6
                else MomentKind.NEGLECT
                if roll < 0.88
                else MomentKind.REPAIR
            )
            what, tags = randomness.choice(MOMENTS[kind])
            helped, helped_tags = randomness.choice(HELPED)
            hour = randomness.choice((7, 8, 12, 13, 18, 19, 20, 21, 21, 22, 23, 1))
            at = stored_time(
                datetime(
                    moment_day.year,
                    moment_day.month,
                    moment_day.day,
                    hour,
                    randomness.randrange(60),
                    tzinfo=ZONE,
                )
            )
            if at.date() == today and hour > 10:
                continue
            for_checkin = kind is MomentKind.NEGLECT or randomness.random() < 0.1
            # Talked about at the check-in of the Sunday after.
            sunday = moment_day + timedelta(days=(6 - moment_day.weekday()) or 7)
            talked = for_checkin and sunday < today and randomness.random() < 0.9
            moments.append(
                Moment(
                    id=uuid.UUID(int=randomness.getrandbits(128)).hex,
                    at=at,
                    who=randomness.choice(("a", "b", "both", "both")),
                    kind=kind,
                    what_happened=what,
                    triggers="a long week at work" if "work-late" in tags else "",
                    tags=tags,
                    helped=helped,
                    helped_tags=helped_tags,
                    strength=randomness.choice((None, 2, 3, 3, 4, 5)),
                    for_checkin=for_checkin,
                    talked_about_on=sunday if talked else None,
                    created=at + timedelta(minutes=randomness.randint(2, 120)),
                )
            )
        day += timedelta(days=7)
    return moments


REQUESTS = (
    (
        "I felt alone at dinner",
        "to feel that you are with me",
        "Phones away at dinner, every evening",
    ),
    ("", "more time just the two of us", "A walk together after dinner twice a week"),
    (
        "I felt brushed off",
        "to feel heard when I am stressed",
        "Ask me how I am before giving advice",
    ),
    ("", "affection", "A hug when you get home each day"),
    ("I waited all evening", "to know when you will be late", "Text me by 6 if you will be late"),
    ("", "fun together", "Plan one new thing together this month"),
)
ALTERNATIVES = (
    "Phones away at dinner on weekdays",
    "One walk on Sunday mornings",
    "I ask first, most evenings",
    "A text when I leave work",
)


def generate_requests(
    randomness: random.Random,
    first_day: date,
    today: date,
    moments: list[Moment],
    ritual_ids: list[str],
    agreement_ids: list[str],
) -> list[Request]:
    """About two requests a month, each answered through the app's own rules."""
    neglect = [moment for moment in moments if moment.kind is MomentKind.NEGLECT]
    requests = []
    day = first_day + timedelta(days=3)
    while day < today:
        hurt, need, ask = randomness.choice(REQUESTS)
        asker = randomness.choice("ab")
        # Some grow from a moment of neglect logged in the week before.
        recent = [m for m in neglect if day - timedelta(days=7) <= m.at.date() <= day]
        linked = randomness.choice(recent) if recent and randomness.random() < 0.4 else None
        request = new_request(
            uuid.UUID(int=randomness.getrandbits(128)).hex,
            asker=asker,
            need=need,
            ask=ask,
            day=day,
            hurt=hurt,
            moment_id=linked.id if linked else None,
        )
        requests.append(_answer(randomness, request, day, today, ritual_ids, agreement_ids))
        day += timedelta(days=randomness.randint(10, 20))
    return requests


def _answer(
    randomness: random.Random,
    request: Request,
    day: date,
    today: date,
    ritual_ids: list[str],
    agreement_ids: list[str],
) -> Request:
    """A thread of steps: answered, perhaps thought over or countered, then kept or not."""
    asker, asked = request.asker, request.asked

    def step(request: Request, kind: StepKind, by: str, **details: object) -> Request:
        nonlocal day
        day += timedelta(days=randomness.randint(0, 3))
        if day > today:
            return request
        return add_step(request, kind, by, day, **details)  # type: ignore[arg-type]

    roll = randomness.random()
    if roll < 0.1:
        return step(request, StepKind.WITHDRAWN, asker)
    if roll < 0.3:
        request = step(request, StepKind.THINKING, asked, answer_by=day + timedelta(days=3))
    if randomness.random() < 0.7:
        request = step(request, StepKind.DOABLE, asked)
    else:
        request = step(request, StepKind.NOT_AS_ASKED, asked, text="Not every day, not yet")
        request = step(request, StepKind.ALTERNATIVE, asked, text=randomness.choice(ALTERNATIVES))
        if randomness.random() < 0.3:
            request = step(
                request, StepKind.ALTERNATIVE, asker, text=randomness.choice(ALTERNATIVES)
            )
            request = step(request, StepKind.ACCEPTED, asked)
        elif randomness.random() < 0.85:
            request = step(request, StepKind.ACCEPTED, asker)
        else:
            return step(request, StepKind.WITHDRAWN, asker)
    if request.agreed_on is None:
        return request
    ending = randomness.random()
    if ending < 0.55:
        return step(request, StepKind.KEPT, asked)
    if ending < 0.8:
        return step(request, StepKind.RITUAL, asker, linked_id=randomness.choice(ritual_ids))
    if ending < 0.88:
        return step(request, StepKind.AGREEMENT, asker, linked_id=randomness.choice(agreement_ids))
    return request


def _new_id(randomness: random.Random) -> str:
    return uuid.UUID(int=randomness.getrandbits(128)).hex


def agreements_in_every_state(randomness: random.Random, today: date) -> list[Agreement]:
    """Agreements as a couple has them on an ordinary day: one proposed and signed by nobody,
    one signed by one partner, one under repair after a lapse two days ago, one whose review
    is due; so every key of the pane has something to act on."""
    started = (today - timedelta(days=60)).isoformat()

    def agreement(text: str, signatures: str, lapse_days_ago: int | None = None) -> Agreement:
        lapses = ()
        if lapse_days_ago is not None:
            day = (today - timedelta(days=lapse_days_ago)).isoformat()
            lapses = (Lapse(_new_id(randomness), "a", day, "we both got busy", Repair(), 7),)
        return Agreement(
            id=_new_id(randomness),
            wordings=(Wording(text, started),),
            proposed_by="b",
            signatures=frozenset(signatures),
            lapses=lapses,
        )

    return [
        agreement("We say goodnight in person, not by message", ""),
        agreement("We keep Saturday mornings for the two of us", "a"),
        agreement("We put the phones in the drawer at dinner", "ab", lapse_days_ago=2),
        agreement("We tell each other when we need some quiet", "ab", lapse_days_ago=9),
    ]


def requests_in_every_state(randomness: random.Random, today: date) -> list[Request]:
    """This week's requests: one waiting for an answer, one with an alternative on the table,
    one agreed and not yet kept."""

    def asked(days_ago: int) -> Request:
        hurt, need, ask = randomness.choice(REQUESTS)
        day = today - timedelta(days=days_ago)
        return new_request(_new_id(randomness), asker="a", need=need, ask=ask, day=day, hurt=hurt)

    waiting = asked(1)
    offered = add_step(asked(3), StepKind.NOT_AS_ASKED, "b", today - timedelta(days=2))
    offered = add_step(
        offered, StepKind.ALTERNATIVE, "b", today - timedelta(days=2), text=ALTERNATIVES[0]
    )
    agreed = add_step(asked(4), StepKind.DOABLE, "b", today - timedelta(days=3))
    return [waiting, offered, agreed]


def generate_therapy(randomness: random.Random, today: date) -> dict[str, dict]:
    """A plan, a session every two weeks for the last two years, and practice in between."""
    next_session = datetime(today.year, today.month, today.day, 17, 30, tzinfo=ZONE) + timedelta(
        days=(3 - today.weekday()) % 7 or 7
    )
    plan = TherapyPlan(
        hopes_a=("To feel heard without having to raise my voice", "More evenings together"),
        hopes_b=("To notice sooner when she needs me", "Fewer late nights at work"),
        therapist="Dr Maya Okafor",
        approach="Emotionally focused therapy",
        contact="Clinic front desk, weekdays 9 to 5",
        session_every=2,
        next_session=stored_time(next_session),
    )
    documents = [plan_to_document(plan)]
    first = next_session.date() - timedelta(weeks=104)
    for number in range(52):
        on = first + timedelta(weeks=2 * number)
        if on > today:
            break
        session = new_session(
            uuid.UUID(int=randomness.getrandbits(128)).hex,
            on,
            randomness.choice(
                (
                    "Pause before reacting; name the feeling first.",
                    "Reflect back before answering.",
                    "We both withdraw when tired: say so instead.",
                )
            ),
            today,
        )
        documents.append(session_to_document(session))
        assignment = new_assignment(
            uuid.UUID(int=randomness.getrandbits(128)).hex,
            randomness.choice(("a", "b", "both")),
            randomness.choice(
                (
                    "Practise reflective listening for ten minutes",
                    "Share one vulnerable feeling in a calm moment",
                    "Notice and name one bid for attention a day",
                )
            ),
            on,
            until=on + timedelta(days=13),
        )
        for attempt in range(randomness.randint(1, 4)):
            attempt_day = on + timedelta(days=2 + 3 * attempt)
            if attempt_day > today:
                break
            assignment = add_attempt(
                assignment,
                uuid.UUID(int=randomness.getrandbits(128)).hex,
                attempt_day,
                randomness.randint(2, 5),
                today,
                worked="Slowing down helped",
                adjust=randomness.choice(("", "Try it earlier in the evening")),
            )
        documents.append(assignment_to_document(assignment))
    return {str(number): document for number, document in enumerate(documents, 1)}


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
