"""Kinds of file: every finding is in code, config, docs or a recorded file; notebooks are
read cell by cell; by default only code, config and docs can fail the gate, and the
summary says what was left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.check import D, check, project

from modelsunset.check.kinds import Kind, kind_of
from modelsunset.check.notebook import regions


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("src/app.py", Kind.CODE),
        ("app.ts", Kind.CODE),
        ("Dockerfile", Kind.CODE),
        ("history.py", Kind.CODE),
        ("news/views.py", Kind.CODE),
        ("README.md", Kind.DOCS),
        ("docs/guide.rst", Kind.DOCS),
        ("notes.txt", Kind.DOCS),
        ("README", Kind.DOCS),
        ("config/models.yaml", Kind.CONFIG),
        ("pyproject.toml", Kind.CONFIG),
        ("setup.cfg", Kind.CONFIG),
        ("settings.json", Kind.CONFIG),
        (".env", Kind.CONFIG),
        (".env.production", Kind.CONFIG),
        ("tests/cassettes/test_chat.yaml", Kind.RECORDED),
        ("tests/fixtures/vcr_cassettes/x.json", Kind.RECORDED),
        ("tests/__snapshots__/test_app.ambr", Kind.RECORDED),
        ("src/__snapshots__/App.test.tsx.snap", Kind.RECORDED),
        ("ui/App.snap", Kind.RECORDED),
        ("tests/fixtures/chat_response.json", Kind.RECORDED),
        ("tests/fixtures/make_client.py", Kind.CODE),
        # Jest's test input: every file, code too (a recorded stream kept as a module)
        ("packages/langchain/src/__fixtures__/langgraph.ts", Kind.RECORDED),
        ("src/__fixtures__/chat.json", Kind.RECORDED),
        ("transforms/__testfixtures__/rename.input.js", Kind.RECORDED),
        ("src/chat/__fixtures__/fallback-tool-call.sse", Kind.RECORDED),
        ("replays/stream.sse", Kind.RECORDED),
        ("src/sse.ts", Kind.CODE),
        ("data/evals.jsonl", Kind.RECORDED),
        ("data/prices.csv", Kind.RECORDED),
        ("data/table.parquet", Kind.RECORDED),
        ("traffic.har", Kind.RECORDED),
        ("poetry.lock", Kind.RECORDED),
        ("uv.lock", Kind.RECORDED),
        ("package-lock.json", Kind.RECORDED),
        ("pnpm-lock.yaml", Kind.RECORDED),
        (".github/workflows/pr-review.lock.yml", Kind.RECORDED),
        (".github/workflows/pr-review.md", Kind.DOCS),
        ("clock.yml", Kind.CONFIG),
        ("CHANGELOG.md", Kind.RECORDED),
        ("CHANGELOG", Kind.RECORDED),
        ("HISTORY.rst", Kind.RECORDED),
        ("NEWS", Kind.RECORDED),
        ("docs/changelog-1.x.md", Kind.RECORDED),
        ("changelog.d/123.feature.md", Kind.RECORDED),
        ("website/assets/benchmarks.svg", Kind.RECORDED),
        ("docs/img/Architecture.SVG", Kind.RECORDED),
        ("svg.py", Kind.CODE),
        ("icons/svg/render.ts", Kind.CODE),
        # documents named after their day: posts, notes and records of that day
        ("aider/website/_posts/2024-09-12-o1.md", Kind.RECORDED),
        ("docs/decisions/2025-01-31.md", Kind.RECORDED),
        ("notes/2025_01_31_standup.rst", Kind.RECORDED),
        ("blog/2024-05-13 GPT-4o.txt", Kind.RECORDED),
        ("docs/2024-13-01-notes.md", Kind.DOCS),  # no month 13
        ("docs/2024-05-1-notes.md", Kind.DOCS),
        ("docs/2024-05_13-notes.md", Kind.DOCS),  # separators differ
        ("docs/2024-05-13x.md", Kind.DOCS),
        ("docs/v2024-05-13.md", Kind.DOCS),
        ("docs/20240513-notes.md", Kind.DOCS),
        ("scripts/2024-05-13-migrate.py", Kind.CODE),
        ("config/2024-05-13.yaml", Kind.CONFIG),
        # the frozen documentation of past releases
        ("docs/v1.14.3/ar/concepts/agents.mdx", Kind.RECORDED),
        ("docs/2.0.0/guide.md", Kind.RECORDED),
        ("docs/V3.1.0-beta.2/intro.rst", Kind.RECORDED),
        ("website/versioned_docs/version-2.x/intro.md", Kind.RECORDED),
        ("docs/edge/concepts/agents.mdx", Kind.DOCS),  # the live copy
        ("docs/v1/api.md", Kind.DOCS),  # a version of an API, often live
        ("docs/v2.0/api.md", Kind.DOCS),
        ("docs/v1.14.3x/notes.md", Kind.DOCS),
        ("docs/v1.14.3/examples/app.py", Kind.CODE),  # documents only
        ("docs/v1.14.3/docs.json", Kind.CONFIG),
        ("vendor/openai-1.2.3/README.md", Kind.DOCS),
    ],
)
def test_kinds_of_file(path: str, kind: Kind) -> None:
    assert kind_of(path) == (kind, False)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        # data files below a folder of data
        ("skills/rag/data/anthropic_docs.json", Kind.RECORDED),
        ("data/corpus.yaml", Kind.RECORDED),
        ("Data/Corpus.YML", Kind.RECORDED),
        ("aider/website/_data/polyglot_leaderboard.yml", Kind.RECORDED),
        ("website/_data/blame.yml", Kind.RECORDED),
        ("datasets/qa.json", Kind.RECORDED),
        ("dataset/train/part-1.json", Kind.RECORDED),
        ("leaderboards/2024.yaml", Kind.RECORDED),
        ("results/run-12.json", Kind.RECORDED),
        ("evaluation/json_results/level_one.json", Kind.RECORDED),
        ("benchmark-results/o1.yml", Kind.RECORDED),
        ("reports/feed.xml", Kind.CODE),
        ("data/feed.xml", Kind.RECORDED),
        # ... unless the name says it holds models: a registry stays config
        ("data/models.json", Kind.CONFIG),
        ("src/app/data/model-settings.yml", Kind.CONFIG),
        ("_data/openai_models.yaml", Kind.CONFIG),
        # ... and only data files: code, docs, TOML and INI keep their kinds
        ("data/loader.py", Kind.CODE),
        ("src/app/data/__init__.py", Kind.CODE),
        ("_data/build.js", Kind.CODE),
        ("results/summary.md", Kind.DOCS),
        ("datasets/README.md", Kind.DOCS),
        ("data/settings.toml", Kind.CONFIG),
        ("data/app.ini", Kind.CONFIG),
        # folders whose names only contain the words
        ("metadata/models.json", Kind.CONFIG),
        ("metadata/prompts.json", Kind.CONFIG),
        ("database/seed.json", Kind.CONFIG),
        ("src/dataclasses/defaults.yaml", Kind.CONFIG),
        ("resultset/x.json", Kind.CONFIG),
        # data files whose name says results, leaderboard or dataset, anywhere
        ("skills/rag/evaluation/docs_evaluation_dataset.json", Kind.RECORDED),
        ("retrieval_results.json", Kind.RECORDED),
        ("bench/o1_results.yml", Kind.RECORDED),
        ("edit_leaderboard.yml", Kind.RECORDED),
        ("eval-result.json", Kind.RECORDED),
        ("Results.XML", Kind.RECORDED),
        ("datasets.yaml", Kind.RECORDED),
        ("results.py", Kind.CODE),
        ("leaderboard.md", Kind.DOCS),
        ("results.toml", Kind.CONFIG),
        ("resultsets.json", Kind.CONFIG),
        ("noresults.yaml", Kind.CONFIG),
        ("evaluation.yaml", Kind.CONFIG),
        ("evals/promptfooconfig.yaml", Kind.CONFIG),
        ("skills/rag/evaluation/promptfooconfig_end_to_end.yaml", Kind.CONFIG),
        ("benchmark.yaml", Kind.CONFIG),
        ("benchmarks/config.json", Kind.CONFIG),
        # generated site maps and page summaries
        ("sitemap.yaml", Kind.RECORDED),
        ("site/sitemap-0.xml", Kind.RECORDED),
        ("sitemap_index.xml", Kind.RECORDED),
        ("sitemap.py", Kind.CODE),
        ("make_sitemap.py", Kind.CODE),
        ("docs/sitemap.md", Kind.DOCS),
        # not below a hidden folder: a tool's configuration
        (".github/workflows/results.yml", Kind.CONFIG),
        (".github/data/labels.yml", Kind.CONFIG),
        (".circleci/leaderboard.yml", Kind.CONFIG),
    ],
)
def test_datasets_and_results_are_recorded(path: str, kind: Kind) -> None:
    assert kind_of(path) == (kind, False)


def test_a_folder_of_data_given_as_path_says_nothing(tmp_path: Path) -> None:
    repo = project(
        tmp_path,
        {
            "app/data/registry.json": '{"default": "gpt-4.5-preview"}\n',
            "app/data/results.json": '{"model": "gpt-4.5-preview"}\n',
        },
    )
    whole = run_json(repo, "--kinds", "code,config,docs,recorded")
    assert sorted((f["path"], f["kind"]) for f in whole["findings"]) == [
        ("app/data/registry.json", "recorded"),
        ("app/data/results.json", "recorded"),
    ]
    assert run_json(repo)["findings"] == []
    below = run_json(repo, "app/data")
    assert [(f["path"], f["kind"]) for f in below["findings"]] == [
        ("app/data/registry.json", "config")
    ]


def test_a_file_given_as_path_is_judged_by_its_path_below_the_current_folder(
    tmp_path: Path,
) -> None:
    """The folders above the current one (a checkout in /builds/2.0.0/, or /data/) say
    nothing about a file given as PATH; those of the path below it do."""
    (tmp_path / "2.0.0").mkdir()
    repo = project(
        tmp_path / "2.0.0",
        {"README.md": "Use gpt-4.5-preview.\n", "docs/v1.2.3/old.md": "gpt-4.5-preview\n"},
    )
    inside = repo / "docs"

    def kinds(*paths: str, cwd: Path = repo) -> list[str]:
        result = check(repo, "--kinds", "code,config,docs,recorded", "-f", "json", *paths, cwd=cwd)
        return [finding["kind"] for finding in json.loads(result.stdout)["findings"]]

    assert kinds("README.md") == ["docs"]
    assert kinds(str(repo / "README.md")) == ["docs"]
    assert kinds(str(repo / "docs/v1.2.3/old.md")) == ["recorded"]  # v1.2.3 is below here
    assert kinds("../README.md", cwd=inside) == ["docs"]  # above here: its name alone
    assert kinds("2.0.0/repo/README.md", cwd=tmp_path) == ["recorded"]  # the path as given


def test_a_notebook_is_read_cell_by_cell() -> None:
    assert kind_of("analysis/explore.ipynb") == (Kind.CODE, True)
    assert kind_of("tests/fixtures/explore.ipynb") == (Kind.CODE, True)  # not a data file
    assert kind_of("tests/cassettes/explore.ipynb") == (Kind.RECORDED, False)


def cell(kind: str, source: list[str], outputs: list[Any] | None = None) -> dict[str, Any]:
    made: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        made["execution_count"] = 1
        made["outputs"] = outputs or []
    return made


NOTEBOOK = {
    "cells": [
        cell("markdown", ["# We use gpt-4o-mini here\n"]),
        cell(
            "code",
            ["import openai\n", 'MODEL = "gpt-4.5-preview"\n'],
            [
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": ["model: gpt-4-0314\n", "done\n"],
                },
                {"output_type": "display_data", "data": {"text/plain": ["'gpt-4-0613'"]}},
            ],
        ),
    ],
    "metadata": {"kernelspec": {"name": "python3"}, "model": "gpt-4-0613"},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_notebook_regions_follow_the_cells() -> None:
    data = json.dumps(NOTEBOOK, indent=1).encode()
    found = regions(data)
    assert found is not None

    def at(text: str) -> Kind:
        return found.at(data.index(text.encode()))

    assert at("We use") is Kind.DOCS
    assert at("gpt-4.5-preview") is Kind.CODE
    assert at("gpt-4-0314") is Kind.RECORDED
    assert at("'gpt-4-0613'") is Kind.RECORDED
    assert at('"model"') is Kind.RECORDED
    assert regions(b"not json") is None
    assert regions(b'{"cells": [}') is None
    assert regions(b'{"metadata": {}}') is None  # no cells: no notebook


def run_json(repo: Path, *args: str) -> dict[str, Any]:
    result = check(repo, "--date", D, "-f", "json", "--no-fail", *args)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_notebook_findings_have_the_files_lines_and_the_cells_kinds(tmp_path: Path) -> None:
    repo = project(tmp_path, {"explore.ipynb": json.dumps(NOTEBOOK, indent=1)})
    document = run_json(repo, "--kinds", "code,config,docs,recorded")
    found = [(f["match"], f["kind"], f["line"]) for f in document["findings"]]
    text = json.dumps(NOTEBOOK, indent=1).splitlines()
    line_of = {
        name: 1 + next(n for n, line in enumerate(text) if name in line) for name, *_ in found
    }
    assert [(match, kind) for match, kind, _ in found] == [
        ("gpt-4o-mini", "docs"),
        ("gpt-4.5-preview", "code"),
        ("gpt-4-0314", "recorded"),
        ("gpt-4-0613", "recorded"),
        ("gpt-4-0613", "recorded"),
    ]
    assert all(line == line_of[match] or match == "gpt-4-0613" for match, _, line in found)
    default = run_json(repo)
    assert [(f["match"], f["kind"]) for f in default["findings"]] == [
        ("gpt-4o-mini", "docs"),
        ("gpt-4.5-preview", "code"),
    ]
    assert default["summary"]["left_out"] == {
        "recorded": {"findings": 3, "unknown": 0, "not_checked": 0},
        "mocked": {"findings": 0, "unknown": 0, "not_checked": 0},
        "pattern": {"findings": 0, "unknown": 0, "not_checked": 0},
    }


def test_a_file_that_is_no_notebook_json_reads_as_code(tmp_path: Path) -> None:
    repo = project(tmp_path, {"broken.ipynb": '{"cells": [ MODEL = "gpt-4.5-preview"\n'})
    assert [f["kind"] for f in run_json(repo)["findings"]] == ["code"]


RECORDED = {
    "src/app.py": 'MODEL = "gpt-4.1"\n',
    "tests/cassettes/test_chat.yaml": 'body: \'{"model": "gpt-4.5-preview"}\'\n',
    "CHANGELOG.md": "- Moved off gpt-4-0314 and gpt-9-turbo.\n",
    "data/evals.jsonl": '{"model": "gpt-4o-mini"}\n',
}


def test_recorded_files_cannot_fail_the_gate_by_default(tmp_path: Path) -> None:
    repo = project(tmp_path, RECORDED)
    result = check(repo, "--date", D)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == (
        "0 errors, 0 warnings; 4 files scanned; 3 findings, 1 unknown id in recorded files "
        "not counted (--kinds to include them) (on 2026-02-14)."
    )
    document = run_json(repo)
    assert document["kinds"] == ["code", "config", "docs"]
    assert document["findings"] == [] and document["unknown"] == []
    assert document["summary"]["left_out"] == {
        "recorded": {"findings": 3, "unknown": 1, "not_checked": 0},
        "mocked": {"findings": 0, "unknown": 0, "not_checked": 0},
        "pattern": {"findings": 0, "unknown": 0, "not_checked": 0},
    }


def test_kinds_asked_for_are_counted_and_listed(tmp_path: Path) -> None:
    repo = project(tmp_path, RECORDED)
    result = check(repo, "--date", D, "--kinds", "code,config,docs,recorded")
    assert result.returncode == 1
    assert "          tests/cassettes/test_chat.yaml:1:19 [recorded]" in result.stdout
    assert "not counted" not in result.stdout
    document = run_json(repo, "--kinds", "code", "--kinds", "recorded")
    assert document["kinds"] == ["code", "recorded"]
    assert {f["kind"] for f in document["findings"]} == {"recorded"}
    assert set(document["summary"]["left_out"]) == {"config", "docs", "mocked", "pattern"}
    (repo / "guide.md").write_text("Use gpt-4.5-preview.\n", encoding="utf-8")
    only_code = check(repo, "--date", D, "--kinds", "code").stdout
    assert "4 findings, 1 unknown id in docs and recorded files not counted" in only_code


def test_every_finding_has_a_kind(tmp_path: Path) -> None:
    repo = project(
        tmp_path,
        {
            "a.py": '"gpt-4.5-preview"\n',
            "b.yaml": "model: gpt-4.5-preview\n",
            "c.md": "`gpt-4.5-preview`\n",
        },
    )
    document = run_json(repo, "--model", "gpt-4o-mini", ".")
    assert [(f["path"], f["kind"]) for f in document["findings"]] == [
        (None, None),
        ("a.py", "code"),
        ("b.yaml", "config"),
        ("c.md", "docs"),
    ]


def test_kinds_in_the_configuration_and_flags_win(tmp_path: Path) -> None:
    repo = project(tmp_path, RECORDED)
    (repo / "pyproject.toml").write_text(
        '[tool.modelsunset]\nkinds = ["code", "recorded"]\n', encoding="utf-8"
    )
    assert check(repo, "--date", D).returncode == 1
    assert check(repo, "--date", D, "--kinds", "code").returncode == 0


@pytest.mark.parametrize(
    ("args", "table", "message"),
    [
        (
            ["--kinds", "codes"],
            "",
            "error: --kinds names unknown kind 'codes' (did you mean 'code'?)",
        ),
        (["--kinds", ","], "", "error: --kinds names no kind"),
        ([], "kinds = ['docs', 'tests']\n", "'kinds' names unknown kind 'tests'"),
        ([], "kinds = []\n", "[tool.modelsunset]: 'kinds' names no kind"),
        ([], "kinds = 3\n", "'kinds' must be a list of strings"),
    ],
)
def test_bad_kinds_are_usage_errors(
    tmp_path: Path, args: list[str], table: str, message: str
) -> None:
    repo = project(tmp_path)
    if table:
        (repo / "pyproject.toml").write_text(f"[tool.modelsunset]\n{table}", encoding="utf-8")
    result = check(repo, "--date", D, *args)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr
    if "names" in message:
        assert "the kinds are code, config, docs, recorded, mocked and pattern" in result.stderr
    assert result.stdout == ""


_FIX_RECORDED = [
    "CHANGELOG.md", "docs/HISTORY.rst", "NEWS", "RELEASES.md", "changelog.org",
    "changelog.d/123.feature", "changes.d/1.md", "changelogs/2.txt", "release-notes/x.md",
    "release_notes/y.md", "releasenotes/z.rst", "tests/cassette/a.yaml", "x.har",
    "tests/_snapshots/t.py", "t.approved.txt", "t.received.json", "bun.lockb", "uv.lock",
    "run.log", "site/_posts/draft.md", "chart.svg",
]  # fmt: skip


@pytest.mark.parametrize("path", _FIX_RECORDED)
def test_what_fix_leaves_alone_check_counts_as_recorded(path: str) -> None:
    """One truth: a file ``fix`` never rewrites as a record is one ``check`` does not gate
    on by default (and ``fix`` leaves alone every finding ``check`` calls recorded)."""
    from modelsunset.fix.recorded import recorded

    assert recorded(path) is not None
    assert kind_of(path) == (Kind.RECORDED, False)


def test_fix_leaves_alone_what_check_counts_as_recorded(tmp_path: Path) -> None:
    from support.fix import fix

    files = {
        "fixtures/response.json": '{"model": "gpt-4.5-preview"}\n',
        "results/run.yaml": "model: gpt-4.5-preview\n",
        "docs/v1.2.3/guide.md": "Use gpt-4.5-preview.\n",
        "app.py": 'M = "gpt-4.5-preview"\n',
    }
    repo = project(tmp_path, files)
    result = fix(repo, "--write")
    assert result.returncode == 0, result.stderr
    for name in ("fixtures/response.json", "results/run.yaml", "docs/v1.2.3/guide.md"):
        assert (repo / name).read_text(encoding="utf-8") == files[name], name
        assert f"  {name}: recorded data (check's kind: recorded), 1 id" in result.stderr
    assert "gpt-4.1" in (repo / "app.py").read_text(encoding="utf-8")


def test_names_not_checked_and_unknown_ids_of_kinds_asked_for_are_tagged(tmp_path: Path) -> None:
    """Listed since ``--kinds`` asked for them, names not checked and unknown ids of kinds
    left out by default carry their kind, as findings do, in text and Markdown."""
    repo = project(
        tmp_path,
        {
            "src/app.py": 'if model.startswith("o1-preview"):\n    pass\nM = "o1-preview"\n',
            "tests/cassettes/c.yaml": "m: o1-preview\n",
            "CHANGELOG.md": "- Moved off gpt-9-turbo.\n",
        },
    )
    kinds = ("--kinds", "code,recorded,pattern", "--surface", "chatgpt")
    text = check(repo, "--date", D, *kinds).stdout
    assert "src/app.py:1:22 [pattern]  " in text
    assert "src/app.py:3:6  " in text and "src/app.py:3:6 [" not in text
    assert "tests/cassettes/c.yaml:1:4 [recorded]  " in text
    assert "CHANGELOG.md:1:13 [recorded]" in text
    markdown = check(repo, "--date", D, *kinds, "-f", "markdown").stdout
    assert "`src/app.py:1:22 [pattern]`" in markdown
    assert "`tests/cassettes/c.yaml:1:4 [recorded]`" in markdown
    assert "`CHANGELOG.md:1 [recorded]`" in markdown
