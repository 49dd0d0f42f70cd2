"""A process killed at any instant of a save leaves a parsable file holding every finished write."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.store.atomic import remove_stray_temp_files, temp_prefix
from tui.store.schema import parse_tables
from tui.store.storage import DurableJSONStorage

# Three hundred processes killed mid-save: half a minute.
pytestmark = pytest.mark.slow

KILLS = 300


def _open_journal(path: Path) -> TinyDB:
    raw = path.read_bytes() if path.exists() else None
    data = parse_tables(raw) if raw else None
    storage = DurableJSONStorage(path, data=data, saved_bytes=raw)
    return TinyDB(storage=lambda: storage)


def _write_forever(path: Path, first: int, report_fd: int, seed: int) -> None:
    """The child: insert numbered entries, reporting each one only after the insert returned."""
    randomness = random.Random(seed)
    journal = _open_journal(path)
    # parse_tables demands an Attune version; give the journal file one on its first write.
    if not path.exists():
        journal.table("meta").insert({"schema_version": 1})
    table = journal.table("journal", cache_size=0)
    number = first
    while True:
        table.insert({"n": number, "padding": "x" * randomness.randint(50, 3000)})
        os.write(report_fd, f"{number}\n".encode())
        number += 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to kill a writer mid-save")
def test_kill_at_random_moments_during_a_stream_of_writes(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    randomness = random.Random(20261122)
    confirmed: set[int] = set()
    next_number = 0

    for kill in range(KILLS):
        read_fd, write_fd = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child, which never returns
            try:
                os.close(read_fd)
                _write_forever(path, next_number, write_fd, seed=kill)
            finally:
                os._exit(0)
        os.close(write_fd)
        # Let the child finish a random number of writes, then kill it after a random amount of
        # work of our own, so the signal lands at a different point of a save each time.
        wanted = randomness.randint(0, 6)
        with os.fdopen(read_fd, "rb") as reports:
            for _ in range(wanted):
                line = reports.readline()
                if not line:
                    break
                confirmed.add(int(line))
            for _ in range(randomness.randint(0, 30_000)):
                pass
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            confirmed.update(int(line) for line in reports.read().split())

        if not path.exists():
            assert not confirmed, "a write returned but no file exists"
            continue
        tables = parse_tables(path.read_bytes())  # raises if the file is not whole
        present = {entry["n"] for entry in tables.get("journal", {}).values()}
        missing = confirmed - present
        assert not missing, f"kill {kill}: finished writes lost: {sorted(missing)[:5]}"
        next_number = max(present | confirmed, default=-1) + 1

    assert len(confirmed) > KILLS, "the children should have finished many writes"
    remove_stray_temp_files(path)
    assert not list(tmp_path.glob(f"{temp_prefix(path)}*"))
