"""``modelsunset fix``: retired and retiring ids rewritten to the model at the end of the
chain where that is a drop-in, shown as a diff (a dry run) or written with ``--write``;
everything else on a checklist with the reason; bytes around the ids kept; recorded
files, suppressed lines and lines changed since the scan left alone."""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from support import command, pinned_env
from support.builders import catalogue as build
from support.check import D, check, project
from support.fix import fix

from modelsunset.check.occurrences import Occurrence
from modelsunset.fix.apply import diff, rewritten, write
from modelsunset.fix.kinds import kind_of
from modelsunset.fix.plan import plan
from modelsunset.fix.recorded import notebook_source_lines, recorded
from modelsunset.fix.targets import Settings
from modelsunset.model import Surface

APP = 'import openai\n\nMODEL = "gpt-4.5-preview"\nOLD = "gpt-4-0314"  # two hops\n'


# The dry run and --write ----------------------------------------------------------------


def test_a_dry_run_prints_a_diff_and_changes_nothing(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    result = fix(repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "--- a/src/app.py\n"
        "+++ b/src/app.py\n"
        "@@ -1,4 +1,4 @@\n"
        " import openai\n"
        " \n"
        '-MODEL = "gpt-4.5-preview"\n'
        '-OLD = "gpt-4-0314"  # two hops\n'
        '+MODEL = "gpt-4.1"\n'
        '+OLD = "gpt-4.1"  # two hops\n'
    )
    assert (repo / "src" / "app.py").read_text(encoding="utf-8") == APP
    assert (
        "fix: 2 ids to rewrite in 1 file (a dry run: --write makes the changes)." in result.stderr
    )


def test_write_rewrites_to_the_end_of_the_chain_and_check_then_passes(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": APP})
    assert check(repo, "--date", D).returncode == 1
    result = fix(repo, "--write")
    assert result.returncode == 0, result.stderr
    assert "fix: rewrote 2 ids in 1 file." in result.stderr
    text = (repo / "src" / "app.py").read_text(encoding="utf-8")
    assert text == APP.replace("gpt-4.5-preview", "gpt-4.1").replace("gpt-4-0314", "gpt-4.1")
    assert "gpt-4-0613" not in text  # the first hop of gpt-4-0314 → gpt-4-0613 → gpt-4.1
    assert check(repo, "--date", D).returncode == 0
    assert fix(repo).stdout == ""  # nothing left to do


def test_the_diff_reads_as_difflib_and_patch_write_it(tmp_path: Path) -> None:
    old = b"".join(b"line %d\n" % number for number in range(1, 30)) + b'M = "gpt-4.5-preview"'
    new = old.replace(b"line 3\n", b"line three\n").replace(b"gpt-4.5-preview", b"gpt-4.1")
    ours = diff("x.py", old, new).decode()

    def lines(data: bytes) -> list[str]:
        return [
            line if line.endswith("\n") else line + "\n" for line in data.decode().splitlines(True)
        ]

    theirs = "".join(difflib.unified_diff(lines(old), lines(new), "a/x.py", "b/x.py"))
    # The same, but for the marker of a last line with no newline, which difflib leaves out.
    assert ours.count("\\ No newline at end of file\n") == 2
    assert ours.replace("\\ No newline at end of file\n", "") == theirs
    if shutil.which("patch"):
        (tmp_path / "x.py").write_bytes(old)
        done = subprocess.run(
            ["patch", "-s", "-p1"], input=ours.encode(), cwd=tmp_path, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "x.py").read_bytes() == new


# What is kept ----------------------------------------------------------------------------


def test_prefixes_quotes_and_everything_else_on_the_line_are_kept(tmp_path: Path) -> None:
    lines = [
        "model = 'azure/gpt-4.5-preview'  # a comment\r\n",
        'route: "openrouter/openai/gpt-4.5-preview"\r\n',
        "`gpt-4.5-preview`, (gpt-4.5-preview), gpt-4.5-preview.\r\n",
        "café = 'gpt-4.5-preview'\r\n",
    ]
    repo = project(tmp_path, {"a.py": "".join(lines).encode("utf-8")})
    assert fix(repo, "--write").returncode == 0
    expected = "".join(lines).replace("gpt-4.5-preview", "gpt-4.1").encode("utf-8")
    assert (repo / "a.py").read_bytes() == expected  # CRLF stays CRLF


def test_encoding_bom_mode_and_a_last_line_without_newline_are_kept(tmp_path: Path) -> None:
    latin1 = 'nom = "caf\xe9"; m = "gpt-4.5-preview"'.encode("latin-1")
    bom = b'\xef\xbb\xbfm = "gpt-4.5-preview"\n'
    repo = project(tmp_path, {"latin1.py": latin1, "bom.py": bom, "run.sh": "gpt-4-0314\n"})
    os.chmod(repo / "run.sh", 0o751)
    result = fix(repo, "--write")
    assert result.returncode == 0, result.stderr
    assert (repo / "latin1.py").read_bytes() == latin1.replace(b"gpt-4.5-preview", b"gpt-4.1")
    assert (repo / "bom.py").read_bytes() == bom.replace(b"gpt-4.5-preview", b"gpt-4.1")
    assert stat.S_IMODE(os.stat(repo / "run.sh").st_mode) == 0o751
    assert "latin1.py" in result.stdout


def test_the_diff_of_a_file_that_is_not_utf8_is_byte_for_byte(tmp_path: Path) -> None:
    """A real process: the diff goes to stdout as bytes, so that patch can apply it."""
    latin1 = 'nom = "caf\xe9"; m = "gpt-4.5-preview"\n'.encode("latin-1")
    repo = project(tmp_path, {"latin1.py": latin1})
    done = subprocess.run(
        [*command(), "fix", "--catalogue", str(tmp_path / "catalogue.yaml")],
        capture_output=True,
        env=pinned_env(MODELSUNSET_DATE=D),
        cwd=repo,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = b'-nom = "caf\xe9"; m = "gpt-4.5-preview"\n+nom = "caf\xe9"; m = "gpt-4.1"\n'
    assert expected in done.stdout


def test_suppressed_lines_are_not_touched(tmp_path: Path) -> None:
    text = 'A = "gpt-4.5-preview"  # modelsunset: ignore\nB = "gpt-4.5-preview"\n'
    repo = project(tmp_path, {"a.py": text})
    fix(repo, "--write")
    assert (repo / "a.py").read_text(encoding="utf-8") == text.replace(
        'B = "gpt-4.5-preview"', 'B = "gpt-4.1"'
    )


def test_recorded_files_are_left_as_they_are(tmp_path: Path) -> None:
    notebook = (
        '{\n "cells": [\n  {\n   "source": [\n    "m = \\"gpt-4.5-preview\\"\\n"\n   ],\n'
        '   "outputs": [\n    {"text": "gpt-4.5-preview answered"}\n   ]\n  }\n ]\n}\n'
    )
    files = {
        "CHANGELOG.md": "- moved to gpt-4.5-preview\n",
        "tests/cassettes/chat.yaml": "model: gpt-4.5-preview\n",
        "__snapshots__/x.ambr": "'gpt-4.5-preview'\n",
        "poetry.lock": 'name = "gpt-4.5-preview"\n',
        "history.py": 'M = "gpt-4.5-preview"\n',  # code, not a changelog
        "nb.ipynb": notebook,
    }
    repo = project(tmp_path, files)
    result = fix(repo, "--write")
    assert result.returncode == 0
    for name in (
        "CHANGELOG.md",
        "tests/cassettes/chat.yaml",
        "__snapshots__/x.ambr",
        "poetry.lock",
    ):
        assert (repo / name).read_text(encoding="utf-8") == files[name], name
    assert "gpt-4.1" in (repo / "history.py").read_text(encoding="utf-8")
    rewritten_notebook = (repo / "nb.ipynb").read_text(encoding="utf-8")
    assert '"m = \\"gpt-4.1\\"\\n"' in rewritten_notebook
    assert "gpt-4.5-preview answered" in rewritten_notebook
    assert "  CHANGELOG.md: a changelog, 1 id" in result.stderr
    assert "  nb.ipynb: a notebook's outputs or metadata, 1 id" in result.stderr
    assert "  tests/cassettes/chat.yaml: a cassette (recorded HTTP traffic), 1 id" in result.stderr


def test_modelsunset_files_are_left_as_they_are(tmp_path: Path) -> None:
    pyproject = (
        '[tool.modelsunset]\nwaivers = [{model = "gpt-4-0314", path = "legacy/**", '
        'reason = "r", owner = "o", expires = 2027-01-01}]\n\n[tool.x]\nm = "gpt-4-0314"\n'
    )
    repo = project(tmp_path, {"pyproject.toml": pyproject, "legacy/a.py": '"gpt-4-0314"\n'})
    check(repo, "--date", D, "--write-baseline", "baseline.json", "--no-fail")
    baseline = (repo / "baseline.json").read_text(encoding="utf-8")
    result = fix(repo, "--write")
    assert (repo / "baseline.json").read_text(encoding="utf-8") == baseline
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == pyproject.replace(
        'm = "gpt-4-0314"', 'm = "gpt-4.1"'
    )
    # A waiver in force keeps its places as they are, and says so.
    assert (repo / "legacy" / "a.py").read_text(encoding="utf-8") == '"gpt-4-0314"\n'
    assert "gpt-4-0314: waived until 2027-01-01 by o: r; not rewritten" in result.stderr
    assert "baseline.json: a modelsunset baseline" in result.stderr


# What is not a drop-in -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('"davinci"', "davinci -> gpt-4.1-mini: no drop-in (completion -> chat)"),
        (
            '"text-embedding-ada-002"',
            "text-embedding-ada-002 -> gpt-4.1: no drop-in (embedding -> chat)",
        ),
        ('"claude-2.0"', "claude-2.0 -> gpt-4.1: another provider (anthropic -> openai)"),
        (
            '"gpt-old"',
            "gpt-old -> gpt-next: gpt-next is not available on api on 2026-02-14 (upcoming)",
        ),
        (
            "https://example.com/models/gpt-4.5-preview/",
            "gpt-4.5-preview -> gpt-4.1: part of a URL, review",
        ),
        (
            '"ft:gpt-4.5-preview:acme::x1"',
            "gpt-4.5-preview -> gpt-4.1: the base of a fine-tuned model",
        ),
        *(
            (line, f"gpt-4.5-preview -> gpt-4.1: a test of a name ({test}), which another name")
            for line, test in [
                ('name.endswith(("o1", "gpt-4.5-preview"))', "endswith"),
                ('"gpt-4.5-preview" in (model or "")', "in"),
                ("_.startsWith(model, 'gpt-4.5-preview')", "startsWith"),
                ('str.startswith(model.lower(), "gpt-4.5-preview")', "startswith"),
                ('re.match("gpt-4.5-preview", name)', "match"),
                ('fnmatch(name, "gpt-4.5-preview")', "fnmatch"),
            ]
        ),
        (
            "/^gpt-4\\.5-preview$/.test(model)",
            "gpt-4.5-preview -> gpt-4.1: written as a regular expression",
        ),
    ],
)
def test_what_is_no_drop_in_goes_to_the_checklist(tmp_path: Path, line: str, reason: str) -> None:
    repo = project(tmp_path, {"a.py": f"M = {line}\n"})
    result = fix(repo, "--write")
    assert result.returncode == 0
    assert (repo / "a.py").read_text(encoding="utf-8") == f"M = {line}\n"
    assert "To review by hand (not rewritten):" in result.stderr
    assert f"  {reason}" in result.stderr
    assert "      a.py:1:" in result.stderr


def test_only_automatic_keeps_to_fallbacks(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": 'A = "gpt-4.5-preview"\nB = "gpt-auto"\n'})
    result = fix(repo, "--only-automatic")
    assert "  gpt-4.5-preview -> gpt-4.1: not automatic, review" in result.stderr
    assert '-B = "gpt-auto"\n+B = "gpt-4.1"\n' in result.stdout
    assert '+A = "gpt-4.1"' not in result.stdout


def test_an_answer_that_differs_by_surface_is_reviewed(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": 'M = "gpt-split"\n'})
    result = fix(repo, "-s", "api", "-s", "azure")
    assert result.stdout == ""
    assert (
        "gpt-split: the answer differs by surface (api: gpt-4.1, azure: gpt-4.1-mini)"
        in result.stderr
    )
    assert fix(repo, "-s", "azure").stdout.endswith('+M = "gpt-4.1-mini"\n')


def test_an_alias_keeps_its_spelling(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": 'A = "gpt-35-turbo-0301"\nB = "gpt-3.5-turbo-0301"\n'})
    fix(repo, "--write")
    assert (repo / "a.py").read_text(encoding="utf-8") == (
        'A = "gpt-35-turbo-0125"\nB = "gpt-3.5-turbo-0125"\n'
    )


def test_a_retiring_model_moves_to_what_answers_once_it_is_gone(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": 'M = "gpt-4o-mini"\n'})  # retires 2026-03-01
    assert fix(repo).stdout.endswith('+M = "gpt-4.1-mini"\n')
    assert fix(repo, "--date", "2025-01-01").stdout == ""  # not within 90 days yet


# Writing ---------------------------------------------------------------------------------


def test_a_file_that_cannot_be_written_is_reported_and_the_others_are_written(
    tmp_path: Path,
) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4.5-preview"\n', "b.py": '"gpt-4.5-preview"\n'})
    from modelsunset import files

    real = files.write_atomic

    def refuse(path: str, data: bytes) -> None:
        if path.endswith("a.py"):
            raise PermissionError(13, "Permission denied")
        real(path, data)

    with mock.patch.object(files, "write_atomic", refuse):
        result = fix(repo, "--write")
    assert result.returncode == 1
    assert "error: a.py: cannot write it: Permission denied; nothing written to it" in result.stderr
    assert "1 file could not be written" in result.stderr
    assert (repo / "a.py").read_text(encoding="utf-8") == '"gpt-4.5-preview"\n'
    assert (repo / "b.py").read_text(encoding="utf-8") == '"gpt-4.1"\n'


def test_a_line_changed_since_the_scan_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_text('A = "gpt-4.5-preview"\nB = "gpt-4.5-preview"\n', encoding="utf-8")
    found = [
        Occurrence(str(path), 1, 6, "gpt-4.5-preview", "gpt-4.5-preview", 'A = "gpt-4.5-preview"'),
        Occurrence(str(path), 2, 6, "gpt-4.5-preview", "gpt-4.5-preview", 'B = "gpt-4.5-preview"'),
    ]
    made = plan(
        CATALOGUE, Settings(date(2026, 2, 14), ["api"]), found, {str(path): path.read_bytes()}
    )
    assert len(made.edits) == 2
    path.write_text('A = "gpt-4.5-preview"\nB = "gpt-4.5-preview"  # edited\n', encoding="utf-8")
    done = write(str(path), made.edits)
    assert (len(done.made), len(done.stale), done.error) == (1, 1, None)
    assert path.read_text(encoding="utf-8") == 'A = "gpt-4.1"\nB = "gpt-4.5-preview"  # edited\n'


def test_a_line_that_changed_between_the_scan_and_the_plan_is_reviewed() -> None:
    found = Occurrence("a.py", 1, 6, "gpt-4.5-preview", "gpt-4.5-preview", 'A = "gpt-4.5-preview"')
    made = plan(CATALOGUE, Settings(date(2026, 2, 14), ["api"]), [found], {"a.py": b'AB = "x"\n'})
    assert made.edits == []
    assert [item.reason for item in made.review] == [
        "gpt-4.5-preview: the line changed since the scan; not rewritten"
    ]


def test_usage_errors_are_exit_2(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4.5-preview"\n'})
    assert fix(repo, "--date", "someday").returncode == 2
    assert fix(repo, "-s", "nowhere").returncode == 2
    assert fix(repo, "--exclude", "[z-a]").returncode == 2
    assert fix(repo, "missing-folder").returncode == 2


# The parts -------------------------------------------------------------------------------


CATALOGUE = build(
    {
        "gpt-4.5-preview": {"api": {"retires": "2025-07-14", "replacement": "gpt-4.1"}},
        "gpt-4.1": {"api": {}, "azure": {}},
        "gpt-4o": {"azure": {"retires": "2025-01-01", "replacement": "gpt-4.1"}, "api": {}},
    }
)


def test_a_prefix_names_the_surface_an_id_is_judged_on() -> None:
    surfaces = {**CATALOGUE.surfaces, "azure": Surface("azure", "Azure", prefixes=("azure/",))}
    catalogue = CATALOGUE._replace(surfaces=surfaces)
    text = 'a = "azure/gpt-4o"\nb = "gpt-4o"\n'
    found = [
        Occurrence("x", 1, 12, "gpt-4o", "gpt-4o", 'a = "azure/gpt-4o"'),
        Occurrence("x", 2, 6, "gpt-4o", "gpt-4o", 'b = "gpt-4o"'),
    ]
    made = plan(catalogue, Settings(date(2026, 2, 14), ["api"]), found, {"x": text.encode()})
    assert [(edit.line, edit.new) for edit in made.edits] == [(1, "gpt-4.1")]  # api: fine
    new = rewritten(text.encode(), made.edits)
    assert new == b'a = "azure/gpt-4.1"\nb = "gpt-4o"\n'


@pytest.mark.parametrize(
    ("model", "kind"),
    [
        ("gpt-4o", "chat"), ("claude-3-opus-20240229", "chat"), ("o3-mini", "chat"),
        ("davinci", "completion"), ("text-davinci-003", "completion"),
        ("gpt-3.5-turbo-instruct", "completion"), ("babbage-002", "completion"),
        ("text-embedding-3-small", "embedding"), ("gemini-embedding-001", "embedding"),
        ("text-moderation-latest", "moderation"), ("dall-e-3", "image"),
        ("gemini-2.5-flash-image", "image"), ("whisper-1", "transcription"),
        ("gpt-4o-mini-tts", "speech"), ("gpt-4o-realtime-preview", "realtime"),
        ("gpt-4o-audio-preview", "audio"), ("computer-use-preview", "computer-use"),
        ("o3-deep-research", "deep-research"), ("gpt-4o-search-preview", "search"),
        ("sora-2", "video"),
    ],
)  # fmt: skip
def test_kinds(model: str, kind: str) -> None:
    assert kind_of(model) == kind


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("CHANGELOG.md", "a changelog"), ("docs/HISTORY.rst", "a changelog"),
        ("NEWS", "a changelog"), ("changelog.d/123.feature", "a changelog"),
        ("aider/history.py", None), ("src/news.py", None),
        ("tests/cassettes/a.yaml", "a cassette (recorded HTTP traffic)"),
        ("x.har", "a cassette (recorded HTTP traffic)"),
        ("tests/__snapshots__/t.ambr", "a snapshot"), ("t.approved.txt", "a snapshot"),
        ("uv.lock", "a lockfile"), ("package-lock.json", "a lockfile"), ("go.sum", "a lockfile"),
        ("run.log", "a log or record"), ("site/_posts/2024-01-01-x.md", "a dated post"),
        ("chart.svg", "a picture"), ("src/app.py", None), ("README.md", None),
    ],
)  # fmt: skip
def test_recorded_paths(path: str, what: str | None) -> None:
    assert recorded(path) == what


def test_notebook_source_lines() -> None:
    import json

    notebook = {
        "cells": [
            {"source": ["a = 'gpt-4'\n", "b"], "outputs": [{"text": ["gpt-4"]}], "metadata": {}}
        ]
    }
    text = json.dumps(notebook, indent=1)
    lines = text.splitlines()
    source = notebook_source_lines(text.encode())
    assert [lines[number - 1].strip() for number in sorted(source)] == [
        "\"a = 'gpt-4'\\n\",",
        '"b"',
    ]
    assert notebook_source_lines(json.dumps(notebook).encode()) == frozenset()  # one line


# A quoted id that code tests one name against, as a prefix or a part, is no finding of
# check (check/patterns.py): fix neither rewrites nor lists it.
@pytest.mark.parametrize(
    "line",
    [
        'name.startswith("gpt-4.5-preview")',
        "modelId.startsWith('gpt-4.5-preview') ||",
        'model.includes( "gpt-4.5-preview")',
        '"gpt-4.5-preview" in self.model.lower()',
        "'gpt-4.5-preview' not in name",
        'model.StartsWith("gpt-4.5-preview")',
        'model.starts_with("gpt-4.5-preview")',
        'strings.HasPrefix(model, "gpt-4.5-preview")',
        "model.startsWith(`gpt-4.5-preview`)",
        'R = model_name.startswith(\n    "gpt-4.5-preview"\n)',  # a call over lines
    ],
)
def test_a_prefix_or_part_test_is_no_finding_and_left_as_it_is(tmp_path: Path, line: str) -> None:
    repo = project(tmp_path, {"a.py": f"M = {line}\n"})
    result = fix(repo, "--write")
    assert result.returncode == 0, result.stderr
    assert (repo / "a.py").read_text(encoding="utf-8") == f"M = {line}\n"
    # Left alone, and said so: the name tests a family of names.
    assert "a.py: a name tested as a pattern (check's kind: pattern), 1 id" in result.stderr
