"""Core objects to the file's documents and back; a document that makes no sense is a ShapeError.

The settings, the check-ins and the agreements are here; the rituals and days in
`ritual_documents.py`; the moments, requests and therapy in `record_documents.py`.
"""

from __future__ import annotations

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
from tui.core.text import InvalidText
from tui.store.schema import ShapeError

Document = dict[str, Any]

_OPTIONAL_SETTINGS = tuple(
    field.name for field in fields(Settings) if field.name not in ("partners", "time_zone")
)
CONVERSION_ERRORS = (KeyError, TypeError, AttributeError, ValueError, InvalidText)
"""What converting a document that makes no sense raises, turned into a `ShapeError`."""


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
    except CONVERSION_ERRORS as error:
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
    except CONVERSION_ERRORS as error:
        raise ShapeError(f"a check-in in it is not readable ({error})") from None


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
    except CONVERSION_ERRORS as error:
        raise ShapeError(f"an agreement in it is not readable ({error})") from None
