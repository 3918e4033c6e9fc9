"""``check --changed BASE``: only lines added or changed since a git revision count, read
from a real git repository; outside one, or with a revision git does not know, the gate
stops with exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import pinned_env
from support.check import D, check, project

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = 'A = "gpt-4.5-preview"\nB = "fine"\n'


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def repository(tmp_path: Path) -> Path:
    """A repository with one commit (``base``) holding a retired id on line 1."""
    repo = project(tmp_path, {"src/app.py": OLD, ".gitignore": "ignored/\n"})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    return repo


def places(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The places of the findings, in the text format."""
    return [line.strip() for line in result.stdout.splitlines() if ".py:" in line]


def test_only_new_and_changed_lines_count(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    assert check(repo, "--date", D, "--changed", "base").returncode == 0  # nothing changed
    (repo / "src" / "app.py").write_text(
        'A = "gpt-4.5-preview"\nB = "gpt-4-0314"\nC = "gpt-4-0613"\n', encoding="utf-8"
    )
    result = check(repo, "--date", D, "--changed", "base")
    assert result.returncode == 1
    assert places(result) == ["src/app.py:2:6", "src/app.py:3:6"]
    assert "src/app.py:1:6" not in result.stdout
    assert "src/app.py:1:6" in check(repo, "--date", D).stdout  # without --changed: all


def test_committed_staged_and_untracked_lines_count(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    write = lambda name, text: (repo / name).write_text(text, encoding="utf-8")  # noqa: E731
    write("committed.py", 'X = "gpt-4-0314"\n')
    git(repo, "add", "committed.py")
    git(repo, "commit", "-q", "-m", "more")
    write("staged.py", 'X = "gpt-4-0613"\n')
    git(repo, "add", "staged.py")
    write("untracked.py", 'X = "gpt-4.5-preview"\n')
    (repo / "ignored").mkdir()
    write("ignored/x.py", 'X = "gpt-4.5-preview"\n')
    result = check(repo, "--date", D, "--changed", "base", "--no-gitignore")
    found = {place.split(":")[0] for place in places(result)}
    assert found == {"committed.py", "staged.py", "untracked.py"}


def test_a_moved_file_counts_only_its_changed_lines(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    git(repo, "mv", "src/app.py", "src/moved.py")
    with (repo / "src" / "moved.py").open("a", encoding="utf-8") as out:
        out.write('C = "gpt-4-0613"\n')
    git(repo, "add", "-A")
    result = check(repo, "--date", D, "--changed", "base")
    assert places(result) == ["src/moved.py:3:6"]


@pytest.mark.parametrize("name", ["dir x/a.py", "with space.py", "tab\tname.py", "é.py"])
def test_a_name_with_a_space_or_other_characters_counts(tmp_path: Path, name: str) -> None:
    # Git ends a `+++` line with a tab when the name holds a space.
    repo = repository(tmp_path)
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text('OLD = "fine"\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one more")
    (repo / name).write_text('OLD = "fine"\nM = "gpt-4-0314"\n', encoding="utf-8")
    result = check(repo, "--date", D, "--changed", "HEAD", "-f", "json")
    assert result.returncode == 1, result.stderr
    found = [(item["path"], item["line"]) for item in json.loads(result.stdout)["findings"]]
    assert found == [(name, 2)]


def test_a_copy_counts_whatever_the_repository_says_of_copies(tmp_path: Path) -> None:
    # With diff.renames=copies, git would show the copy as made of its source, no line new.
    repo = repository(tmp_path)
    git(repo, "config", "diff.renames", "copies")
    (repo / "src" / "copy.py").write_text(OLD, encoding="utf-8")
    (repo / "src" / "app.py").write_text(OLD + "C = 1\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "copied")
    assert places(check(repo, "--date", D, "--changed", "base")) == ["src/copy.py:1:6"]


@pytest.mark.skipif(os.name != "posix", reason="a name of bytes that are not UTF-8")
def test_a_name_that_is_not_utf8_counts(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    name = os.fsdecode(b"lat\xe9.py")
    (repo / name).write_text('M = "gpt-4-0314"\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "latin-1 name")
    (repo / os.fsdecode(b"u\xe9.py")).write_text('M = "gpt-4-0613"\n', encoding="utf-8")
    result = check(repo, "--date", D, "--changed", "base", "-f", "json")
    found = [(item["path"], item["line"]) for item in json.loads(result.stdout)["findings"]]
    assert found == [("lat\ufffd.py", 1), ("u\ufffd.py", 1)]


@pytest.mark.parametrize("hidden", [None, ".gitmodules", "diff.ignoreSubmodules"])
def test_a_submodule_added_counts_whole(tmp_path: Path, hidden: str | None) -> None:
    for folder in ("inner", "outer"):
        (tmp_path / folder).mkdir()
    inner = project(tmp_path / "inner", {"s.py": 'M = "gpt-4-0314"\n'})
    git(inner, "init", "-q", "-b", "main")
    git(inner, "add", "-A")
    git(inner, "commit", "-q", "-m", "inner")
    repo = repository(tmp_path / "outer")
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "sub")
    # A repository, or its user, may tell git diff to say nothing of submodules.
    if hidden == ".gitmodules":
        git(repo, "config", "-f", ".gitmodules", "submodule.sub.ignore", "all")
        git(repo, "add", ".gitmodules")
    elif hidden is not None:
        git(repo, "config", hidden, "all")
    git(repo, "commit", "-q", "-m", "a submodule")
    result = check(repo, "--date", D, "--changed", "base")
    assert places(result) == ["sub/s.py:1:6"]


def test_a_file_git_diffs_as_binary_counts_whole(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    (repo / ".gitattributes").write_text("*.yml -diff\n*.cfg binary\n", encoding="utf-8")
    (repo / "a.yml").write_text("name: x\n", encoding="utf-8")
    (repo / "b.cfg").write_text("name = x\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "attributes")
    (repo / "a.yml").write_text("name: x\nmodel: gpt-4-0314\n", encoding="utf-8")
    (repo / "b.cfg").write_text("name = x\nmodel = gpt-4-0613\n", encoding="utf-8")
    result = check(repo, "--date", D, "--changed", "HEAD")
    assert result.returncode == 1, result.stderr
    assert sorted(line.strip() for line in result.stdout.splitlines() if ":2:" in line) == [
        "a.yml:2:8",
        "b.cfg:2:9",
    ]


def test_the_files_changed_are_read_from_numstat() -> None:
    from modelsunset.check.changed import parse_numstat

    output = (
        b"3\t1\tsrc/app.py\0"
        b"-\t-\tlogo.png\0"
        b"0\t4\tonly removed.py\0"
        b"2\t0\t\0old name.py\0new\tname.py\0"
        b"1\t0\tnew\nline.py\0"
    )
    assert parse_numstat(output) == {
        "src/app.py": 3,
        "logo.png": None,
        "only removed.py": 0,
        "new\tname.py": 2,
        "new\nline.py": 1,
    }


def test_paths_below_the_repository_and_from_elsewhere(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    (repo / "src" / "app.py").write_text(OLD + 'C = "gpt-4-0613"\n', encoding="utf-8")
    below = check(repo, "src", "--date", D, "--changed", "base")
    assert places(below) == ["src/app.py:3:6"]
    elsewhere = check(
        repo, str(repo / "src" / "app.py"), "--date", D, "--changed", "main", cwd=tmp_path
    )
    assert [line.rsplit("/", 1)[1] for line in places(elsewhere)] == ["app.py:3:6"]


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    repo = project(tmp_path, {"src/app.py": OLD})
    env = pinned_env(MODELSUNSET_DATE=D, GIT_CEILING_DIRECTORIES=str(tmp_path))
    result = check(repo, "--changed", "main", env=env)
    assert result.returncode == 2
    assert "--changed main: . is not in a git repository" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("base", ["no-such-branch", "HEAD~5"])
def test_an_unknown_revision_is_a_usage_error(tmp_path: Path, base: str) -> None:
    repo = repository(tmp_path)
    result = check(repo, "--changed", base)
    assert result.returncode == 2
    assert f"unknown revision '{base}'" in result.stderr


@pytest.mark.parametrize("base", ["--output=x", "", " "])
def test_a_revision_that_is_an_option_is_refused(tmp_path: Path, base: str) -> None:
    repo = repository(tmp_path)
    result = check(repo, f"--changed={base}")
    assert result.returncode == 2
    assert "is not a revision" in result.stderr
    assert not (repo / "x").exists()


def test_the_diff_is_read_by_its_hunk_counts() -> None:
    from modelsunset.check.changed import parse_diff

    output = (
        b"diff --git a/x.py b/x.py\n"
        b"--- a/x.py\n"
        b"+++ b/x.py\n"
        b"@@ -1,2 +1 @@\n"
        b"--- not a header: a removed line\n"
        b"-gone\n"
        b"+++ not a header: an added line\n"
        b"@@ -10 +9,0 @@\n"
        b"-removed only\n"
        b"@@ -20,0 +20,2 @@\n"
        b"+a\n"
        b"+b\n"
        b"\\ No newline at end of file\n"
        b"diff --git a/old.py b/old.py\n"
        b"--- a/old.py\n"
        b"+++ /dev/null\n"
        b"@@ -1 +0,0 @@\n"
        b"-x\n"
        b"diff --git a/dir x/a b.py b/dir x/a b.py\n"
        b"--- a/dir x/a b.py\t\n"
        b"+++ b/dir x/a b.py\t\n"
        b"@@ -3,0 +4 @@\n"
        b"+spaced\n"
        b'diff --git "a/sp ace\\303\\251.py" "b/sp ace\\303\\251.py"\n'
        b'+++ "b/sp ace\\303\\251.py"\n'
        b"@@ -0,0 +1 @@\n"
        b"+new\n"
    )
    assert parse_diff(output) == {
        "x.py": frozenset({1, 20, 21}),
        "dir x/a b.py": frozenset({4}),
        "sp aceé.py": frozenset({1}),
    }


@pytest.mark.skipif(os.name != "posix", reason="a shell script as git")
@pytest.mark.parametrize(
    ("script", "mode", "said", "hint"),
    [
        (
            f"#!/bin/sh\n{shutil.which('sleep')} 10\n",
            0o755,
            "did not answer",
            "run that git command",
        ),
        ("#!/bin/sh\n", 0o644, "cannot run git:", "check that git runs here"),
    ],
)
def test_a_git_that_hangs_or_cannot_run_is_said_with_what_to_do(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    mode: int,
    said: str,
    hint: str,
) -> None:
    from modelsunset.check import changed

    repo = project(tmp_path, {"app.py": 'MODEL = "gpt-4o"\n'})
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(script)
    (fake / "git").chmod(mode)
    monkeypatch.setattr(changed, "TIMEOUT", 0.5)
    env = pinned_env(MODELSUNSET_DATE=D, PATH=str(fake))  # that git, and no other
    result = check(repo, "--changed", "HEAD", "--date", D, env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert said in result.stderr
    assert f"hint: {hint}" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="a shell script as git")
def test_the_time_given_to_git_is_for_all_its_calls_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each call of a slow git stays within the time, but their sum does not: a gate that
    a hook or a setting makes git wait on stalls TIMEOUT seconds at most, not per call."""
    from modelsunset.check import changed

    repo = project(tmp_path, {"app.py": 'MODEL = "gpt-4o"\n'})
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    fake = tmp_path / "bin"
    fake.mkdir()
    real = shutil.which("git")
    (fake / "git").write_text(f'#!/bin/sh\n{shutil.which("sleep")} 0.4\nexec {real} "$@"\n')
    (fake / "git").chmod(0o755)
    monkeypatch.setattr(changed, "TIMEOUT", 1.0)
    env = pinned_env(MODELSUNSET_DATE=D, PATH=f"{fake}{os.pathsep}{os.environ['PATH']}")
    result = check(repo, "--changed", "HEAD", "--date", D, env=env)
    assert result.returncode == 2
    assert "all its calls together" in result.stderr
