"""The mark book's answer to "when was this ritual first done since that day", against the
plain reading of its marks, before and after a change."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tui.core.mark_book import MarkBook
from tui.core.rituals import Mark

FIRST = date(2026, 1, 1)
RITUALS = ("r1", "r2", "r3")
PEOPLE = ("a", "b", "together")

cells = st.tuples(
    st.integers(min_value=0, max_value=60).map(lambda offset: FIRST + timedelta(days=offset)),
    st.sampled_from(RITUALS),
    st.sampled_from(PEOPLE),
    st.sampled_from([Mark.DONE, Mark.SKIPPED, Mark.NOT_DONE, None]),
)
asked = st.lists(
    st.tuples(
        st.sampled_from((*RITUALS, "never made")),
        st.integers(min_value=-5, max_value=65).map(lambda offset: FIRST + timedelta(days=offset)),
    ),
    max_size=8,
)


def first_done_by_reading(book: MarkBook, ritual_id: str, since: date) -> date | None:
    days = sorted(
        date.fromordinal(ordinal)
        for ordinal, marks in book.by_ordinal.items()
        if any(marks.get((ritual_id, person)) is Mark.DONE for person in PEOPLE)
    )
    return next((day for day in days if day >= since), None)


def expected(book: MarkBook, pairs: list[tuple[str, date]]) -> dict[tuple[str, date], date]:
    found = {}
    for ritual_id, since in pairs:
        day = first_done_by_reading(book, ritual_id, since)
        if day is not None:
            found[(ritual_id, since)] = day
    return found


@given(first=st.lists(cells, max_size=40), then=st.lists(cells, max_size=10), pairs=asked)
def test_the_first_day_done_since_a_day_follows_every_change(
    first: list[tuple[date, str, str, Mark | None]],
    then: list[tuple[date, str, str, Mark | None]],
    pairs: list[tuple[str, date]],
) -> None:
    book = MarkBook()
    for cell in first:
        book.set(*cell)
    assert book.first_days_done(pairs) == expected(book, pairs)
    for cell in then:  # a tick, an undo, a skip after the answer was worked out
        book.set(*cell)
        assert book.first_days_done(pairs) == expected(book, pairs)
    copied = book.copy()
    copied.set(FIRST, "r1", "a", Mark.DONE)
    assert book.first_days_done(pairs) == expected(book, pairs)
    assert copied.first_days_done(pairs) == expected(copied, pairs)


def marks_by_reading(book: MarkBook, ritual_id: str, person: str) -> list[tuple[int, Mark]]:
    return sorted(
        (ordinal, marks[(ritual_id, person)])
        for ordinal, marks in book.by_ordinal.items()
        if (ritual_id, person) in marks
    )


def assert_tracks_read_right(book: MarkBook) -> None:
    for ritual_id in (*RITUALS, "never made"):
        for person in PEOPLE:
            days, marks = book.of_track(ritual_id, person)
            assert list(zip(days, marks, strict=True)) == marks_by_reading(book, ritual_id, person)


@given(first=st.lists(cells, max_size=40), then=st.lists(cells, max_size=10))
def test_each_tracks_marks_in_order_follow_every_change(
    first: list[tuple[date, str, str, Mark | None]],
    then: list[tuple[date, str, str, Mark | None]],
) -> None:
    book = MarkBook()
    for cell in first:
        book.set(*cell)
    assert_tracks_read_right(book)
    copied = book.copy()  # shares what was read until either changes
    for cell in then:
        book.set(*cell)
        assert_tracks_read_right(book)
    copied.set(FIRST, "r2", "b", Mark.SKIPPED)
    assert_tracks_read_right(copied)
    assert_tracks_read_right(book)


@given(
    first=st.lists(cells, max_size=20),
    changes=st.lists(st.tuples(st.integers(min_value=0, max_value=3), cells), max_size=30),
)
def test_copies_change_apart_from_their_book_and_each_other(
    first: list[tuple[date, str, str, Mark | None]],
    changes: list[tuple[int, tuple[date, str, str, Mark | None]]],
) -> None:
    """Each book, copied from another at any point, holds the marks set in it and in the
    book it came from before the copy, and none set anywhere else since."""
    book = MarkBook()
    for cell in first:
        book.set(*cell)
    books, expected = [book], [cells_of(book)]
    for which, (day, ritual_id, person, mark) in changes:
        if which == 3:  # a copy of the latest book
            books.append(books[-1].copy())
            expected.append(dict(expected[-1]))
            continue
        at = which % len(books)
        books[at].set(day, ritual_id, person, mark)
        if mark is None:
            expected[at].pop((day.toordinal(), ritual_id, person), None)
        else:
            expected[at][(day.toordinal(), ritual_id, person)] = mark
    assert [cells_of(each) for each in books] == expected


def cells_of(book: MarkBook) -> dict[tuple[int, str, str], Mark]:
    return {
        (ordinal, ritual_id, person): mark
        for ordinal, marks in book.by_ordinal.items()
        for (ritual_id, person), mark in marks.items()
    }
