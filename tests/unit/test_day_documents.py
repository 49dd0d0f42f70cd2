"""The days of rituals read from the file: checked as they are read, against a plain check of
every document and every cell one by one, and the plain reading that follows it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.rituals import Mark
from tui.store.ritual_documents import day_marks_from_documents, mark_book_from_documents
from tui.store.schema import ShapeError

from ..profiles import examples

RITUAL_IDS = {"1": "walk", "2": "talk", "12": "tea"}
REFUSAL = "a day of rituals in it is not readable"

good_cells = st.builds(
    "{}.{}={}".format,
    st.sampled_from(sorted(RITUAL_IDS)),
    st.sampled_from(["a", "b", "together"]),
    st.sampled_from([mark.value for mark in Mark]),
)
bad_cells = st.sampled_from(
    ["1.c=done", "3.a=done", "01.a=done", "1.a=maybe", "1.a", "a.1=done", "1.a=done=done", "="]
)
days = st.one_of(
    st.dates(date(2016, 1, 1), date(2027, 1, 1)).map(date.isoformat),
    st.sampled_from([7, None, ["2026-11-22"]]),
)
marks = st.one_of(
    st.lists(st.one_of(good_cells, good_cells, good_cells, bad_cells), max_size=6).map(" ".join),
    st.sampled_from([None, 3, ["1.a=done"]]),
)
documents = st.lists(
    st.one_of(
        st.fixed_dictionaries({"day": days, "marks": marks}),
        st.fixed_dictionaries({"day": days}),
    ),
    max_size=8,
)

_CELL = re.compile(r"\d+\.(?:a|b|together)=(?:done|skipped|not_done)")


def plainly_readable(documents: list[dict[str, object]]) -> bool:
    """Every document, and every cell of each, looked at in turn."""
    for document in documents:
        day, text = document.get("day"), document.get("marks")
        if not isinstance(day, str) or not isinstance(text, str):
            return False
        for cell in text.split():
            if not _CELL.fullmatch(cell) or cell.split(".")[0] not in RITUAL_IDS:
                return False
    return True


def plainly_read(documents: list[dict[str, str]]) -> dict[str, dict[tuple[str, str], Mark]]:
    read: dict[str, dict[tuple[str, str], Mark]] = {}
    for document in documents:
        cells = {}
        for cell in document["marks"].split():
            place, mark = cell.split("=")
            key, person = place.split(".")
            cells[(RITUAL_IDS[key], person)] = Mark(mark)
        read[document["day"]] = cells
    return read


@settings(max_examples=examples(400), deadline=None)
@given(documents=documents)
def test_days_are_read_exactly_when_each_of_their_cells_makes_sense(
    documents: list[dict[str, object]],
) -> None:
    if plainly_readable(documents):
        read = day_marks_from_documents(documents, RITUAL_IDS)
        assert read == plainly_read(documents)  # type: ignore[arg-type]
        book = mark_book_from_documents(documents, RITUAL_IDS)
        assert {
            date.fromordinal(ordinal).isoformat(): cells
            for ordinal, cells in book.by_ordinal.items()
        } == read
    else:
        with pytest.raises(ShapeError) as refused:
            day_marks_from_documents(documents, RITUAL_IDS)
        assert str(refused.value) == REFUSAL
        with pytest.raises(ShapeError):
            mark_book_from_documents(documents, RITUAL_IDS)


def test_a_day_that_is_not_a_date_is_refused_as_the_file_is_opened() -> None:
    with pytest.raises(ShapeError) as refused:
        mark_book_from_documents([{"day": "2026-13-01", "marks": "1.a=done"}], RITUAL_IDS)
    assert str(refused.value) == REFUSAL
