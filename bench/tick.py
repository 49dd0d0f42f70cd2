"""One ritual tick on ten years of history: from the key press until the write is durable.

Attune's store against stock TinyDB `JSONStorage` on the same history, in the same run,
alternating. For Attune the timed call is `Store.set_mark`, the write a tick key makes: it
returns once the new file has replaced the old one and both are flushed to disk. The baseline
is the same change written the plain TinyDB way on a copy of the file: find the day's document
with a query, then upsert it, with `JSONStorage`, which re-reads and re-parses the file on every
call and rewrites it in place without flushing it to disk.

With `--protected`, the same tick on a third copy protected with a passphrase (unlocked once,
untimed) is timed in the same rounds: what encrypting every save adds.

The ratio comes from rounds alternating with the baseline. The tail (p95) is measured again in
rounds of Attune alone, after them: stock TinyDB leaves megabytes unflushed on every call,
and in the alternating rounds Attune's flush to disk waits for the kernel to write those out.
Both tails are printed.

    python bench/tick.py [--ticks 200] [--protected]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tinydb import Query, TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from bench.history import write_history  # noqa: E402
from tui.clock import SystemClock  # noqa: E402
from tui.core.rituals import Mark  # noqa: E402
from tui.store import Store  # noqa: E402
from tui.store.ritual_documents import day_cells, day_document  # noqa: E402

PROTECTED = "attune, protected"


def open_protected(path: Path, clock: SystemClock) -> Store:
    """Ten years of history protected with a passphrase, unlocked and opened."""
    from tui.store.protected_files import new_protection
    from tui.store.protection_keys import unlock_file

    write_history(path)
    with Store.open(path, clock) as store:
        store.change_protection(new_protection("a passphrase of a usual length", False)[0])
    store = Store.open(path, clock, unlock_file(path, "a passphrase of a usual length"))
    store.take_daily_backup()
    return store


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def stock_tick(database: TinyDB, day: str, ritual_key: str, done: bool) -> None:
    """The baseline: one tick written with stock TinyDB."""
    days = database.table("days")
    document = days.get(Query().day == day)
    cells = day_cells(document) if document else {}
    if done:
        cells[(ritual_key, "together")] = "done"
    else:
        cells.pop((ritual_key, "together"), None)
    days.upsert(day_document(day, cells), Query().day == day)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ticks", type=int, default=200)
    parser.add_argument("--protected", action="store_true", help="time a protected file too")
    arguments = parser.parse_args()
    ticks = arguments.ticks
    with tempfile.TemporaryDirectory() as folder:
        ours_path = Path(folder) / "ours" / "attune.json"
        stock_path = Path(folder) / "stock" / "attune.json"
        size = write_history(ours_path)
        write_history(stock_path)
        clock = SystemClock()
        ours = Store.open(ours_path, clock)
        ours.take_daily_backup()
        stock = TinyDB(stock_path, storage=JSONStorage)
        protected = open_protected(Path(folder) / "protected" / "attune.json", clock)
        ritual = ours.rituals()[0]
        ritual_key = "1"
        today = clock.now().date().isoformat()
        ours.set_mark(today, ritual.id, "together", None)  # warm up: build the day index
        protected.set_mark(today, ritual.id, "together", None)

        def tick_ours(store: Store, done: bool) -> float:
            started = time.perf_counter()
            store.set_mark(today, ritual.id, "together", Mark.DONE if done else None)
            return (time.perf_counter() - started) * 1000

        beside_stock: dict[str, list[float]] = {"attune": [], "stock TinyDB JSONStorage": []}
        if arguments.protected:
            beside_stock[PROTECTED] = []
        for tick in range(ticks):
            done = tick % 2 == 0
            beside_stock["attune"].append(tick_ours(ours, done))
            started = time.perf_counter()
            stock_tick(stock, today, ritual_key, done)
            beside_stock["stock TinyDB JSONStorage"].append((time.perf_counter() - started) * 1000)
            if arguments.protected:
                beside_stock[PROTECTED].append(tick_ours(protected, done))
        # The tail on its own: between the stock ticks above, the kernel is still writing out
        # the megabytes each of them left unflushed, and Attune's flush waits behind that.
        alone: dict[str, list[float]] = {"attune": []}
        if arguments.protected:
            alone[PROTECTED] = []
        for tick in range(ticks):
            alone["attune"].append(tick_ours(ours, tick % 2 == 0))
            if arguments.protected:
                alone[PROTECTED].append(tick_ours(protected, tick % 2 == 0))
        ours.close()
        protected.close()
        stock.close()

    print(f"history: 10 years, {size / 1e6:.1f} MB; {ticks} ticks each")
    print("alternating with stock TinyDB:")
    for name, values in beside_stock.items():
        print(
            f"{name:>26}: median {statistics.median(values):6.2f} ms   "
            f"p95 {percentile(values, 0.95):6.2f} ms"
        )
    print("Attune alone:")
    for name, values in alone.items():
        print(
            f"{name:>26}: median {statistics.median(values):6.2f} ms   "
            f"p95 {percentile(values, 0.95):6.2f} ms"
        )
    ratio = statistics.median(beside_stock["stock TinyDB JSONStorage"]) / statistics.median(
        beside_stock["attune"]
    )
    print(
        f"{'attune is':>26}: {ratio:.1f}x faster than stock (median, alternating; target at "
        "least 5x); p95 alone: target under 10 ms"
    )


if __name__ == "__main__":
    main()
