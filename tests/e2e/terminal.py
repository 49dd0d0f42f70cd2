"""Drive a program in a real terminal (a private tmux server) and read what its screen shows."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

EXIT_MARKER = "[attune exited with"

POLL_SECONDS = 0.02
"""How often a wait looks at the screen again."""
WAIT_LIMIT_SECONDS = 20.0
"""How long a wait looks before it fails, showing the screen: far more than any step takes."""


def tmux_available() -> bool:
    """True when the tmux command is installed."""
    return shutil.which("tmux") is not None


class Terminal:
    """One tmux window of a fixed size running one command; stop() ends it."""

    def __init__(self, workdir: Path) -> None:
        self._socket = workdir / f"tmux-{uuid.uuid4().hex[:8]}.sock"
        self._session = "attune"

    def _tmux(self, *arguments: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self._socket), *arguments],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return result.stdout

    def start(self, command: list[str], columns: int = 80, rows: int = 24) -> None:
        """Run `command`; when it ends, the window stays and shows its exit status."""
        line = shlex.join(command)
        self._tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            self._session,
            "-x",
            str(columns),
            "-y",
            str(rows),
            f"env TERM=xterm-256color {line}; status=$?; echo; "
            f'echo "{EXIT_MARKER} $status]"; sleep 600',
        )

    def keys(self, *names: str) -> None:
        """Press keys by tmux name: Enter, Tab, Escape, C-q, or a single character.

        They go out one after another with no pause, as typed ahead. A key that must wait for
        what an earlier one does (text after a Tab moved the focus, a key after a dialog
        opened) goes after a `wait_for` or `wait_for_cursor` that sees it done. Escape ends a
        call: a terminal sends it as the first byte of Alt+key, so the next key waits until
        the screen shows what Escape did.
        """
        if "Escape" in names[:-1]:
            raise ValueError("Escape ends a call to keys(): wait for what it does, then go on")
        for name in names:  # one at a time, each a key of its own, never a sequence
            self._tmux("send-keys", "-t", self._session, name)

    def type(self, text: str) -> None:
        """Type `text` literally."""
        self._tmux("send-keys", "-t", self._session, "-l", "--", text)

    def text(self) -> str:
        """What the screen shows now."""
        return self._tmux("capture-pane", "-p", "-t", self._session)

    def cursor_line(self, rows_up: int = 0) -> str:
        """The screen's line `rows_up` lines above the terminal's cursor (its own by default)."""
        row = int(self._tmux("display-message", "-p", "-t", self._session, "#{cursor_y}"))
        lines = self.text().splitlines()
        return lines[row - rows_up] if 0 <= row - rows_up < len(lines) else ""

    def wait_for(self, wanted: str, timeout: float = WAIT_LIMIT_SECONDS) -> float:
        """Wait until `wanted` is on screen; return the seconds it took. Raises on timeout."""
        return self._wait_until(lambda: wanted in self.text(), repr(wanted), timeout)

    def wait_for_gone(self, unwanted: str, timeout: float = WAIT_LIMIT_SECONDS) -> float:
        """Wait until `unwanted` is no longer on screen (a dialog closed); return the seconds
        it took. Raises on timeout."""
        return self._wait_until(
            lambda: unwanted not in self.text(), f"the end of {unwanted!r}", timeout
        )

    def wait_for_cursor(
        self, label: str, rows_up: int = 0, timeout: float = WAIT_LIMIT_SECONDS
    ) -> float:
        """Wait until the cursor is in the field that `label` names: the field's label or
        placeholder shows on the cursor's line, or `rows_up` lines above it. A terminal's cursor
        follows the focused text field, so this is how a test sees a focus change done."""
        return self._wait_until(
            lambda: label in self.cursor_line(rows_up),
            f"the cursor in the field of {label!r}",
            timeout,
        )

    def _wait_until(self, seen: Callable[[], bool], what: str, timeout: float) -> float:
        started = time.monotonic()
        while not seen():
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{what} did not appear in {timeout}s; screen:\n{self.text()}")
            time.sleep(POLL_SECONDS)
        return time.monotonic() - started

    def stop(self) -> None:
        """End the program and the tmux server."""
        subprocess.run(
            ["tmux", "-S", str(self._socket), "kill-server"], capture_output=True, timeout=30
        )
        self._socket.unlink(missing_ok=True)


def pids_of(executable: Path, argument: str) -> list[int]:
    """Running processes of `executable` (itself or under an interpreter) given `argument`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if str(executable) in argv[:2] and argument in argv:
            found.append(int(entry.name))
    return found
