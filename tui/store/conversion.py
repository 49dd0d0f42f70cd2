"""Core objects to the file's documents and back, by msgspec, with plain words for what is wrong.

Each kind of record is read in bulk by `msgspec.convert`, which checks every type and runs each
record's own checks in one pass (ten years hold thousands of records, all read before the first
screen). Only when that fails is the table read again record by record and field by field, to
say what is wrong in words decided from the types alone, never from msgspec's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar, get_args, get_origin

import msgspec
from msgspec import Struct
from msgspec.structs import fields

from tui.store.schema import ShapeError

Document = dict[str, Any]
Record = TypeVar("Record", bound=Struct)


def to_document(record: Struct, *, sets_sorted: bool = False) -> Document:
    """`record` as a document: enums as their values, tuples as lists, days as YYYY-MM-DD.

    Times are written by `datetime.isoformat` (2026-11-22T19:30:00+00:00, never the "Z" msgspec
    writes for UTC): it is the format. `sets_sorted` writes sets in order, so that the same
    record is always the same document.
    """
    document = msgspec.to_builtins(
        record,
        builtin_types=(datetime,),
        enc_hook=_isoformat,
        order="deterministic" if sets_sorted else None,
    )
    return {
        name: value.isoformat() if isinstance(value, datetime) else value
        for name, value in document.items()
    }


def _isoformat(value: object) -> str:
    """A time or a day of a subclass (pendulum's DateTime and Date, which the clock and the
    logical day give), which msgspec does not know: written as the standard ones are."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return date(value.year, value.month, value.day).isoformat()
    raise NotImplementedError(f"no document for a {type(value).__name__}")


def read_documents(
    documents: Iterable[object],
    kind: type[Record],
    refusal: str,
    always_stored: frozenset[str] = frozenset(),
) -> list[Record]:
    """Every document as a `kind`, or `ShapeError` saying `refusal` and what is wrong.

    `always_stored` names the fields the file always holds although `kind` has a default for
    them: a document without one is refused.
    """
    documents = list(documents)
    if not always_stored or all(
        isinstance(document, dict) and document.keys() >= always_stored for document in documents
    ):
        try:
            return msgspec.convert(documents, list[kind])  # type: ignore[valid-type]
        except msgspec.ValidationError:
            pass
    for document in documents:
        problem = problem_of(document, kind, always_stored)
        if problem is not None:
            raise ShapeError(f"{refusal} ({problem})")
    raise ShapeError(refusal)


def prepare_to_read(kinds: Iterable[type[Struct]]) -> None:
    """Have msgspec work out now how each of `kinds` is read, which it does at the first
    conversion of a kind (a few milliseconds in all, from the type hints): for a caller with
    time to spare before a file can be read, such as a command waiting for a key."""
    for kind in kinds:
        msgspec.convert([], list[kind])  # type: ignore[valid-type]


def read_document(
    document: object,
    kind: type[Record],
    refusal: str,
    always_stored: frozenset[str] = frozenset(),
) -> Record:
    """One document as a `kind`, or `ShapeError` (see `read_documents`)."""
    return read_documents([document], kind, refusal, always_stored)[0]


def problem_of(
    document: object, kind: type[Struct], always_stored: frozenset[str] = frozenset()
) -> str | None:
    """What is wrong with `document` as a `kind`, in words decided from the types alone."""
    if not isinstance(document, dict):
        return "it is not a record"
    values = {}
    for field in fields(kind):
        if field.name not in document:
            if field.required or field.name in always_stored:
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
            problem = problem_of(element, item)
            if problem is not None:
                return f"{_words(name)} number {number}: {problem}"
    if isinstance(declared, type) and issubclass(declared, Struct):
        problem = problem_of(value, declared)
        if problem is not None:
            return f"{_words(name)}: {problem}"
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
    "turn_ms": "length of a turn",
    "planned_ms": "planned length",
    "spoken_ms": "time spoken",
    "reflect_back_ms": "time to reflect back",
    "heated_limit_ms": "heated limit",
    "cooling_off_ms": "length of a cooling-off",
    "retired": "retired mark",
    "archived": "archived mark",
    "stuck": "stuck mark",
}


def _words(name: str) -> str:
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def _is_not_valid(name: str) -> str:
    words = _words(name)
    # Plural names ("tags", "steps", "hopes of partner A") take "are"; "status" is one.
    plural = (words.endswith("s") and not words.endswith("status")) or words.startswith("hopes")
    return f"its {words} {'are' if plural else 'is'} not valid"
