"""Copies of the data file beside it: one a day, and any taken by hand, the last few days kept.

Each copy is written as atomically as the file itself.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from tui.store.atomic import write_atomically
from tui.store.protection import is_protected, read_envelope
from tui.store.protection_errors import ProtectionError
from tui.store.schema import ShapeError, parse_tables

BACKUPS_KEPT = 7
"""Days whose backups are kept: a day's copy taken by hand goes with that day's daily one."""
BACKUP_FOLDER_NAME = "backups"


class Backup(NamedTuple):
    """One copy of the data file, and when it was taken."""

    path: Path
    day: str
    """YYYY-MM-DD, the date on the couple's clock when it was taken."""
    time: str | None
    """HH:MM:SS for a copy taken by hand; None for the day's own copy, taken at opening."""


class DataFileFacts(NamedTuple):
    """What the couple is told about their file: where it is, how big, the newest copy."""

    path: Path
    size: int | None
    """In bytes; None when the file can't be looked at just now."""
    newest_backup: Backup | None


class Backups:
    """The backups of one data file, in `backups/` beside it.

    The day's own copy is `<stem>-<YYYY-MM-DD>.json`; one taken by hand ("back up now") adds
    the time, `<stem>-<YYYY-MM-DD>-<HHMMSS>.json`. Both are kept by one rule: every copy of
    the newest `keep` days that have any.
    """

    def __init__(self, data_path: Path, keep: int = BACKUPS_KEPT) -> None:
        self.folder = data_path.parent / BACKUP_FOLDER_NAME
        self._stem = data_path.stem
        self._keep = keep
        self._name_pattern = re.compile(
            rf"{re.escape(self._stem)}-(\d{{4}}-\d{{2}}-\d{{2}})(?:-(\d{{2}})(\d{{2}})(\d{{2}}))?\.json"
        )

    def path_for(self, day: str) -> Path:
        """Where the backup of `day` (YYYY-MM-DD) lives."""
        return self.folder / f"{self._stem}-{day}.json"

    def path_for_moment(self, day: str, time: str) -> Path:
        """Where a copy taken by hand on `day` (YYYY-MM-DD) at `time` (HH:MM:SS) lives."""
        return self.folder / f"{self._stem}-{day}-{time.replace(':', '')}.json"

    def listing(self) -> list[Backup]:
        """Every backup of this data file, the most recent first."""
        if not self.folder.is_dir():
            return []
        found = []
        for entry in self.folder.iterdir():
            match = self._name_pattern.fullmatch(entry.name)
            if match is None:
                continue
            day, hours, minutes, seconds = match.groups()
            time = None if hours is None else f"{hours}:{minutes}:{seconds}"
            found.append(Backup(entry, day, time))
        # The day's own copy is taken when the file is opened, before any taken by hand.
        return sorted(found, key=lambda backup: (backup.day, backup.time or ""), reverse=True)

    def newest_first(self) -> list[Path]:
        """Every backup of this data file, the most recent first."""
        return [backup.path for backup in self.listing()]

    def newest(self) -> Backup | None:
        """The most recent backup, whether it parses or not."""
        listing = self.listing()
        return listing[0] if listing else None

    def newest_good(self) -> Path | None:
        """The most recent backup that parses as an Attune data file, if any.

        A protected backup counts when its bytes are intact: what it holds can't be checked
        without the passphrase, and it opens with the same passphrase as the data file.
        """
        for path in self.newest_first():
            try:
                raw = path.read_bytes()
                if is_protected(raw):
                    read_envelope(raw)
                else:
                    parse_tables(raw)
            except (OSError, ShapeError, ProtectionError):
                continue
            return path
        return None

    def take_daily(self, payload: bytes, day: str) -> Path | None:
        """Save `payload` as the backup of `day` unless one exists; prune to the newest days.

        Returns the new backup's path, or None when today's already existed.
        """
        target = self.path_for(day)
        if target.exists():
            return None
        self._write(target, payload)
        return target

    def take_now(self, payload: bytes, day: str, time: str) -> Path:
        """Save `payload` as a copy taken by hand on `day` at `time` (HH:MM:SS); prune.

        A second copy within the same second replaces the first: it holds the newer bytes.
        """
        target = self.path_for_moment(day, time)
        self._write(target, payload)
        return target

    def _write(self, target: Path, payload: bytes) -> None:
        self.folder.mkdir(mode=0o700, exist_ok=True)
        write_atomically(target, payload)
        listing = self.listing()
        kept_days = sorted({backup.day for backup in listing}, reverse=True)[: self._keep]
        for stale in listing:
            if stale.day not in kept_days:
                with suppress(OSError):
                    os.unlink(stale.path)


def data_file_facts(data_path: Path) -> DataFileFacts:
    """Where the data file is, its size and its newest backup, as they are on disk now."""
    try:
        size: int | None = data_path.stat().st_size
    except OSError:
        size = None
    return DataFileFacts(data_path, size, Backups(data_path).newest())
