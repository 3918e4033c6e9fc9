"""The GitHub Action (``action.yml``) and the pre-commit hooks (``.pre-commit-hooks.yaml``).

The action is a composite one: its ``run:`` steps are bash scripts that get their inputs
from environment variables. Here they run as a runner would run them (``bash --noprofile
--norc -eo pipefail``), with the environment the action's ``env:`` gives them (the
expressions evaluated by a small stand-in for the runner), against a small repository,
with ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` pointing at files. The ``uses:`` steps
(setup-python, the SARIF upload) are GitHub's own and are only checked for their pins.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import pinned_env, run, write_tree
from support.check import APP, CATALOGUE, D

ROOT = Path(__file__).resolve().parent.parent.parent
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUTS = {
    "version",
    "paths",
    "surfaces",
    "fail-within",
    "warn-within",
    "format",
    "baseline",
    "sarif",
    "python-version",
    "catalogue",
    "overlays",
}
BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="the action's steps are bash scripts")


def action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps() -> list[dict[str, Any]]:
    found = action()["runs"]["steps"]
    assert isinstance(found, list)
    return found


def step(step_id: str) -> dict[str, Any]:
    (found,) = (s for s in steps() if s.get("id") == step_id)
    return found


# --- the file itself ---------------------------------------------------------------------


def test_action_is_a_composite_action_with_the_inputs_and_outputs() -> None:
    loaded = action()
    assert loaded["name"] and loaded["description"]
    assert loaded["runs"]["using"] == "composite"
    assert set(loaded["inputs"]) == INPUTS
    for name, spec in loaded["inputs"].items():
        assert spec.get("description"), name
        assert isinstance(spec.get("default", ""), str), f"{name}: defaults are strings"
    assert loaded["inputs"]["paths"]["default"] == "."
    assert loaded["inputs"]["format"]["default"] == "github"
    assert loaded["inputs"]["python-version"]["default"] == "3.12"
    assert loaded["inputs"]["sarif"]["default"] == "false"
    assert loaded["inputs"]["version"]["default"] == ""
    assert {"errors", "warnings"} <= set(loaded["outputs"])
    for name, spec in loaded["outputs"].items():
        assert EXPRESSION.fullmatch(spec["value"]), name
    for s in steps():
        if "run" in s:
            assert s["shell"] == "bash", s.get("name")


def test_every_input_used_is_declared_and_every_declared_input_is_used() -> None:
    text = ACTION.read_text(encoding="utf-8")
    used = {
        match.group(1)
        for expression in EXPRESSION.findall(text)
        for match in re.finditer(r"\binputs\.([A-Za-z0-9_-]+)", expression)
    }
    assert used == set(action()["inputs"])


def test_no_expression_inside_a_run_script() -> None:
    """``${{ inputs.x }}`` pasted into a script is script injection: a value is code. Inputs
    (and other steps' outputs) reach a script only through its ``env:``."""
    for s in steps():
        script = s.get("run")
        if script is None:
            continue
        assert "${{" not in script, f"an expression in the script of {s.get('name')}"
    # Expressions appear only where the runner evaluates them as values, never as code.
    for s in steps():
        for key, value in s.items():
            if key in ("env", "with"):
                assert all(isinstance(v, str) for v in value.values())
            elif key != "if":
                assert "${{" not in json.dumps(value), f"{key} of {s.get('name')}"


def test_every_uses_is_pinned_to_a_commit_with_its_version_named() -> None:
    lines = [line for line in ACTION.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    used = [s["uses"] for s in steps() if "uses" in s]
    assert len(lines) == len(used) >= 2
    pinned = re.compile(r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*")
    for line in lines:
        assert pinned.fullmatch(line), line
    names = {ref.split("@")[0] for ref in used}
    assert names == {"actions/setup-python", "github/codeql-action/upload-sarif"}


def _check_options() -> list[str]:
    script = step("check")["run"]
    return sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", script)))


def test_the_check_step_passes_options() -> None:
    assert {"--surface", "--format", "--no-fail", "--catalogue", "--overlay"} <= set(
        _check_options()
    )


@pytest.mark.parametrize("option", _check_options())
def test_the_options_the_action_passes_are_options_of_check(option: str) -> None:
    shown = run("check", "--help", env=pinned_env(COLUMNS="200"))
    assert shown.returncode == 0
    offered = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", shown.stdout))
    if option == "--baseline" and option not in offered:
        pytest.skip("--baseline is passed only when the baseline input is set")
    assert option in offered


# --- the steps, run as a runner runs them --------------------------------------------------


class Step:
    """One ``run:`` step of the action, run in bash with the environment the runner gives it."""

    def __init__(self, step_id: str, tmp: Path) -> None:
        self.spec = step(step_id)
        self.tmp = tmp
        tmp.mkdir(parents=True, exist_ok=True)
        self.output = tmp / "github_output"
        self.summary = tmp / "step_summary.md"
        self.runner_temp = tmp / "runner_temp"
        self.runner_temp.mkdir(exist_ok=True)

    def env(
        self, inputs: Mapping[str, str], outputs: Mapping[str, Mapping[str, str]]
    ) -> dict[str, str]:
        defaults = {name: spec.get("default", "") for name, spec in action()["inputs"].items()}
        given = {**defaults, **inputs}
        assert set(given) == set(defaults), "only declared inputs"

        def evaluate(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression == "github.action_path":
                return str(ROOT)
            parts = expression.split(".")
            if parts[0] == "inputs" and len(parts) == 2:
                return str(given[parts[1]])
            if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
                return outputs.get(parts[1], {}).get(parts[3], "")
            raise AssertionError(f"the stand-in runner cannot evaluate {expression!r}")

        return {k: EXPRESSION.sub(evaluate, v) for k, v in self.spec.get("env", {}).items()}

    def __call__(
        self,
        cwd: Path,
        inputs: Mapping[str, str] | None = None,
        outputs: Mapping[str, Mapping[str, str]] | None = None,
        **extra: str,
    ) -> subprocess.CompletedProcess[str]:
        script = self.tmp / "step.sh"
        script.write_text(self.spec["run"], encoding="utf-8")
        # Each step has files of its own.
        self.output.write_text("", encoding="utf-8")
        self.summary.write_text("", encoding="utf-8")
        env = pinned_env(self.tmp)
        env.update(
            GITHUB_OUTPUT=str(self.output),
            GITHUB_STEP_SUMMARY=str(self.summary),
            RUNNER_TEMP=str(self.runner_temp),
        )
        env.update(extra)
        env.update(self.env(inputs or {}, outputs or {}))
        assert BASH is not None
        return subprocess.run(
            [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd,
            timeout=600,
        )

    def outputs(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for line in self.output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            assert key not in found, f"output {key} written twice"
            found[key] = value
        return found


def _project(tmp: Path, files: Mapping[str, str] | None = None) -> tuple[Path, dict[str, str]]:
    """A repository (``files``; default: a file naming a retired model) and the inputs that
    point the action at the test catalogue beside it."""
    (tmp / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    repo = write_tree(tmp / "repo", {"src/app.py": APP} if files is None else files)
    return repo, {"catalogue": str(tmp / "catalogue.yaml")}


def _check_step(tmp: Path) -> Step:
    return Step("check", tmp / "step")


INSTALLED = {"install": {"python": sys.executable}}  # this environment has modelsunset


@needs_bash
def test_a_retired_model_fails_the_step_with_annotations_outputs_and_summary(
    tmp_path: Path,
) -> None:
    repo, inputs = _project(tmp_path)
    check = _check_step(tmp_path)
    done = check(repo, inputs, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=src/app.py,line=3,col=10,")
    outputs = check.outputs()
    assert outputs["exit-code"] == "1"
    assert (outputs["errors"], outputs["warnings"], outputs["unknown"]) == ("1", "0", "0")
    report = json.loads(Path(outputs["report"]).read_text(encoding="utf-8"))
    assert report["date"] == D
    assert report["summary"]["errors"] == 1
    assert Path(outputs["report"]).is_relative_to(check.runner_temp)
    assert "sarif-file" not in outputs
    # The Markdown report, written once: by check itself (--format github), not again by
    # the action.
    summary = check.summary.read_text(encoding="utf-8")
    markdown = run(
        "check", "--format", "markdown", "--catalogue", inputs["catalogue"],
        env=pinned_env(MODELSUNSET_DATE=D), cwd=repo,
    ).stdout  # fmt: skip
    assert "gpt-4.5-preview" in markdown
    assert summary.strip() == markdown.strip()
    assert sorted(p.name for p in repo.iterdir()) == ["src"]  # nothing left in the repository


@needs_bash
def test_a_clean_repository_passes_and_still_gets_a_summary(tmp_path: Path) -> None:
    repo, inputs = _project(tmp_path, {"src/app.py": 'MODEL = "gpt-4.1"\n'})
    check = _check_step(tmp_path)
    done = check(repo, inputs, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    outputs = check.outputs()
    assert (outputs["exit-code"], outputs["errors"], outputs["warnings"]) == ("0", "0", "0")
    assert check.summary.read_text(encoding="utf-8").strip()


@needs_bash
def test_the_levels_come_from_the_inputs(tmp_path: Path) -> None:
    # gpt-4o-mini retires on 2026-03-01: 15 days after D.
    repo, inputs = _project(tmp_path, {"app.py": 'MODEL = "gpt-4o-mini"\n'})
    check = _check_step(tmp_path)
    done = check(repo, inputs, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("::warning file=app.py,")
    assert (check.outputs()["errors"], check.outputs()["warnings"]) == ("0", "1")

    done = check(repo, {**inputs, "fail-within": "30"}, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 1
    assert (check.outputs()["errors"], check.outputs()["warnings"]) == ("1", "0")

    done = check(repo, {**inputs, "warn-within": " 10 "}, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 0
    assert done.stdout == ""
    assert (check.outputs()["errors"], check.outputs()["warnings"]) == ("0", "0")


@needs_bash
def test_surfaces_paths_and_overlays_are_lists(tmp_path: Path) -> None:
    files = {
        "one/a.py": 'MODEL = "gpt-4.5-preview"\n',
        "two dirs/b.py": 'MODEL = "gpt-4o"\n',  # retired on chatgpt on 2026-02-13
        "-dash/c.py": 'MODEL = "claude-3-opus-20240229"\n',
        "elsewhere/d.py": 'MODEL = "gpt-4.5-preview"\n',  # not among the paths
    }
    repo, inputs = _project(tmp_path, files)
    (tmp_path / "ours.yaml").write_text(
        "version: 1\nmodels:\n  acme-1:\n    provider: openai\n"
        "    surfaces:\n      api: {retires: 2026-02-01}\n",
        encoding="utf-8",
    )
    inputs |= {
        "paths": "one\n  two dirs  \n\n-dash\r\n",
        "surfaces": "api, chatgpt",
        "overlays": f"\n{tmp_path / 'ours.yaml'}\n",
        "format": "json",
    }
    (repo / "one" / "e.py").write_text('MODEL = "acme-1"\n', encoding="utf-8")
    check = _check_step(tmp_path)
    done = check(repo, inputs, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found = sorted((f["path"], f["model"], f["surface"]) for f in report["findings"])
    assert found == [
        ("-dash/c.py", "claude-3-opus-20240229", "api"),
        ("one/a.py", "gpt-4.5-preview", "api"),
        ("one/e.py", "acme-1", "api"),  # from the overlay
        ("two dirs/b.py", "gpt-4o", "chatgpt"),
    ]
    assert report["surfaces"] == ["api", "chatgpt"]
    assert check.outputs()["errors"] == "4"
    # Not --format github: the action writes the Markdown summary itself.
    summary = check.summary.read_text(encoding="utf-8")
    assert "| two dirs/b.py" in summary or "two dirs/b.py:1" in summary, summary
    assert "elsewhere" not in summary


@needs_bash
def test_format_text_prints_the_text_report(tmp_path: Path) -> None:
    repo, inputs = _project(tmp_path)
    check = _check_step(tmp_path)
    done = check(repo, {**inputs, "format": "TEXT"}, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 1
    assert done.stdout.startswith("error     GPT-4.5 Preview (gpt-4.5-preview) on api")
    assert "gpt-4.5-preview" in check.summary.read_text(encoding="utf-8")


@needs_bash
def test_sarif_is_written_for_the_upload(tmp_path: Path) -> None:
    repo, inputs = _project(tmp_path)
    check = _check_step(tmp_path)
    # The catalogue was last updated 89 days before: a warning, printed by the first run.
    done = check(repo, {**inputs, "sarif": "True"}, INSTALLED, MODELSUNSET_DATE="2026-05-01")
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("warning:") == 1, done.stderr
    assert "warning: the catalogue was last updated 2026-02-01, 89 days ago" in done.stderr
    outputs = check.outputs()
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "model-retirement-error"
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert location == "src/app.py"
    # The upload step runs after a failing check step, and only when there is a file.
    upload = next(s for s in steps() if "upload-sarif" in s.get("uses", ""))
    assert "!cancelled()" in upload["if"] and "steps.check.outputs.sarif-file" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"


@needs_bash
@pytest.mark.parametrize("value", ["yes", "1", "on", "x\n::warning::forged"])
def test_sarif_is_true_or_false(tmp_path: Path, value: str) -> None:
    repo, inputs = _project(tmp_path)
    check = _check_step(tmp_path)
    done = check(repo, {**inputs, "sarif": value}, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 2
    message = "the sarif input is neither true nor false"
    assert done.stdout == f"::error title=modelsunset::{message}\n"
    assert done.stderr == ""
    assert check.outputs() == {}


@needs_bash
def test_usage_and_catalogue_errors_pass_through(tmp_path: Path) -> None:
    repo, inputs = _project(tmp_path)
    check = _check_step(tmp_path)
    done = check(repo, {**inputs, "surfaces": "nope"}, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 2
    assert "unknown surface 'nope'" in done.stderr
    assert check.outputs() == {"exit-code": "2"}

    done = check(repo, {**inputs, "fail-within": "soon"}, INSTALLED, MODELSUNSET_DATE=D)
    assert done.returncode == 2
    assert check.outputs() == {"exit-code": "2"}

    (tmp_path / "broken.yaml").write_text("version: 1\nmodels: [\n", encoding="utf-8")
    done = check(repo, {"catalogue": str(tmp_path / "broken.yaml")}, INSTALLED)
    assert done.returncode == 3
    assert check.outputs() == {"exit-code": "3"}


@needs_bash
def test_inputs_are_text_never_shell(tmp_path: Path) -> None:
    repo, inputs = _project(tmp_path)
    hostile = {
        "paths": '$(touch pwned-1)\n`touch pwned-2`\n"; touch pwned-3; echo "\n*',
        "surfaces": "$(touch pwned-4) ;touch${IFS}pwned-5",
        "warn-within": "$(touch pwned-6)",
        "overlays": "'; touch pwned-7 #",
        "format": "github; touch pwned-8",
    }
    check = _check_step(tmp_path)
    for name, value in hostile.items():
        done = check(repo, {**inputs, name: value}, INSTALLED, MODELSUNSET_DATE=D)
        assert done.returncode in (2, 3), (name, done.stderr)  # usage, or no such overlay
    assert not [p for p in tmp_path.rglob("pwned*")]
    assert not [p for p in Path.cwd().glob("pwned*")]


# A stand-in Python that records how it is called: the exact arguments the steps build.
FAKE_PYTHON = """\
#!{python}
import json, os, shutil, sys
args = sys.argv[1:]
if args[:1] == ["-c"]:
    os.execv({python!r}, [{python!r}, *args])
with open(os.environ["FAKE_PYTHON_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps({{"args": args, "date": os.environ.get("MODELSUNSET_DATE")}}) + "\\n")
if args[:2] == ["-m", "venv"]:
    os.makedirs(os.path.join(args[2], "bin"))
    shutil.copy(__file__, os.path.join(args[2], "bin", "python"))
elif args[:3] == ["-m", "modelsunset", "check"]:
    if "--format=json" in args:
        print(json.dumps({{"summary": {{"errors": 2, "warnings": 3, "unknown": 4}}}}))
    elif "--format=sarif" in args:
        print("{{}}")
"""


def _fake_python(tmp: Path) -> tuple[Path, Path]:
    fake = tmp / "fake-python"
    fake.write_text(FAKE_PYTHON.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    return fake, tmp / "calls.jsonl"


def _calls(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@needs_bash
def test_the_arguments_check_gets(tmp_path: Path) -> None:
    fake, log = _fake_python(tmp_path)
    check = _check_step(tmp_path)
    inputs = {
        "paths": "src\n-n\nwith space\n",
        "surfaces": "api,chatgpt\n azure",
        "fail-within": "7",
        "warn-within": "60",
        "format": "markdown",
        "baseline": ".modelsunset-baseline.json",
        "sarif": "true",
        "catalogue": "ops/retirements.yaml",
        "overlays": "ops/a.yaml\nhttps://example.com/b.yaml",
    }
    done = check(tmp_path, inputs, {"install": {"python": str(fake)}}, FAKE_PYTHON_LOG=str(log))
    assert done.returncode == 0, done.stderr
    shared = [
        "-m", "modelsunset", "check",
        "--surface=api", "--surface=chatgpt", "--surface=azure",
        "--fail-within=7", "--warn-within=60",
        "--baseline=.modelsunset-baseline.json",
        "--catalogue=ops/retirements.yaml",
        "--overlay=ops/a.yaml", "--overlay=https://example.com/b.yaml",
    ]  # fmt: skip
    paths = ["--", "src", "-n", "with space"]
    calls = _calls(log)
    assert [call["args"] for call in calls] == [
        [*shared, "--format=markdown", *paths],
        [*shared, "--format=json", "--no-fail", *paths],
        [*shared, "--format=markdown", "--no-fail", *paths],
        [*shared, "--format=sarif", "--no-fail", *paths],
    ]
    outputs = check.outputs()
    assert (outputs["errors"], outputs["warnings"], outputs["unknown"]) == ("2", "3", "4")
    assert set(outputs) == {"exit-code", "errors", "warnings", "unknown", "report", "sarif-file"}


@needs_bash
def test_only_the_inputs_given_become_options(tmp_path: Path) -> None:
    fake, log = _fake_python(tmp_path)
    check = _check_step(tmp_path)
    done = check(tmp_path, {}, {"install": {"python": str(fake)}}, FAKE_PYTHON_LOG=str(log))
    assert done.returncode == 0, done.stderr
    calls = _calls(log)
    assert [call["args"] for call in calls] == [
        ["-m", "modelsunset", "check", "--format=github", "--", "."],
        ["-m", "modelsunset", "check", "--format=json", "--no-fail", "--", "."],
    ]
    # Every run judges on one day: today in UTC unless the job pins MODELSUNSET_DATE.
    dates = {call["date"] for call in calls}
    assert len(dates) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", dates.pop() or "")
    assert "sarif-file" not in check.outputs()

    log.unlink()
    empty = {"paths": "", "format": "", "sarif": ""}
    done = check(
        tmp_path, empty, {"install": {"python": str(fake)}},
        FAKE_PYTHON_LOG=str(log), MODELSUNSET_DATE="+30d",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    calls = _calls(log)
    assert calls[0]["args"] == ["-m", "modelsunset", "check", "--format=github", "--"]
    assert {call["date"] for call in calls} == {"+30d"}


@needs_bash
@pytest.mark.parametrize(
    ("version", "spec"),
    [
        ("", str(ROOT)),
        ("1.4.0", "modelsunset==1.4.0"),
        (" v1.4.0\n", "modelsunset==1.4.0"),
        ("1.0; touch pwned", "modelsunset==1.0;touchpwned"),
    ],
)
def test_the_install_step(tmp_path: Path, version: str, spec: str) -> None:
    fake, log = _fake_python(tmp_path)
    install = Step("install", tmp_path / "step")
    done = install(
        tmp_path, {"version": version}, {"python": {"python-path": str(fake)}},
        FAKE_PYTHON_LOG=str(log),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    venv_call, pip_call, version_call = _calls(log)
    assert venv_call["args"][:2] == ["-m", "venv"]
    venv = Path(venv_call["args"][2])
    assert venv.parent == install.runner_temp
    assert pip_call["args"] == [
        "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", spec,
    ]  # fmt: skip
    assert version_call["args"] == ["-m", "modelsunset", "--version"]
    assert install.outputs() == {"python": str(venv / "bin" / "python")}
    assert not list(tmp_path.rglob("pwned"))


@needs_bash
@pytest.mark.slow
def test_the_install_step_installs_this_checkout(tmp_path: Path) -> None:
    """For real: a virtual environment, and modelsunset from the action's own folder."""
    install = Step("install", tmp_path / "step")
    done = install(tmp_path, {}, {"python": {"python-path": sys.executable}})
    if done.returncode != 0 and "No matching distribution" in done.stderr + done.stdout:
        pytest.skip("no package index to install the build backend from")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("modelsunset ")
    python = install.outputs()["python"]
    assert Path(python).is_relative_to(install.runner_temp)
    answer = subprocess.run(
        [python, "-m", "modelsunset", "resolve", "gpt-4o", "--surface", "chatgpt",
         "--date", "2026-02-14", "--format", "plain"],
        capture_output=True, text=True, env=pinned_env(tmp_path), cwd=tmp_path, check=True,
    )  # fmt: skip
    assert answer.stdout == "gpt-5.2\n"


# --- pre-commit -----------------------------------------------------------------------------

# The keys of a hook in a pre-commit manifest (pre-commit's clientlib.MANIFEST_HOOK_DICT).
HOOK_KEYS = {
    "id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or",
    "exclude_types", "additional_dependencies", "args", "always_run", "fail_fast",
    "pass_filenames", "description", "language_version", "log_file", "require_serial",
    "stages", "verbose", "minimum_pre_commit_version",
}  # fmt: skip


def hooks() -> list[dict[str, Any]]:
    loaded = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def hook(hook_id: str) -> dict[str, Any]:
    (found,) = (h for h in hooks() if h["id"] == hook_id)
    return found


def test_the_hooks_parse_and_name_a_real_entry_point() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    ids = [h["id"] for h in hooks()]
    assert ids == ["modelsunset", "modelsunset-repo", "modelsunset-validate"]
    for h in hooks():
        assert set(h) <= HOOK_KEYS, h["id"]
        assert {"id", "name", "entry", "language"} <= set(h)
        assert h["language"] == "python"  # pre-commit installs this repository, scripts too
        program, command, *_ = shlex.split(h["entry"])
        assert program in scripts
        assert command in ("check", "validate")
        shown = run(command, "--help")
        assert shown.returncode == 0, h["id"]
        for regex in (h.get("files"), h.get("exclude")):
            if regex is not None:
                re.compile(regex)


def test_the_hooks_are_a_valid_pre_commit_manifest() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    loaded = clientlib.load_manifest(str(HOOKS))
    assert [h["id"] for h in loaded] == [h["id"] for h in hooks()]


def _as_pre_commit_runs(
    hook_id: str, files: list[str], args: list[str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """The hook's command as pre-commit builds it: entry, then args, then the files (when
    it passes them). In this process, with the test catalogue and "today" pinned."""
    spec = hook(hook_id)
    _, *entry = shlex.split(spec["entry"])  # modelsunset, then its arguments
    passed = files if spec.get("pass_filenames", True) else []
    env = pinned_env(cwd.parent, MODELSUNSET_DATE=D)
    return run(*entry, *args, *passed, env=env, cwd=cwd)


def test_the_check_hook_checks_the_files_it_is_given(tmp_path: Path) -> None:
    repo, inputs = _project(
        tmp_path, {"src/app.py": APP, "src/ok.py": 'M = "gpt-4.1"\n', "notes.md": "gpt-4o-mini\n"}
    )
    spec = hook("modelsunset")
    assert spec.get("pass_filenames", True) and spec["types"] == ["text"]
    assert spec.get("require_serial") is True  # check starts worker processes of its own
    catalogue = ["--catalogue", inputs["catalogue"]]
    done = _as_pre_commit_runs("modelsunset", ["src/app.py", "notes.md"], catalogue, repo)
    assert done.returncode == 1
    assert "src/app.py:3:10" in done.stdout and "notes.md:1:1" in done.stdout
    done = _as_pre_commit_runs("modelsunset", ["src/ok.py", "notes.md"], catalogue, repo)
    assert done.returncode == 0, done.stdout
    assert "src/app.py" not in done.stdout
    args = [*catalogue, "--fail-within", "30"]
    assert _as_pre_commit_runs("modelsunset", ["notes.md"], args, repo).returncode == 1


def test_the_repo_hook_checks_the_whole_tree(tmp_path: Path) -> None:
    repo, inputs = _project(tmp_path)
    spec = hook("modelsunset-repo")
    assert spec["pass_filenames"] is False and spec["always_run"] is True
    args = ["--catalogue", inputs["catalogue"]]
    done = _as_pre_commit_runs("modelsunset-repo", ["ignored.txt"], args, repo)
    assert done.returncode == 1
    assert "src/app.py:3:10" in done.stdout


def test_the_validate_hook_checks_the_catalogue_files_named_in_args(tmp_path: Path) -> None:
    spec = hook("modelsunset-validate")
    assert spec["pass_filenames"] is False
    assert re.search(spec["files"], "ops/retirements.yaml")
    assert re.search(spec["files"], "overlay.yml")
    assert not re.search(spec["files"], "src/app.py")
    repo = tmp_path / "repo"
    repo.mkdir()
    ours = repo / "ours.yaml"
    ours.write_text(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      api: {retires: 2027-01-01}\n",
        encoding="utf-8",
    )
    args = ["--overlay", "ours.yaml"]
    done = _as_pre_commit_runs("modelsunset-validate", ["ours.yaml"], args, repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: the bundled catalogue + ours.yaml\n")
    ours.write_text(ours.read_text(encoding="utf-8").replace("retires", "retire"), "utf-8")
    done = _as_pre_commit_runs("modelsunset-validate", ["ours.yaml"], args, repo)
    assert done.returncode == 3
    assert "ours.yaml:5: unknown key 'retire'" in done.stderr


def test_the_docs_show_the_action_and_the_hooks() -> None:
    page = (ROOT / "docs" / "action.md").read_text(encoding="utf-8")
    workflows = re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
    assert workflows
    declared = set(action()["inputs"])
    for text in workflows:
        loaded = yaml.safe_load(text)
        for job in (loaded or {}).get("jobs", {}).values():
            for s in job["steps"]:
                if "modelsunset@" in s.get("uses", ""):
                    assert set(s.get("with", {})) <= declared
    for h in hooks():
        assert h["id"] in page
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/action.md)" in readme
