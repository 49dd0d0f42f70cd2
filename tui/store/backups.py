"""A copy of the data file per day, the last few kept, written as atomically as the file itself."""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

from tui.store.atomic import write_atomically
from tui.store.schema import ShapeError, parse_tables

BACKUPS_KEPT = 7
BACKUP_FOLDER_NAME = "backups"


class Backups:
    """The backups of one data file: `backups/<stem>-<YYYY-MM-DD>.json` beside it."""

    def __init__(self, data_path: Path, keep: int = BACKUPS_KEPT) -> None:
        self.folder = data_path.parent / BACKUP_FOLDER_NAME
        self._stem = data_path.stem
        self._keep = keep
        self._name_pattern = re.compile(rf"{re.escape(self._stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.json")

    def path_for(self, day: str) -> Path:
        """Where the backup of `day` (YYYY-MM-DD) lives."""
        return self.folder / f"{self._stem}-{day}.json"

    def newest_first(self) -> list[Path]:
        """Every backup of this data file, the most recent day first."""
        if not self.folder.is_dir():
            return []
        found = [
            (match.group(1), entry)
            for entry in self.folder.iterdir()
            if (match := self._name_pattern.fullmatch(entry.name))
        ]
        return [path for _day, path in sorted(found, reverse=True)]

    def newest_good(self) -> Path | None:
        """The most recent backup that parses as an Attune data file, if any."""
        for path in self.newest_first():
            try:
                parse_tables(path.read_bytes())
            except (OSError, ShapeError):
                continue
            return path
        return None

    def take_daily(self, payload: bytes, day: str) -> Path | None:
        """Save `payload` as the backup of `day` unless one exists; prune to the newest few.

        Returns the new backup's path, or None when today's already existed.
        """
        target = self.path_for(day)
        if target.exists():
            return None
        self.folder.mkdir(mode=0o700, exist_ok=True)
        write_atomically(target, payload)
        for stale in self.newest_first()[self._keep :]:
            with suppress(OSError):
                os.unlink(stale)
        return target
