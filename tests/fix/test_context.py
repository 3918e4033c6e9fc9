"""``modelsunset fix`` and what around an id makes it no drop-in (``fix.context``):
names being tested, regular expressions, keys a table would hold twice."""

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


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # the table has the new id already
        ('LIMITS = {"gpt-4.5-preview": 8192, "gpt-4.1": 400000}\n', "gpt-4.1 is a key"),
        ("limits:\n  gpt-4.1: 400000\n  gpt-4.5-preview: 8192\n", "gpt-4.1 is a key"),
        (
            'switch (m) {\n  case "gpt-4.1": return 1;\n  case "gpt-4.5-preview": return 2;\n}\n',
            "gpt-4.1 is a key",
        ),
        ('$limits = ["gpt-4.5-preview" => 8192, "gpt-4.1" => 1];\n', "gpt-4.1 is a key"),
        # two keys of the table would both become it
        ('LIMITS = {\n  "gpt-4.5-preview": 1,\n  "gpt-4-0314": 2,\n}\n', "2 keys of this file"),
    ],
)
def test_a_key_a_table_would_hold_twice_goes_to_the_checklist(
    tmp_path: Path, text: str, why: str
) -> None:
    repo = project(tmp_path, {"a.txt": text})
    result = fix(repo, "--write")
    assert result.returncode == 0
    assert (repo / "a.txt").read_text(encoding="utf-8") == text
    assert f"-> gpt-4.1: {why}" in result.stderr
    assert "which a table would hold twice, review" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        'LIMITS = {"gpt-4.5-preview": 8192}\nDEFAULT = "gpt-4.1"\n',  # a value, no key
        'A = "gpt-4.5-preview"\nB = {"gpt-4.1": 1}\n',  # not a key itself
        'x = cond ? "gpt-4.5-preview" : "o1"\n',  # looks like a key; nothing to clash with
    ],
)
def test_a_key_with_no_twin_is_rewritten(tmp_path: Path, text: str) -> None:
    repo = project(tmp_path, {"a.txt": text})
    assert fix(repo, "--write").returncode == 0
    assert (repo / "a.txt").read_text(encoding="utf-8") == text.replace(
        "gpt-4.5-preview", "gpt-4.1", 1
    )
