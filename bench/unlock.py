"""Unlocking a protected file of ten years of history, and sealing and opening its bytes.

Medians of several runs, each step timed in the same rounds as a baseline that the plain file
already pays: msgspec decoding the same JSON bytes (every open) and encoding them (every save):

- unlocking: scrypt at the default cost turns the passphrase into a key and unwraps the data
  key (wall time, and the process's CPU time, which a busy machine inflates less); target
  about 0.3-0.5 s on a quiet machine;
- opening the whole file: unlocking, decrypting and decoding the JSON, the time between the
  passphrase's Enter and the data in memory; target under 1 s;
- sealing the bytes for a save (AES-256-GCM, then the file's SHA-256 digest) against encoding
  them, and opening them again (the digest checked, then decrypted) against decoding them: what
  protection adds to every save and to every open once unlocked.

The machine's load average is printed before and after: unlocking is tuned on a quiet machine.

    python bench/unlock.py [--runs 7] [--rounds 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import msgspec  # noqa: E402

from bench.history import build  # noqa: E402
from tui.store.protection import DEFAULT_COST  # noqa: E402
from tui.store.protection_keys import protect, unlock  # noqa: E402
from tui.store.recovery_key import RecoveryKey  # noqa: E402

PASSPHRASE = "a passphrase of a usual length"


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def load() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def line(name: str, values: list[float], note: str = "") -> None:
    median = statistics.median(values)
    print(f"{name:>34}: median {median:8.2f} ms   min {min(values):8.2f} ms   {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="unlocks (each about half a second)")
    parser.add_argument("--rounds", type=int, default=40, help="seals and opens of the bytes")
    arguments = parser.parse_args()
    print(f"before: {load()}")
    plain = msgspec.json.encode(build(10))
    key = protect(PASSPHRASE, RecoveryKey.generate())
    protected = key.encrypt(plain)
    print(
        f"history: 10 years, {len(plain) / 1e6:.2f} MB plain, {len(protected) / 1e6:.2f} MB "
        f"protected; scrypt n=2^{DEFAULT_COST.log2_n} r={DEFAULT_COST.r} p={DEFAULT_COST.p} "
        f"({DEFAULT_COST.memory >> 20} MiB)"
    )

    unlock_wall, unlock_cpu, whole_open, decode_once = [], [], [], []
    for _ in range(arguments.runs):
        wall, cpu = timed(lambda: unlock(protected, PASSPHRASE))
        unlock_wall.append(wall)
        unlock_cpu.append(cpu)
        whole_open.append(
            timed(lambda: msgspec.json.decode(unlock(protected, PASSPHRASE).decrypt(protected)))[0]
        )
        decode_once.append(timed(lambda: msgspec.json.decode(plain))[0])

    tables = msgspec.json.decode(plain)
    sealing, encoding, opening, decoding = [], [], [], []
    for _ in range(arguments.rounds):
        sealing.append(timed(lambda: key.encrypt(plain))[0])
        encoding.append(timed(lambda: msgspec.json.encode(tables))[0])
        opening.append(timed(lambda: key.decrypt(protected))[0])
        decoding.append(timed(lambda: msgspec.json.decode(plain))[0])
    assert key.decrypt(protected) == plain

    line("unlock (scrypt, unwrap), wall", unlock_wall, "target about 300-500 ms, quiet")
    line("unlock, CPU time", unlock_cpu)
    line("unlock, decrypt and decode", whole_open, "target under 1000 ms")
    line("baseline: msgspec decode", decode_once, "(in the same rounds)")
    print()
    for name, values, baseline_name, baseline in (
        ("seal for a save (GCM, digest)", sealing, "baseline: msgspec encode", encoding),
        ("open (digest, GCM)", opening, "baseline: msgspec decode", decoding),
    ):
        share = statistics.median(values) / statistics.median(baseline)
        line(name, values, f"{share:.2f}x the baseline below")
        line(baseline_name, baseline)
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
