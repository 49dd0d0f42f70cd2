"""The shell commands on a file protected with a passphrase: the passphrase is asked at the
terminal without echo (getpass) or read from the file named by $ATTUNE_PASSPHRASE_FILE, never
taken from the command line; `today --short` never asks."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import pytest

from tui.cli import main
from tui.clock import FixedClock
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.shell import LOCKED_LINE, PASSPHRASE_FILE_VARIABLE, tick, today
from tui.store import Store, protected_at_a_glance, protected_files
from tui.store.protected_files import new_protection
from tui.store.protection import ScryptCost
from tui.store.protection_keys import unlock_file

PASSPHRASE = "a long walk, then tea"


@pytest.fixture(autouse=True)
def cheap_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", ScryptCost(10, 1, 1))
    monkeypatch.delenv(PASSPHRASE_FILE_VARIABLE, raising=False)


@pytest.fixture
def protected_path(set_up_path: Path, clock: FixedClock) -> Path:
    with Store.open(set_up_path, clock) as store:
        store.save_rituals([Ritual("r1", "Walk", Cadence.daily(), Who.TOGETHER, 0, "2026-11-01")])
        store.change_protection(new_protection(PASSPHRASE, with_recovery_key=False)[0])
    return set_up_path


class Terminal:
    """Stands in for getpass: answers with each of `answers` in turn, and counts the asks."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        monkeypatch.setattr(getpass, "getpass", self)

    def __call__(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


def test_tick_asks_for_the_passphrase_unechoed_and_saves_encrypted(
    protected_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    terminal = Terminal(monkeypatch, "wrong", PASSPHRASE)
    assert tick(protected_path, "walk", None, "today", Mark.DONE, clock) == 0
    assert len(terminal.prompts) == 2 and "not the right one" in capsys.readouterr().err
    assert b"Walk" not in protected_path.read_bytes()
    with Store.peek(protected_path, clock, unlock_file(protected_path, PASSPHRASE)) as store:
        assert store.mark_book().get(date(2026, 11, 22), "r1", "together") is Mark.DONE
    Terminal(monkeypatch, "wrong", "still wrong", "wrong again")
    assert tick(protected_path, "walk", None, "today", None, clock) == 1
    assert "does not open this file" in capsys.readouterr().err
    Terminal(monkeypatch)  # nothing to read from: said plainly, no traceback
    assert tick(protected_path, "walk", None, "today", None, clock) == 1
    assert "protected with a passphrase" in capsys.readouterr().err


def test_the_passphrase_file_is_read_and_nothing_is_asked(
    protected_path: Path,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    terminal = Terminal(monkeypatch)
    secret = tmp_path / "secret"
    secret.write_text(PASSPHRASE + "\n")
    monkeypatch.setenv(PASSPHRASE_FILE_VARIABLE, str(secret))
    assert today(protected_path, "text", clock) == 0
    assert "Walk" in capsys.readouterr().out
    assert main(["--data", str(protected_path), "report", "--format", "json"]) == 0
    assert '"Sam"' in capsys.readouterr().out
    assert main(["--data", str(protected_path), "calendar"]) == 0
    assert "BEGIN:VCALENDAR" in capsys.readouterr().out
    assert terminal.prompts == []
    secret.write_text("not it\n")
    assert today(protected_path, "json", clock) == 1
    assert "does not open this file" in capsys.readouterr().err
    monkeypatch.setenv(PASSPHRASE_FILE_VARIABLE, str(tmp_path / "missing"))
    assert today(protected_path, "text", clock) == 1
    assert "ATTUNE_PASSPHRASE_FILE" in capsys.readouterr().err
    assert terminal.prompts == []


def test_today_short_never_asks_it_reads_the_summary_or_says_locked(
    protected_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    terminal = Terminal(monkeypatch, PASSPHRASE)
    protected_path.with_name(protected_path.name + ".glance").unlink(missing_ok=True)
    assert today(protected_path, "short", clock) == 0
    assert capsys.readouterr().out.strip() == LOCKED_LINE
    with Store.open(protected_path, clock, unlock_file(protected_path, PASSPHRASE)):
        pass  # closing the unlocked file writes the summary
    assert today(protected_path, "short", clock) == 0
    assert capsys.readouterr().out.strip().startswith("Attune 0/1 today")
    assert terminal.prompts == []


def test_a_report_asks_once_then_again_after_a_wrong_passphrase_and_tells_the_truth(
    protected_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The first passphrase is tried on a thread while the report's code loads; what comes of
    it (wrong, then right) is the same as when it was tried in line."""
    terminal = Terminal(monkeypatch, "wrong", PASSPHRASE)
    assert main(["--data", str(protected_path), "report", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"Sam"' in captured.out and "not the right one" in captured.err
    assert len(terminal.prompts) == 2
    Terminal(monkeypatch, "wrong", "still wrong", "wrong again")
    assert main(["--data", str(protected_path), "report"]) == 1
    assert "does not open this file" in capsys.readouterr().err
    Terminal(monkeypatch)
    assert main(["--data", str(protected_path), "report"]) == 1
    assert "protected with a passphrase" in capsys.readouterr().err


def test_a_passphrase_is_asked_for_up_front_only_when_opening_will_need_it(
    protected_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    plain = tmp_path / "plain.json"
    with Store.open(plain, clock):
        pass
    assert protected_at_a_glance.needs_passphrase_to_open(protected_path)
    assert not protected_at_a_glance.needs_passphrase_to_open(plain)
    assert not protected_at_a_glance.needs_passphrase_to_open(tmp_path / "none.json")
    # A change of protection waiting to be settled may leave the file plain or under another
    # header: opening settles it first, and asks only if the file then needs it.
    protected_at_a_glance.journal_path(protected_path).write_text("[]")
    assert not protected_at_a_glance.needs_passphrase_to_open(protected_path)


def test_what_loading_costs_first_is_done_while_the_key_is_derived(
    protected_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """msgspec's view of each kind of record is made before the command waits for the key,
    not after: the key takes a third of a second, which leaves the interpreter free."""
    from tui import shell_unlocking
    from tui.store import loading

    happened: list[str] = []
    prepare = loading.prepare_to_load
    monkeypatch.setattr(
        loading, "prepare_to_load", lambda: happened.append("prepared") or prepare()
    )

    def unlocking() -> object:
        happened.append("key awaited")
        return unlock_file(protected_path, PASSPHRASE)

    with shell_unlocking.open_store(protected_path, clock, look_only=True, unlocking=unlocking):
        pass
    assert happened == ["prepared", "key awaited"]


def test_a_command_that_only_looks_reads_the_file_and_checks_it_once(
    protected_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes read to unlock the file are the ones looked at: the digest of years of
    history is checked once, before the key is derived, not again after."""
    from tui import shell_unlocking
    from tui.store import protection_keys

    checked: list[bytes] = []
    read_envelope = protection_keys.read_envelope
    monkeypatch.setattr(
        protection_keys, "read_envelope", lambda data: checked.append(data) or read_envelope(data)
    )
    monkeypatch.setenv(PASSPHRASE_FILE_VARIABLE, str(protected_path.with_name("passphrase")))
    protected_path.with_name("passphrase").write_text(PASSPHRASE)
    unlocking = shell_unlocking.begin_unlocking(protected_path)
    with shell_unlocking.open_store(
        protected_path, clock, look_only=True, unlocking=unlocking
    ) as store:
        assert [ritual.name for ritual in store.rituals()] == ["Walk"]
    assert checked == [protected_path.read_bytes()]
