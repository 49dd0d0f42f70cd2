"""Checks for the short pieces of text people type: names, titles, notes."""

from __future__ import annotations

import re
import unicodedata


class InvalidText(ValueError):
    """Typed text that cannot be kept; the message says why in plain words.

    `field` optionally names which of several inputs is at fault, so a form can focus it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(character) == "Cc" for character in text)


def _has_broken_characters(text: str) -> bool:
    # Half of a surrogate pair: what a damaged paste or undecodable bytes turn into. It
    # cannot be written to the data file as UTF-8.
    return any(unicodedata.category(character) == "Cs" for character in text)


def clean_single_line(text: str, *, label: str, max_length: int) -> str:
    """Return `text` without surrounding spaces, or raise `InvalidText`.

    `label` names the field in messages ("partner A's name"). Markup-like text such as `[bold]`
    is allowed: it is data, and the screens show it literally.
    """
    cleaned = text.strip()
    if not cleaned:
        raise InvalidText(f"Please enter {label}.")
    if len(cleaned) > max_length:
        raise InvalidText(
            f"{label[0].upper()}{label[1:]} can be at most {max_length} characters "
            f"(this one has {len(cleaned)})."
        )
    if _has_control_characters(cleaned):
        raise InvalidText(
            f"{label[0].upper()}{label[1:]} can't contain control characters such as tabs, "
            "line breaks or terminal escape codes."
        )
    if _has_broken_characters(cleaned):
        raise InvalidText(
            f"{label[0].upper()}{label[1:]} contains a broken character that can't be saved; "
            "please type it again rather than pasting it."
        )
    return cleaned


NOTE_MAX_LENGTH = 2000


def clean_note(text: str, label: str = "the note") -> str:
    """An optional note: empty is fine; otherwise the usual checks, line breaks allowed."""
    if not text.strip():
        return ""
    lines = [
        clean_single_line(line, label=label, max_length=NOTE_MAX_LENGTH) if line.strip() else ""
        for line in text.strip().splitlines()
    ]
    note = "\n".join(lines)
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidText(
            f"{label[0].upper()}{label[1:]} can be at most {NOTE_MAX_LENGTH} characters "
            f"(this one has {len(note)})."
        )
    return note


_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")


def parse_whole_number(text: str, *, label: str, lowest: int, highest: int) -> int:
    """The whole number typed in `text`, from `lowest` to `highest`, or `InvalidText`.

    Only the digits 0-9 count: `str.isdigit` also accepts characters such as "²" that
    `int` refuses.
    """
    cleaned = text.strip()
    number = int(cleaned) if _WHOLE_NUMBER.fullmatch(cleaned) else None
    if number is None or not lowest <= number <= highest:
        raise InvalidText(f"{label} must be a whole number from {lowest} to {highest}.")
    return number
