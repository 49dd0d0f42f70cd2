"""Where Attune's files are: the couple's data file and the stylesheets shipped with the app."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from tui.data_format import DATA_ENVIRONMENT_VARIABLE, DATA_FILE_NAME

__all__ = ["DATA_ENVIRONMENT_VARIABLE", "DATA_FILE_NAME"]

PACKAGE_DIR = Path(__file__).resolve().parent


def _styles_dir() -> Path:
    # An installed wheel carries the stylesheets inside the package; a checkout keeps them
    # beside it at the top level.
    bundled = PACKAGE_DIR / "styles"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / "styles"


STYLES_DIR = _styles_dir()
CONTENT_DIR = PACKAGE_DIR / "content"


def stylesheet(name: str) -> Path:
    """The absolute path of `styles/<name>.tcss`."""
    return STYLES_DIR / f"{name}.tcss"


def default_data_path() -> Path:
    """`attune.json` in the platform's per-user data folder."""
    import platformdirs  # only needed when no path was given, so kept off the start-up path

    return platformdirs.user_data_path("attune", appauthor=False) / DATA_FILE_NAME


def resolve_data_path(given: str | None) -> Path:
    """The data file to use: `--data`, else `$ATTUNE_DATA`, else the platform default."""
    chosen = given or os.environ.get(DATA_ENVIRONMENT_VARIABLE) or None
    path = Path(chosen).expanduser() if chosen else default_data_path()
    return path.absolute()


def make_private_folders(folder: Path) -> list[Path]:
    """Create `folder` and each missing folder above it, every one readable by the user alone.

    Returns the folders this call created, outermost first. On failure, raises `OSError`
    after removing what it created.
    """
    missing = []
    for level in (folder, *folder.parents):
        if level.exists():
            break
        missing.append(level)
    created: list[Path] = []
    try:
        for level in reversed(missing):
            try:
                # One level at a time: `mkdir(parents=True)` gives the folders above the last
                # one the default mode, readable by everyone.
                level.mkdir(mode=0o700)
            except FileExistsError:
                continue  # made meanwhile by someone else: not ours to tighten or remove
            created.append(level)
            os.chmod(level, 0o700)  # the umask may have taken bits off the mode asked for
    except OSError:
        remove_empty_folders(created)
        raise
    return created


def remove_empty_folders(folders: list[Path]) -> None:
    """Remove those of `folders` (outermost first) that are empty, innermost first."""
    for folder in reversed(folders):
        with suppress(OSError):  # not empty (something else was put there): it stays
            folder.rmdir()
