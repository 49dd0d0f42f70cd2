"""Moments, requests and therapy (format version 3) to the file's documents and back.

Read in bulk by msgspec, which checks every type and runs each record's own checks in one
pass (ten years hold some 2,600 moments, all read before the first screen). Only when that
fails is the table read again record by record, to say in plain words what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar, get_args, get_origin

import msgspec
from msgspec import Struct
from msgspec.structs import fields

from tui.core.moments import Moment
from tui.core.requests import Request
from tui.core.therapy import Assignment, Session, TherapyPlan
from tui.store.documents import Document
from tui.store.schema import ShapeError


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
