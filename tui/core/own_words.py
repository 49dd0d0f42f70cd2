"""The couple's own words: which of what they keep in Attune they wrote themselves.

Every record declares its fields of free text once, beside its other fields, as `OWN_WORDS`
(`Moment.OWN_WORDS` is what happened, what led to it, what helped and their tags). Whatever
leaves the data file without the couple's words, the report's shareable summary
(`attune report --no-notes`) first of all, is made from `without_own_words(...)` of what it
reads: a field declared here is left out of it everywhere at once, and no view can forget one.

Their names are not among them: a summary for a therapist still says whose it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from msgspec import Struct
from msgspec.structs import fields, replace

Value = TypeVar("Value")


def own_words_of(kind: type) -> tuple[str, ...]:
    """The fields of records of `kind` that hold the couple's own words (none for most)."""
    return getattr(kind, "OWN_WORDS", ())


def without_own_words(value: Value) -> Value:
    """`value` with every field of the couple's own words emptied, in it and in every record it
    holds (in fields, lists and tuples, however deep); anything else is returned as it is."""
    if isinstance(value, Struct):
        changes = {}
        for name, own in _fields_to_visit(type(value)):
            held = getattr(value, name)
            emptied = _emptied(held) if own else without_own_words(held)
            if emptied is not held:
                changes[name] = emptied
        return replace(value, **changes) if changes else value
    if isinstance(value, list | tuple):
        items = [without_own_words(item) for item in value]
        if all(item is held for item, held in zip(items, value, strict=True)):
            return value
        return type(value)(items)  # type: ignore[return-value]
    return value


@cache
def _fields_to_visit(kind: type[Struct]) -> tuple[tuple[str, bool], ...]:
    """The fields of `kind` that may hold own words, each with True when it is one of them.

    A report's summary walks ten years of records, and most of their fields (days, counts,
    marks) can never hold a word of the couple's: what a field may hold is read once per kind
    from its declared type. A field whose type says nothing (`Any`, `object`, a name that
    cannot be resolved) is visited, and what it holds is then looked at as it is.
    """
    own = own_words_of(kind)
    try:
        declared = {field.name: field.type for field in fields(kind)}
    except Exception:  # noqa: BLE001 - any annotation that cannot be read: visit every field
        declared = {}
    return tuple(
        (name, name in own)
        for name in kind.__struct_fields__
        if name in own or name not in declared or _may_hold_own_words(declared[name])
    )


_LEAVES = (str, bytes, int, float, bool, NoneType)
_WALKED = (list, tuple, Struct)
"""What `without_own_words` looks inside; a value of any other class is returned as it is."""


def _may_hold_own_words(declared: object) -> bool:
    """False only when a value of the `declared` type can hold no record with own words."""
    if declared in _LEAVES:
        return False
    origin = get_origin(declared)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_own_words(get_args(declared)[0])
    if origin is Union or origin is UnionType:
        return any(_may_hold_own_words(member) for member in get_args(declared))
    if origin is not None:
        held = [arg for arg in get_args(declared) if arg is not Ellipsis]
        if not held:
            return _may_hold_own_words(origin)
        return any(_may_hold_own_words(arg) for arg in held)
    if not isinstance(declared, type) or declared is object or declared is Any:
        return True  # a type variable, a name not resolved, anything: the walk decides
    if issubclass(declared, Struct):
        return any(_fields_to_visit(kind) for kind in _with_subclasses(declared))
    if issubclass(declared, list | tuple):
        return True  # items of any type
    # A declared base (`Sequence`, `Collection`) may be a list or a record when it is held.
    return any(issubclass(walked, declared) for walked in _WALKED)


def _with_subclasses(kind: type) -> Iterator[type]:
    """`kind` and every subclass of it: a field may hold a record of any of them."""
    yield kind
    for subclass in kind.__subclasses__():
        yield from _with_subclasses(subclass)


def _emptied(words: object) -> object:
    """The empty value of a field of words: no text, no lines, no tags."""
    if isinstance(words, str):
        return ""
    if isinstance(words, tuple | list | frozenset):
        return type(words)()
    raise TypeError(f"a field of own words holds text or a list of texts, not {type(words)}")
