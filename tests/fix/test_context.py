"""``modelsunset fix`` and what around an id makes it no drop-in (``fix.context``):
names being tested, regular expressions."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.check import project
from support.fix import fix


@pytest.mark.parametrize(
    "line",
    [
        'model in ("gpt-4.5-preview", "o1")',  # a list of models: rewritten as lists are
        'name == "gpt-4.5-preview"',
        'call(model="gpt-4.5-preview") in results',  # not the name that is tested
        'startswith("x") or pick("gpt-4.5-preview")',
    ],
)
def test_a_name_that_is_not_tested_is_rewritten(tmp_path: Path, line: str) -> None:
    repo = project(tmp_path, {"a.py": f"M = {line}\n"})
    assert fix(repo, "--write").returncode == 0
    assert (repo / "a.py").read_text(encoding="utf-8") == f"M = {line}\n".replace(
        "gpt-4.5-preview", "gpt-4.1"
    )
