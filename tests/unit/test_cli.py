"""The command line: version, plain-words errors with non-zero exits, restoring a backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main


def run_attune(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_version_prints_the_version() -> None:
    result = run_attune("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"attune {__version__}"


def test_a_damaged_file_is_one_plain_message_and_exit_1(tmp_path: Path) -> None:
    damaged = tmp_path / "attune.json"
    damaged.write_bytes(b'{"meta": {"1": {"schema_vers')
    result = run_attune("--data", str(damaged))
    assert result.returncode == 1
    assert result.stderr.startswith(f"attune: The data file {damaged} can't be used")
    assert "Traceback" not in result.stderr
    assert damaged.read_bytes() == b'{"meta": {"1": {"schema_vers'


def test_attune_data_environment_variable_chooses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "chosen.json"
    chosen.write_bytes(b"")
    monkeypatch.setenv("ATTUNE_DATA", str(chosen))
    assert main([]) == 1
    assert str(chosen) in capsys.readouterr().err


def test_restore_backup_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_store import GOOD_FILE

    data = tmp_path / "attune.json"
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "attune-2026-11-20.json").write_bytes(GOOD_FILE)
    data.write_bytes(b"")

    assert main(["--data", str(data), "--restore-backup"]) == 0
    said = capsys.readouterr().out
    assert "attune-2026-11-20.json" in said and "damaged file was kept" in said
    assert data.read_bytes() == GOOD_FILE

    assert main(["--data", str(data), "--restore-backup"]) == 1
    assert "healthy" in capsys.readouterr().err


def test_a_folder_that_cannot_be_created_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    assert main(["--data", str(blocker / "attune.json")]) == 1
    assert "Attune can't open" in capsys.readouterr().err


def test_garbage_collection_is_back_on_after_a_refused_start(tmp_path: Path) -> None:
    import gc

    damaged = tmp_path / "attune.json"
    damaged.write_bytes(b"null")
    assert main(["--data", str(damaged)]) == 1
    assert gc.isenabled()


def _not_a_file(kind: str, tmp_path: Path) -> Path:
    if kind == "/dev/null":
        return Path("/dev/null")
    path = tmp_path / "attune.json"
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    return path


@pytest.mark.skipif(os.name != "posix", reason="pipes and /dev/null are POSIX things")
@pytest.mark.parametrize("kind", ["folder", "pipe", "/dev/null"])
@pytest.mark.parametrize("restore", [False, True], ids=["open", "restore-backup"])
def test_a_data_path_that_is_not_a_file_is_refused_at_once_with_exit_2(
    tmp_path: Path, kind: str, restore: bool
) -> None:
    path = _not_a_file(kind, tmp_path)
    lock = path.with_name(path.name + ".lock")
    if lock.exists():
        pytest.skip(f"{lock} was already there before this test")
    before = sorted(tmp_path.iterdir())
    result = run_attune("--data", str(path), *(["--restore-backup"] if restore else []))
    assert result.returncode == 2
    assert result.stderr.startswith(f"attune: Attune can't use {path}: it is ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not lock.exists()
    assert sorted(tmp_path.iterdir()) == before
    assert path.exists(), "left where it was"
