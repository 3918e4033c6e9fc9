"""What a repository under check can write for itself: an overlay its ``pyproject.toml``
names, holding workflow commands and escape sequences in a note; ``--exclude`` patterns as
a CI job might take them from the repository. Each ends with the contract's exit code and
no output line that a CI log would obey."""

from __future__ import annotations

import json
import re
from pathlib import Path

from support import pinned_env, run, run_installed, write_tree

FORGED = re.compile(r"^\s*::|##\[|\x1b|\x9b|\u202e", re.MULTILINE)


def test_an_overlay_named_in_pyproject_cannot_forge_a_line(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.modelsunset]\noverlays = ["more.yaml"]\n',
            "more.yaml": (
                "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      api:\n"
                '        note: "\\u001b]8;;https://x\\u0007click\\u001b[2J'
                ' ::error ::forged ##[x]"\n'
            ),
            "app.py": 'model = "gpt-4o"\n',
        },
    )
    for fmt in ("text", "github", "markdown", "json"):
        result = run("check", ".", "--format", fmt, env=pinned_env(tmp_path), cwd=tmp_path)
        assert result.returncode == 3, (fmt, result.stderr)
        assert "more.yaml:6" in result.stderr
        assert FORGED.search(result.stdout) is None
        assert FORGED.search(result.stderr) is None, result.stderr


def test_an_exclude_that_would_backtrack_costs_no_more_than_any(tmp_path: Path) -> None:
    names = {"a" * size + ".py": "gpt-4o\n" for size in (40, 120, 240)}
    write_tree(tmp_path, {**names, "a" * 40 + "b": "gpt-4o\n"})
    result = run_installed(
        "check",
        ".",
        "--format",
        "json",
        "--exclude",
        "*a*a*a*a*a*a*a*b",
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 3  # all but the one ending in b


def test_forty_thousand_excludes_on_a_thousand_files(tmp_path: Path) -> None:
    files = {f"src/module{n}.py": "gpt-4o\n" for n in range(1_000)}
    files["src/name7"] = "gpt-4o\n"
    write_tree(tmp_path, files)
    excludes = [argument for n in range(40_000) for argument in ("--exclude", f"name{n}")]
    result = run_installed("check", ".", "--format", "json", *excludes, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1_000  # name7 excluded
