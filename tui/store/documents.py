"""Core objects to the file's documents and back; a document that makes no sense is a ShapeError."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar, get_args, get_origin

import msgspec
from msgspec import Struct
from msgspec.structs import fields

from tui.core.agreements import (
    Agreement,
    Lapse,
    Repair,
    Review,
    ReviewOutcome,
    Wording,
)
from tui.core.checkins import (
    Appreciation,
    CheckinPlan,
    CheckinRecord,
    CheckinStatus,
    Rating,
    TurnRecord,
    Wish,
)
from tui.core.models import AgendaStep, Partners, Settings
from tui.core.moments import Moment
from tui.core.requests import Request
from tui.core.rituals import (
    Cadence,
    CadenceKind,
    DayMarks,
    Mark,
    Ritual,
    RitualKind,
    Who,
)
from tui.core.text import InvalidText
from tui.core.therapy import Assignment, Session, TherapyPlan
from tui.store.schema import ShapeError

Document = dict[str, Any]

_OPTIONAL_SETTINGS = tuple(
    field.name for field in fields(Settings) if field.name not in ("partners", "time_zone")
)
_CONVERSION_ERRORS = (KeyError, TypeError, AttributeError, ValueError, InvalidText)


def settings_to_document(settings: Settings) -> Document:
    """The settings document."""
    document = {
        "partner_a": settings.partners.a,
        "partner_b": settings.partners.b,
        "time_zone": settings.time_zone,
    }
    document.update({name: getattr(settings, name) for name in _OPTIONAL_SETTINGS})
    document["agenda"] = [AgendaStep(step).value for step in settings.agenda]
    return document


def settings_from_document(document: Document | None) -> Settings:
    """Settings from the file; settings added in later versions take their defaults."""
    if document is None:
        raise ShapeError("its settings are missing")
    try:
        partners = Partners.from_names(document["partner_a"], document["partner_b"])
        optional = {name: document[name] for name in _OPTIONAL_SETTINGS if name in document}
        if "agenda" in optional:
            optional["agenda"] = _agenda(optional["agenda"])
        return Settings(partners=partners, time_zone=str(document["time_zone"]), **optional)
    except _CONVERSION_ERRORS as error:
        raise ShapeError(f"its settings are not valid ({error})") from None


def checkin_to_document(record: CheckinRecord) -> Document:
    """One check-in, turns and ratings inside."""
    plan = record.plan
    return {
        "id": record.id,
        "started_at": record.started_at,
        "status": record.status.value,
        "ended_at": record.ended_at,
        "stuck": record.stuck,
        "cooling_offs": record.cooling_offs,
        "plan": {
            "first_speaker": plan.first_speaker,
            "turn_ms": plan.turn_ms,
            "rounds": plan.rounds,
            "reflect_back_ms": plan.reflect_back_ms,
            "heated_limit_ms": plan.heated_limit_ms,
            "cooling_off_ms": plan.cooling_off_ms,
        },
        "turns": [
            {
                "speaker": turn.speaker,
                "planned_ms": turn.planned_ms,
                "spoken_ms": turn.spoken_ms,
                "started_at": turn.started_at,
                "reflect_attempts": turn.reflect_attempts,
                "heard": turn.heard,
            }
            for turn in record.turns
        ],
        "ratings": [
            {"partner": rating.partner, "score": rating.score, "note": rating.note}
            for rating in record.ratings
        ],
        "agenda": [step.value for step in record.agenda],
        "step": record.step.value,
        "skipped": [step.value for step in record.skipped],
        "appreciations": [{"by": one.by, "text": one.text} for one in record.appreciations],
        "passed": list(record.passed),
        "requests_made": list(record.requests_made),
        "wishes": [{"by": wish.by, "text": wish.text} for wish in record.wishes],
    }


def _agenda(steps: Any) -> tuple[AgendaStep, ...]:
    if not isinstance(steps, list):
        raise TypeError("an agenda is a list of steps")
    return tuple(AgendaStep(step) for step in steps)


def _texts_by(items: Any, kind: type[Appreciation] | type[Wish]) -> tuple[Any, ...]:
    return tuple(kind(by=str(item["by"]), text=str(item["text"])) for item in items)


def checkin_from_document(document: Document) -> CheckinRecord:
    """A stored check-in."""
    try:
        return CheckinRecord(
            id=str(document["id"]),
            started_at=str(document["started_at"]),
            plan=CheckinPlan(**document["plan"]),
            turns=tuple(TurnRecord(**turn) for turn in document["turns"]),
            status=CheckinStatus(document["status"]),
            ended_at=document.get("ended_at"),
            ratings=tuple(Rating(**rating) for rating in document.get("ratings", [])),
            stuck=bool(document.get("stuck", False)),
            cooling_offs=int(document.get("cooling_offs", 0)),
            agenda=_agenda(document["agenda"]),
            step=AgendaStep(document["step"]),
            skipped=_agenda(document.get("skipped", [])),
            appreciations=_texts_by(document.get("appreciations", []), Appreciation),
            passed=tuple(str(partner) for partner in document.get("passed", [])),
            requests_made=tuple(str(made) for made in document.get("requests_made", [])),
            wishes=_texts_by(document.get("wishes", []), Wish),
        )
    except _CONVERSION_ERRORS as error:
        raise ShapeError(f"a check-in in it is not readable ({error})") from None


def ritual_to_document(ritual: Ritual, key: int) -> Document:
    """One ritual. `key` is its short reference in day documents (see `day_document`)."""
    return {
        "id": ritual.id,
        "key": key,
        "name": ritual.name,
        "cadence": {
            "kind": ritual.cadence.kind.value,
            "times_per_week": ritual.cadence.times_per_week,
            "weekdays": list(ritual.cadence.weekdays),
        },
        "who": ritual.who.value,
        "position": ritual.position,
        "created": ritual.created,
        "archived": ritual.archived,
        "kind": ritual.kind.value,
        "only": ritual.only,
        "ends": ritual.ends,
    }


def ritual_from_document(document: Document) -> tuple[Ritual, int]:
    """A stored ritual and its short key."""
    try:
        cadence = document["cadence"]
        key = document["key"]
        if isinstance(key, bool) or not isinstance(key, int):
            raise TypeError("its key is not a whole number")
        ritual = Ritual(
            id=str(document["id"]),
            name=str(document["name"]),
            cadence=Cadence(
                CadenceKind(cadence["kind"]),
                times_per_week=int(cadence.get("times_per_week", 1)),
                weekdays=tuple(int(day) for day in cadence.get("weekdays", ())),
            ),
            who=Who(document["who"]),
            position=int(document["position"]),
            created=str(document["created"]),
            archived=bool(document.get("archived", False)),
            kind=RitualKind(document.get("kind", "")),
            only=document.get("only"),
            ends=document.get("ends"),
        )
    except _CONVERSION_ERRORS as error:
        raise ShapeError(f"a ritual in it is not readable ({error})") from None
    return ritual, key


_MARKS_BY_VALUE = {mark.value: mark for mark in Mark}
# One cell of a day's marks: ritual key, person, mark. `check_day_documents` holds the file to
# this; `_split_cell` reads it.
_CELL = re.compile(r"\d+\.(?:a|b|together)=(?:done|skipped|not_done)")


def day_document(day: str, cells: Mapping[tuple[str, str], str]) -> Document:
    """The document of `day` (YYYY-MM-DD); `cells` maps (ritual key, person) to a mark's value.

    The marks are one string, a word per cell: "1.together=done 2.a=done 2.b=skipped". Ten
    years hold some 3,600 days; as nested objects, one per ritual and person, they were most of
    the time spent reading the file at start-up. Rituals are named by their short key, not
    their 32-character id, for the same reason: every tick rewrites the whole file.
    """
    ordered = sorted(cells.items(), key=lambda cell: (int(cell[0][0]), cell[0][1]))
    return {
        "day": day,
        "marks": " ".join(f"{key}.{person}={mark}" for (key, person), mark in ordered),
    }


def day_cells(document: Document) -> dict[tuple[str, str], str]:
    """The marks of a day document, as `day_document` was given them."""
    cells = map(_split_cell, document["marks"].split())
    return {(key, person): mark for key, person, mark in cells}


def _split_cell(cell: str) -> tuple[str, str, str]:
    """Split one cell of a day's marks, such as 1.a=done, into key, person and mark."""
    place, mark = cell.split("=")
    key, person = place.split(".")
    return key, person, mark


def check_day_documents(documents: Iterable[Document], ritual_keys: frozenset[str]) -> None:
    """Raise `ShapeError` unless `day_marks_from_documents` can read every one of `documents`.

    Opening ten years of history checks some 3,600 days before the first screen. The same
    few dozen cells ("1.a=done") repeat across all of them, so each distinct cell is checked
    once rather than each day's cells one by one.
    """
    try:
        days = list(documents)
        marks = [day["marks"] for day in days]
        readable = {type(day["day"]) for day in days} | {type(text) for text in marks} <= {str}
        if readable:
            distinct = set(" ".join(marks).split())
            readable = all(
                _CELL.fullmatch(cell) and cell.partition(".")[0] in ritual_keys for cell in distinct
            )
    except _CONVERSION_ERRORS:
        readable = False
    if not readable:
        raise ShapeError("a day of rituals in it is not readable")


def day_marks_from_documents(
    documents: Iterable[Document], ritual_ids: dict[str, str]
) -> dict[str, DayMarks]:
    """Day documents as {day (YYYY-MM-DD): marks by (ritual id, person)}; `ritual_ids` maps
    ritual key -> id.

    Ten years hold some 3,600 days but only a few dozen distinct cells ("1.a=done"), so each
    distinct cell is read once and then looked up.
    """
    known: dict[str, tuple[tuple[str, str], Mark]] = {}

    def read(cell: str) -> tuple[tuple[str, str], Mark]:
        key, person, mark = _split_cell(cell)
        known[cell] = (ritual_ids[key], person), _MARKS_BY_VALUE[mark]
        return known[cell]

    try:
        return {
            str(document["day"]): dict(
                known[cell] if cell in known else read(cell) for cell in document["marks"].split()
            )
            for document in documents
        }
    except _CONVERSION_ERRORS as error:
        raise ShapeError(f"a day of rituals in it is not readable ({error})") from None


def _repair_to_document(repair: Repair) -> Document:
    return {"what": repair.what, "minutes_per_day": repair.minutes_per_day, "days": repair.days}


def agreement_to_document(agreement: Agreement) -> Document:
    """One agreement, its wording history, lapses and reviews inside."""
    return {
        "id": agreement.id,
        "proposed_by": agreement.proposed_by,
        "repair": _repair_to_document(agreement.repair),
        "review_after_days": agreement.review_after_days,
        "signatures": sorted(agreement.signatures),
        "retired": agreement.retired,
        "wordings": [{"text": w.text, "since": w.since} for w in agreement.wordings],
        "lapses": [
            {
                "id": lapse.id,
                "partner": lapse.partner,
                "day": lapse.day,
                "note": lapse.note,
                "repair": _repair_to_document(lapse.repair),
                "review_after_days": lapse.review_after_days,
            }
            for lapse in agreement.lapses
        ],
        "reviews": [
            {"day": r.day, "note": r.note, "outcome": r.outcome.value, "lapse_id": r.lapse_id}
            for r in agreement.reviews
        ],
    }


def agreement_from_document(document: Document) -> Agreement:
    """A stored agreement."""
    try:
        return Agreement(
            id=str(document["id"]),
            wordings=tuple(Wording(str(w["text"]), str(w["since"])) for w in document["wordings"]),
            proposed_by=str(document["proposed_by"]),
            repair=Repair(**document["repair"]),
            review_after_days=int(document["review_after_days"]),
            signatures=frozenset(str(partner) for partner in document["signatures"]),
            lapses=tuple(
                Lapse(
                    id=str(lapse["id"]),
                    partner=str(lapse["partner"]),
                    day=str(lapse["day"]),
                    note=str(lapse["note"]),
                    repair=Repair(**lapse["repair"]),
                    review_after_days=int(lapse["review_after_days"]),
                )
                for lapse in document["lapses"]
            ),
            reviews=tuple(
                Review(
                    str(r["day"]), str(r["note"]), ReviewOutcome(r["outcome"]), str(r["lapse_id"])
                )
                for r in document["reviews"]
            ),
            retired=bool(document["retired"]),
        )
    except _CONVERSION_ERRORS as error:
        raise ShapeError(f"an agreement in it is not readable ({error})") from None


# --- moments, requests and therapy (format version 3) --------------------------------------
#
# Read in bulk by msgspec, which checks every type and runs each record's own checks in one
# pass (ten years hold some 2,600 moments, all read before the first screen). Only when that
# fails is the table read again record by record, to say in plain words what is wrong.


def _day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _time_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def moment_to_document(moment: Moment) -> Document:
    """One moment; optional fields at their default are left out (ten years hold thousands)."""
    document: Document = {
        "id": moment.id,
        "at": moment.at.isoformat(),
        "who": moment.who,
        "kind": moment.kind.value,
        "what_happened": moment.what_happened,
        "triggers": moment.triggers,
        "tags": list(moment.tags),
        "helped": moment.helped,
        "helped_tags": list(moment.helped_tags),
        "strength": moment.strength,
        "for_checkin": moment.for_checkin,
        "talked_about_on": _day_text(moment.talked_about_on),
        "created": moment.created.isoformat(),
        "edited": _time_text(moment.edited),
    }
    return _without_defaults(document, _MOMENT_DEFAULTS)


_MOMENT_DEFAULTS: Document = {
    "triggers": "",
    "tags": [],
    "helped": "",
    "helped_tags": [],
    "strength": None,
    "for_checkin": False,
    "talked_about_on": None,
    "edited": None,
}


def _without_defaults(document: Document, defaults: Document) -> Document:
    """`document` without the optional fields that hold their default (read back as it)."""
    return {
        name: value
        for name, value in document.items()
        if name not in defaults or (type(value), value) != (type(defaults[name]), defaults[name])
    }


def moments_from_documents(documents: Iterable[Document]) -> dict[str, Moment]:
    """Stored moments by id."""
    return _records_by_id(_read_all(documents, Moment, "a moment"), "moments")


def request_to_document(request: Request) -> Document:
    """One request, its thread of steps inside."""
    document: Document = {
        "id": request.id,
        "asker": request.asker,
        "need": request.need,
        "ask": request.ask,
        "created": request.created.isoformat(),
        "hurt": request.hurt,
        "moment_id": request.moment_id,
        "steps": [
            _without_defaults(
                {
                    "day": step.day.isoformat(),
                    "by": step.by,
                    "kind": step.kind.value,
                    "text": step.text,
                    "answer_by": _day_text(step.answer_by),
                    "linked_id": step.linked_id,
                },
                _STEP_DEFAULTS,
            )
            for step in request.steps
        ],
    }
    return _without_defaults(document, _REQUEST_DEFAULTS)


_REQUEST_DEFAULTS: Document = {"hurt": "", "moment_id": None}
_STEP_DEFAULTS: Document = {"text": "", "answer_by": None, "linked_id": None}


def requests_from_documents(documents: Iterable[Document]) -> dict[str, Request]:
    """Stored requests by id."""
    return _records_by_id(_read_all(documents, Request, "a request"), "requests")


# The `therapy` table holds one plan and any number of sessions and assignments, each document
# saying which it is.
PLAN_TYPE = "plan"
SESSION_TYPE = "session"
ASSIGNMENT_TYPE = "assignment"


def plan_to_document(plan: TherapyPlan) -> Document:
    """The therapy plan."""
    return {
        "type": PLAN_TYPE,
        "hopes_a": list(plan.hopes_a),
        "hopes_b": list(plan.hopes_b),
        "therapist": plan.therapist,
        "approach": plan.approach,
        "contact": plan.contact,
        "session_every": plan.session_every,
        "next_session": _time_text(plan.next_session),
    }


def session_to_document(session: Session) -> Document:
    """One therapy session."""
    return {
        "type": SESSION_TYPE,
        "id": session.id,
        "on": session.on.isoformat(),
        "takeaways": session.takeaways,
    }


def assignment_to_document(assignment: Assignment) -> Document:
    """One assignment, its debriefed attempts inside."""
    return {
        "type": ASSIGNMENT_TYPE,
        "id": assignment.id,
        "who": assignment.who,
        "what": assignment.what,
        "created": assignment.created.isoformat(),
        "until": _day_text(assignment.until),
        "attempts": [
            {
                "id": attempt.id,
                "on": attempt.on.isoformat(),
                "how_it_went": attempt.how_it_went,
                "worked": attempt.worked,
                "adjust": attempt.adjust,
            }
            for attempt in assignment.attempts
        ],
    }


def therapy_from_documents(
    documents: Iterable[Document],
) -> tuple[TherapyPlan | None, dict[str, Session], dict[str, Assignment]]:
    """The plan (None when never filled in), the sessions and the assignments, by id."""
    by_type: dict[object, list[Document]] = {PLAN_TYPE: [], SESSION_TYPE: [], ASSIGNMENT_TYPE: []}
    for document in documents:
        kind = document.get("type")
        if kind not in by_type:
            raise ShapeError("a therapy record in it is of no known type")
        by_type[kind].append(document)
    plans = _read_all(by_type[PLAN_TYPE], TherapyPlan, "its therapy plan")
    if len(plans) > 1:
        raise ShapeError("it holds more than one therapy plan")
    sessions = _read_all(by_type[SESSION_TYPE], Session, "a therapy session")
    assignments = _read_all(by_type[ASSIGNMENT_TYPE], Assignment, "a therapy assignment")
    return (
        plans[0] if plans else None,
        _records_by_id(sessions, "therapy sessions"),
        _records_by_id(assignments, "therapy assignments"),
    )


_Record = TypeVar("_Record", bound=Struct)


def _read_all(documents: Iterable[Document], kind: type[_Record], what: str) -> list[_Record]:
    """Every document as a `kind`, or `ShapeError` naming `what` is wrong and why."""
    documents = list(documents)
    try:
        return msgspec.convert(documents, list[kind])  # type: ignore[valid-type]
    except msgspec.ValidationError:
        pass
    for document in documents:
        problem = _problem_of(document, kind)
        if problem is not None:
            raise ShapeError(f"{what} in it is not readable ({problem})")
    raise ShapeError(f"{what} in it is not readable")


def _problem_of(document: object, kind: type[Struct]) -> str | None:
    """What is wrong with `document` as a `kind`, in words decided from the types alone."""
    if not isinstance(document, dict):
        return "it is not a record"
    values = {}
    for field in fields(kind):
        if field.name not in document:
            if field.required:
                return f"its {_words(field.name)} is missing"
            continue
        value = document[field.name]
        try:
            values[field.name] = msgspec.convert(value, field.type)
        except msgspec.ValidationError:
            return _nested_problem(field.name, value, field.type)
    try:
        kind(**values)
    except (ValueError, TypeError) as error:
        return str(error)
    return None


def _nested_problem(name: str, value: object, declared: object) -> str:
    """Which item of a list of records is wrong, and how; or that the field is."""
    arguments = get_args(declared)
    item = arguments[0] if get_origin(declared) is tuple and arguments else None
    if isinstance(item, type) and issubclass(item, Struct) and isinstance(value, list):
        for number, element in enumerate(value, start=1):
            problem = _problem_of(element, item)
            if problem is not None:
                return f"{_words(name)} number {number}: {problem}"
    return _is_not_valid(name)


_FIELD_WORDS = {
    "at": "time",
    "who": "partner",
    "by": "partner",
    "asker": "partner",
    "on": "day",
    "created": "date of creation",
    "until": "last day",
    "talked_about_on": "day it was talked about",
    "answer_by": "day to answer by",
    "session_every": "weeks between sessions",
    "hopes_a": "hopes of partner A",
    "hopes_b": "hopes of partner B",
    "linked_id": "link",
    "moment_id": "link to a moment",
}


def _words(name: str) -> str:
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def _is_not_valid(name: str) -> str:
    words = _words(name)
    # Plural names ("tags", "steps", "hopes of partner A") take "are".
    plural = words.endswith("s") or words.startswith("hopes")
    return f"its {words} {'are' if plural else 'is'} not valid"


def _records_by_id(records: list[_Record], what: str) -> dict[str, _Record]:
    by_id = {record.id: record for record in records}  # type: ignore[attr-defined]
    if len(by_id) != len(records):
        raise ShapeError(f"two of its {what} share one id")
    return by_id
