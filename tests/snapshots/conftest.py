"""The pictures' data file sits at a path of one length on every machine and worker.

Settings shows the data file's path: below the fold at 80x24, but its wrapped lines set the
scroll bar's size, so a path under pytest's own temporary folder (which names the user, counts
the runs and, on a pytest-xdist worker, names the worker) changed the picture from run to run.
"""

from __future__ import annotations

import inspect
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from ..functional.monkey import settle

RunBefore = Callable[[Pilot[object]], Awaitable[None] | None]

PICTURES_ROOT = Path("/tmp")
"""Where each picture's private folder is made; mkdtemp's names are all of one length."""


@pytest.fixture
def data_path() -> Iterator[Path]:
    """A data file that does not exist yet, in a private folder of a fixed-length path."""
    folder = Path(tempfile.mkdtemp(prefix="attune-picture-", dir=PICTURES_ROOT))
    yield folder / "couple" / "attune.json"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """`snap_compare` whose keys are pressed once the first screen is drawn, as a person sees
    it before pressing anything.

    Its own first wait ends before the dashboard has chosen its first tab when the machine is
    busy, and not at all before `run_before`: a pane's digit pressed then was undone by the tab
    bar choosing Check-in as it mounted, and a picture showed another pane than its test named.
    """

    def compare(
        app: App[object], *args: object, run_before: RunBefore | None = None, **kwargs: object
    ) -> bool:
        async def drawn_first(pilot: Pilot[object]) -> None:
            await settle(pilot)
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result

        return snap_compare(app, *args, run_before=drawn_first, **kwargs)

    return compare
