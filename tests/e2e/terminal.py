"""Drive a program in a real terminal (a private tmux server) and read what its screen shows."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path

EXIT_MARKER = "[attune exited with"

# Keys typed faster than Textual handles a focus change reach the old widget (a Tab followed
# within a millisecond by text puts the text in the field being left). People never type that
# fast, so the driver keeps a brisk human pace between presses.
KEY_INTERVAL_SECONDS = 0.03
# Keys that move the focus get a person's pause after them: text typed within milliseconds
# of a focus change can reach the widget being left. And a terminal sends Escape as the byte
# that starts Alt+key, so a key right behind it would be read as Alt+that key.
SETTLING_KEYS = {"Escape", "Tab", "/"}
AFTER_SETTLING_KEY_SECONDS = 0.25


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
        """Press keys by tmux name: Enter, Tab, Escape, C-q, or a single character."""
        for name in names:  # one at a time, so Escape is never read as Alt+<next key>
            self._tmux("send-keys", "-t", self._session, name)
            pause = AFTER_SETTLING_KEY_SECONDS if name in SETTLING_KEYS else KEY_INTERVAL_SECONDS
            time.sleep(pause)

    def type(self, text: str) -> None:
        """Type `text` literally."""
        self._tmux("send-keys", "-t", self._session, "-l", "--", text)
        time.sleep(KEY_INTERVAL_SECONDS)

    def text(self) -> str:
        """What the screen shows now."""
        return self._tmux("capture-pane", "-p", "-t", self._session)

    def wait_for(self, wanted: str, timeout: float = 20.0, poll: float = 0.02) -> float:
        """Wait until `wanted` is on screen; return the seconds it took. Raises on timeout."""
        started = time.monotonic()
        while True:
            screen = self.text()
            if wanted in screen:
                return time.monotonic() - started
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{wanted!r} did not appear in {timeout}s; screen:\n{screen}")
            time.sleep(poll)

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
