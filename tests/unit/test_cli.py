"""The command line: version, plain-words errors with non-zero exits, restoring a backup.

Most commands run through `tui.cli.main` in this process; the installed console script runs in
a process of its own where the process is the point: its exit status, its pipes, its imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main

from ..command_line import run_in_process, run_installed

Attune = Callable[..., subprocess.CompletedProcess[str]]
"""Runs `attune ARGUMENTS` in this process: its exit status and what it printed."""


@pytest.fixture
def run_attune(capsys: pytest.CaptureFixture[str]) -> Attune:
    """`attune ARGUMENTS`, through `tui.cli.main` in this process."""
    return partial(run_in_process, capsys)


def test_version_prints_the_version() -> None:
    result = run_installed("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"attune {__version__}"


def test_a_damaged_file_is_one_plain_message_and_exit_1(tmp_path: Path) -> None:
    damaged = tmp_path / "attune.json"
    damaged.write_bytes(b'{"meta": {"1": {"schema_vers')
    result = run_installed("--data", str(damaged))
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
    run_attune: Attune, tmp_path: Path, kind: str, restore: bool
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


# --- attune today and attune tick ---------------------------------------------------------------


@pytest.fixture
def couple_path(set_up_path: Path, clock) -> Path:  # type: ignore[no-untyped-def]
    """A set-up file with the starter rituals, made on the fixed Sunday."""
    from tui.core.rituals import STARTER_RITUALS, Ritual
    from tui.store import Store

    with Store.open(set_up_path, clock) as store:
        store.save_rituals(
            [
                Ritual(f"r{n}", s.name, s.cadence, s.who, n, "2026-11-01", kind=s.kind)
                for n, s in enumerate(STARTER_RITUALS)
            ]
        )
        store.update_settings(starter_rituals_offered=True)
    return set_up_path


def one_line_refusal(result: subprocess.CompletedProcess[str], status: int) -> str:
    assert result.returncode == status
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_help_lists_the_commands(run_attune: Attune) -> None:
    said = run_attune("--help").stdout
    assert "today" in said and "tick" in said
    for command, option in (("today", "--short"), ("tick", "--not-done")):
        assert option in run_attune(command, "--help").stdout


def test_today_in_text_short_and_json(couple_path: Path, clock, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from tui.core.rituals import Mark
    from tui.shell import tick, today

    assert tick(couple_path, "talk", None, "today", Mark.DONE, clock) == 0
    capsys.readouterr()
    assert today(couple_path, "text", clock) == 0
    text = capsys.readouterr().out
    assert text.startswith("Sunday 22 November 2026: 1 of 9 done\n")
    assert "  ✓ Talk time, phones away (15 min): done, streak 1 day\n" in text
    assert "○ Thank your partner for a small act of care · Alex: not yet" in text
    assert "Cook a meal together: not yet, streak 0 weeks, 1 more this week" in text
    assert "Next check-in: today (Sunday 22 November)" in text
    assert today(couple_path, "short", clock) == 0
    assert capsys.readouterr().out == "Attune 1/9 today · check-in today\n"
    assert today(couple_path, "json", clock) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["day"], data["done"], data["due"]) == ("2026-11-22", 1, 9)
    assert data["rituals"][0]["state"] == "done" and data["short"].startswith("Attune 1/9")


def test_today_from_the_command_is_plain_text_when_piped(couple_path: Path) -> None:
    for form in ([], ["--short"], ["--json"]):
        result = run_installed("today", *form, "--data", str(couple_path))
        assert result.returncode == 0 and result.stderr == ""
        assert "\x1b" not in result.stdout
    short = run_installed("--data", str(couple_path), "today", "--short").stdout
    assert short.startswith("Attune 0/") and short.count("\n") == 1


def test_today_answers_while_the_dashboard_holds_the_file(  # type: ignore[no-untyped-def]
    run_attune: Attune, couple_path: Path, clock
) -> None:
    from tui.store import Store

    with Store.open(couple_path, clock):
        for form in ([], ["--short"], ["--json"]):
            assert run_attune("today", *form, "--data", str(couple_path)).returncode == 0


def test_the_short_line_imports_neither_textual_nor_the_store(couple_path: Path) -> None:
    # The line is read by tui.store.glance; the repository and what it imports stay unloaded.
    probe = (
        "import sys; from tui.cli import main;"
        f"main(['today', '--short', '--data', {str(couple_path)!r}]);"
        "heavy = {'textual', 'msgspec', 'pendulum', 'tinydb', 'tui.store.repository', 'typing',"
        " 'argparse'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_the_dashboard_opens_without_the_parser(tmp_path: Path) -> None:
    # `attune --data PATH` is read without argparse, which would only add to start-up; a damaged
    # file stops it before the app, so the probe sees what opening the file needed.
    damaged = tmp_path / "attune.json"
    damaged.write_bytes(b'{"meta": ')
    probe = (
        "import sys; from tui.cli import main;"
        f"code = main(['--data', {str(damaged)!r}]);"
        "print(code, 'argparse' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "1 False", result.stdout + result.stderr
    assert result.stderr.startswith(f"attune: The data file {damaged} can't be used")


@pytest.mark.parametrize(
    "arguments", [[], ["--data", "x.json"], ["--data=x.json"], ["--data", "today"]]
)
def test_the_quick_reading_of_a_plain_start_agrees_with_the_parser(arguments: list[str]) -> None:
    from tui.cli import _data_option_and_the_rest, build_parser

    parsed = build_parser().parse_args(arguments)
    assert (parsed.command, parsed.restore_backup) == (None, False)
    assert _data_option_and_the_rest(arguments) == ([], parsed.data)


@pytest.mark.parametrize(
    "arguments",
    [["--data"], ["--data="], ["--data", "-x.json"], ["--restore-backup"], ["--data", "a", "b"]],
)
def test_any_other_start_is_left_to_the_parser(arguments: list[str]) -> None:
    from tui.cli import _data_option_and_the_rest

    rest, data = _data_option_and_the_rest(arguments)
    assert rest != [] or data == ""


def marks_on_disk(path: Path) -> dict[str, str]:
    """{day: its marks string}, read from the file's bytes."""
    import json

    return {doc["day"]: doc["marks"] for doc in json.loads(path.read_bytes())["days"].values()}


@pytest.mark.parametrize(
    ("mark", "said", "stored"),
    [
        ("done", "ticked", "done"),
        ("skipped", "skipped", "skipped"),
        ("not_done", "marked not done", "not_done"),
    ],
)
def test_tick_is_on_disk_before_it_returns(  # type: ignore[no-untyped-def]
    couple_path: Path, clock, capsys, mark: str, said: str, stored: str
) -> None:
    from tui.core.rituals import Mark
    from tui.shell import tick

    assert tick(couple_path, "thank", "alex", "yesterday", Mark(mark), clock) == 0
    assert capsys.readouterr().out == (
        f'"Thank your partner for a small act of care" (Alex, Saturday 21 November): {said}.\n'
    )
    assert marks_on_disk(couple_path)["2026-11-21"] == f"4.b={stored}"
    assert tick(couple_path, "thank", "s", "2026-11-21", Mark(mark), clock) == 0
    assert tick(couple_path, "thank", "s", "2026-11-21", Mark(mark), clock) == 0
    assert "was already" in capsys.readouterr().out.splitlines()[-1]
    assert tick(couple_path, "thank", "s", "2026-11-21", None, clock) == 0
    assert capsys.readouterr().out.endswith("cleared.\n")
    assert marks_on_disk(couple_path)["2026-11-21"] == f"4.b={stored}"


def test_tick_says_which_ritual_a_near_miss_chose(run_attune: Attune, couple_path: Path) -> None:
    result = run_attune("tick", "tlak", "--data", str(couple_path))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith('"Talk time, phones away (15 min)" (together, ')
    assert result.stdout.endswith("): ticked.\n")


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["t"], 'attune: "t" matches 2 rituals: "Talk time'),
        (["yoga"], 'attune: No ritual is called "yoga". Rituals: "Talk time'),
        (["thank"], 'attune: "Thank your partner for a small act of care" is done by each'),
        (["thank", "--who", "Jo"], 'attune: "Jo" is neither of you: --who Sam or Alex.'),
        (["talk", "--day", "2999-01-01"], "attune: 2999-01-01 has not come yet"),
        (["talk", "--day", "2000-01-01"], "attune: 2000-01-01 is further back than the grid"),
        (["talk", "--day", "someday"], 'attune: "someday" is not a day'),
        (["talk", "--skip", "--clear"], "attune tick: argument --clear: not allowed with"),
        ([], "attune tick: the following arguments are required: NAME"),
    ],
)
def test_tick_refusals_are_one_line_and_exit_2(
    run_attune: Attune, couple_path: Path, arguments: list[str], says: str
) -> None:
    result = run_attune("tick", *arguments, "--data", str(couple_path))
    assert one_line_refusal(result, 2).startswith(says)


def test_usage_mistakes_are_one_line_and_exit_2(couple_path: Path) -> None:
    for arguments in (["today", "--short", "--json"], ["--restore-backup", "today"], ["tock"]):
        assert one_line_refusal(run_installed(*arguments), 2).startswith("attune")


def test_a_file_open_in_the_dashboard_refuses_a_tick_in_one_line(  # type: ignore[no-untyped-def]
    run_attune: Attune, couple_path: Path, clock
) -> None:
    from tui.store import Store

    before = couple_path.read_bytes()
    with Store.open(couple_path, clock):
        result = run_attune("tick", "talk", "--data", str(couple_path))
    said = one_line_refusal(result, 1)
    assert said.startswith(f"attune: The data file {couple_path} is already open in another")
    assert couple_path.read_bytes() == before


@pytest.mark.parametrize(
    "command", [["today"], ["today", "--short"], ["today", "--json"], ["tick", "talk"]]
)
def test_data_problems_are_one_line_and_exit_1(
    run_attune: Attune, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "nobody" / "attune.json"
    said = one_line_refusal(run_attune(*command, "--data", str(missing)), 1)
    assert said == f"attune: {missing} holds no Attune data yet: run attune to set it up first.\n"
    assert not missing.parent.exists(), "nothing is left behind"
    damaged = tmp_path / "attune.json"
    damaged.write_bytes(b'{"meta": ')
    said = one_line_refusal(run_attune(*command, "--data", str(damaged)), 1)
    assert said.startswith(f"attune: The data file {damaged} can't be used")
    folder = tmp_path / "folder"
    folder.mkdir()
    assert one_line_refusal(run_attune(*command, "--data", str(folder)), 2).startswith(
        f"attune: Attune can't use {folder}"
    )


def test_a_read_only_file_refuses_a_tick_in_one_line(run_attune: Attune, couple_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only files")
    couple_path.chmod(0o400)
    said = one_line_refusal(run_attune("tick", "talk", "--data", str(couple_path)), 1)
    assert said.startswith("attune: ")


def test_a_shell_command_leaves_at_once_with_its_work_whole(couple_path: Path) -> None:
    """The installed command ends its process without Python's teardown: what it printed is
    all there, a tick is on disk and a refusal keeps its status."""
    report = run_installed("--data", str(couple_path), "report", "--format", "json")
    assert report.returncode == 0 and report.stderr == ""
    assert json.loads(report.stdout)["couple"]
    ticked = run_installed("--data", str(couple_path), "tick", "talk", "--day", "yesterday")
    assert ticked.returncode == 0 and ticked.stdout.endswith("): ticked.\n")
    assert any(cell.endswith("=done") for cell in marks_on_disk(couple_path).values())
    refused = run_installed("--data", str(couple_path), "tick", "yoga")
    assert one_line_refusal(refused, 2).startswith('attune: No ritual is called "yoga"')
