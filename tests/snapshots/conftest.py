"""The pictures' data file sits at a path of one length on every machine and worker.

Settings shows the data file's path: below the fold at 80x24, but its wrapped lines set the
scroll bar's size, so a path under pytest's own temporary folder (which names the user, counts
the runs and, on a pytest-xdist worker, names the worker) changed the picture from run to run.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PICTURES_ROOT = Path("/tmp")
"""Where each picture's private folder is made; mkdtemp's names are all of one length."""


@pytest.fixture
def data_path() -> Iterator[Path]:
    """A data file that does not exist yet, in a private folder of a fixed-length path."""
    folder = Path(tempfile.mkdtemp(prefix="attune-picture-", dir=PICTURES_ROOT))
    yield folder / "couple" / "attune.json"
    shutil.rmtree(folder, ignore_errors=True)
