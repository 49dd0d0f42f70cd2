"""Typed reads and writes of moments, requests and therapy: the part of `Store` for the tables
of format version 3.

Every record is converted once, when the file is opened (reading it is how it is checked), and
kept in step with each successful save. A save replaces the one document that changed, found
through a small index from record id to document id, without TinyDB scanning the table: ten
years hold thousands of moments.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from msgspec import Struct

from tui.core.moments import Moment, mark_talked_about
from tui.core.requests import Request, StepKind, add_step
from tui.core.therapy import Assignment, Session, TherapyPlan, add_attempt, revise_plan
from tui.store.documents import Document
from tui.store.record_documents import (
    PLAN_TYPE,
    assignment_to_document,
    moment_to_document,
    moments_from_documents,
    plan_to_document,
    request_to_document,
    requests_from_documents,
    session_to_document,
    therapy_from_documents,
)
from tui.store.schema import MOMENTS_TABLE, REQUESTS_TABLE, THERAPY_TABLE
from tui.store.storage import DurableJSONStorage, Tables


class Records(Struct):
    """The records of the version-3 tables, converted, by id."""

    moments: dict[str, Moment]
    requests: dict[str, Request]
    plan: TherapyPlan | None
    sessions: dict[str, Session]
    assignments: dict[str, Assignment]


def read_records(data: Tables) -> Records:
    """Convert every moment, request and therapy record, or raise `ShapeError` at the first
    that makes no sense."""
    plan, sessions, assignments = therapy_from_documents(data.get(THERAPY_TABLE, {}).values())
    return Records(
        moments=moments_from_documents(data.get(MOMENTS_TABLE, {}).values()),
        requests=requests_from_documents(data.get(REQUESTS_TABLE, {}).values()),
        plan=plan,
        sessions=sessions,
        assignments=assignments,
    )


def no_records() -> Records:
    """The records of a file that has none (yet)."""
    return Records({}, {}, None, {}, {})


class RecordsOfTheCouple:
    """Moments, requests and therapy; mixed into `Store`, whose storage it shares."""

    _storage: DurableJSONStorage

    def _use_records(self, records: Records) -> None:
        """Serve these records, forgetting whatever indexed the storage before."""
        self._records = records
        self._sorted_moments: list[Moment] | None = None
        # Record id -> document id, per table; built when first needed.
        self._document_ids: dict[str, dict[str, str]] = {}

    def _reread_records(self) -> None:
        """After a failed save rolled the storage back: mirror what it holds again."""
        self._use_records(read_records(self._storage.read() or {}))

    # --- moments ---------------------------------------------------------------------------

    def moments(self) -> list[Moment]:
        """Every moment, the earliest first."""
        if self._sorted_moments is None:
            self._sorted_moments = sorted(self._records.moments.values(), key=_when)
        return list(self._sorted_moments)

    def save_moment(self, moment: Moment) -> None:
        """Insert or replace the moment with `moment.id`."""
        self._put(MOMENTS_TABLE, moment.id, moment_to_document(moment))
        self._records.moments[moment.id] = moment
        self._sorted_moments = None

    def delete_moment(self, moment_id: str) -> None:
        """Remove a moment; a request that grew from it keeps its link, which then finds nothing."""
        self._remove(MOMENTS_TABLE, moment_id)
        self._records.moments.pop(moment_id, None)
        self._sorted_moments = None

    def mark_moments_talked_about(self, moment_ids: Iterable[str], day: date) -> list[Moment]:
        """Mark moments as talked about at the check-in of `day`, in one save; returns them.

        A moment talked about before keeps its first day. Raises `KeyError` for an unknown id.
        """
        marked = mark_talked_about([self._records.moments[i] for i in moment_ids], day)
        changed = {moment.id: moment for moment in marked}
        self._put_many(
            MOMENTS_TABLE, {key: moment_to_document(moment) for key, moment in changed.items()}
        )
        self._records.moments.update(changed)
        self._sorted_moments = None
        return marked

    # --- requests --------------------------------------------------------------------------

    def requests(self) -> list[Request]:
        """Every request, the earliest asked first."""
        return sorted(self._records.requests.values(), key=lambda request: request.created)

    def save_request(self, request: Request) -> None:
        """Insert or replace the request with `request.id`."""
        self._put(REQUESTS_TABLE, request.id, request_to_document(request))
        self._records.requests[request.id] = request

    def add_step(
        self,
        request_id: str,
        kind: StepKind,
        by: str,
        day: date,
        *,
        text: str = "",
        answer_by: date | None = None,
        linked_id: str | None = None,
    ) -> Request:
        """Append one step to the stored request and save it; returns the request as saved.

        The step is checked against the request as stored (`requests.add_step`), never against a
        copy a screen took earlier. Raises `IllegalTransition` or `InvalidText`, nothing saved.
        """
        request = add_step(
            self._records.requests[request_id],
            kind,
            by,
            day,
            text=text,
            answer_by=answer_by,
            linked_id=linked_id,
        )
        self.save_request(request)
        return request

    def delete_request(self, request_id: str) -> None:
        """Remove a request (one made by mistake)."""
        self._remove(REQUESTS_TABLE, request_id)
        self._records.requests.pop(request_id, None)

    # --- therapy ---------------------------------------------------------------------------

    def therapy_plan(self) -> TherapyPlan:
        """The therapy plan; an empty one until the couple fills it in."""
        return self._records.plan or TherapyPlan()

    def update_therapy_plan(self, **changes: Any) -> TherapyPlan:
        """Change the named fields of the plan as stored, in one save; returns the plan saved.

        Raises `InvalidText` naming the field at fault (nothing is saved then).
        """
        plan = revise_plan(self.therapy_plan(), **changes)
        self._put(THERAPY_TABLE, PLAN_TYPE, plan_to_document(plan))
        self._records.plan = plan
        return plan

    def sessions(self) -> list[Session]:
        """Every therapy session, the earliest first."""
        return sorted(self._records.sessions.values(), key=lambda session: session.on)

    def save_session(self, session: Session) -> None:
        """Insert or replace the session with `session.id`."""
        self._put(THERAPY_TABLE, session.id, session_to_document(session))
        self._records.sessions[session.id] = session

    def delete_session(self, session_id: str) -> None:
        """Remove a session."""
        self._remove(THERAPY_TABLE, session_id)
        self._records.sessions.pop(session_id, None)

    def assignments(self) -> list[Assignment]:
        """Every assignment, the earliest given first."""
        return sorted(self._records.assignments.values(), key=lambda task: task.created)

    def save_assignment(self, assignment: Assignment) -> None:
        """Insert or replace the assignment with `assignment.id`."""
        self._put(THERAPY_TABLE, assignment.id, assignment_to_document(assignment))
        self._records.assignments[assignment.id] = assignment

    def add_attempt(
        self,
        assignment_id: str,
        attempt_id: str,
        on: date,
        how_it_went: int,
        today: date,
        worked: str = "",
        adjust: str = "",
    ) -> Assignment:
        """Append a debriefed attempt to the stored assignment and save it; returns it as saved."""
        assignment = add_attempt(
            self._records.assignments[assignment_id],
            attempt_id,
            on,
            how_it_went,
            today,
            worked,
            adjust,
        )
        self.save_assignment(assignment)
        return assignment

    def delete_assignment(self, assignment_id: str) -> None:
        """Remove an assignment and its attempts."""
        self._remove(THERAPY_TABLE, assignment_id)
        self._records.assignments.pop(assignment_id, None)

    # --- documents -------------------------------------------------------------------------

    def _put(self, table: str, key: str, document: Document) -> None:
        self._put_many(table, {key: document})

    def _put_many(self, table: str, documents: dict[str, Document]) -> None:
        """Insert or replace documents by record key, in one save; the index learns the new
        places only once the save has succeeded."""
        rows = self._rows(table)
        index = self._index(table)
        placed = {}
        next_id = max(map(int, rows), default=0) + 1
        for key, document in documents.items():
            document_id = index.get(key)
            if document_id is None:
                document_id, next_id = str(next_id), next_id + 1
            rows[document_id] = document
            placed[key] = document_id
        self._save()
        index.update(placed)

    def _remove(self, table: str, key: str) -> None:
        document_id = self._index(table).get(key)
        if document_id is None:
            return
        del self._rows(table)[document_id]
        self._save()
        del self._index(table)[key]

    def _rows(self, table: str) -> dict[str, Document]:
        data = self._storage.read()
        if data is None:
            raise LookupError("Attune has not been set up yet.")
        return data.setdefault(table, {})

    def _index(self, table: str) -> dict[str, str]:
        if table not in self._document_ids:
            self._document_ids[table] = {
                _key_of(document): document_id
                for document_id, document in self._rows(table).items()
            }
        return self._document_ids[table]

    def _save(self) -> None:
        data = self._storage.read()
        assert data is not None
        # The storage saves what it holds (or, inside a batch, when the batch ends); on a
        # failure it rolls back to the last save.
        self._storage.write(data)


def _when(moment: Moment) -> datetime:
    return moment.at


def _key_of(document: Document) -> str:
    """A record's key in the index: its id; the one plan has none and is keyed by its type."""
    return document["id"] if "id" in document else document["type"]
