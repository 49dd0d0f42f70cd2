"""The rituals and the days they are marked on: the `rituals` table (each ritual with the short
integer key a day's marks name it by) and the `days` table (one document per logical day)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tinydb import Query
from tinydb.table import Table

from tui.core.mark_book import MarkBook
from tui.core.rituals import Mark, Ritual
from tui.store.ritual_documents import (
    day_cells,
    day_document,
    mark_book_from_documents,
    ritual_to_document,
    rituals_from_documents,
)
from tui.store.schema import DAYS_TABLE, RITUALS_TABLE
from tui.store.storage import DurableJSONStorage


class RitualDays:
    """The rituals and days tables of one storage, with what mirrors them for speed: the
    index of each day's document and the mark book as last read. `Store` owns one per storage
    it serves and calls `forget_index` when a failed batch rolls the file back."""

    def __init__(self, storage: DurableJSONStorage, table: Callable[[str], Table]) -> None:
        self._storage = storage
        self._table = table
        self._document_ids: dict[str, int] | None = None
        # The marks as last read, with the count of the storage's changes they are current
        # for: ten years of days take tens of milliseconds to read, and most views want them.
        self._marks: tuple[int, MarkBook] | None = None

    def forget_index(self) -> None:
        """Forget where each day's document is: a rollback may have removed one."""
        self._document_ids = None

    def rituals(self) -> list[Ritual]:
        """Every ritual, archived ones too, in display order."""
        rituals = [ritual for ritual, _key in self._rituals_with_keys()]
        return sorted(rituals, key=lambda ritual: ritual.position)

    def save_rituals(self, rituals: list[Ritual]) -> None:
        """Insert or replace each of `rituals`, all in one save."""
        table = self._table(RITUALS_TABLE)
        keys = {ritual.id: key for ritual, key in self._rituals_with_keys()}
        next_key = max(keys.values(), default=0) + 1
        with self._storage.batch():
            for ritual in rituals:
                key = keys.get(ritual.id)
                if key is None:
                    key, next_key = next_key, next_key + 1
                table.upsert(ritual_to_document(ritual, key), Query().id == ritual.id)

    def _rituals_with_keys(self) -> list[tuple[Ritual, int]]:
        return rituals_from_documents(self._table(RITUALS_TABLE))

    def mark_book(self) -> MarkBook:
        """Every tick, skip and not-done mark, by day: a copy of its own for the caller."""
        return self._current().copy()

    def keep_marks(self, book: MarkBook) -> None:
        """Serve `book`, the marks the storage holds now (read as the file was checked), until
        the next change."""
        self._marks = (self._storage.changes, book)

    def _current(self) -> MarkBook:
        if self._marks is None or self._marks[0] != self._storage.changes:
            ritual_ids = {str(key): ritual.id for ritual, key in self._rituals_with_keys()}
            # The documents as the storage holds them: through the table, each of ten years
            # of days would first be wrapped in a document of its own, only to be read.
            days = ((self._storage.read() or {}).get(DAYS_TABLE) or {}).values()
            self._marks = (self._storage.changes, mark_book_from_documents(days, ritual_ids))
        return self._marks[1]

    def set_mark(self, day: str, ritual_id: str, person: str, mark: Mark | None) -> None:
        """Record one cell (None clears it) in the document of `day` (YYYY-MM-DD)."""
        table = self._table(DAYS_TABLE)
        ritual_key = next(
            (str(key) for ritual, key in self._rituals_with_keys() if ritual.id == ritual_id), None
        )
        if ritual_key is None:
            raise KeyError(f"no ritual {ritual_id}")
        document_ids = self._index()
        document_id = document_ids.get(day)
        existing = table.get(doc_id=document_id) if document_id is not None else None
        if existing is None:
            document_id = None  # a save that failed may have rolled back the indexed insert
        cells = day_cells(existing) if existing else {}
        if mark is None:
            cells.pop((ritual_key, person), None)
        else:
            cells[(ritual_key, person)] = mark.value
        document = day_document(day, cells)
        marks_current = self._marks is not None and self._marks[0] == self._storage.changes
        if document_id is None:
            document_ids[day] = table.insert(document)
        else:
            # Replaced in place rather than with Table.update, which rebuilds the whole table
            # twice (ten years of days) on every call: a third of a tick's time.
            self._storage.replace_document(DAYS_TABLE, document_id, document)
        if marks_current and self._marks is not None:
            # Kept in step rather than read again: a tick then costs the next view nothing. A
            # batch that later fails rolls back, which counts as a change: read again then.
            self._marks[1].set(date.fromisoformat(day), ritual_id, person, mark)
            self._marks = (self._storage.changes, self._marks[1])

    def _index(self) -> dict[str, int]:
        # Built once: finding a day by scanning ten years of documents on every tick is slow.
        if self._document_ids is None:
            self._document_ids = {
                document["day"]: document.doc_id for document in self._table(DAYS_TABLE)
            }
        return self._document_ids

    def done_days(self, ritual_id: str, person: str, days: list[str]) -> set[str]:
        """Which of `days` (YYYY-MM-DD) have `ritual_id` ticked done for `person`."""
        keys = {ritual.id: str(key) for ritual, key in self._rituals_with_keys()}
        key = keys.get(ritual_id)
        if key is None:
            return set()
        table = self._table(DAYS_TABLE)
        index = self._index()
        done = set()
        for day in days:
            document_id = index.get(day)
            document = table.get(doc_id=document_id) if document_id is not None else None
            if document and day_cells(document).get((key, person)) == Mark.DONE.value:
                done.add(day)
        return done
