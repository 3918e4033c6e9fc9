"""A fault of modelsunset's own (an exception no input should cause) ends a command with one
line on stderr naming it and where it was met, and exit 2: never a traceback, and never
exit 1, which a CI job reads as a negative answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run
from support.check import D, check, project

from modelsunset import commands


def planted(*args: object, **kwargs: object) -> int:
    raise KeyError("planted \x1b[2J fault")


@pytest.mark.parametrize("args", [["status"], ["validate"], ["resolve", "gpt-4o"]])
def test_a_fault_in_a_command_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    for name in ("status", "validate", "resolve"):
        monkeypatch.setattr(commands, name, planted)
    result = run(*args)
    assert (result.returncode, result.stdout) == (2, "")
    first, hint = result.stderr.splitlines()
    # The message is clipped and its control characters written out, as any value shown.
    assert first.startswith("error: modelsunset failed: KeyError: 'planted \\x1b[2J fault' (at ")
    # Where it was met: the file and line of the raise (outside the package: its name).
    assert first.endswith(f"(at {Path(__file__).name}:{planted.__code__.co_firstlineno + 1})")
    assert hint.startswith("  hint: this is a fault in modelsunset")


def test_a_fault_in_check_read_without_typer_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelsunset.check import report

    monkeypatch.setattr(report, "build", planted)
    repo = project(tmp_path, {"src/app.py": 'MODEL = "gpt-4o"\n'})
    result = check(repo, "--date", D, "-f", "json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: modelsunset failed: KeyError: ")
    assert "Traceback" not in result.stderr


def test_a_fault_inside_the_package_is_placed_by_its_module() -> None:
    from modelsunset.errors import fault_text
    from modelsunset.wording import plural

    try:
        plural(2, None)  # type: ignore[arg-type]
    except TypeError as exc:
        text = fault_text(exc)
    assert text.startswith("TypeError: ")
    assert " (at modelsunset/wording.py:" in text


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_fault_while_a_report_is_written_leaves_stdout_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """JSON and SARIF are made in pieces; a fault after the first piece still writes none."""
    from modelsunset.render.check import json as json_format
    from modelsunset.render.check import sarif

    made: list[str] = []

    def first_then_fault(*args: object, **kwargs: object) -> object:
        made.append("{")
        yield "{"
        raise KeyError("planted fault")

    monkeypatch.setattr(json_format, "pieces", first_then_fault)
    monkeypatch.setattr(sarif, "pieces", first_then_fault)
    repo = project(tmp_path, {"src/app.py": 'MODEL = "gpt-4o"\n'})
    result = check(repo, "--date", D, "-f", fmt)
    assert made == ["{"]  # the first piece was made, and held back
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: modelsunset failed: KeyError: ")
