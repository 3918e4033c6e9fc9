"""``modelsunset check`` on the command line: the acceptance example, exit
codes, levels, surfaces, ``--model``, unknown ids, configuration, and the machine formats
(JSON shape, GitHub workflow commands, SARIF against the official schema)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from support import on_a_terminal, pinned_env, run_installed
from support.check import CATALOGUE, D, check, project, run_command

SCHEMA = Path(__file__).parent / "schema" / "sarif-schema-2.1.0.json"
FINDING_KEYS = {
    "path", "line", "column", "match", "model", "surface", "state", "retires", "days_left",
    "resolved", "level",
}  # fmt: skip


def as_json(result: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    return document


# The acceptance example ---------------------------------------------------------------


def test_a_retired_model_fails_the_build(tmp_path: Path) -> None:
    repo = project(tmp_path)
    result = check(repo, ".", "--date", D)
    assert result.returncode == 1
    assert "src/app.py:3" in result.stdout
    assert "GPT-4.5 Preview (gpt-4.5-preview) on api" in result.stdout
    assert "retired 2025-07-14" in result.stdout
    assert "replacement: gpt-4.1" in result.stdout
    assert "1 error, 0 warnings" in result.stdout


def test_no_fail_reports_and_exits_0(tmp_path: Path) -> None:
    repo = project(tmp_path)
    result = check(repo, ".", "--date", D, "--no-fail")
    assert result.returncode == 0
    assert "src/app.py:3" in result.stdout


def test_path_defaults_to_the_working_folder(tmp_path: Path) -> None:
    repo = project(tmp_path)
    assert check(repo, "--date", D).returncode == 1
    assert check(repo, "--date", D, cwd=repo / "src").stdout.count("app.py:3:10") == 1


def test_json_has_the_contract_shape(tmp_path: Path) -> None:
    repo = project(tmp_path)
    document = as_json(check(repo, ".", "--date", D, "--format", "json"))
    assert document["date"] == D
    assert document["surfaces"] == ["api"]
    assert document["summary"]["errors"] == 1
    assert document["summary"]["warnings"] == 0
    assert document["unknown"] == []
    (finding,) = document["findings"]
    assert set(finding) >= FINDING_KEYS
    assert {key: finding[key] for key in FINDING_KEYS} == {
        "path": "src/app.py",
        "line": 3,
        "column": 10,
        "match": "gpt-4.5-preview",
        "model": "gpt-4.5-preview",
        "surface": "api",
        "state": "retired",
        "retires": "2025-07-14",
        "days_left": -215,
        "resolved": "gpt-4.1",
        "level": "error",
    }
    assert finding["automatic"] is False
    assert finding["message"] == (
        "GPT-4.5 Preview (gpt-4.5-preview) retired from Developer API on 2025-07-14 "
        "(215 days ago). Calls fail; switch to gpt-4.1."
    )


NO_SUCCESSOR = """\
version: 1
models:
  old-model:
    provider: openai
    surfaces:
      api: {retires: 2026-01-01}
"""


def test_automatic_is_a_boolean_even_without_a_successor(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"old-model" "gpt4o" "gpt-4.5-preview"\n'})
    (tmp_path / "overlay.yaml").write_text(NO_SUCCESSOR, encoding="utf-8")
    overlay = ["--overlay", str(tmp_path / "overlay.yaml")]
    result = check(repo, "--date", D, "-f", "json", "-s", "api", "-s", "chatgpt", *overlay)
    automatic = {f["model"]: f["automatic"] for f in as_json(result)["findings"]}
    assert automatic == {"old-model": False, "gpt-4o": True, "gpt-4.5-preview": False}
    notices = json.loads(
        run_command(
            "notices",
            "--date",
            "2026-02-10",
            "-f",
            "json",
            "--catalogue",
            str(tmp_path / "catalogue.yaml"),
            *overlay,
        ).stdout
    )
    assert {type(notice["automatic"]) for notice in notices} == {bool}


def test_stdout_carries_only_the_data(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": "gpt-4.5-preview\n", ".gitignore": "*.log\n!\n"})
    result = check(repo, "--date", D, "-f", "json")
    json.loads(result.stdout)
    assert "warning: .gitignore:2: '!' is not a gitignore pattern; left out" in result.stderr


def test_a_file_that_is_not_utf8_fails_the_build_too(tmp_path: Path) -> None:
    repo = project(
        tmp_path, {"legacy.py": "# Modèle\nMODEL = 'gpt-4.5-preview'\n".encode("latin-1")}
    )
    result = check(repo, "--date", D, "-f", "json")
    assert result.returncode == 1, result.stderr
    (finding,) = as_json(result)["findings"]
    assert (finding["path"], finding["line"], finding["column"]) == ("legacy.py", 2, 10)
    assert finding["text"] == "MODEL = 'gpt-4.5-preview'"
    assert "skipped" not in result.stderr


def test_a_long_line_of_many_hits_gives_a_small_report(tmp_path: Path) -> None:
    # Each finding carries a window of its line, not the whole line: 5,000 hits on a 95 KB
    # line once made 475 MB of JSON.
    count = 5_000
    repo = project(tmp_path, {"long.py": "x = [" + '"gpt-4.5-preview", ' * count + "]\n"})
    result = check(repo, "--date", D, "-f", "json")
    assert result.returncode == 1
    findings = as_json(result)["findings"]
    assert len(findings) == count
    assert all(len(finding["text"]) <= 200 for finding in findings)
    assert len(result.stdout) < count * 2_000


def test_an_unreadable_gitignore_line_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    repo = project(tmp_path, {".gitignore": "\\\nbuild/\n", "build/a.py": '"gpt-4.5-preview"\n'})
    result = check(repo, "--date", D)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "warning: .gitignore:1: '\\\\' is not a gitignore pattern; left out"
    )


def test_a_gitignore_line_python_cannot_compile_is_a_note_not_a_traceback(
    tmp_path: Path,
) -> None:
    # Git accepts '[z-a]' (a range that matches nothing); Python's regular expressions
    # refuse it. The line is left out, as an invalid one is, and the rest still applies.
    repo = project(
        tmp_path,
        {".gitignore": "[z-a]\nbuild/\n[[x]\n", "build/a.py": '"gpt-4.5-preview"\n'},
    )
    env = pinned_env(MODELSUNSET_DATE=D, PYTHONWARNINGS="error")  # Python's own warnings
    result = check(repo, "--date", D, env=env, runner=run_installed)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: .gitignore:1: '[z-a]' is not a pattern modelsunset can read "
        "(bad character range z-a); left out"
    ]


def test_an_ignore_file_that_is_a_pipe_is_left_out_not_waited_on(tmp_path: Path) -> None:
    # Opened as git would open it, a pipe with no writer would wait forever.
    repo = project(tmp_path, {"sub/x.py": '"gpt-4.5-preview"\n'})
    os.mkfifo(repo / "sub" / ".gitignore")
    result = check(repo, "--date", D, runner=run_installed)  # 120 s timeout
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "warning: sub/.gitignore is not a regular file (a pipe); left out"
    ]


def test_ignore_files_that_lead_to_a_device_are_left_out(tmp_path: Path) -> None:
    # Read whole, /dev/zero would take all the memory there is.
    repo = project(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", "a.py": '"gpt-4.5-preview"\n'})
    (repo / ".gitignore").symlink_to("/dev/zero")
    (repo / ".git" / "info").mkdir()
    (repo / ".git" / "info" / "exclude").symlink_to("/dev/zero")
    result = check(repo, "--date", D)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "warning: .git/info/exclude is not a regular file (a character device); left out",
        "warning: .gitignore is a symbolic link; left out (git does not follow it either)",
    ]


HOSTILE = {
    "red\x1b[31m.py": '"gpt-4.5-preview"\n',
    "two\nlines.py": '"gpt-4.5-preview" "gpt-9"\n',
    "caf\u00e9\u2192.py": '"gpt-4.5-preview"\n',
}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_control_characters_in_file_names_are_escaped_for_people(tmp_path: Path, fmt: str) -> None:
    # A file name may hold an escape sequence or a newline: written raw, it could restyle
    # the terminal or forge a line of the report. Other characters are left as they are.
    repo = project(tmp_path, HOSTILE)
    result = check(repo, "--date", D, "-f", fmt)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stdout
    assert "red\\x1b[31m.py:1:2" in result.stdout
    assert "two\\nlines.py:1:2" in result.stdout
    assert "caf\u00e9\u2192.py:1:2" in result.stdout
    assert not any(line.startswith("lines.py") for line in result.stdout.splitlines())
    unknown = "two\\nlines.py:1:20" if fmt == "text" else "two\\nlines.py:1`"
    assert unknown in result.stdout


def test_control_characters_in_file_names_stay_as_they_are_for_machines(
    tmp_path: Path,
) -> None:
    repo = project(tmp_path, HOSTILE)
    document = as_json(check(repo, "--date", D, "-f", "json"))
    assert sorted(finding["path"] for finding in document["findings"]) == sorted(HOSTILE)
    assert [item["path"] for item in document["unknown"]] == ["two\nlines.py"]


def test_control_characters_in_notes_are_escaped(tmp_path: Path) -> None:
    # A note is one line, whatever the name of the file it is about.
    repo = project(
        tmp_path, {"d\x1b[2J/.gitignore": "!\n", "two\nlines/.gitignore": "!\n", "a.py": ""}
    )
    result = check(repo, "--date", D)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: d\\x1b[2J/.gitignore:1: '!' is not a gitignore pattern; left out",
        "warning: two\\nlines/.gitignore:1: '!' is not a gitignore pattern; left out",
    ]


# Exit codes ----------------------------------------------------------------------------


def test_a_clean_tree_exits_0(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": 'MODEL = "gpt-4.1"\n'})
    result = check(repo, "--date", D)
    assert result.returncode == 0
    assert "No retired model" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "gpt-4.6"], "unknown model 'gpt-4.6'"),
        (["--surface", "apii"], "did you mean 'api'"),
        (["--date", "someday"], "not a date"),
        (["--date", "2026-02-30"], "not a real calendar date"),
        (["--format", "sariff"], "'sariff' is not one of 'text', 'json'"),
        (["--exclude", "!"], "--exclude '!' is not a gitignore pattern"),
        (["--exclude", "\\"], "--exclude '\\\\' is not a gitignore pattern"),
        (["--exclude", ""], "--exclude is empty"),
        (["--exclude", "[z-a]"], "--exclude '[z-a]' is not a pattern modelsunset can read"),
        (["--exclude", "docs/[a-\\]"], "--exclude 'docs/[a-\\\\]' is not a pattern"),
        (["--fail-within", "-1"], "-1"),
        (["no/such/folder"], "no such file or folder"),
        # A PATH's control characters are written out: it cannot start a line of its own.
        (["x\n::error file=a.py::forged"], "no such file or folder: x\\n::error file=a.py"),
        (["x\x1b[31m"], "no such file or folder: x\\x1b[31m\n"),
        (["--surface", "a\nb"], "error: unknown surface 'a\\nb'\n"),
        (["--baseline", "b\nx"], "error: --baseline b\\nx: no such file\n"),
        (["--changed", "a\nb"], "error: --changed a\\nb: "),
        (["--waivers", "w\nx"], "error: --waivers w\\nx: no such file\n"),
        (["--kinds", "k\nx"], "error: --kinds names unknown kind 'k\\nx'\n"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    repo = project(tmp_path)
    result = check(repo, "--date", D, *args) if "--date" not in args else check(repo, *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("kind", ["pipe", "character device"])
def test_a_path_that_is_neither_file_nor_folder_is_a_usage_error(tmp_path: Path, kind: str) -> None:
    # A pipe (`check <(...)`, /dev/stdin) or a device has nothing to scan: passing with
    # "0 files scanned" would let the gate pass having checked nothing.
    repo = project(tmp_path)
    if kind == "pipe":
        os.mkfifo(repo / "pipe")
        path = "pipe"
    else:
        path = os.devnull
    result = check(repo, "--date", D, "src", path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"error: cannot scan {path}: it is a {kind}, not a file or folder",
        "  hint: check scans files and folders; --model ID checks ids without scanning",
    ]
    assert result.stdout == ""


@pytest.mark.parametrize("jobs", ["257", "100000", "99999999999999999999"])
def test_jobs_above_the_maximum_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    # Checked before anything is scanned: a big tree would otherwise fork that many
    # processes (or fail in multiprocessing on a number too large for C).
    repo = project(tmp_path, {f"f{number}.txt": "" for number in range(450)})
    result = check(repo, "--date", D, "--jobs", jobs)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == f"error: --jobs {jobs} is more than 256"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_jobs_up_to_the_maximum_is_accepted(tmp_path: Path) -> None:
    repo = project(tmp_path)
    assert check(repo, "--date", D, "--jobs", "256").returncode == 1


def test_unknown_model_suggests_close_ids(tmp_path: Path) -> None:
    result = check(project(tmp_path), "--model", "gpt-4.5-previw", "--date", D)
    assert result.returncode == 2
    assert "did you mean 'gpt-4.5-preview'" in result.stderr


def test_a_broken_catalogue_exits_3(tmp_path: Path) -> None:
    repo = project(tmp_path)
    (tmp_path / "catalogue.yaml").write_text("version: 1\nmodels: [\n", encoding="utf-8")
    result = check(repo, "--date", D)
    assert result.returncode == 3
    assert result.stdout == ""


# Levels and surfaces -------------------------------------------------------------------


def levels(repo: Path, *args: str) -> dict[str, str]:
    document = as_json(check(repo, "--date", D, "-f", "json", "--no-fail", *args))
    return {f"{f['model']}@{f['surface']}": f["level"] for f in document["findings"]}


def test_levels_follow_the_windows(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"chatgpt-4o-latest" "gpt-4o-mini" "gpt-4-turbo"\n'})
    # chatgpt-4o-latest retires in 3 days, gpt-4o-mini in 15, gpt-4-turbo in 199.
    assert levels(repo) == {"chatgpt-4o-latest@api": "warning", "gpt-4o-mini@api": "warning"}
    assert levels(repo, "--fail-within", "3") == {
        "chatgpt-4o-latest@api": "error",
        "gpt-4o-mini@api": "warning",
    }
    assert levels(repo, "--warn-within", "14") == {"chatgpt-4o-latest@api": "warning"}
    assert levels(repo, "--warn-within", "2") == {}
    assert check(repo, "--date", D, "--fail-within", "3").returncode == 1
    assert check(repo, "--date", D).returncode == 0


def test_levels_follow_days_left_whether_announced_or_not(tmp_path: Path) -> None:
    # gpt-4-turbo retires on 2026-09-01 (199 days after D); it is announced on 2026-03-01.
    repo = project(tmp_path, {"a.py": '"gpt-4-turbo"\n'})
    assert levels(repo) == {}
    assert levels(repo, "--warn-within", "199") == {"gpt-4-turbo@api": "warning"}
    assert levels(repo, "--fail-within", "199") == {"gpt-4-turbo@api": "error"}
    (finding,) = as_json(check(repo, "--date", D, "-f", "json", "--warn-within", "365"))["findings"]
    assert (finding["state"], finding["days_left"], finding["level"]) == ("active", 199, "warning")
    assert check(repo, "--date", D, "--fail-within", "199").returncode == 1
    assert check(repo, "--date", "2026-09-01").returncode == 1  # retired


def test_retired_is_an_error_whatever_the_windows(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4.5-preview"\n'})
    assert levels(repo, "--warn-within", "0", "--fail-within", "0") == {
        "gpt-4.5-preview@api": "error"
    }


def test_a_finding_per_requested_surface_the_model_is_offered_on(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4o" "gpt-4.5-preview"\n'})
    assert levels(repo) == {"gpt-4.5-preview@api": "error"}
    assert levels(repo, "--surface", "chatgpt") == {"gpt-4o@chatgpt": "error"}
    assert levels(repo, "-s", "api", "-s", "ChatGPT") == {
        "gpt-4o@chatgpt": "error",
        "gpt-4.5-preview@api": "error",
    }


def test_chains_are_followed_to_the_model_that_answers(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4-0314"\n'})
    document = as_json(check(repo, "--date", D, "-f", "json"))
    (finding,) = document["findings"]
    assert finding["resolved"] == "gpt-4.1"
    assert finding["chain"] == ["gpt-4-0314", "gpt-4-0613", "gpt-4.1"]
    assert (
        "leads to: gpt-4.1 (gpt-4-0314 → gpt-4-0613 → gpt-4.1)" in check(repo, "--date", D).stdout
    )


def test_aliases_are_found_and_named(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.yaml": "model: claude-3-opus-latest\n"})
    document = as_json(check(repo, "--date", D, "-f", "json"))
    (finding,) = document["findings"]
    assert (finding["match"], finding["model"]) == (
        "claude-3-opus-latest",
        "claude-3-opus-20240229",
    )


# --model and unknown ids ----------------------------------------------------------------


def test_model_option_checks_without_scanning(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4.5-preview"\n'})
    result = check(repo, "--model", "gpt4o", "--surface", "chatgpt", "--date", D, "-f", "json")
    assert result.returncode == 1
    document = as_json(result)
    (finding,) = document["findings"]
    assert (finding["path"], finding["line"], finding["column"]) == (None, None, None)
    assert (finding["match"], finding["model"], finding["resolved"]) == (
        "gpt4o",
        "gpt-4o",
        "gpt-5.2",
    )
    assert document["summary"]["files"] == 0


def test_model_option_and_paths_together(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4o-mini"\n'})
    document = as_json(check(repo, ".", "--model", "gpt-4.5-preview", "--date", D, "-f", "json"))
    assert [(f["path"], f["model"]) for f in document["findings"]] == [
        (None, "gpt-4.5-preview"),
        ("a.py", "gpt-4o-mini"),
    ]


def test_unknown_ids_are_listed_and_never_fail(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": 'MODEL = "gpt-5.9-preview"\nOTHER = "claude-opus-9"\n'})
    result = check(repo, "--date", D)
    assert result.returncode == 0
    assert "Model ids not in the catalogue" in result.stdout
    document = as_json(check(repo, "--date", D, "-f", "json"))
    assert [(u["match"], u["line"], u["column"]) for u in document["unknown"]] == [
        ("gpt-5.9-preview", 1, 10),
        ("claude-opus-9", 2, 10),
    ]
    assert document["summary"]["unknown"] == 2


def test_the_catalogue_files_in_use_are_not_scanned(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": "x\n"})
    (repo / "mine.yaml").write_text((tmp_path / "catalogue.yaml").read_text(), encoding="utf-8")
    result = check(repo, "--date", D, "--catalogue", "mine.yaml", catalogue=False)
    assert result.returncode == 0, result.stdout


# Configuration -------------------------------------------------------------------------


def configure(repo: Path, table: str) -> None:
    (repo / "pyproject.toml").write_text(f"[tool.modelsunset]\n{table}", encoding="utf-8")


def test_configuration_sets_defaults_and_flags_win(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"chatgpt-4o-latest" "gpt-4o"\n', "skip/b.py": '"davinci"\n'})
    configure(repo, 'fail-within = 7\nsurfaces = ["api", "chatgpt"]\nexclude = ["skip/"]\n')
    assert levels(repo) == {"chatgpt-4o-latest@api": "error", "gpt-4o@chatgpt": "error"}
    assert levels(repo, "--fail-within", "0", "--surface", "api") == {
        "chatgpt-4o-latest@api": "warning"
    }
    assert levels(repo, "--exclude", "a.py") == {}


def test_configuration_is_found_upward(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/a.py": '"chatgpt-4o-latest"\n'})
    configure(repo, "fail-within = 7\n")
    assert check(repo, "--date", D, cwd=repo / "src").returncode == 1


def test_configuration_names_the_catalogue(tmp_path: Path) -> None:
    repo = project(tmp_path)
    (repo / "ops").mkdir()
    (repo / "ops" / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    configure(repo, 'catalogue = "ops/catalogue.yaml"\n')
    result = check(repo, "--date", D, catalogue=False, cwd=repo / "src")
    assert result.returncode == 1, result.stderr
    assert "app.py:3:10" in result.stdout


def test_a_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/a.py": '"chatgpt-4o-latest"\n'})
    configure(repo, "fail-within = 7\n")
    (repo / "src" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert check(repo, "--date", D, cwd=repo / "src").returncode == 1


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("fail_within = 3\n", "unknown key 'fail_within'"),
        ("fail_within = 3\n", "did you mean 'fail-within'"),
        ("colour = true\n", "the keys are surfaces, fail-within"),
        ("fail-within = -1\n", "'fail-within' must be a whole number of days"),
        ("warn-within = '90'\n", "'warn-within' must be a whole number"),
        ("surfaces = [1]\n", "'surfaces' must be a list of strings"),
        ("surfaces = ['nowhere']\n", "unknown surface 'nowhere'"),
        (
            "surfaces = ['api', 'apii']\n",
            "error: pyproject.toml [tool.modelsunset]: 'surfaces' names unknown surface 'apii'"
            "\n  hint: did you mean 'api'",
        ),
        ("this is not toml\n", "is not valid TOML"),
        ("surfaces = []\n", "pyproject.toml [tool.modelsunset]: 'surfaces' is empty"),
        ("surfaces = ['api', '']\n", "[tool.modelsunset]: 'surfaces' holds an empty string"),
        ('catalogue = ""\n', "pyproject.toml [tool.modelsunset]: 'catalogue' is empty"),
        ("exclude = ['']\n", "pyproject.toml [tool.modelsunset]: 'exclude' holds an empty"),
        ("exclude = ['build/', ' ']\n", "'exclude' holds an empty string"),
        ("overlays = ['']\n", "'overlays' holds an empty string"),
        (
            "exclude = ['!']\n",
            "pyproject.toml [tool.modelsunset]: 'exclude' holds '!', which is not a gitignore",
        ),
        ("exclude = ['x\\']\n", "'exclude' holds 'x\\\\', which is not a gitignore"),
        (
            "exclude = ['build/', '[z-a]']\n",
            "pyproject.toml [tool.modelsunset]: 'exclude' holds '[z-a]', which is not a "
            "pattern modelsunset can read (bad character range z-a)",
        ),
        ("exclude = ['[a-\\]']\n", "'exclude' holds '[a-\\\\]', which is not a pattern"),
    ],
)
def test_bad_configuration_exits_2(tmp_path: Path, table: str, message: str) -> None:
    repo = project(tmp_path)
    configure(repo, table)
    result = check(repo, "--date", D)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_bad_configured_surface_names_the_file_only_when_it_comes_from_there(
    tmp_path: Path,
) -> None:
    repo = project(tmp_path)
    configure(repo, "surfaces = ['nope']\n")
    result = check(repo, "--date", D, "--surface", "nope2")
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown surface 'nope2'\n")
    (tmp_path / "catalogue.yaml").write_text("version: 1\n", encoding="utf-8")
    result = check(repo, "--date", D)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "error: pyproject.toml [tool.modelsunset]: 'surfaces' names unknown surface 'nope': "
        "this catalogue declares no surfaces\n"
    )


ONLY_CHATGPT = """\
version: 1
providers:
  openai: {name: OpenAI}
surfaces:
  chatgpt: {name: ChatGPT, provider: openai}
  gemini-app: {name: Gemini app}
models:
  gpt-4o:
    provider: openai
    surfaces:
      chatgpt: {retires: 2026-02-13, fallback: gpt-5.2}
  gpt-5.2:
    provider: openai
    surfaces:
      chatgpt:
"""


def test_a_catalogue_without_the_default_surface_says_which_it_has(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4o"\n'})
    (tmp_path / "catalogue.yaml").write_text(ONLY_CHATGPT, encoding="utf-8")
    result = check(repo, "--date", D)
    assert result.returncode == 2
    assert result.stderr.splitlines()[:2] == [
        "error: the default surface 'api' is not in this catalogue; its surfaces are "
        "chatgpt, gemini-app",
        "  hint: choose with --surface S, or `surfaces` in [tool.modelsunset]",
    ]
    assert check(repo, "--date", D, "--surface", "chatgpt").returncode == 1


def test_a_catalogue_without_surfaces_says_so(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4o"\n'})
    (tmp_path / "catalogue.yaml").write_text("version: 1\n", encoding="utf-8")
    result = check(repo, "--date", D)
    assert result.returncode == 2
    assert "the default surface 'api' is not in this catalogue; it declares no surfaces" in (
        result.stderr
    )
    result = check(repo, "--date", D, "--surface", "azure")
    assert result.returncode == 2
    assert "unknown surface 'azure': this catalogue declares no surfaces" in result.stderr


# Formats for machines ------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_lines_parse_as_workflow_commands(tmp_path: Path) -> None:
    repo = project(
        tmp_path,
        {
            "src/app.py": 'a = "gpt-4.5-preview"\nb = "gpt-4o-mini"\nc = "gpt-9"\n',
            "odd, name: 100%.py": '"gpt-4.5-preview"\n',
        },
    )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = check(
        repo,
        "--date",
        D,
        "-f",
        "github",
        env=pinned_env(MODELSUNSET_DATE=D, GITHUB_STEP_SUMMARY=str(summary)),
    )
    assert result.returncode == 1
    seen = []
    for line in result.stdout.splitlines():
        found = COMMAND.match(line)
        assert found, line
        kind, raw, message = found.groups()
        properties = dict(item.split("=", 1) for item in raw.split(","))
        assert set(properties) <= {"file", "line", "col", "title"}
        seen.append((kind, unescape(properties["file"]), int(properties["line"])))
        assert "\n" not in unescape(message) or "%0A" in message
    assert seen == [
        ("error", "odd, name: 100%.py", 1),
        ("error", "src/app.py", 1),
        ("warning", "src/app.py", 2),
        ("notice", "src/app.py", 3),
    ]
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## Model retirements")
    assert "| error | `gpt-4.5-preview` |" in written


def test_a_step_summary_that_is_a_pipe_is_a_warning_not_a_wait(tmp_path: Path) -> None:
    summary = tmp_path / "summary.fifo"
    os.mkfifo(summary)  # nobody reads it: opening it to write would block forever
    env = pinned_env(MODELSUNSET_DATE=D, GITHUB_STEP_SUMMARY=str(summary))
    result = check(  # 120 s timeout
        project(tmp_path), "--date", D, "-f", "github", env=env, runner=run_installed
    )
    assert result.returncode == 1
    assert result.stdout.startswith("::error ")
    assert "warning: cannot append to GITHUB_STEP_SUMMARY" in result.stderr


def test_no_step_summary_for_other_formats(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = pinned_env(MODELSUNSET_DATE=D, GITHUB_STEP_SUMMARY=str(summary))
    check(project(tmp_path), "--date", D, env=env)
    assert not summary.exists()


def test_sarif_uris_under_the_base_are_relative_and_others_have_no_base(tmp_path: Path) -> None:
    repo = project(tmp_path)
    inside = as_json(check(repo, ".", "--date", D, "-f", "sarif"))
    outside = as_json(check(repo, str(repo / "src"), "../repo/src", "--date", D, "-f", "sarif"))

    def places(document: dict[str, Any]) -> list[dict[str, str]]:
        return [
            result["locations"][0]["physicalLocation"]["artifactLocation"]
            for result in document["runs"][0]["results"]
        ]

    assert places(inside) == [{"uri": "src/app.py", "uriBaseId": "%SRCROOT%"}]
    found = places(outside)
    assert {"uri": "file://" + str(repo / "src" / "app.py")} in found
    assert all("uriBaseId" not in place for place in found), found


@pytest.mark.skipif(os.name != "posix", reason="a name of bytes that are not UTF-8")
def test_sarif_uris_give_the_bytes_of_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    # The text shows U+FFFD for such a byte; a URI of U+FFFD (%EF%BF%BD) would name no file.
    repo = project(tmp_path, {})
    for name in (b"bad\xffname.py", b"d\xe9/x.py", b"two\xe8.py", b"two\xe9.py"):
        path = os.path.join(os.fsencode(repo), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(b'M = "gpt-4.5-preview"\n')
    text = check(repo, "--date", D).stdout
    assert "bad\ufffdname.py:1:6" in text and "d\ufffd/x.py:1:6" in text
    results = as_json(check(repo, "--date", D, "-f", "sarif"))["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    # Two names shown alike cannot be told apart: those keep U+FFFD.
    assert sorted(set(uris)) == ["bad%FFname.py", "d%E9/x.py", "two%EF%BF%BD.py"]
    given = as_json(check(repo, os.fsdecode(b"bad\xffname.py"), "--date", D, "-f", "sarif"))
    place = given["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": "bad%FFname.py", "uriBaseId": "%SRCROOT%"}


def test_sarif_keeps_within_the_results_github_takes_errors_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from modelsunset.render.check import sarif

    files = {
        "a.py": 'x = "gpt-9"\ny = "gpt-4o-mini"\n',
        "b.py": 'z = "gpt-4o-mini"\nw = "gpt-4.5-preview"\n',
        "c.py": '"gpt-4.5-preview"\n',
    }
    repo = project(tmp_path, files)
    # The count the command warns by is the number of results the run has.
    counted: list[int] = []
    real_count = sarif.result_count
    monkeypatch.setattr(
        sarif, "result_count", lambda report: counted.append(real_count(report)) or counted[-1]
    )
    whole = as_json(check(repo, "--date", D, "-f", "sarif"))["runs"][0]["results"]
    assert [r["level"] for r in whole] == ["warning", "warning", "error", "error", "note"]
    assert counted == [len(whole)]
    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    result = check(repo, "--date", D, "-f", "sarif")
    assert result.returncode == 1  # the gate judges every finding
    log = json.loads(result.stdout)
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [error.message for error in validator.iter_errors(log)] == []
    run = log["runs"][0]
    # Errors first, then warnings; kept in the report's order.
    assert [
        (r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in run["results"]
    ] == [
        ("warning", "a.py"),
        ("error", "b.py"),
        ("error", "c.py"),
    ]
    told = run["invocations"][0]["toolExecutionNotifications"]
    said = (
        "2 more results were left out of this run: "
        "GitHub code scanning rejects a run of more than 3"
    )
    assert sarif.too_many(1).startswith("1 more result was left out of this run: ")
    assert told[-1]["level"] == "warning"
    assert told[-1]["message"]["text"].startswith(said)
    assert f"warning: {said}" in result.stderr


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    repo = project(
        tmp_path,
        {
            "src/app.py": 'a = "gpt-4.5-preview"\nb = "gpt-4o-mini"\nc = "gpt-9"\n',
            "src/a b.py": '"gpt-4.5-preview"\n"gpt-4.5-preview"\n',
        },
    )
    result = check(repo, ".", "--date", D, "-f", "sarif", "--model", "chatgpt-4o-latest")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = [error.message for error in validator.iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules[:3] == ["model-retirement-error", "model-retirement-warning", "unknown-model-id"]
    assert rules[3:] == ["model-not-checked", "model-retirement-note"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "error", "error", "warning", "note"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[0] == "src/a%20b.py"
    assert all(not uri.startswith("/") for uri in uris)
    prints = [r["partialFingerprints"]["modelsunset/v1"] for r in results]
    assert len(set(prints)) == len(prints)
    # Fingerprints do not change when lines move.
    (repo / "src" / "app.py").write_text(
        '\n\n# moved\na = "gpt-4.5-preview"\nb = "gpt-4o-mini"\nc = "gpt-9"\n', encoding="utf-8"
    )
    moved = json.loads(check(repo, "--date", D, "-f", "sarif").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"]["modelsunset/v1"] for r in moved] == prints
    assert moved[2]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [note["level"] for note in notes] == ["warning"]


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    repo = project(tmp_path)
    env = pinned_env(MODELSUNSET_DATE=D, TERM="xterm-256color")
    del env["NO_COLOR"]
    args = ["--date", D, "--catalogue", str(tmp_path / "catalogue.yaml")]
    coloured = on_a_terminal(["check", *args], env, repo)
    assert "\033[1;31merror    \033[0m" in coloured
    assert "GPT-4.5 Preview (gpt-4.5-preview)" in coloured
    assert "\033[" not in on_a_terminal(["check", *args], {**env, "NO_COLOR": "1"}, repo)
    assert "\033[" not in check(repo, "--date", D, env=env, runner=run_installed).stdout  # a pipe
    assert "\033[" not in on_a_terminal(["check", *args, "-f", "json"], env, repo)


def test_text_and_markdown_draw_chains_in_ascii_when_stdout_cannot_take_utf8(
    tmp_path: Path,
) -> None:
    """Where stdout cannot take UTF-8, the chain a retired model leads along is drawn with
    ``->`` rather than an arrow written as ``\\u2192``; with UTF-8 it keeps its arrow."""
    repo = project(tmp_path, {"app.py": 'LEGACY = "gpt-4-0314"\n'})
    # A real process: the encoding of a real stdout.
    narrow = pinned_env(PYTHONIOENCODING="ascii", MODELSUNSET_DATE=D)
    text = check(repo, "--date", D, env=narrow, runner=run_installed).stdout
    assert "leads to: gpt-4.1 (gpt-4-0314 -> gpt-4-0613 -> gpt-4.1)" in text
    markdown = check(repo, "--date", D, "-f", "markdown", env=narrow, runner=run_installed).stdout
    assert "| gpt-4-0613 -> gpt-4.1 (gpt-4-0314 -> gpt-4-0613 -> gpt-4.1) |" in markdown
    for output in (text, markdown):
        assert output.isascii() and "\\u2192" not in output
    utf8 = check(repo, "--date", D).stdout
    assert "leads to: gpt-4.1 (gpt-4-0314 → gpt-4-0613 → gpt-4.1)" in utf8


def test_gitignore_and_binaries_through_the_command(tmp_path: Path) -> None:
    repo = project(
        tmp_path,
        {
            ".gitignore": "generated/\n",
            "generated/x.py": '"gpt-4.5-preview"\n',
            "blob.bin": b"\x00gpt-4.5-preview",
            "ok.py": '"gpt-4.1"\n',
        },
    )
    assert check(repo, "--date", D).returncode == 0
    assert check(repo, "--date", D, "--no-gitignore").returncode == 1


def test_symlink_loop_through_the_command(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a/b.py": '"gpt-4.5-preview"\n'})
    (repo / "a" / "loop").symlink_to(repo / "a")
    result = check(repo, "--date", D, "-f", "json")
    assert [f["path"] for f in as_json(result)["findings"]] == ["a/b.py"]


CHAIN = """\
version: 1
providers:
  p: {name: P}
surfaces:
  api: {name: API}
models:
  a: {name: A, provider: p, surfaces: {api: {retires: 2026-12-01, fallback: b}}}
  b: {name: B, provider: p, surfaces: {api: {retires: 2026-12-10, replacement: c}}}
  c: {name: C, provider: p, surfaces: {api: {retires: 2026-12-12, fallback: d}}}
  d: {name: D, provider: p, surfaces: {api: }}
"""


@pytest.mark.parametrize(
    ("model", "automatic"),
    [("c", True), ("a", False), ("b", False)],  # a: fallback, then a replacement (b -> c)
)
def test_automatic_means_every_step_to_the_answer_is_a_fallback(
    tmp_path: Path, model: str, automatic: bool
) -> None:
    catalogue = tmp_path / "chain.yaml"
    catalogue.write_text(CHAIN)
    args = ["check", "--model", model, "--catalogue", str(catalogue), "--date", "2026-12-15"]
    done = run_command(*args, "--format", "json")
    (finding,) = as_json(done)["findings"]
    assert finding["resolved"] == "d"
    assert finding["automatic"] is automatic
    text = run_command(*args).stdout
    assert ("(not automatic)" in text) is (model == "a"), text
    assert ("not automatically" in run_command(*args, "--format", "github").stdout) is (
        model == "a"
    )


def test_a_model_asked_for_but_not_on_the_surfaces_checked_is_a_warning(tmp_path: Path) -> None:
    catalogue = tmp_path / "chain.yaml"
    catalogue.write_text(
        CHAIN.replace(
            "surfaces:\n  api: {name: API}", "surfaces:\n  api: {name: API}\n  web: {name: Web}"
        )
    )
    args = ["check", "--catalogue", str(catalogue), "--date", "2026-12-15", "--model", "a"]
    done = run_command(*args, "--surface", "web")
    assert done.returncode == 0
    assert "a is not offered on web, so it is not checked (it is offered on: api" in done.stderr
    assert "not offered" not in run_command(*args).stderr  # api is where it is
