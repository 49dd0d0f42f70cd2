"""Moments, requests and therapy (format version 3) to the file's documents and back.

The conversion is msgspec's (`conversion.py`), read in bulk: ten years hold some 2,600
moments, all read before the first screen. Moments and requests leave out the optional fields
that hold their default (their Structs say `omit_defaults`); each therapy document names its
`type`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from msgspec import Struct

from tui.core.moments import Moment
from tui.core.requests import Request
from tui.core.therapy import Assignment, Session, TherapyPlan
from tui.store.conversion import Document, read_documents, to_document
from tui.store.schema import ShapeError


def moment_to_document(moment: Moment) -> Document:
    """One moment; optional fields at their default are left out (ten years hold thousands)."""
    return to_document(moment)


def moments_from_documents(documents: Iterable[Document]) -> dict[str, Moment]:
    """Stored moments by id."""
    return _records_by_id(
        read_documents(documents, Moment, "a moment in it is not readable"), "moments"
    )


def request_to_document(request: Request) -> Document:
    """One request, its thread of steps inside; optional fields at their default left out,
    but not the thread: format 3 writes it even when empty."""
    document = to_document(request)
    document.setdefault("steps", [])
    return document


def requests_from_documents(documents: Iterable[Document]) -> dict[str, Request]:
    """Stored requests by id."""
    return _records_by_id(
        read_documents(documents, Request, "a request in it is not readable"), "requests"
    )


# The `therapy` table holds one plan and any number of sessions and assignments, each document
# saying which it is.
PLAN_TYPE = "plan"
SESSION_TYPE = "session"
ASSIGNMENT_TYPE = "assignment"


def plan_to_document(plan: TherapyPlan) -> Document:
    """The therapy plan."""
    return {"type": PLAN_TYPE, **to_document(plan)}


def session_to_document(session: Session) -> Document:
    """One therapy session."""
    return {"type": SESSION_TYPE, **to_document(session)}


def assignment_to_document(assignment: Assignment) -> Document:
    """One assignment, its debriefed attempts inside."""
    return {"type": ASSIGNMENT_TYPE, **to_document(assignment)}


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
    plans = read_documents(
        by_type[PLAN_TYPE], TherapyPlan, "its therapy plan in it is not readable"
    )
    if len(plans) > 1:
        raise ShapeError("it holds more than one therapy plan")
    sessions = read_documents(
        by_type[SESSION_TYPE], Session, "a therapy session in it is not readable"
    )
    assignments = read_documents(
        by_type[ASSIGNMENT_TYPE], Assignment, "a therapy assignment in it is not readable"
    )
    return (
        plans[0] if plans else None,
        _records_by_id(sessions, "therapy sessions"),
        _records_by_id(assignments, "therapy assignments"),
    )


_Record = TypeVar("_Record", bound=Struct)


def _records_by_id(records: list[_Record], what: str) -> dict[str, _Record]:
    by_id = {record.id: record for record in records}  # type: ignore[attr-defined]
    if len(by_id) != len(records):
        raise ShapeError(f"two of its {what} share one id")
    return by_id
