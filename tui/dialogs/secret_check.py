"""The slow check of a typed passphrase or recovery key, run off the screen's thread: shared by
the unlock screen and the form that asks for the current passphrase before a change."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Generic, TypeVar

from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from tui.store.errors import StoreError

Opened = TypeVar("Opened")

REFUSALS = (StoreError, OSError)
"""What a check raises for a secret that does not open the file (`WrongPassphrase` and its
kin) or a file that can't be read: said to the person, who may try again. Anything else is a
fault of Attune's own, and is raised."""


class SecretCheck(Generic[Opened]):
    """Checks what is typed in a masked field with `check`, in a worker thread (the key
    derivation takes about half a second), and tells its screen how the check ended.

    While the check runs the field is disabled, so Enter can't start a second one. On success
    `opened` gets what `check` returned; on a refusal the field is cleared and focused for
    another try and `refused` gets the error, whose `str` is plain sentences. The screen
    passes its `Worker.StateChanged` events to `ended`.
    """

    def __init__(
        self,
        screen: Screen,
        field_id: str,
        check: Callable[[str], Opened],
        *,
        opened: Callable[[Opened], object],
        refused: Callable[[Exception], object],
    ) -> None:
        self._screen = screen
        self._field_id = field_id
        self._check = check
        self._opened = opened
        self._refused = refused
        self._group = f"secret-check-{field_id}"

    @property
    def field(self) -> Input:
        """The masked field the secret is typed in."""
        return self._screen.query_one(f"#{self._field_id}", Input)

    @property
    def running(self) -> bool:
        """True while a check runs."""
        return self.field.disabled

    def start(self, secret: str) -> None:
        """Check `secret` off the screen's thread, unless a check runs already."""
        if self.running:
            return
        self.field.disabled = True
        self._screen.run_worker(
            partial(self._check, secret),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group=self._group,
        )

    def ended(self, event: Worker.StateChanged) -> None:
        """React to the end of this check (other workers' events are left alone)."""
        if event.worker.group != self._group:
            return
        if event.state is WorkerState.SUCCESS:
            self._opened(event.worker.result)
            return
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if not isinstance(error, REFUSALS):
            raise error  # type: ignore[misc]  # a fault of Attune's own, not of what was typed
        field = self.field
        field.disabled = False
        field.clear()
        field.focus()
        self._refused(error)
