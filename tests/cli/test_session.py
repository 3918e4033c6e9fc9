"""What a command knows of the process: a MODELSUNSET_DATE that cannot be read is an
error only where the date is needed."""

from __future__ import annotations

from pathlib import Path

from support import WAVE, pinned_env, run


def test_an_unreadable_modelsunset_date_matters_only_without_date(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_DATE="garbage")
    given = run("resolve", "gpt-4o", "-s", "chatgpt", "-d", "2026-02-13", "-f", "plain", env=env)
    assert (given.returncode, given.stdout, given.stderr) == (0, "gpt-5.2\n", "")
    for args in (["status"], ["resolve", "gpt-4o"], ["notices"], ["validate"]):
        needed = run(*args, env=env)
        assert needed.returncode == 2, args
        assert needed.stderr.startswith("error: MODELSUNSET_DATE 'garbage' is not a date"), args
        assert needed.stdout == ""


def test_help_to_a_reader_that_went_away_exits_0() -> None:
    import subprocess

    from support import command

    for args in (["--help"], ["status", "--help"], []):
        process = subprocess.Popen(
            [*command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=pinned_env()
        )
        assert process.stdout is not None
        process.stdout.close()  # the reader is gone before anything is written
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, (args, err)
        assert b"Traceback" not in err
