"""A catalogue of a hundred thousand aliases, each a prefix of others (``a1`` .. ``a100000``,
the worst case for building the automata ``check`` searches with), as a repository's
``pyproject.toml`` could name it: ``validate`` and ``check`` answer with the contract's exit
codes and the right finding. How long they take is measured by ``benchmarks/scan.py
--aliases`` (about 0.3 s to build the automata for these; 17 s before they were cut up), not
here: a timed test fails on a slow machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import pinned_env, run

ALIASES = 100_000


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    aliases = ", ".join(f"a{number}" for number in range(1, ALIASES + 1))
    path = folder / "many.yaml"
    path.write_text(
        "version: 1\nupdated: 2026-01-01\n"
        "providers:\n  p: {name: P}\nsurfaces:\n  api: {name: API}\n"
        "models:\n"
        "  old-model:\n    provider: p\n"
        f"    aliases: [{aliases}]\n"
        "    surfaces:\n      api: {retires: 2026-01-15}\n"
        "  new-model:\n    provider: p\n    surfaces: {api: }\n",
        encoding="utf-8",
    )
    return path


def test_validate_counts_them(catalogue: Path, tmp_path: Path) -> None:
    result = run("validate", str(catalogue), env=pinned_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "2 models" in result.stdout


def test_check_finds_an_alias_among_them(catalogue: Path, tmp_path: Path) -> None:
    code = tmp_path / "app.py"
    code.write_text('MODEL = "a99999"  # not a999999, not xa1\nOTHER = "new-model"\n')
    result = run(
        "check",
        str(code),
        "--catalogue",
        str(catalogue),
        "--date",
        "2026-02-01",
        "--format",
        "json",
        env=pinned_env(tmp_path),
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = [(f["match"], f["model"], f["level"]) for f in report["findings"]]
    assert found == [("a99999", "old-model", "error")]
