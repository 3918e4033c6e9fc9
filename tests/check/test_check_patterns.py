"""A quoted id that code tests a name against, as a prefix or a part (``check/patterns.py``),
is a pattern of a family of names and no finding; a test of whether a list holds the
model, or of equality, still is one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelsunset.check.match import Hit, Matcher
from modelsunset.check.patterns import is_pattern

NAMES = {name: name for name in ("gpt-4", "gpt-4o", "o1", "gpt-3.5-turbo-16k")}


def found(text: str) -> list[str]:
    return [hit.name for hit in Matcher(NAMES).find(text.encode()) if hit.model is not None]


def patterns_in(text: str) -> list[str]:
    """The names that ``text`` tests as patterns."""
    patterns: list[Hit] = []
    Matcher(NAMES).find(text.encode(), patterns)
    return [hit.name for hit in patterns]


@pytest.mark.parametrize(
    "text",
    [
        'if "gpt-4" in model:',
        "if 'gpt-4' not in self.model_name.lower():",
        'ok = "gpt-4" in model_id and x',
        '"gpt-4" in engine',
        'model.startswith("gpt-3.5-turbo-16k")',
        'name.startswith(("gpt-4", "o1"))',  # a tuple of prefixes: each is one
        "name.startsWith('gpt-4')",
        'id.starts_with("gpt-4")',
        'model.includes("gpt-4o")',
        'self.model.contains("gpt-4o")',
        'strings.HasPrefix(model, "gpt-4")',
        'strings.Contains(req.Model, "gpt-4o")',
    ],
)
def test_a_prefix_or_part_of_one_name_is_a_pattern(text: str) -> None:
    assert found(text) == []
    assert patterns_in(text)  # no finding, but never passed in silence: kind ``pattern``


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"gpt-4o" in MODELS', ["gpt-4o"]),  # a list that holds it, or not
        ('"gpt-4" in model_list', ["gpt-4"]),
        ('"gpt-4" in models', ["gpt-4"]),
        ('"gpt-4" in model[0]', ["gpt-4"]),
        ('"gpt-4" in model.split("/")', ["gpt-4"]),
        ('model in ("gpt-4", "o1")', ["gpt-4", "o1"]),
        ('model == "gpt-4"', ["gpt-4"]),
        ('SUPPORTED.includes("gpt-4o")', ["gpt-4o"]),
        ('strings.Contains(models, "gpt-4")', ["gpt-4"]),
        ("gpt-4 in model", ["gpt-4"]),  # no quotes: prose, a name
        ('model.startswith(x) or use("gpt-4")', ["gpt-4"]),
        ('client.create(model="gpt-4")', ["gpt-4"]),
    ],
)
def test_anything_else_stays_a_finding(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_only_the_name_between_its_own_quotes_can_be_one() -> None:
    data = b'x("gpt-4") in model'
    assert not is_pattern(data, 3, 8)
    assert not is_pattern(b"gpt-4", 0, 5)
    assert is_pattern(b'"gpt-4" in model', 1, 6)


def test_a_name_tested_as_a_pattern_is_counted_and_listed_on_request(tmp_path: Path) -> None:
    from support.check import D, check, project

    repo = project(
        tmp_path,
        {"app.py": 'if model.startswith("gpt-4.5-preview"):\n    M = "gpt-4.5-preview"\n'},
    )
    result = check(repo, "--date", D, "-f", "json")
    document = json.loads(result.stdout)
    assert result.returncode == 1  # gpt-4.5-preview of line 1 is left out: line 2 fails
    assert [item["line"] for item in document["findings"]] == [2]
    assert document["summary"]["left_out"]["pattern"] == {
        "findings": 1,
        "unknown": 0,
        "not_checked": 0,
    }
    text = check(repo, "--date", D, "--no-fail").stdout
    hint = (
        "1 finding in names tested as patterns not counted (add pattern to --kinds to include them)"
    )
    assert hint in text
    listed = check(repo, "--date", D, "--no-fail", "--kinds", "code,pattern")
    assert "app.py:1:22 [pattern]\n" in listed.stdout
    assert "2 errors" in listed.stdout
    # Alone, a pattern never fails the gate by default.
    (repo / "app.py").write_text('ok = "gpt-4.5-preview" in model\n', encoding="utf-8")
    assert check(repo, "--date", D).returncode == 0


def test_names_tested_as_patterns_are_counted_once_in_a_file_read_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelsunset.check import read, scan

    lines = "".join(
        f'{"if" if n % 2 else "elif"} model.startswith("gpt-4"):  # {n}\n' for n in range(300)
    )
    (tmp_path / "app.py").write_text(lines, encoding="utf-8")
    matcher = Matcher(NAMES)

    def kinds() -> list[tuple[int, str]]:
        found, _ = scan.scan([str(tmp_path)], matcher, [], False, lambda text: None, jobs=1)
        return [(item.line, item.kind.value) for item in found]

    whole = kinds()
    assert whole == [(line, "pattern") for line in range(1, 301)]
    monkeypatch.setattr(read, "PIECE", 256)  # read in pieces, each with look-back context
    assert kinds() == whole


def test_a_pattern_is_one_place_however_many_names_it_holds() -> None:
    # The longer name is the pattern; the shorter one at its start (ended by ``@``) is no
    # hit, and no second pattern.
    names = {"claude-x-1": "claude-x-1", "claude-x-1@2024": "claude-x-1@2024"}
    patterns: list[Hit] = []
    assert Matcher(names).find(b'if "claude-x-1@2024" in model: pass', patterns) == []
    assert [hit.name for hit in patterns] == ["claude-x-1@2024"]
    patterns = []
    assert Matcher(NAMES).find(b'model.startswith("gpt-3\\.5-turbo-16k")', patterns) == []
    assert len(patterns) == 1


def test_a_pattern_in_an_offline_test_is_a_pattern_and_in_a_recorded_file_recorded(
    tmp_path: Path,
) -> None:
    from support.check import D, check, project

    repo = project(
        tmp_path,
        {
            "tests/test_models.py": (
                "from unittest.mock import patch\n"
                'def pick(model): return model.startswith("gpt-4.5-preview")\n'
                'FAKE = "gpt-4.5-preview"\n'
            ),
            "tests/fixtures/chat.md": 'if "gpt-4.5-preview" in model:\n',
        },
    )
    every = "code,config,docs,recorded,mocked,pattern"
    document = json.loads(check(repo, "--date", D, "-f", "json", "--kinds", every).stdout)
    assert [(item["path"], item["line"], item["kind"]) for item in document["findings"]] == [
        ("tests/fixtures/chat.md", 1, "recorded"),
        ("tests/test_models.py", 2, "pattern"),
        ("tests/test_models.py", 3, "mocked"),
    ]


@pytest.mark.parametrize(
    ("text", "tested", "found_names"),
    [
        # A notebook's source: a JSON string, its quotes escaped.
        (r'"    if model.startswith(\"gpt-4\"):\n",', ["gpt-4"], []),
        (r'"    if \"gpt-4o\" in model_name:\n",', ["gpt-4o"], []),
        (r'"models = [\"gpt-4o\"]\n"', [], ["gpt-4o"]),  # a list of names: a finding
        (r'"m = \"gpt-4\"\n"', [], ["gpt-4"]),
        (r'"if model.startswith(\"gpt-4\'):"', [], ["gpt-4"]),  # quotes that differ
    ],
)
def test_a_pattern_between_escaped_quotes_is_one(
    text: str, tested: list[str], found_names: list[str]
) -> None:
    assert patterns_in(text) == tested
    assert found(text) == found_names
