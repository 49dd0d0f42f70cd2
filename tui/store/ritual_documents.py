"""The rituals and the days they are marked on, to the file's documents and back (format version 2
keeps a day's marks as one string)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tui.core.mark_book import DayMarks
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
# What reading a day's marks by hand raises when they make no sense: a `ShapeError` then.
_CONVERSION_ERRORS = (KeyError, TypeError, AttributeError, ValueError)


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
    look_up = known.__getitem__

    def marks_of(cells: list[str]) -> DayMarks:
        try:
            return dict(map(look_up, cells))  # the cells of most days are all known by then
        except KeyError:
            for cell in cells:
                if cell not in known:
                    key, person, mark = _split_cell(cell)
                    known[cell] = (ritual_ids[key], person), _MARKS_BY_VALUE[mark]
            return dict(map(look_up, cells))

    try:
        return {str(document["day"]): marks_of(document["marks"].split()) for document in documents}
    except _CONVERSION_ERRORS as error:
        raise ShapeError(f"a day of rituals in it is not readable ({error})") from None
