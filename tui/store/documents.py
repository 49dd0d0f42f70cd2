"""The settings, the check-ins and the agreements to the file's documents and back; a document
that makes no sense is a ShapeError.

The conversion is msgspec's (`conversion.py`); what is here is only where a stored document
differs from its core object. The rituals and days are in `ritual_documents.py`; the moments,
requests and therapy in `record_documents.py`.
"""

from __future__ import annotations

from collections.abc import Iterable

from msgspec.structs import replace

from tui.core.agreements import Agreement
from tui.core.checkins import CheckinRecord
from tui.core.models import Partners, Settings
from tui.core.text import InvalidText
from tui.store.conversion import Document, read_document, read_documents, to_document
from tui.store.schema import ShapeError

__all__ = ["Document"]

_SETTINGS_REFUSAL = "its settings are not valid"
_CHECKIN_REFUSAL = "a check-in in it is not readable"
_AGREEMENT_REFUSAL = "an agreement in it is not readable"
# Fields that every check-in and agreement of the file holds, although their core objects
# have defaults for them (a new record starts with them): one missing is a damaged document.
_CHECKIN_ALWAYS_STORED = frozenset(("turns", "status", "agenda", "step"))
_AGREEMENT_ALWAYS_STORED = frozenset(
    ("repair", "review_after_days", "signatures", "lapses", "reviews", "retired")
)


def settings_to_document(settings: Settings) -> Document:
    """The settings document: the partners' names are two fields of it, `partner_a` first."""
    document = to_document(settings)
    partners = document.pop("partners")
    return {"partner_a": partners["a"], "partner_b": partners["b"], **document}


def settings_from_document(document: Document | None) -> Settings:
    """Settings from the file; settings added in later versions take their defaults."""
    if document is None:
        raise ShapeError("its settings are missing")
    if not isinstance(document, dict):
        raise ShapeError(f"{_SETTINGS_REFUSAL} (they are not a record)")
    names = {key: document.get(f"partner_{key}") for key in ("a", "b")}
    for key, name in names.items():
        if not isinstance(name, str):
            missing = f"partner_{key}" not in document
            raise ShapeError(
                f"{_SETTINGS_REFUSAL} (partner {key.upper()}'s name is "
                f"{'missing' if missing else 'not text'})"
            )
    settings = read_document({**document, "partners": names}, Settings, _SETTINGS_REFUSAL)
    try:
        # The names are held to what the setup lets a person type.
        partners = Partners.from_names(settings.partners.a, settings.partners.b)
    except InvalidText as problem:
        raise ShapeError(f"{_SETTINGS_REFUSAL} ({problem})") from None
    return settings if partners == settings.partners else replace(settings, partners=partners)


def checkin_to_document(record: CheckinRecord) -> Document:
    """One check-in, turns and ratings inside."""
    return to_document(record)


def checkin_from_document(document: Document) -> CheckinRecord:
    """A stored check-in."""
    return read_document(document, CheckinRecord, _CHECKIN_REFUSAL, _CHECKIN_ALWAYS_STORED)


def checkins_from_documents(documents: Iterable[Document]) -> dict[str, CheckinRecord]:
    """Every stored check-in, by id, read in one pass."""
    records = read_documents(documents, CheckinRecord, _CHECKIN_REFUSAL, _CHECKIN_ALWAYS_STORED)
    return {record.id: record for record in records}


def agreement_to_document(agreement: Agreement) -> Document:
    """One agreement, its wording history, lapses and reviews inside; signatures in order."""
    return to_document(agreement, sets_sorted=True)


def agreement_from_document(document: Document) -> Agreement:
    """A stored agreement."""
    return read_document(document, Agreement, _AGREEMENT_REFUSAL, _AGREEMENT_ALWAYS_STORED)


def agreements_from_documents(documents: Iterable[Document]) -> list[Agreement]:
    """Every stored agreement, in the order given, read in one pass."""
    return read_documents(documents, Agreement, _AGREEMENT_REFUSAL, _AGREEMENT_ALWAYS_STORED)
