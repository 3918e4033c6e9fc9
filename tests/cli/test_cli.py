"""The command line through the installed entry point: answers, exit codes, the
stdout/stderr split, JSON shapes, environment variables and colour."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import WAVE, Cli, command, on_a_terminal, pinned_env, run, run_installed

STATUS_KEYS = {
    "model", "name", "provider", "surface", "state", "since", "announced", "retires",
    "days_left", "fallback", "replacement", "source",
}  # fmt: skip
RESOLVE_KEYS = {"query", "model", "surface", "date", "state", "resolved", "chain", "automatic"}
NOTICE_KEYS = {
    "model", "surface", "state", "retires", "days_left", "fallback", "replacement", "message",
}  # fmt: skip


def test_resolve_the_day_before_the_day_of_and_on_the_api(cli: Cli) -> None:
    before = cli("resolve", "gpt-4o", "--surface", "chatgpt", "--date", "2026-02-12", "-f", "json")
    assert before.returncode == 0
    answer = json.loads(before.stdout)
    assert (answer["resolved"], answer["state"], answer["days_left"]) == ("gpt-4o", "retiring", 1)

    after = cli("resolve", "gpt-4o", "--surface", "chatgpt", "--date", "2026-02-13", "-f", "json")
    answer = json.loads(after.stdout)
    assert answer["resolved"] == "gpt-5.2"
    assert answer["automatic"] is True
    assert answer["chain"] == ["gpt-4o", "gpt-5.2"]
    assert set(answer) >= RESOLVE_KEYS

    for day in ("2026-01-01", "2026-02-13", "2026-07-01", "2026-12-31"):
        api = cli("resolve", "gpt-4o", "--surface", "api", "--date", day, "-f", "plain")
        assert (api.returncode, api.stdout) == (0, "gpt-4o\n")


def test_resolve_plain_prints_only_the_answer(cli: Cli) -> None:
    result = cli("resolve", "GPT 4o", "-s", "chatgpt", "-d", "2026-02-14", "-f", "plain")
    assert (result.returncode, result.stdout, result.stderr) == (0, "gpt-5.2\n", "")


def test_status_after_the_wave(cli: Cli) -> None:
    retired = {"gpt-4o", "gpt-4.1", "gpt-4.1-mini", "o4-mini", "gpt-5-instant", "gpt-5-thinking"}
    result = cli("status", "--date", "2026-02-14", "--surface", "chatgpt", "-f", "json")
    rows = json.loads(result.stdout)
    assert {row["model"] for row in rows} == {"gpt-5.2"}
    everything = json.loads(
        cli("status", "--date", "2026-02-14", "--surface", "chatgpt", "--all", "-f", "json").stdout
    )
    gone = [row for row in everything if row["state"] == "retired"]
    assert {row["model"] for row in gone} == retired
    assert {row["days_left"] for row in gone} == {-1}
    assert all(set(row) >= STATUS_KEYS for row in everything)


def test_notices_markdown_gives_the_six_for_the_wave(cli: Cli) -> None:
    result = cli(
        "notices",
        "--date",
        "2026-02-01",
        "--within",
        "30",
        "--surface",
        "chatgpt",
        "-f",
        "markdown",
    )
    assert result.returncode == 0
    bullets = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert len(bullets) == 6
    assert all("2026-02-13" in line and "automatically" in line for line in bullets)
    notices = json.loads(
        cli("notices", "--date", "2026-02-01", "--within", "200", "-f", "json").stdout
    )
    assert all(set(n) >= NOTICE_KEYS for n in notices)
    assert [n["retires"] for n in notices] == sorted(n["retires"] for n in notices)


def test_no_answer_exits_1_with_the_reason_on_stderr(tmp_path: Path) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "version: 1\nproviders: {acme: {name: Acme}}\nsurfaces: {api: {name: API}}\n"
        "models:\n  old:\n    provider: acme\n    surfaces:\n      api: {retires: 2026-01-01}\n"
    )
    result = run(
        "resolve",
        "old",
        "-s",
        "api",
        "--catalogue",
        catalogue,
        "--date",
        "2026-02-01",
        "-f",
        "plain",
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no available model for old on api on 2026-02-01" in result.stderr
    assert "retired from api on 2026-01-01" in result.stderr
    every = run("resolve", "old", "--catalogue", catalogue, "--date", "2026-02-01", "-f", "plain")
    assert (every.returncode, every.stdout) == (1, "api\t-\n")  # one line per surface
    table = run("resolve", "old", "--catalogue", catalogue, "--date", "2025-12-31")
    assert table.returncode == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["resolve", "gpt-4p"], "did you mean 'gpt-4o'"),
        (["resolve", "gpt-4o", "--surface", "chatgtp"], "did you mean 'chatgpt'"),
        (["resolve", "gpt-5-instant", "--surface", "api"], "not offered on surface 'api'"),
        (["status", "--provider", "opnai"], "did you mean 'openai'"),
        (["status", "--date", "2026-02-30"], "not a real calendar date"),
        (["status", "--date", "someday"], "not a date I can read"),
        (["status", "--format", "yaml"], "yaml"),
        (["notices", "--within", "-1"], "x>=0"),
        (["status", "--no-such-option"], "No such option"),
        (["reslove", "gpt-4o"], "Did you mean 'resolve'"),
        (["status", "--date", "-5"], "a count from today needs a unit"),
        (["status", "--overlay", ""], "--overlay is empty"),
        (["resolve", "gpt-4o", "-s", "api", "-s", "chatgpt"], "one --surface, not 2"),
        (["validate", str(WAVE), "--catalogue", str(WAVE)], "not both"),
    ],
)
def test_usage_errors_exit_2_on_stderr_only(cli: Cli, args: list[str], fragment: str) -> None:
    result = cli(*args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_resolve_without_surface_fails_only_when_no_surface_answers(tmp_path: Path) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "version: 1\nproviders: {acme: {name: Acme}}\n"
        "surfaces: {api: {name: API}, app: {name: App}}\nmodels:\n"
        "  old:\n    provider: acme\n    surfaces:\n"
        "      api: {retires: 2026-01-01}\n      app: {retires: 2026-03-01}\n"
    )
    some = run("resolve", "old", "--catalogue", catalogue, "-d", "2026-02-01", "-f", "plain")
    assert (some.returncode, some.stdout, some.stderr) == (0, "api\t-\napp\told\n", "")
    none = run("resolve", "old", "--catalogue", catalogue, "-d", "2026-03-01", "-f", "plain")
    assert (none.returncode, none.stdout) == (1, "api\t-\napp\t-\n")
    assert none.stderr.count("no available model for old") == 2


def test_catalogue_errors_exit_3_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nproviders: {}\nsurfaces: {}\nmodels:\n  x:\n    provider: nobody\n")
    for args in (
        ["validate", bad],
        ["status", "--catalogue", bad],
        ["resolve", "x", "--catalogue", bad],
    ):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 3
        assert result.stdout == ""
        assert f"{bad}:6: model x: unknown provider 'nobody'" in result.stderr
        assert f"{bad}:5: model x is offered on no surface" in result.stderr
        assert "2 problems found" in result.stderr
    missing = run("status", "--catalogue", tmp_path / "nope.yaml")
    assert missing.returncode == 3
    assert "cannot read the catalogue" in missing.stderr


def test_only_regular_files_are_read_as_catalogues(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path, says in (
        (str(fifo), "not a regular file"),
        ("/dev/zero", "not a regular file"),
        (str(tmp_path), "is a folder"),
        ("nul\x01l", "cannot read the catalogue"),
    ):
        result = run("status", "--catalogue", path)
        assert result.returncode == 3, (path, result.stderr)
        assert says in result.stderr
    empty = run("status", "--catalogue", "")
    assert (empty.returncode, empty.stdout) == (2, "")
    assert "--catalogue is empty" in empty.stderr


def test_a_catalogue_path_is_named_on_one_line(tmp_path: Path) -> None:
    # A line break in a path given as an option, an argument or in the environment is
    # written out: it cannot start a line of stderr (or stdout) of its own.
    name = "x\nforged"
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=name)
    for args, extra in (
        (["status", "--catalogue", name], None),
        (["validate", name], None),
        (["check", ".", "--catalogue", name], None),
        (["check", "."], env),
    ):
        result = run(*args, env=extra, cwd=tmp_path)
        assert result.returncode == 3, (args, result.stderr)
        assert result.stderr.splitlines()[0] == (
            "x\\nforged: cannot read the catalogue: No such file or directory"
        )
    shutil.copy(WAVE, tmp_path / name)
    done = run("validate", name, cwd=tmp_path)
    assert done.stdout.splitlines()[0] == "ok: x\\nforged"


@pytest.mark.parametrize("command", ["calendar", "timeline"])
def test_an_output_file_is_named_on_one_line(tmp_path: Path, command: str) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    failed = run(command, "--output", tmp_path / "no" / "x\nforged", env=env)
    assert failed.returncode == 2
    assert failed.stderr.splitlines()[0] == (
        f"error: cannot write {tmp_path}/no/x\\nforged: No such file or directory"
    )
    written = run(command, "--output", tmp_path / "x\nforged", env=env)
    assert written.returncode == 0, written.stderr
    assert written.stderr.endswith(f" written to {tmp_path}/x\\nforged\n")


def test_a_path_python_cannot_use_is_a_catalogue_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.modelsunset]\ncatalogue = "a\\u0000b"\n')
    result = run("check", ".", "--date", "2026-02-01", cwd=tmp_path)
    assert result.returncode in (2, 3), result.stderr
    assert "Traceback" not in result.stderr


def test_environment_chooses_catalogue_and_overlays_and_flags_win(tmp_path: Path) -> None:
    overlay_a = tmp_path / "a.yaml"
    overlay_a.write_text(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n"
        "      api: {retires: 2026-06-01, replacement: gpt-5.2, source: 'https://example.com/a'}\n"
    )
    overlay_b = tmp_path / "b.yaml"
    overlay_b.write_text(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      api: {retires: 2026-07-01}\n"
    )
    env = pinned_env(
        tmp_path,
        MODELSUNSET_CATALOGUE=str(WAVE),
        MODELSUNSET_OVERLAY=os.pathsep.join([str(overlay_a), str(overlay_b)]),
    )
    rows = json.loads(run("status", "-s", "api", "-f", "json", "-d", "2026-02-01", env=env).stdout)
    gpt4o = next(row for row in rows if row["model"] == "gpt-4o")
    assert (gpt4o["retires"], gpt4o["replacement"]) == ("2026-07-01", "gpt-5.2")  # b over a
    only_a = json.loads(
        run("status", "-s", "api", "-f", "json", "--overlay", overlay_a, env=env).stdout
    )
    assert next(r for r in only_a if r["model"] == "gpt-4o")["retires"] == "2026-06-01"
    answer = run("resolve", "gpt-4o", "-s", "api", "-d", "2026-07-01", "-f", "plain", env=env)
    assert answer.stdout == "gpt-5.2\n"


def test_default_date_is_modelsunset_date(cli: Cli) -> None:
    early = cli("resolve", "gpt-4o", "-s", "chatgpt", "-f", "plain", MODELSUNSET_DATE="2026-02-12")
    late = cli("resolve", "gpt-4o", "-s", "chatgpt", "-f", "plain", MODELSUNSET_DATE="2026-02-13")
    assert (early.stdout, late.stdout) == ("gpt-4o\n", "gpt-5.2\n")
    bad = cli("status", MODELSUNSET_DATE="soon")
    assert bad.returncode == 2
    assert "MODELSUNSET_DATE" in bad.stderr


def test_version_and_python_dash_m(tmp_path: Path) -> None:
    odd = run_installed("--version", env={**pinned_env(tmp_path), "MODELSUNSET_DATE": "not a date"})
    assert odd.returncode == 0
    version = run_installed("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("modelsunset ")
    assert "bundled catalogue updated" in version.stdout
    as_module = subprocess.run(
        [sys.executable, "-m", "modelsunset", "--version"],
        capture_output=True,
        text=True,
        env=pinned_env(tmp_path),
    )
    assert as_module.stdout == version.stdout


def test_help_and_completion() -> None:
    assert run().returncode in (0, 2)  # no arguments: help
    helped = run("--help")
    assert helped.returncode == 0
    for name in ("status", "resolve", "notices", "validate", "--install-completion"):
        assert name in helped.stdout
    # In a process of its own, a child of bash: Typer finds the shell among the process's
    # parents (so a test run with no shell above it, started by a service, would find none).
    completion = subprocess.run(
        ["bash", "-c", '"$@"; exit $?', "bash", *command(), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env={**pinned_env(), "SHELL": "/bin/bash"},
        timeout=120,
    )
    assert completion.returncode == 0, completion.stderr
    assert "complete" in completion.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), TERM="xterm-256color")
    del env["NO_COLOR"]
    args = ["status", "--all", "--date", "2026-02-14"]
    assert "\x1b[" in on_a_terminal(args, env)
    assert "\x1b[" not in on_a_terminal(args, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in on_a_terminal(args, {**env, "NO_COLOR": ""})  # set, if empty
    assert "\x1b[" not in run_installed(*args, env=env).stdout  # a pipe
    assert "\x1b[" not in on_a_terminal(["status", "--all", "-f", "json"], env)


def test_json_output_pipes_into_a_parser_and_closed_pipes_are_quiet(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    shell = subprocess.run(
        f"{' '.join(command())} status --all -f plain | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
    )
    assert shell.stdout.count("\n") == 1
    assert "Traceback" not in shell.stderr
    assert "BrokenPipe" not in shell.stderr


@pytest.mark.slow
def test_a_stdout_that_cannot_take_utf8_gets_ascii_tables_and_escapes(tmp_path: Path) -> None:
    """LANG=C or PYTHONIOENCODING=ascii: no traceback; tables drawn in ASCII; what the
    stream cannot hold written as JSON's \\u escapes, so JSON stays valid and whole."""
    overlay = tmp_path / "names.yaml"
    overlay.write_text(
        'version: 1\nmodels:\n  gpt-4o:\n    name: "GPT-4o ✨ 🚀"\n', encoding="utf-8"
    )
    utf8 = pinned_env(
        tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_OVERLAY=str(overlay), COLUMNS="160"
    )
    narrow = {**utf8, "PYTHONIOENCODING": "ascii"}
    for args in (
        ["status", "--all"],
        ["resolve", "gpt-4o"],
        ["notices", "--within", "30"],
        *(["status", "--all", "-f", fmt] for fmt in ("json", "plain", "markdown", "csv")),
        ["resolve", "gpt-4o", "-f", "markdown"],
    ):
        done = run_installed(*args, env=narrow)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout.isascii(), args
        assert "Traceback" not in done.stderr
    table = run_installed("status", "--all", env=narrow).stdout
    assert "| gpt-4o " in table and "GPT-4o \\u2728 \\ud83d\\ude80" in table
    chain = run_installed("resolve", "gpt-4o", "-s", "chatgpt", "-d", "2026-02-14", env=narrow)
    chain = chain.stdout
    assert "gpt-4o -> gpt-5.2" in chain
    assert "  * " in run_installed("notices", "--within", "30", env=narrow).stdout
    as_ascii = json.loads(run_installed("status", "--all", "-f", "json", env=narrow).stdout)
    assert as_ascii == json.loads(run_installed("status", "--all", "-f", "json", env=utf8).stdout)
    assert {row["name"] for row in as_ascii if row["model"] == "gpt-4o"} == {"GPT-4o ✨ 🚀"}


def test_markdown_draws_chains_in_ascii_when_stdout_cannot_take_utf8(tmp_path: Path) -> None:
    """Markdown's chain arrow is ``->`` for a stream that cannot take UTF-8, as the
    table's is, rather than an arrow written as ``\\u2192``."""
    utf8 = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    args = ["resolve", "gpt-4o", "-s", "chatgpt", "-d", "2026-02-14", "-f", "markdown"]
    # A real process: the encoding of a real stdout.
    narrow = run_installed(*args, env={**utf8, "PYTHONIOENCODING": "ascii"}).stdout
    assert "| gpt-4o -> gpt-5.2 |" in narrow
    assert "\\u2192" not in narrow
    assert "| gpt-4o → gpt-5.2 |" in run(*args, env=utf8).stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["resolve", "gpt-4o", "-s", "api", "-f", "plain"], ["status", "-f", "json"], ["--version"]],
)
def test_output_that_cannot_be_written_is_an_error_not_a_traceback(
    args: list[str], tmp_path: Path
) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*command(), *args], stdout=full, stderr=subprocess.PIPE, text=True, env=env
        )
    assert done.returncode == 2  # not 1, which a CI job would read as "found"
    assert "cannot write the output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


def test_closed_streams_are_not_tracebacks(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    tool = " ".join(command())
    closed_out = subprocess.run(
        f"{tool} resolve gpt-4o -s api -f plain >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert closed_out.returncode == 2
    assert "stdout is closed" in closed_out.stderr
    assert "Traceback" not in closed_out.stderr
    # With stderr closed the exit code still tells a usage error (2) from "no answer" (1).
    closed_err = subprocess.run(
        f"{tool} resolve no-such-model 2>&-", shell=True, env=env, stdout=subprocess.DEVNULL
    )
    assert closed_err.returncode == 2


@pytest.mark.parametrize("columns", ["0", "-5", "wide"])
def test_a_columns_value_that_is_no_width_is_ignored(columns: str, tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), COLUMNS=columns)
    done = run_installed("status", "--all", env=env)  # the width of a real pipe
    assert done.returncode == 0
    assert "gpt-4o" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


def test_control_characters_typed_by_people_are_shown_not_obeyed(cli: Cli) -> None:
    done = cli("resolve", "gpt\x1b[31m-4o")
    assert done.returncode == 2
    assert "\x1b" not in done.stderr
    assert "'gpt\\x1b[31m-4o'" in done.stderr


def test_validate_layers_overlays_on_the_files_it_is_given(tmp_path: Path) -> None:
    overlay = tmp_path / "late.yaml"
    overlay.write_text("version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      api: {retire: 1}\n")
    done = run("validate", WAVE, "--overlay", overlay, env=pinned_env(tmp_path))
    assert done.returncode == 3
    assert f"{overlay}:5: unknown key 'retire'" in done.stderr


def test_validate_counts_unsourced_dates_in_good_english(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "version: 1\nproviders:\n  p: {name: P}\nsurfaces:\n  api: {name: API}\n"
        "models:\n  m: {name: M, provider: p, surfaces: {api: {retires: 2026-01-01}}}\n"
    )
    done = run("validate", one, env=pinned_env(tmp_path))
    assert done.returncode == 0
    assert "warning: 1 retirement date has no `source`" in done.stderr


def test_one_day_is_one_day(cli: Cli) -> None:
    notices = cli("notices", "--within", "1", "--date", "2026-03-01")
    assert "and the 1 day after" in notices.stdout
    assert "retires within 1 day." in notices.stdout
    assert "and the 2 days after" in cli("notices", "--within", "2").stdout


def test_markdown_keeps_an_id_with_a_backtick_whole(tmp_path: Path) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        "version: 1\nproviders:\n  p: {name: P}\nsurfaces:\n  api: {name: API}\n"
        "models:\n  'm|1`x': {name: M, provider: p, surfaces: {api: }}\n"
    )
    done = run("status", "--catalogue", odd, "-f", "markdown", env=pinned_env(tmp_path))
    assert done.returncode == 0
    assert "| m\\|1`x | M |" in done.stdout
