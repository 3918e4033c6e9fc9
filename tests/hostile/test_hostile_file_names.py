"""File names are written by whoever wrote the repository: one that holds control
characters (ESC, DEL, NEL) or characters that reorder or hide text (U+202E, U+200B,
U+2066) is shown with them written out in every format of ``check``; JSON reads back the
very name, and SARIF's URIs decode to it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from support import Result, pinned_env, run

NAMES = [
    "a\u202eb\x7fc.py",
    "plain\u202e.py",
    "x\x1b[2Jy.py",
    "n\x85\u200bz\u2066.py",
    "##[warning]w.py",
]


def check_in(tree: Path, fmt: str, home: Path) -> Result:
    """``check`` of ``tree`` in format ``fmt`` on the evaluation day, never failing."""
    return run(
        "check",
        str(tree),
        "--format",
        fmt,
        "--no-fail",
        "--date",
        "2026-12-01",
        env=pinned_env(home),
    )


RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for name in NAMES:
        (root / name).write_text('model = "gpt-4o-2024-05-13"\n', encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "json", "sarif"])
def test_no_format_writes_a_file_name_raw(tree: Path, tmp_path: Path, fmt: str) -> None:
    result = check_in(tree, fmt, tmp_path)
    assert result.returncode == 0, result.stderr
    assert RAW.search(result.stdout) is None, fmt
    for line in result.stdout.splitlines():
        if fmt != "github":
            assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def test_json_and_sarif_read_back_the_names(tree: Path, tmp_path: Path) -> None:
    result = check_in(tree, "json", tmp_path)
    paths = {Path(f["path"]).name for f in json.loads(result.stdout)["findings"]}
    assert paths == set(NAMES)
    sarif = check_in(tree, "sarif", tmp_path)
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for item in json.loads(sarif.stdout)["runs"][0]["results"]
        for location in item["locations"]
    ]
    assert {unquote(uri).rsplit("/", 1)[-1] for uri in uris} == set(NAMES)


@pytest.mark.parametrize(
    ("option", "name", "text"),
    [
        ("--baseline", "deep.json", "[" * 100_000 + "]" * 100_000),
        ("--waivers", "deep.toml", "waivers = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("--waivers", "deep.json", '{"waivers": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ],
)
def test_a_baseline_or_waivers_nested_too_deep_is_a_usage_error(
    tmp_path: Path, option: str, name: str, text: str
) -> None:
    # A pull request writes these files too: nesting deep enough to overflow a parser is
    # said, with exit 2, never a traceback.
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "app.py").write_text('model = "gpt-4o"\n', encoding="utf-8")
    result = run(
        "check",
        str(tmp_path / "app.py"),
        option,
        str(tmp_path / name),
        "--date",
        "2026-12-01",
        env=pinned_env(tmp_path),
        cwd=tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert "too deeply" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "char", ["\u00ad", "\u034f", "\u180e", "\u3164", "\ufe0f", "\U000e0041", "\u206a"]
)
def test_other_invisible_characters_are_refused_in_a_catalogue(tmp_path: Path, char: str) -> None:
    # Default-ignorable characters show nothing: two ids differing by one look the same.
    path = tmp_path / "c.yaml"
    path.write_text(
        "version: 1\nupdated: 2026-01-01\nproviders:\n  p: {name: P}\n"
        "surfaces:\n  api: {name: A}\n"
        f"models:\n  gpt{char}-4o:\n    provider: p\n    surfaces: {{api: }}\n",
        encoding="utf-8",
    )
    result = run("validate", str(path), env=pinned_env(tmp_path))
    assert result.returncode == 3, result.stderr
    assert f"U+{ord(char):04X}" in result.stderr
    assert char not in result.stderr


def test_other_invisible_characters_in_a_file_name_are_written_out(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a\u00adb\ufe0f\U000e0041.py").write_text('model = "gpt-4o-2024-05-13"\n')
    for fmt in ("text", "markdown", "github", "json"):
        result = check_in(root, fmt, tmp_path)
        assert not any(char in result.stdout for char in "\u00ad\ufe0f\U000e0041"), fmt
