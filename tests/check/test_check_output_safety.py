"""Output that comes from files and catalogues never forges a line: no line of text output
(or of a note on stderr) begins with ``::`` or holds ``##[``, which the GitHub Actions
runner reads as commands; Markdown escapes what would mark it up; the github format
escapes per the workflow-command rules; JSON and SARIF write ``##[`` so no log reads it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from support.check import CATALOGUE, D, check, project

from modelsunset.check import read as read_module
from modelsunset.check.paths import inert

FORGED_NAMES = [
    "::error file=a.py::forged.py",
    "  ::warning::indented.py",
    "##[error]old-style.py",
    "x ##[group]mid.py",
    "line\n::error::after-a-newline.py",
    "::endgroup::",
]

# One paragraph (the loader refuses line breaks and control characters in catalogue text),
# that still starts with a workflow command and holds the old-style prefix.
NOTE = "::error file=app.py::forged by the catalogue ##[warning]and this ::x::y"


def forging(repo_files: dict[str, str]) -> dict[str, str]:
    return {name: 'MODEL = "gpt-4.5-preview"\n' for name in FORGED_NAMES} | repo_files


def with_note(tmp: Path) -> None:
    """The test catalogue with a note that tries to forge commands."""
    text = CATALOGUE.replace(
        "api: {announced: 2025-04-14, retires: 2025-07-14, replacement: gpt-4.1}",
        "api:\n        announced: 2025-04-14\n        retires: 2025-07-14\n"
        f"        replacement: gpt-4.1\n        note: {json.dumps(NOTE)}",
    )
    (tmp / "catalogue.yaml").write_text(text, encoding="utf-8")


def assert_inert(output: str) -> None:
    for line in output.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("::error::x", "\\x3a:error::x"),
        ("   ::x", "   \\x3a:x"),
        ("a ::b", "a ::b"),
        ("##[group]", "##\\x5bgroup]"),
        ("a\n::b\n  ##[c", "a\n\\x3a:b\n  ##\\x5bc"),
    ],
)
def test_inert_writes_out_what_would_read_as_a_command(text: str, shown: str) -> None:
    assert inert(text) == shown


def test_text_output_never_forges_a_line(tmp_path: Path) -> None:
    repo = project(tmp_path, forging({"src/app.py": 'MODEL = "gpt-4.5-preview"\n'}))
    with_note(tmp_path)
    result = check(repo, "--date", D)
    assert result.returncode == 1, result.stderr
    assert_inert(result.stdout)
    assert "\\x3a:error file=a.py::forged.py:1:10" in result.stdout
    assert "##\\x5berror]old-style.py:1:10" in result.stdout
    assert "line\\n::error::after-a-newline.py:1:10" in result.stdout  # one line
    lines = result.stdout.splitlines()
    assert (
        "          \\x3a:error file=app.py::forged by the catalogue ##\\x5bwarning]and this ::x::y"
        in lines
    )


def test_notes_on_stderr_never_forge_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = project(tmp_path, {"a.py": "x\n", "##[error]locked.py": "x\n"})
    real_open = open

    def guarded(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("locked.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(read_module, "open", guarded, raising=False)
    for args in ([], ["--skip-unreadable"]):
        result = check(repo, "--date", D, *args)
        assert "locked.py" in result.stderr
        assert_inert(result.stderr)
    result = check(repo, "--date", D, "--model", "::error::gpt-4o-mini", "--surface", "chatgpt")
    assert_inert(result.stderr)


def test_markdown_escapes_what_would_mark_it_up(tmp_path: Path) -> None:
    names = [
        "a|b.py",
        "tick`s.py",
        "<script>alert(1)</script>.py",
        "[link](https---example.com).py",
        "amp&lt;.py",
        "##[error]x.py",
    ]
    repo = project(tmp_path, {name: 'MODEL = "gpt-4.5-preview"\n' for name in names})
    markdown = check(repo, "--date", D, "-f", "markdown").stdout
    assert_inert(markdown)
    row = next(line for line in markdown.splitlines() if line.startswith("| error"))
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == 7, row
    places = [place.strip() for place in cells[6].split("<br>")]
    assert r"##\[error\]x.py:1:10" in places  # no code: a log would read ##[ in it
    assert "`<script>alert(1)</script>.py:1:10`" in places  # code: no HTML
    assert "`[link](https---example.com).py:1:10`" in places
    assert "`a\\|b.py:1:10`" in places
    assert "`amp&lt;.py:1:10`" in places  # in code an entity is text
    assert r"tick\`s.py:1:10" in places  # no code: the backtick would end it
    assert "<script>" not in markdown.replace("`<script>alert(1)</script>.py:1:10`", "")


def test_markdown_escapes_catalogue_text_outside_code(tmp_path: Path) -> None:
    text = CATALOGUE.replace("  api: {name: Developer API}", "  api<b>|x: {name: Odd}").replace(
        "      api:", "      api<b>|x:"
    )
    repo = project(tmp_path, {"a.py": 'MODEL = "gpt-4.5-preview"\n'})
    (tmp_path / "catalogue.yaml").write_text(text, encoding="utf-8")
    result = check(repo, "--date", D, "-f", "markdown", "--surface", "api<b>|x")
    assert result.returncode == 1, result.stderr
    assert "surfaces: api&lt;b&gt;\\|x;" in result.stdout
    assert "| api&lt;b&gt;\\|x |" in result.stdout
    assert "<b>" not in result.stdout


COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    names = ["odd, name: 100%.py", "line\nbreak\r.py", "::error::x.py", "a=b,c=d.py"]
    repo = project(tmp_path, {name: 'MODEL = "gpt-4.5-preview"\n' for name in names})
    with_note(tmp_path)
    result = check(repo, "--date", D, "-f", "github")
    lines = result.stdout.splitlines()
    assert len(lines) == len(names)
    files = []
    for line in lines:
        match = COMMAND.match(line)
        assert match is not None, line
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        assert set(properties) == {"file", "line", "col", "title"}
        files.append(unescape(properties["file"]))
        assert "\n" not in match.group(3) and "\r" not in match.group(3)
    assert sorted(files) == sorted(names)


def test_json_and_sarif_write_the_old_command_prefix_so_no_log_reads_it(tmp_path: Path) -> None:
    repo = project(tmp_path, {"##[group]a.py": '"gpt-4.5-preview"  # ##[error]forged\n'})
    for fmt in ("json", "sarif"):
        result = check(repo, "--date", D, "-f", fmt)
        assert "##[" not in result.stdout, fmt
    assert "##\\u005b" in check(repo, "--date", D, "-f", "json").stdout
    document = json.loads(check(repo, "--date", D, "-f", "json").stdout)
    finding = document["findings"][0]
    assert finding["path"] == "##[group]a.py"
    assert finding["text"] == '"gpt-4.5-preview"  # ##[error]forged'


def test_file_names_with_control_characters_stay_one_line(tmp_path: Path) -> None:
    repo = project(tmp_path, {"esc\x1b[31m.py": '"gpt-4.5-preview"\n'})
    for fmt in ("text", "markdown"):
        output = check(repo, "--date", D, "-f", fmt).stdout
        assert "\x1b" not in output
        assert "esc\\x1b[31m.py" in output or "esc\\\\x1b\\[31m.py" in output
    assert os.path.exists(repo / "esc\x1b[31m.py")
