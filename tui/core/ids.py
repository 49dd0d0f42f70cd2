"""Record ids: every id in the file is minted here."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A fresh record id (uuid4 hex): random, so two records made at once, or on two copies of
    the file, never share one; never taken from the file's document ids."""
    return uuid.uuid4().hex
