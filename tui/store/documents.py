"""Core objects to the file's documents and back; a document that makes no sense is a ShapeError."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from msgspec.structs import fields

from tui.core.agreements import (
    Agreement,
    Lapse,
    Repair,
    Review,
    ReviewOutcome,
    Wording,
)
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating, TurnRecord
from tui.core.models import Partners, Settings
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
    return document


def settings_from_document(document: Document | None) -> Settings:
    """Settings from the file; settings added in later versions take their defaults."""
    if document is None:
        raise ShapeError("its settings are missing")
    try:
        partners = Partners.from_names(document["partner_a"], document["partner_b"])
        optional = {name: document[name] for name in _OPTIONAL_SETTINGS if name in document}
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
    }


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
