"""An environment that leaves the tool little: a memory limit, a closed stdout, a setting
written in digits that are not ASCII. Each is said as what it is (exit 2, with what to
do), never a traceback nor a fault of modelsunset's, and never a silent success."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from support import WAVE, command, pinned_env, run

from modelsunset.errors import OutOfMemory


def _limited(address_space: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs RLIMIT_AS")
def test_a_raised_size_limit_is_not_memory_taken(tmp_path: Path) -> None:
    """A catalogue of a few hundred KB, read with the limit raised to 4 GiB, under a
    memory limit of 1 GiB: read in pieces, so it fits (it took room for the whole limit)."""
    env = pinned_env(tmp_path, MODELSUNSET_MAX_CATALOGUE_MB="4096", MODELSUNSET_NO_CACHE="1")
    done = subprocess.run(
        [*command(), "validate", str(WAVE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=lambda: _limited(1 << 30),
    )
    assert done.returncode == 0, done.stderr
    assert "MemoryError" not in done.stderr


@pytest.mark.parametrize("where", ["command", "scan"])
def test_running_out_of_memory_is_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from modelsunset.check import read

    def exhausted(*args: object, **named: object) -> None:
        raise MemoryError

    if where == "command":
        monkeypatch.setattr("modelsunset.loading.load", exhausted)
        done = run("status", "--date", "2026-02-14", env=pinned_env(tmp_path))
    else:
        (tmp_path / "app.py").write_text('MODEL = "gpt-4o"\n')
        monkeypatch.setattr(read.FileScanner, "_scan", exhausted)
        done = run("check", tmp_path / "app.py", "--date", "2026-02-14", env=pinned_env(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "error: out of memory" in done.stderr
    assert "hint: raise the limit" in done.stderr
    assert "fault in modelsunset" not in done.stderr


def test_out_of_memory_crosses_from_a_worker_process_as_it_is() -> None:
    again = pickle.loads(pickle.dumps(OutOfMemory()))
    assert isinstance(again, OutOfMemory)
    assert again.render() == OutOfMemory().render()


@pytest.mark.parametrize("args", [["--help"], ["status", "-h"], []])
def test_help_to_a_closed_stdout_is_no_success(args: list[str]) -> None:
    done = subprocess.run(
        [*command(), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=pinned_env(),
        timeout=60,
        preexec_fn=lambda: __import__("os").close(1),
    )
    assert done.returncode == 2
    assert "cannot write the output: stdout is closed" in done.stderr


# ², an Arabic-Indic 3, a fullwidth 3
@pytest.mark.parametrize("value", ["\u00b2", "\u0663", "\uff13"])
def test_a_size_limit_in_digits_that_are_not_ascii_is_a_usage_error(value: str) -> None:
    done = run("validate", WAVE, env=pinned_env(MODELSUNSET_MAX_CATALOGUE_MB=value))
    assert done.returncode == 2
    assert "MODELSUNSET_MAX_CATALOGUE_MB must be a whole number of MiB" in done.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_json_to_an_8_bit_stream_is_still_json(tmp_path: Path, encoding: str) -> None:
    """Characters the stream could write as bytes that are not UTF-8 are escaped as JSON
    escapes them, as for an ASCII stream: the output reads as JSON (and as UTF-8)."""
    from support import run_installed

    line = 'm = "gpt-4-0314"  # caf\u00e9 \u00b7 na\u00efve\n'
    (tmp_path / "app.py").write_text(line, encoding="utf-8")
    env = pinned_env(tmp_path, PYTHONIOENCODING=encoding)
    args = ["check", str(tmp_path / "app.py"), "-f", "json", "--date", "2026-02-14", "--no-fail"]
    done = subprocess.run([*command(), *args], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    import json

    assert "caf\u00e9 \u00b7" in json.loads(done.stdout)["findings"][0]["text"]
    assert run_installed(*args, env=pinned_env(tmp_path)).stdout.encode().isascii() is False


def test_a_path_that_cannot_be_read_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    done = run("check", tmp_path / "file" / "x", "--date", "2026-02-14", env=pinned_env(tmp_path))
    assert done.returncode == 2
    assert "cannot read" in done.stderr
    assert "hint: check the path and its permissions" in done.stderr


def test_a_narrow_width_folds_tables_but_loses_nothing(tmp_path: Path) -> None:
    """COLUMNS=20 (or a terminal that narrow): tables are drawn at the least width that
    holds their data (the terminal wraps the lines); below it, ids folded to nothing."""
    args = ["status", "--date", "2026-02-14"]
    narrow = run(*args, env=pinned_env(tmp_path, COLUMNS="20"))
    least = run(*args, env=pinned_env(tmp_path, COLUMNS="60"))
    assert narrow.returncode == least.returncode == 0
    assert narrow.stdout == least.stdout


def test_notices_fold_a_long_source_url_and_never_cut_it(tmp_path: Path) -> None:
    import json

    env = pinned_env(tmp_path, COLUMNS="80")
    shown = run("notices", "--date", "2026-02-14", env=env).stdout
    listed = run("notices", "--date", "2026-02-14", "-f", "json", env=env).stdout
    sources = {item["source"] for item in json.loads(listed)}
    assert "\u2026" not in shown
    assert any(len(url) > 70 for url in sources)  # some are longer than their column
    joined = "".join(shown.split())  # folding only breaks a line, and indents the rest
    assert all(url in joined for url in sources if url)
