"""Ignore patterns from files nobody checked: each line is matched in time bounded by the
lengths of the name and the line (no regular expression that can backtrack), thousands of
plain lines cost no more than a few, and the answers are pathspec's (which modelsunset
used before), but where git's own differ: a bracket expression never matches ``/``, and
a line ending in ``/**`` matches what is inside a folder, not the folder itself.

pathspec is the oracle here (a test dependency only), with its regular expressions
rewritten so that a bracket cannot match ``/``. Paths hold no line break: Python's ``.``
and ``$``, which pathspec's expressions use, read one differently from other characters.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples, git_untracked, write_tree

from modelsunset.check.gitignore import IgnoreSpec, compile_lines, pattern_problem, read_pattern

# Pieces of lines: every character gitignore gives a meaning to, and plain ones.
LINE_PIECES = [*"ab*?[]!^-\\/ #", "**", "a", "b", "/", "*", "é", "[a-b]", "[!a]", "\\*"]
SEGMENT_CHARS = [*"ab[]!-\\ #*?^", "a", "b", "é"]


def _no_slash_in_sets(source: str) -> str:
    """pathspec's regular expression with ``(?!/)`` before each bracket expression of the
    line (``[^/]`` comes from ``*`` and ``?``; the line's own brackets hold no ``/``)."""
    out: list[str] = []
    place = 0
    while place < len(source):
        char = source[place]
        if char == "\\":
            out.append(source[place : place + 2])
            place += 2
        elif source.startswith("[^/]", place):
            out.append("[^/]")
            place += 4
        elif char == "[":
            end = place + 1
            end += source[end] == "^"
            end += source[end] == "]"
            while source[end] != "]":
                end += 2 if source[end] == "\\" else 1
            out.append("(?!/)" + source[place : end + 1])
            place = end + 1
        else:
            out.append(char)
            place += 1
    return "".join(out)


def oracle(lines: list[str]) -> Any:
    from pathspec import GitIgnoreSpec

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        spec = GitIgnoreSpec.from_lines(lines, backend="simple")
        for pattern in spec.patterns:
            if pattern.regex is not None:
                pattern.regex = re.compile(_no_slash_in_sets(pattern.regex.pattern))
    return spec


def _inside(line: str) -> bool:
    """Whether the line ends with ``/**`` after something more than ``**`` (``a/**``,
    ``**/*/**``; not ``/**`` or ``**/**``, which match every path): git matches it below a
    folder, never the folder itself, where pathspec matches both."""
    text = line[1:] if line.startswith("!") else line
    text = text if text.endswith("\\ ") else text.rstrip()
    if not text.endswith("/**"):
        return False
    return any(segment not in ("", "**") for segment in text[:-3].split("/"))


SKIP = object()  # pathspec cannot say what git says


def answer(lines: list[str], path: str) -> object:
    """pathspec's answer for ``path``; ``SKIP`` for a folder when a line ends with ``/**``
    (git matches such a line below a folder, never the folder itself, where pathspec
    matches both: ``test_git_semantics`` and the walk against git hold those cases)."""
    if path.endswith("/") and any(_inside(line) for line in lines):
        return SKIP
    return oracle(lines).check_file(path).include


def oracle_problem(line: str) -> str | None:
    from pathspec import GitIgnoreSpec

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            GitIgnoreSpec.from_lines([line])
    except ValueError:
        return "is not a gitignore pattern"
    except re.error as exc:
        return f"is not a pattern modelsunset can read ({exc.msg})"
    return None


LINES = st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=10).map("".join)
SEGMENTS = st.lists(st.sampled_from(SEGMENT_CHARS), min_size=1, max_size=3).map("".join)


@st.composite
def paths(draw: st.DrawFn) -> str:
    path = "/".join(draw(st.lists(SEGMENTS, min_size=1, max_size=5)))
    form = draw(st.sampled_from(["file", "file", "folder", "./", "/", "//"]))
    if form == "folder":
        return path + "/"
    return path if form == "file" else form + path


@settings(max_examples=examples(1000), deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=8), asked=st.lists(paths(), max_size=8))
def test_the_matcher_answers_as_pathspec(lines: list[str], asked: list[str]) -> None:
    pytest.importorskip("pathspec", minversion="1.0")
    for line in lines:
        assert pattern_problem(line) == oracle_problem(line), line
    kept = [line for line in lines if oracle_problem(line) is None]
    mine, problems = compile_lines(kept)
    assert problems == []
    for path in asked:
        verdict = mine.verdict(path) if mine is not None else None
        expected = answer(kept, path)
        assert expected is SKIP or verdict == expected, (kept, path)


@settings(max_examples=examples(300), deadline=None)
@given(
    names=st.lists(SEGMENTS, min_size=1, max_size=30, unique=True),
    asked=st.lists(paths(), min_size=1, max_size=10),
    negate=st.booleans(),
)
def test_plain_lines_in_tables_answer_as_pathspec(
    names: list[str], asked: list[str], negate: bool
) -> None:
    # Names, paths from the top, folders and endings: the lines the tables take.
    pytest.importorskip("pathspec", minversion="1.0")
    lines: list[str] = []
    for number, name in enumerate(names):
        plain = re.sub(r"[\\*?\[\]!# ]", "", name) or "x"
        shape = ("{}", "{}/", "/{}", "/{}/", "a/{}", "{}/**", "*.{}", "!{}")[number % 8]
        lines.append(shape.format(plain))
    if negate:
        lines.append("!a")
    mine, _ = compile_lines(lines)
    for path in asked + [f"{name}/{name}" for name in names]:
        verdict = mine.verdict(path) if mine is not None else None
        expected = answer(lines, path)
        assert expected is SKIP or verdict == expected, (lines, path)


@pytest.mark.parametrize(
    ("line", "path", "ignored"),
    [
        ("a[!x]b", "a/b", None),  # pathspec would say True: its [^x] matched "/"
        ("a[+-0]b", "a/b", None),  # a range over "/" (0x2f)
        ("a[!x]b", "a-b", True),
        ("*.log", "a\nb/c.log", True),  # a line break in a name is a character
        ("*.log", "c.log\n", None),
        ("build/", "build/", True),
        ("build/", "build", None),
        ("/top", "sub/top", None),
        ("**/deep", "x/y/deep", True),
        ("a/**/b", "a/x/y/b", True),
        ("a/**", "a/", None),  # pathspec would say True; git enters the folder
        ("a/**", "a/b/", True),
        ("a/**", "a/b/c/", True),
        ("a/**", "a/f", True),
        ("**a/**", "xa/", None),
        ("**a/**", "xa/b/", True),
        ("**/a/**", "x/a/", None),
        ("**/*/**", "a/", None),
        ("**/*/**", "a/b/", True),
        ("a/", "a/", True),
        ("/**", "a/", True),
    ],
)
def test_git_semantics(line: str, path: str, ignored: bool | None) -> None:
    spec, _ = compile_lines([line])
    assert spec is not None and spec.verdict(path) is ignored


def test_a_line_that_backtracks_is_no_slower_than_any(tmp_path: Path) -> None:
    # Python's regular expression for this line (pathspec's) takes minutes on a name of
    # a few dozen "a"; this one is matched once from left to right.
    spec, _ = compile_lines(["*a*a*a*a*a*a*a*b", "!" + "*a" * 20 + "c"])
    assert spec is not None
    for size in (30, 200, 20_000):
        assert spec.verdict("a" * size) is None
        assert spec.verdict("a" * size + "b") is True
        assert spec.verdict("x/" + "a" * size + "b/y") is True  # a folder above
        assert spec.verdict("a" * size + "c") is False


def test_forty_thousand_plain_lines_cost_no_more_than_a_few() -> None:
    # pathspec tried each line's regular expression on each path: 25 s for 1,000 paths.
    lines = [f"name{n}" for n in range(20_000)]
    lines += [f"/top{n}/sub" for n in range(10_000)]
    lines += [f"*.ext{n}" for n in range(5_000)]
    lines += [f"dir{n}/" for n in range(5_000)]
    spec, _ = compile_lines(lines)
    assert spec is not None and not spec.rest  # every line in a table
    for n in range(1_000):
        assert spec.verdict(f"src/pkg/module{n}.py") is None
        assert spec.verdict(f"src/name{n * 7}") is True
        assert spec.verdict(f"top{n}/sub/file.py") is True
        assert spec.verdict(f"x/top{n}/sub") is None
        assert spec.verdict(f"a/b.ext{n}") is True
        assert spec.verdict(f"a/dir{n}/f") is True
        assert spec.verdict(f"a/dir{n}") is None


@pytest.mark.slow
def test_a_megabyte_of_lines_that_need_the_general_search_is_linear() -> None:
    # The worst an ignore file under 1 MiB can do: every line a glob of its own.
    lines = [f"*a*{n}*b/x*y/**/z" for n in range(50_000)]
    spec, _ = compile_lines(lines)
    assert spec is not None and len(spec.rest) == 50_000
    assert spec.verdict("a" * 100 + "/x" + "y" * 100 + "/z") is None
    assert spec.verdict("a7b/xy/q/z") is True


def test_the_last_line_that_matches_decides() -> None:
    spec, _ = compile_lines(["*.log", "!keep.log", "build/", "!build/keep.py"])
    assert spec is not None
    assert spec.verdict("a/x.log") is True
    assert spec.verdict("a/keep.log") is False
    assert spec.verdict("build/") is True
    # A pattern for the path itself wins over one for a folder above it (pathspec's rule;
    # the walk never gets here, as build/ is left out first).
    assert spec.verdict("build/keep.py") is False


def test_lines_that_match_nothing() -> None:
    for line in ("", "   ", "# comment", "/", "[", "a[b", "[]", "[!]"):
        assert read_pattern(line) is None, line
    assert compile_lines(["", "# x", "[unclosed"]) == (None, [])


def test_an_ignore_spec_of_no_lines_ignores_nothing() -> None:
    assert IgnoreSpec([]).verdict("a/b") is None


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_brackets_and_git_agree(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".gitignore": "a[!x]b\nc[+-0]d\n", "a/b": "", "a-b": "", "c/d": "", "c.d": ""},
    )
    listed = git_untracked(tmp_path, init=True)
    spec, _ = compile_lines(["a[!x]b", "c[+-0]d"])
    assert spec is not None
    for path in ("a/b", "a-b", "c/d", "c.d"):
        assert (path in listed) == (spec.verdict(path) is None), path


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    "lines",
    [
        "docker/**\n!docker/*\n",  # everything in docker/ but the files at its top
        "docker/**\n!docker/Dockerfile\n",
        "docker/**\n!docker/sub/keep.py\n",  # docker/sub/ is left out: no way back in
        "**/docker/**\n!docker/Dockerfile\n",
        "**/*/**\n!docker/Dockerfile\n",
        "docker/\n!docker/Dockerfile\n",  # the folder itself: never entered
        "docker/**\n",
    ],
)
def test_the_walk_enters_a_folder_whose_insides_a_line_ignores_as_git_does(
    tmp_path: Path, lines: str
) -> None:
    import json

    from support import run_installed

    files = {"app.py": "x\n", "docker/Dockerfile": "x\n", "docker/sub/keep.py": "x\n"}
    write_tree(tmp_path, {".gitignore": lines, **files})
    listed = git_untracked(tmp_path, init=True)
    result = run_installed(
        "check", ".", "--format", "json", "--no-fail", "--date", "2026-12-01", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == len(listed), listed


def test_a_long_line_that_cannot_be_used_is_noted_in_part(tmp_path: Path) -> None:
    from modelsunset.check.ignore import read_ignore

    line = "\x1b" + "x" * 5000 + "\\"  # a "[" with no "]" would make it match nothing
    (tmp_path / ".gitignore").write_text(f"*.log\n{line}\n", encoding="utf-8")
    notes: list[str] = []
    spec = read_ignore(str(tmp_path / ".gitignore"), ".gitignore", notes.append)
    assert spec is not None and spec.verdict("a.log") is True
    (note,) = notes
    assert note == (
        "warning: .gitignore:2: " + repr(line[:57]) + "... is not a gitignore pattern; left out"
    )
    assert "\x1b" not in note and len(note) < 150
