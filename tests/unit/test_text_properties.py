"""Properties of the typed-text checks, and of the store keeping what they accept."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from tui.clock import FixedClock
from tui.core.agreements import Repair, propose
from tui.core.models import Partners, Settings
from tui.core.rituals import Cadence, Ritual, Who, clean_ritual_name
from tui.core.text import (
    NOTE_MAX_LENGTH,
    InvalidText,
    clean_note,
    clean_single_line,
    parse_whole_number,
)
from tui.store import Store

from ..profiles import examples
from ..strategies import hostile_number, hostile_text

BANNED_CATEGORIES = {"Cc", "Cs"}


@given(hostile_text)
@settings(max_examples=examples(400))
def test_a_single_line_is_refused_in_words_or_kept_exactly_as_typed(text: str) -> None:
    try:
        cleaned = clean_single_line(text, label="the name", max_length=40)
    except InvalidText as problem:
        assert str(problem).endswith(".") and "the name" in str(problem).lower()
        return
    assert cleaned == text.strip()
    assert 1 <= len(cleaned) <= 40
    assert not {unicodedata.category(character) for character in cleaned} & BANNED_CATEGORIES
    assert clean_single_line(cleaned, label="the name", max_length=40) == cleaned


@given(hostile_text)
@settings(max_examples=examples(400))
def test_a_note_keeps_its_lines_and_refuses_control_codes(text: str) -> None:
    try:
        note = clean_note(text)
    except InvalidText:
        return
    assert len(note) <= NOTE_MAX_LENGTH
    assert not {unicodedata.category(c) for c in note if c != "\n"} & BANNED_CATEGORIES
    assert clean_note(note) == note
    assert [line.strip() for line in note.splitlines()] == [
        line.strip() for line in text.strip().splitlines()
    ]


@given(hostile_number)
@settings(max_examples=examples(400))
def test_a_whole_number_is_read_only_from_plain_digits_within_range(text: str) -> None:
    try:
        number = parse_whole_number(text, label="Repair minutes", lowest=1, highest=240)
    except InvalidText as problem:
        assert str(problem) == "Repair minutes must be a whole number from 1 to 240."
        return
    assert 1 <= number <= 240
    assert text.strip().lstrip("-").isascii() and int(text.strip()) == number


@given(names=st.tuples(hostile_text, hostile_text), ritual_name=hostile_text, note=hostile_text)
@settings(max_examples=examples(60), deadline=None)
def test_whatever_the_store_accepts_reads_back_identical_after_reopening(
    names: tuple[str, str], ritual_name: str, note: str
) -> None:
    try:
        partners = Partners.from_names(*names)
        name = clean_ritual_name(ritual_name)
        cleaned_note = clean_note(note)
    except InvalidText:
        return
    clock = FixedClock(pendulum.datetime(2026, 11, 22, 10, tz="UTC"), time_zone="UTC")
    settings_ = Settings(partners=partners, time_zone="UTC")
    ritual = Ritual("r1", name, Cadence.daily(), Who.TOGETHER, 0, "2026-11-01")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attune.json"
        with Store.open(path, clock) as store:
            store.set_up(settings_, created=clock.now().isoformat())
            store.save_rituals([replace(ritual, name=f"{name}")])
            store.save_agreement(
                propose("g1", name, "a", date(2026, 11, 22), Repair(what=cleaned_note or "x"), 7)
            )
        with Store.open(path, clock) as reopened:
            assert reopened.settings().partners == partners
            assert reopened.rituals()[0].name == name
            (agreement,) = reopened.agreements()
            assert agreement.wording == name
            assert agreement.repair.what == (cleaned_note or "x")
