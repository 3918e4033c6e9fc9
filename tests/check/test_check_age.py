"""check --max-catalogue-age: a catalogue older than that fails the gate (exit 1), with
the day it was verified on stderr; younger, the gate answers as ever."""

from __future__ import annotations

from pathlib import Path

from support import WAVE, pinned_env, run
from support.check import project


def _catalogue(tmp_path: Path, dates: str) -> Path:
    path = tmp_path / "c.yaml"
    text = WAVE.read_text(encoding="utf-8")
    head, _, rest = text.partition("\nproviders:")
    lines = [line for line in head.splitlines() if not line.startswith(("updated:", "version:"))]
    path.write_text("\n".join([*lines, dates]) + "\nproviders:" + rest, encoding="utf-8")
    return path


def test_an_old_catalogue_fails_the_gate_and_says_how_old(tmp_path: Path) -> None:
    repo = project(tmp_path, {"app.py": 'MODEL = "gpt-4.1"\n'})
    catalogue = _catalogue(tmp_path, "version: 2\nupdated: 2026-01-30\nverified: 2026-01-01")
    env = pinned_env(tmp_path, MODELSUNSET_DATE="2026-03-01")
    args = ["check", ".", "--catalogue", str(catalogue), "--date", "2026-02-01"]
    fresh = run(*args, "--max-catalogue-age", "90", env=env, cwd=repo)
    assert fresh.returncode == 0, fresh.stderr
    old = run(*args, "--max-catalogue-age", "30", env=env, cwd=repo)
    assert old.returncode == 1
    assert (
        "error: the catalogue was last verified 2026-01-01, 59 days ago: more than "
        "--max-catalogue-age 30 allows"
    ) in old.stderr
    assert run(*args, "--max-catalogue-age", "30", "--no-fail", env=env, cwd=repo).returncode == 0


def test_one_day_is_one_day(tmp_path: Path) -> None:
    repo = project(tmp_path, {"app.py": "x = 1\n"})
    catalogue = _catalogue(tmp_path, "version: 2\nupdated: 2026-01-31\nverified: 2026-01-31")
    args = ["check", ".", "--catalogue", str(catalogue), "--max-catalogue-age", "0"]
    done = run(*args, env=pinned_env(tmp_path), cwd=repo)
    assert done.returncode == 1
    assert "error: the catalogue was last verified 2026-01-31, 1 day ago: more" in done.stderr


def test_a_catalogue_without_a_date_cannot_pass_an_age_limit(tmp_path: Path) -> None:
    repo = project(tmp_path, {"app.py": "x = 1\n"})
    catalogue = _catalogue(tmp_path, "version: 1")
    env = pinned_env(tmp_path)
    done = run(
        "check", ".", "--catalogue", str(catalogue), "--max-catalogue-age", "30", env=env, cwd=repo
    )
    assert done.returncode == 1
    assert "names no `verified` or `updated` day" in done.stderr
