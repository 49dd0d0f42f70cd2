"""`attune report` and `attune calendar`: standard output or a private file, never over an
existing file without --force, and every mistake one plain line with exit status 2."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import icalendar
import pytest

from tui.cli import main

from ..command_line import run_in_process
from .test_report import write_fixed_history


@pytest.fixture
def history_path(set_up_path: Path, clock) -> Path:
    from tui.store import Store

    with Store.open(set_up_path, clock) as store:
        write_fixed_history(store)
    return set_up_path


def test_the_report_goes_to_standard_output_by_default(
    history_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(history_path), "report", "--from", "2026-10-23"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Attune report: Sam & Alex\n")
    assert main(["report", "--data", str(history_path), "--format", "json", "--no-notes"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format_version"] == 2 and document["notes_included"] is False


def test_a_written_report_is_private_and_never_overwritten_without_force(
    history_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    arguments = ["--data", str(history_path), "report", "--output", str(target)]
    assert main(arguments) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert f"Report written to {target}" in capsys.readouterr().err
    target.write_text("keep me")
    target.chmod(0o644)
    assert main(arguments) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "already exists" in line and target.read_text() == "keep me"
    assert main([*arguments, "--force"]) == 0
    assert target.read_text().startswith("# Attune report")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--from", "2026-02-30"], "is not a date"),
        (["--to", "yesterday"], "is not a date"),
        (["--from", "2026-11-20", "--to", "2026-11-01"], "comes after"),
        (["--output", "/no/such/folder/report.md"], "does not exist"),
        (["--format", "pdf"], "invalid choice"),
    ],
)
def test_report_mistakes_are_one_plain_line_and_exit_2(
    history_path: Path, extra: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) if extra[0] == "--format" else _no_exit() as raised:
        status = main(["--data", str(history_path), "report", *extra])
    status = raised.value.code if extra[0] == "--format" else status
    assert status == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("attune") and words in line


class _no_exit:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_an_unwritable_file_is_one_line_and_exit_2(
    history_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder no one may create files in, even with every permission: the kernel's own.
    unwritable = Path("/proc/attune-report.md")
    if not Path("/proc").is_dir():
        pytest.skip("no /proc here")
    status = main(["--data", str(history_path), "report", "--output", str(unwritable)])
    assert status == 2
    assert "can't write" in capsys.readouterr().err


def test_no_traceback_from_a_mistyped_report_or_calendar(
    history_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for arguments in (
        ["report", "--from", "nonsense"],
        ["report", "--output", str(tmp_path)],
        ["calendar", "--time", "25:99"],
        ["calendar", "--sessions", "500"],
    ):
        result = run_in_process(capsys, "--data", str(history_path), *arguments)
        assert result.returncode == 2, arguments
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_calendar_file_is_written_privately_and_reads_back(
    history_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "attune.ics"
    arguments = ["--data", str(history_path), "calendar", "--output", str(target)]
    assert main([*arguments, "--time", "20:00", "--sessions", "2"]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 3
    assert main(arguments) == 2 and "already exists" in capsys.readouterr().err


def test_help_lists_the_new_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "report" in out and "calendar" in out


def test_a_file_not_set_up_is_a_data_problem(data_path: Path, capsys) -> None:
    assert main(["--data", str(data_path), "report"]) == 1
    assert "run attune to set it up" in capsys.readouterr().err
