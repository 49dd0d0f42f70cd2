"""The shape and version of the data file, and the migrations between versions."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from typing import Any

import msgspec

from tui.data_format import SCHEMA_VERSION
from tui.store.storage import Tables

__all__ = ["SCHEMA_VERSION"]
META_TABLE = "meta"
SETTINGS_TABLE = "settings"
CHECKINS_TABLE = "checkins"
RITUALS_TABLE = "rituals"
DAYS_TABLE = "days"
AGREEMENTS_TABLE = "agreements"
MOMENTS_TABLE = "moments"
REQUESTS_TABLE = "requests"
THERAPY_TABLE = "therapy"
SINGLE_DOCUMENT_ID = "1"

Migration = Callable[[Tables], Tables]


def _day_marks_as_one_string(data: Tables) -> Tables:
    """Version 2 writes a day's marks as one string, "1.together=done 2.a=done", not as
    {"1": {"together": "done"}, "2": {"a": "done"}}: ten years of nested objects took most of
    the time spent reading the file at start-up.

    A day whose marks are not the version-1 shape is left alone, so that the checks after the
    migration refuse the file rather than this step dropping what it can't read.
    """
    days = {}
    for document_id, document in data.get(DAYS_TABLE, {}).items():
        marks = document.get("marks")
        if isinstance(marks, dict) and all(isinstance(people, dict) for people in marks.values()):
            cells = (
                f"{key}.{person}={mark}"
                for key, people in marks.items()
                for person, mark in people.items()
            )
            document = {**document, "marks": " ".join(cells)}
        days[document_id] = document
    return {**data, DAYS_TABLE: days} if DAYS_TABLE in data else data


def _tables_for_moments_requests_and_therapy(data: Tables) -> Tables:
    """Version 3 adds three tables, empty: `moments` (the log of connection and neglect),
    `requests` (each with its thread of answers) and `therapy` (the plan, sessions and
    assignments, each document naming its `type`).

    The names are this step's own copy. A table already there under one of them is kept as it
    is, so that the checks after the migration refuse what they can't read rather than this step
    dropping it.
    """
    added = {name: data.get(name, {}) for name in ("moments", "requests", "therapy")}
    return {**data, **added}


def _checkins_name_their_agenda(data: Tables) -> Tables:
    """Version 4 gives each check-in its `agenda` (the steps chosen for it) and the `step` it
    is at. Every check-in before was the speaking clock alone, so each gets ["talk"] and "talk";
    the fields of the later steps (appreciations, wishes...) start empty when read.

    A check-in that is not an object is left alone for the checks after the migration to refuse.
    """
    checkins = {}
    for document_id, document in data.get(CHECKINS_TABLE, {}).items():
        if isinstance(document, dict):
            document = {"agenda": ["talk"], "step": "talk", **document}
        checkins[document_id] = document
    return {**data, CHECKINS_TABLE: checkins} if CHECKINS_TABLE in data else data


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Each entry is pure: it gets the
# parsed tables and returns new ones; the caller saves the result atomically after a backup.
# A migration keeps its own copy of the format it writes: later versions may change it again.
MIGRATIONS: dict[int, Migration] = {
    1: _day_marks_as_one_string,
    2: _tables_for_moments_requests_and_therapy,
    3: _checkins_name_their_agenda,
}


class ShapeError(ValueError):
    """The bytes are not an Attune data file; the message completes "can't be used: ..."."""


def parse_tables(raw: bytes) -> Tables:
    """Parse and check the file's bytes, or raise `ShapeError` saying what is wrong."""
    if not raw.strip():
        raise ShapeError("it is empty")
    try:
        data = msgspec.json.decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        # Older msgspec releases raise UnicodeDecodeError for bytes that are not UTF-8, and
        # deep nesting raises RecursionError. Where the file goes wrong is only in msgspec's
        # message, whose wording changes between releases, so the bytes are examined again.
        raise ShapeError(_why_not_json(raw)) from None
    if not isinstance(data, dict):
        raise ShapeError(f"it holds a JSON {_json_kind(data)} instead of Attune's tables")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise ShapeError(f"its table {table_name!r} is a {_json_kind(table)}, not a table")
        for document_id, document in table.items():
            if not document_id.isdigit() or not isinstance(document, dict):
                raise ShapeError(f"its table {table_name!r} holds an entry of the wrong shape")
    schema_version(data)
    return data


def schema_version(data: Tables) -> int:
    """The data format version recorded in the file's `meta` table."""
    meta = data.get(META_TABLE, {}).get(SINGLE_DOCUMENT_ID)
    version = meta.get("schema_version") if meta else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ShapeError("it has no Attune format version, so it is not an Attune data file")
    return version


def migrate(data: Tables) -> Tables:
    """Bring an older file up to `SCHEMA_VERSION`, one step at a time."""
    version = schema_version(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data[META_TABLE][SINGLE_DOCUMENT_ID]["schema_version"] = version
    return data


_NOT_JSON = "it is not valid JSON, so it may have been cut short or overwritten"
_UNFINISHED_STRING = re.compile(r'"(?:[^"\\]|\\.)*\\?', re.DOTALL)
_UNFINISHED_NUMBER = re.compile(r"[-+.eE0-9]+")
_WORDS = ("true", "false", "null")


def _why_not_json(raw: bytes) -> str:
    """Why msgspec refused `raw`, and where the first problem is, from the bytes alone."""
    # Not final: a character cut in half at the very end is a file cut short, not bytes that
    # are not text, so the decoder holds it back instead of refusing it.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text, not_text_at = decoder.decode(raw), None
    except UnicodeDecodeError as error:
        text, not_text_at = raw[: error.start].decode("utf-8"), error.start
    kept = text.rstrip()
    stop = _json_error_position(text)
    if stop is not None and stop < len(kept) and not _is_cut_inside_a_value(kept, stop):
        return f"{_NOT_JSON} (the first problem is at byte {len(text[:stop].encode())})"
    if not_text_at is not None:
        return f"{_NOT_JSON} (it holds bytes that are not text, the first at byte {not_text_at})"
    if stop is not None:
        return f"{_NOT_JSON} (it ends too early)"
    if decoder.getstate()[0]:
        # Complete JSON, then the first half of a character.
        return f"{_NOT_JSON} (the first problem is at byte {len(text.encode())})"
    return "it can't be read as JSON, so it may have been damaged or overwritten"


def _json_error_position(text: str) -> int | None:
    """The character at which the standard library's parser gives up on `text`, or None when
    it reads `text` or refuses it without saying where."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.pos
    except (ValueError, RecursionError):
        pass  # beyond Python's limits: an integer of thousands of digits, or deep nesting
    return None


def _is_cut_inside_a_value(text: str, position: int) -> bool:
    """True when `text` ends inside a string, number, true, false or null that begins at
    `position`: the parser reports such a cut where the value begins, not at the end."""
    rest = text[position:]
    if _UNFINISHED_STRING.fullmatch(rest):
        finished = '""'
    elif _UNFINISHED_NUMBER.fullmatch(rest):
        finished = "0"
    elif any(word.startswith(rest) for word in _WORDS):
        finished = "null"
    else:
        return False
    # Only a cut if a finished value in its place would be read up to the end: after a
    # complete document, or where a comma is missing, the value is a problem of its own.
    completed = text[:position] + finished
    stop = _json_error_position(completed)
    return stop is None or stop >= len(completed)


def _json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "number")
