"""Every save writes exactly what memory holds, though only the changed tables are encoded again."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.store import storage as storage_module
from tui.store.storage import DurableJSONStorage

from ..profiles import examples

# Any text a document can hold: what the store keeps has been cleaned, so no lone surrogates.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
documents = st.dictionaries(
    st.sampled_from(["name", "note", "day"]), texts | st.integers(), max_size=3
)
tables = st.dictionaries(st.integers(min_value=1, max_value=9).map(str), documents, max_size=4)
table_names = st.sampled_from(["days", "moments", "settings", 'tables with\u00a0odd "names"'])


def _storage(path: Path, data: dict | None) -> DurableJSONStorage:  # type: ignore[type-arg]
    raw = msgspec.json.encode(data) if data is not None else None
    if raw is not None:
        path.write_bytes(raw)
    return DurableJSONStorage(path, data, raw)


def _on_disk_is_memory(storage: DurableJSONStorage, path: Path) -> None:
    memory = storage.read()
    assert path.read_bytes() == msgspec.json.encode(memory)
    assert storage.saved_payload == path.read_bytes()


@settings(max_examples=examples(60))
@given(
    first=st.dictionaries(table_names, tables, max_size=4),
    changes=st.lists(
        st.tuples(st.booleans(), table_names, st.integers(min_value=1, max_value=9), documents),
        max_size=8,
    ),
)
def test_a_save_after_any_mix_of_changes_writes_what_memory_holds(
    tmp_path_factory: pytest.TempPathFactory,
    first: dict,
    changes: list,  # type: ignore[type-arg]
) -> None:
    path = tmp_path_factory.mktemp("saves") / "attune.json"
    storage = _storage(path, first)
    try:
        for whole, table, number, document in changes:
            data = storage.read()
            assert data is not None
            rows = data.setdefault(table, {})
            if not whole and str(number) in rows:
                storage.replace_document(table, number, document)
            else:
                # As TinyDB and the record tables do: change the table in place, then write.
                rows[str(number)] = document
                storage.write(data)
            _on_disk_is_memory(storage, path)
    finally:
        storage.close()


def test_a_table_changed_in_place_before_a_write_is_saved_in_full(tmp_path: Path) -> None:
    path = tmp_path / "attune.json"
    storage = _storage(path, {"days": {"1": {"day": "2026-01-01"}}, "moments": {}})
    storage.replace_document("days", 1, {"day": "2026-01-02"})
    data = storage.read()
    assert data is not None
    data["moments"]["1"] = {"note": "the walk"}
    data["days"]["1"]["day"] = "2026-01-03"
    storage.write(data)
    _on_disk_is_memory(storage, path)
    assert msgspec.json.decode(path.read_bytes())["days"]["1"]["day"] == "2026-01-03"
    storage.close()


def test_a_save_that_failed_encodes_the_rolled_back_tables_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "attune.json"
    storage = _storage(path, {"days": {"1": {"day": "2026-01-01"}}, "moments": {}})

    def full_disk(*_arguments: object, **_keywords: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(storage_module, "write_atomically", full_disk)
        data = storage.read()
        assert data is not None
        data["moments"]["1"] = {"note": "never saved"}
        with pytest.raises(storage_module.SaveFailed):
            storage.write(data)
    assert storage.read() == {"days": {"1": {"day": "2026-01-01"}}, "moments": {}}
    storage.replace_document("days", 1, {"day": "2026-01-05"})
    _on_disk_is_memory(storage, path)
    storage.close()
