"""Where the couple's data file is, how big, its newest backup, and a backup on request: the
top of "Your data" in Settings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from tui.screens.settings_rows import text_row
from tui.store import BackupFailed, Store
from tui.store.backups import Backup, data_file_facts


def readable_size(size: int) -> str:
    """A file size in the units people read: bytes, KB or MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe_backup(backup: Backup | None) -> str:
    """When the newest backup was taken, and its name, in words."""
    if backup is None:
        return "None yet: the first is taken the next time Attune opens this file."
    import pendulum

    taken = pendulum.parse(backup.day).format("dddd D MMMM YYYY")  # type: ignore[union-attr]
    if backup.time is not None:
        taken += f" at {backup.time[:5]}"
    return f"{taken}: {backup.path.name}, in the backups folder beside the file."


class DataFileFacts(Vertical):
    """The data file's path and size and its newest backup, read from the disk each time they
    are shown; and the button that backs the file up now."""

    def __init__(self, store: Store) -> None:
        super().__init__(id="data-file-facts")
        self.store = store

    def compose(self) -> ComposeResult:
        yield text_row("Data file", "data-file")
        yield text_row("Newest backup", "newest-backup")
        yield Button("Back up now", id="back-up-now", classes="settings-indented", compact=True)

    def on_mount(self) -> None:
        self.show_facts()

    def show_facts(self) -> None:
        """Read the file's size and its newest backup again, and show them."""
        facts = data_file_facts(self.store.path)
        size = "size unknown" if facts.size is None else readable_size(facts.size)
        self.query_one("#data-file", Static).update(Text(f"{facts.path} ({size})"))
        self.query_one("#newest-backup", Static).update(Text(describe_backup(facts.newest_backup)))

    @on(Button.Pressed, "#back-up-now")
    def back_up_now(self) -> None:
        """Copy the data file now, beside the daily backups, and say under which name."""
        try:
            path = self.store.back_up_now()
        except BackupFailed as problem:
            self.notify(str(problem), title="Not backed up", severity="error", markup=False)
            return
        self.show_facts()
        self.notify(f"Backed up as {path.name}.", title="Backup", markup=False)
