"""The couple's own words: which of what they keep in Attune they wrote themselves.

Every record declares its fields of free text once, beside its other fields, as `OWN_WORDS`
(`Moment.OWN_WORDS` is what happened, what led to it, what helped and their tags). Whatever
leaves the data file without the couple's words, the report's shareable summary
(`attune report --no-notes`) first of all, is made from `without_own_words(...)` of what it
reads: a field declared here is left out of it everywhere at once, and no view can forget one.

Their names are not among them: a summary for a therapist still says whose it is.
"""

from __future__ import annotations

from typing import TypeVar

from msgspec import Struct
from msgspec.structs import replace

Value = TypeVar("Value")


def own_words_of(kind: type) -> tuple[str, ...]:
    """The fields of records of `kind` that hold the couple's own words (none for most)."""
    return getattr(kind, "OWN_WORDS", ())


def without_own_words(value: Value) -> Value:
    """`value` with every field of the couple's own words emptied, in it and in every record it
    holds (in fields, lists and tuples, however deep); anything else is returned as it is."""
    if isinstance(value, Struct):
        own = own_words_of(type(value))
        changes = {}
        for name in value.__struct_fields__:
            held = getattr(value, name)
            emptied = _emptied(held) if name in own else without_own_words(held)
            if emptied is not held:
                changes[name] = emptied
        return replace(value, **changes) if changes else value
    if isinstance(value, list | tuple):
        items = [without_own_words(item) for item in value]
        if all(item is held for item, held in zip(items, value, strict=True)):
            return value
        return type(value)(items)  # type: ignore[return-value]
    return value


def _emptied(words: object) -> object:
    """The empty value of a field of words: no text, no lines, no tags."""
    if isinstance(words, str):
        return ""
    if isinstance(words, tuple | list | frozenset):
        return type(words)()
    raise TypeError(f"a field of own words holds text or a list of texts, not {type(words)}")
