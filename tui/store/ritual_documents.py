"""The rituals and the days they are marked on, to the file's documents and back (format version 2
keeps a day's marks as one string)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from tui.core.mark_book import DayMarks, MarkBook
from tui.core.rituals import Mark, Ritual
from tui.store.conversion import Document, read_documents, to_document
from tui.store.schema import ShapeError


def ritual_to_document(ritual: Ritual, key: int) -> Document:
    """One ritual. `key` is its short reference in day documents (see `day_document`)."""
    return {**to_document(ritual), "key": key}


def ritual_from_document(document: Document) -> tuple[Ritual, int]:
    """A stored ritual and its short key."""
    return rituals_from_documents([document])[0]


def rituals_from_documents(documents: Iterable[Document]) -> list[tuple[Ritual, int]]:
    """Every stored ritual with its short key, read in one pass."""
    documents = list(documents)
    rituals = read_documents(documents, Ritual, _RITUAL_REFUSAL)
    keys = [document["key"] if "key" in document else None for document in documents]
    for key in keys:
        # msgspec's int is never a bool, and the JSON the file is has no other whole numbers.
        if not isinstance(key, int) or isinstance(key, bool):
            problem = "its key is missing" if key is None else "its key is not a whole number"
            raise ShapeError(f"{_RITUAL_REFUSAL} ({problem})")
    return list(zip(rituals, keys, strict=True))


_RITUAL_REFUSAL = "a ritual in it is not readable"
_DAYS_REFUSAL = "a day of rituals in it is not readable"
# What reading a day's marks by hand raises when they make no sense: a `ShapeError` then.
_CONVERSION_ERRORS = (KeyError, TypeError, AttributeError, ValueError)


_MARKS_BY_VALUE = {mark.value: mark for mark in Mark}
# One cell of a day's marks: ritual key, person, mark. `day_marks_from_documents` holds the
# file to this; `_split_cell` reads it.
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


def day_marks_from_documents(
    documents: Iterable[Document], ritual_ids: dict[str, str]
) -> dict[str, DayMarks]:
    """Day documents as {day (YYYY-MM-DD): marks by (ritual id, person)}; `ritual_ids` maps
    ritual key -> id. Raises `ShapeError` at a day that makes no sense: one that is not text,
    or holds a cell other than `_CELL` describes, or names a ritual `ritual_ids` does not know.

    Ten years hold some 3,600 days but only a few dozen distinct cells ("1.a=done"), so each
    distinct cell is checked and read once and then looked up: reading the days is how
    opening a file checks them.
    """
    known: dict[str, tuple[tuple[str, str], Mark]] = {}
    look_up = known.__getitem__

    def marks_of(cells: list[str]) -> DayMarks:
        try:
            return dict(map(look_up, cells))  # the cells of most days are all known by then
        except KeyError:
            for cell in cells:
                if cell not in known:
                    if not _CELL.fullmatch(cell):
                        raise ShapeError(_DAYS_REFUSAL) from None
                    key, person, mark = _split_cell(cell)
                    known[cell] = (ritual_ids[key], person), _MARKS_BY_VALUE[mark]
            return dict(map(look_up, cells))

    try:
        by_day = {document["day"]: marks_of(document["marks"].split()) for document in documents}
    except _CONVERSION_ERRORS:
        by_day = None
    if by_day is None or not all(map(str.__instancecheck__, by_day)):
        raise ShapeError(_DAYS_REFUSAL)
    return by_day


def mark_book_from_documents(documents: Iterable[Document], ritual_ids: dict[str, str]) -> MarkBook:
    """The mark book of the day documents (see `day_marks_from_documents`, which raises as
    this does, and for a day that is not a date too)."""
    by_day = day_marks_from_documents(documents, ritual_ids)
    try:
        return MarkBook.keeping(
            {date.fromisoformat(day).toordinal(): marks for day, marks in by_day.items()}
        )
    except ValueError:
        raise ShapeError(_DAYS_REFUSAL) from None
