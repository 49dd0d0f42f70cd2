"""What loading a file first costs, whatever it holds, done ahead of the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import msgspec
import pytest

from bench.history import build
from tui.clock import FixedClock
from tui.store import Store
from tui.store.atomic import write_atomically
from tui.store.loading import RECORD_KINDS, prepare_to_load


def test_every_kind_of_record_a_file_holds_is_made_ready(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind left out would cost its first conversion after the key, where it counts."""
    path = tmp_path / "attune.json"
    write_atomically(path, msgspec.json.encode(build(1, today=date(2026, 11, 22))))
    converted: set[object] = set()
    convert = msgspec.convert

    def noting(documents: object, kind: object, **options: object) -> object:
        converted.update(getattr(kind, "__args__", (kind,)))
        return convert(documents, kind, **options)

    monkeypatch.setattr(msgspec, "convert", noting)
    with Store.peek(path, clock) as store:
        store.settings(), store.rituals(), store.agreements()
    assert converted and converted <= set(RECORD_KINDS)
    converted.clear()
    prepare_to_load()
    assert converted == set(RECORD_KINDS)
