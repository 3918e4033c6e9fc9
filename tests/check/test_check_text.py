"""check's text for people: past tense for the past only, and lines folded to the width."""

from __future__ import annotations

from pathlib import Path

from support import WAVE, pinned_env, run
from support.check import project


def test_a_retirement_still_to_come_is_not_written_as_past_on_a_later_date(
    tmp_path: Path,
) -> None:
    repo = project(tmp_path, {"app.py": 'MODEL = "gpt-4o"\n'})
    # Today is 2026-02-01; gpt-4o retires from ChatGPT on 2026-02-13.
    env = pinned_env(
        tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_DATE="2026-02-01", COLUMNS="200"
    )
    later = run("check", ".", "-s", "chatgpt", "--date", "2026-04-01", env=env, cwd=repo).stdout
    assert "retires 2026-02-13, 47 days before 2026-04-01, the date checked" in later
    assert "retired 2026-02-13" not in later
    past = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_DATE="2026-05-01")
    done = run("check", ".", "-s", "chatgpt", "--date", "2026-04-01", env=past, cwd=repo).stdout
    assert "retired 2026-02-13, 47 days ago" in done


def test_text_lines_fold_to_the_width_at_spaces_only(tmp_path: Path) -> None:
    repo = project(tmp_path, {"app.py": 'MODEL = "gpt-4.5-preview"\n'})
    for width in ("60", "200"):
        env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), COLUMNS=width)
        text = run("check", ".", "--date", "2026-02-14", env=env, cwd=repo).stdout
        head = next(line for line in text.splitlines() if "gpt-4.5-preview" in line)
        assert len(head) <= int(width)
        assert "GPT-4.5 Preview (gpt-4.5-preview)" in text  # ids and names stay whole
        assert "app.py:1:10" in text
