"""``check --write-baseline`` / ``--baseline`` and waivers: findings a team has recorded
or decided to live with do not fail the gate, and the report says so; new findings, and
findings whose waiver has expired, fail as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.check import D, check, project

SCHEMA = Path(__file__).parent / "schema" / "sarif-schema-2.1.0.json"

APP = 'MODEL = "gpt-4.5-preview"\nOTHER = "gpt-4-0314"\n'


def as_json(result: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    return document


# Baselines ----------------------------------------------------------------------------


def test_a_baseline_passes_todays_findings_and_fails_new_ones(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    assert check(repo, "--date", D).returncode == 1
    written = check(repo, "--date", D, "--write-baseline", "baseline.json")
    assert written.returncode == 0, written.stderr
    assert "wrote 2 places with findings to the baseline baseline.json" in written.stderr
    assert "2 findings baselined (in baseline.json; not failing)" in written.stdout
    passed = check(repo, "--date", D, "--baseline", "baseline.json")
    assert passed.returncode == 0, passed.stdout
    assert "0 errors, 0 warnings" in passed.stdout
    assert "gpt-4-0314 on api (1), gpt-4.5-preview on api (1)" in passed.stdout
    (repo / "src" / "new.py").write_text('USE = "gpt-4-0613"\n', encoding="utf-8")
    failed = check(repo, "--date", D, "--baseline", "baseline.json")
    assert failed.returncode == 1
    assert "src/new.py:1:8" in failed.stdout
    assert "src/app.py" not in failed.stdout.split("baselined")[0]


def test_the_baseline_file_is_sorted_json_with_relative_paths(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    check(repo, "--date", D, "--write-baseline", "ci/baseline.json", "src")  # a folder that
    assert not (repo / "ci").exists()  # does not exist cannot be written to: see below
    (repo / "ci").mkdir()
    assert check(repo, "--date", D, "--write-baseline", "ci/baseline.json", "src").returncode == 0
    document = json.loads((repo / "ci" / "baseline.json").read_text(encoding="utf-8"))
    path = "../src/app.py"
    assert document == {
        "modelsunset": "baseline",
        "version": 1,
        "findings": [
            {"path": path, "match": "gpt-4-0314", "text": 'OTHER = "gpt-4-0314"', "count": 1},
            {"path": path, "match": "gpt-4.5-preview", "text": APP.splitlines()[0], "count": 1},
        ],
    }
    # From another working folder, naming the tree another way: the same findings.
    baseline = str(repo / "ci" / "baseline.json")
    result = check(repo, str(repo / "src"), "--baseline", baseline, cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_a_baseline_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    result = check(repo, "--date", D, "--write-baseline", "missing/baseline.json")
    assert result.returncode == 2
    assert "--write-baseline: cannot write missing/baseline.json" in result.stderr


def test_a_baseline_named_with_a_line_break_is_named_on_one_line(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    failed = check(repo, "--date", D, "--write-baseline", "no/b\nx.json")
    assert failed.returncode == 2
    assert failed.stderr.splitlines()[0] == (
        "error: --write-baseline: cannot write no/b\\nx.json: No such file or directory"
    )
    assert check(repo, "--date", D, "--write-baseline", "b\nx.json").returncode == 0
    shown = check(repo, "--date", D, "--baseline", "b\nx.json", "-f", "markdown")
    assert "**Baselined**: 2 findings baselined (in `b\\nx.json`; not failing)" in shown.stdout


def test_fingerprints_survive_moved_lines_and_white_space(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    check(repo, "--date", D, "--write-baseline", "baseline.json")
    moved = '"""A docstring."""\n\n\nOTHER  =  "gpt-4-0314"\n\tMODEL = "gpt-4.5-preview"   \n'
    (repo / "src" / "app.py").write_text(moved, encoding="utf-8")
    assert check(repo, "--date", D, "--baseline", "baseline.json").returncode == 0
    (repo / "src" / "app.py").write_text('MODEL = "gpt-4.5-preview"  # now\n', encoding="utf-8")
    changed = check(repo, "--date", D, "--baseline", "baseline.json")
    assert changed.returncode == 1  # the line is not the same line any more
    assert "2 entries of the baseline baseline.json match nothing any more" in changed.stderr


def test_a_copy_of_a_baselined_line_is_new(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": 'MODEL = "gpt-4.5-preview"\n'})
    check(repo, "--date", D, "--write-baseline", "baseline.json")
    (repo / "src" / "app.py").write_text('MODEL = "gpt-4.5-preview"\n' * 2, encoding="utf-8")
    result = check(repo, "--date", D, "--baseline", "baseline.json")
    assert result.returncode == 1
    assert "1 error, 0 warnings" in result.stdout
    assert "1 finding baselined" in result.stdout


def test_one_place_on_two_surfaces_is_one_place(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": 'M = "gpt4o"\n'})
    args = ("--date", D, "-s", "api", "-s", "chatgpt")
    check(repo, *args, "--write-baseline", "baseline.json")
    document = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert [entry["count"] for entry in document["findings"]] == [1]
    assert check(repo, *args, "--baseline", "baseline.json").returncode == 0


def test_json_lists_baselined_findings_apart(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    check(repo, "--date", D, "--write-baseline", "baseline.json")
    document = as_json(check(repo, "--date", D, "--baseline", "baseline.json", "-f", "json"))
    assert document["findings"] == []
    assert [item["model"] for item in document["baselined"]] == ["gpt-4.5-preview", "gpt-4-0314"]
    assert document["waived"] == []
    assert document["summary"]["baselined"] == 2
    assert document["summary"]["errors"] == 0


def test_sarif_says_what_the_baseline_held_back(tmp_path: Path) -> None:
    # Code scanning shows results only: a run without them would not say they were kept back.
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    repo = project(tmp_path, {"src/app.py": APP})
    said = (
        "2 findings held back by the baseline baseline.json (not failing, not among the "
        "results): gpt-4-0314 on api (1), gpt-4.5-preview on api (1)"
    )
    for args in (["--write-baseline", "baseline.json"], ["--baseline", "baseline.json"]):
        log = as_json(check(repo, "--date", D, "-f", "sarif", *args))
        assert [
            error.message for error in jsonschema.Draft4Validator(schema).iter_errors(log)
        ] == []
        run = log["runs"][0]
        assert run["results"] == []
        told = run["invocations"][0]["toolExecutionNotifications"]
        assert told == [{"level": "note", "message": {"text": said}}]


def test_the_baseline_file_is_not_scanned(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    check(repo, "--date", D, "--write-baseline", "baseline.json")
    result = check(repo, "--date", D, "--baseline", "baseline.json", "-f", "json")
    assert all(item["path"] != "baseline.json" for item in as_json(result)["baselined"])
    assert as_json(result)["summary"]["files"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "--baseline baseline.json: no such file"),
        ("{", "not a baseline (not JSON"),
        ('{"findings": []}', 'not a baseline (no "modelsunset": "baseline")'),
        ('{"modelsunset": "baseline", "version": 9, "findings": []}', "version 9"),
        ('{"modelsunset": "baseline", "version": true, "findings": []}', "version true is not"),
        ('{"modelsunset": "baseline", "version": 1.0, "findings": []}', "version 1.0 is not"),
        ('{"modelsunset": "baseline", "version": 1, "findings": [{"match": 1}]}', '"match"'),
        (
            '{"modelsunset": "baseline", "version": 1, "findings": [{"match": "x", "count": 0}]}',
            '"count" must be a whole number',
        ),
    ],
)
def test_a_bad_baseline_is_a_usage_error(tmp_path: Path, content: str | None, message: str) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    if content is not None:
        (repo / "baseline.json").write_text(content, encoding="utf-8")
    result = check(repo, "--date", D, "--baseline", "baseline.json")
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_baseline_and_write_baseline_together_is_a_usage_error(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    result = check(repo, "--baseline", "a.json", "--write-baseline", "b.json")
    assert result.returncode == 2
    assert "cannot be used together" in result.stderr


# Waivers ------------------------------------------------------------------------------

PYPROJECT = """\
[project]
name = "demo"

[tool.modelsunset]
surfaces = ["api"]

[[tool.modelsunset.waivers]]
model = "gpt-4.5-preview"
path = "legacy/**"
reason = "old logs"
owner = "team-x"
expires = 2026-03-31
"""


def waived_project(tmp_path: Path) -> Path:
    return project(
        tmp_path,
        {
            "pyproject.toml": PYPROJECT,
            "legacy/old.py": 'MODEL = "gpt-4.5-preview"\n',
            "src/app.py": 'MODEL = "gpt-4.5-preview"\n',
        },
    )


def test_a_waiver_keeps_its_findings_from_failing_and_says_so(tmp_path: Path) -> None:
    repo = waived_project(tmp_path)
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as out:
        out.write('\n[tool.other]\nnote = "gpt-4.5-preview"  # scanned as usual\n')
    result = check(repo, "--date", D)
    assert result.returncode == 1  # src/app.py is not waived
    before, _, after = result.stdout.partition("Waived (not failing):")
    assert "src/app.py:1:10" in before and "legacy/old.py" not in before
    assert "gpt-4.5-preview on api: waived until 2026-03-31 by team-x: old logs" in after
    assert "legacy/old.py:1:10" in after
    assert "pyproject.toml:8" not in result.stdout  # the waiver's own line is no finding
    assert "pyproject.toml:15:9" in result.stdout
    (repo / "src" / "app.py").unlink()
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert check(repo, "--date", D).returncode == 0


def test_sarif_says_how_many_findings_were_waived(tmp_path: Path) -> None:
    repo = waived_project(tmp_path)
    run = as_json(check(repo, "--date", D, "-f", "sarif"))["runs"][0]
    assert [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ] == ["src/app.py"]
    said = "1 finding waived (not failing, not among the results): gpt-4.5-preview on api (1)"
    assert run["invocations"][0]["toolExecutionNotifications"][-1]["message"]["text"] == said


def test_an_expired_waiver_fails_again_and_says_it_expired(tmp_path: Path) -> None:
    repo = waived_project(tmp_path)
    (repo / "src" / "app.py").unlink()
    assert check(repo, "--date", "2026-03-31").returncode == 0  # the last day it holds
    result = check(repo, "--date", "2026-04-01")
    assert result.returncode == 1
    assert "legacy/old.py:1:10" in result.stdout.split("Waivers expired")[0]
    expired = "gpt-4.5-preview on api: waiver expired on 2026-03-31 (by team-x: old logs)"
    assert expired in result.stdout
    assert f"error: {expired}: 1 finding fails again" in result.stderr
    document = as_json(check(repo, "--date", "2026-04-01", "-f", "json"))
    (finding,) = document["findings"]
    assert finding["waiver"] == {
        "model": "gpt-4.5-preview",
        "path": "legacy/**",
        "reason": "old logs",
        "owner": "team-x",
        "expires": "2026-03-31",
        "expired": True,
    }
    assert document["summary"]["expired"] == 1


def test_an_expired_waiver_is_not_covered_by_the_baseline(tmp_path: Path) -> None:
    repo = waived_project(tmp_path)
    check(repo, "--date", D, "--write-baseline", "baseline.json")
    assert check(repo, "--date", D, "--baseline", "baseline.json").returncode == 0
    assert check(repo, "--date", "2026-04-01", "--baseline", "baseline.json").returncode == 1


def test_waivers_from_a_toml_or_json_file(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    (repo / "waivers.toml").write_text(
        '[[waivers]]\nmodel = "GPT-4.5 Preview"\nreason = "r"\nowner = "o"\nexpires = 2027-01-31\n'
        '[[waivers]]\nmodel = "gpt-4-0314"\npath = "*.py"\nreason = "r2"\nowner = "o2"\n'
        'expires = "2027-02-01"\n',
        encoding="utf-8",
    )
    result = check(repo, "--date", D, "--waivers", "waivers.toml")
    assert result.returncode == 0, result.stdout
    assert "gpt-4.5-preview on api: waived until 2027-01-31 by o: r" in result.stdout
    assert "gpt-4-0314 on api: waived until 2027-02-01 by o2: r2" in result.stdout
    (repo / "waivers.toml").unlink()  # scanned as any file, unless given as --waivers
    waivers = [{"model": "gpt-4-0314", "reason": "r", "owner": "o", "expires": "2027-01-31"}]
    (repo / "waivers.json").write_text(json.dumps({"waivers": waivers}), encoding="utf-8")
    document = as_json(check(repo, "--date", D, "--waivers", "waivers.json", "-f", "json"))
    assert [item["model"] for item in document["findings"]] == ["gpt-4.5-preview"]
    assert [item["waiver"]["owner"] for item in document["waived"]] == ["o"]


def test_a_waiver_names_a_model_by_alias_and_covers_the_model(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": 'A = "claude-3-opus-20240229"\n'})
    waiver = {"model": "claude-3-opus-latest", "reason": "r", "owner": "o", "expires": "2027-01-01"}
    (repo / "w.json").write_text(json.dumps([waiver]), encoding="utf-8")
    assert check(repo, "--date", D, "--waivers", "w.json").returncode == 0


GOOD = 'reason = "r", owner = "o", expires = 2027-01-01'


@pytest.mark.parametrize(
    ("waiver", "message"),
    [
        ('{model = "gpt-4o", reason = "r", owner = "o"}', "'expires' is missing"),
        ('{model = "gpt-4o", reason = "r", owner = "o", expires = "soon"}', "must be a day"),
        ('{model = "gpt-4o", reason = "", owner = "o", expires = 2027-01-01}', "'reason' must be"),
        ('{model = "gpt-4o", reason = "r", expires = 2027-01-01}', "'owner' is missing"),
        ('{model = "gpt-4o", x = 1, GOOD}', "unknown key 'x'"),
        ('{model = "gpt-9o", GOOD}', "unknown model 'gpt-9o'"),
        ('{model = "gpt-4o", path = "[z-a]", GOOD}', "'path'"),
        ('"gpt-4o"', "waiver 1 must be a table"),
    ],
)
def test_a_bad_waiver_is_a_usage_error(tmp_path: Path, waiver: str, message: str) -> None:
    waiver = waiver.replace("GOOD", GOOD)
    toml = f"[tool.modelsunset]\nwaivers = [{waiver}]\n"
    repo = project(tmp_path, {"src/app.py": APP, "pyproject.toml": toml})
    result = check(repo, "--date", D)
    assert result.returncode == 2
    assert "pyproject.toml [tool.modelsunset]: waiver 1" in result.stderr
    assert message in result.stderr


def test_a_waivers_file_is_named_on_one_line(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP, "w\nx.toml": '[[waivers]]\nmodel = "gpt-9o"\n'})
    result = check(repo, "--date", D, "--waivers", "w\nx.toml")
    assert result.returncode == 2
    assert result.stderr.startswith("error: w\\nx.toml: waiver 1: ")


def test_waiver_path_patterns() -> None:
    from modelsunset.check.waivers import _pattern

    def matches(glob: str, path: str) -> bool:
        pattern = _pattern(glob, "test")
        assert pattern is not None
        return pattern.fullmatch(path) is not None

    assert matches("legacy/**", "legacy/a/b.py")
    assert matches("legacy", "legacy/a.py")  # a folder: everything in it
    assert not matches("legacy/**", "src/legacy/a.py")  # a slash anchors it
    assert matches("*.md", "docs/deep/README.md")  # no slash: any folder
    assert matches("src/*.py", "src/a.py") and not matches("src/*.py", "src/a/b.py")
    assert matches("src/**/test_?.py", "src/test_a.py")
    assert matches("src/**/test_?.py", "src/x/y/test_b.py")
    assert matches("src/[!a]*.py", "src/b.py") and not matches("src/[!a]*.py", "src/a.py")
    assert matches("/top.py", "top.py") and not matches("/top.py", "sub/top.py")
