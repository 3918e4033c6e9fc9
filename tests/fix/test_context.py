"""``modelsunset fix`` and what around an id makes it no drop-in (``fix.context``):
names being tested, regular expressions."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.check import project
from support.fix import fix

from modelsunset.fix.context import EARLIER, around


@pytest.mark.parametrize(
    "line",
    [
        'model in ("gpt-4.5-preview", "o1")',  # a list of models: rewritten as lists are
        'name == "gpt-4.5-preview"',
        'call(model="gpt-4.5-preview") in results',  # not the name that is tested
        'startswith("x") or pick("gpt-4.5-preview")',
    ],
)
def test_a_name_that_is_not_tested_is_rewritten(tmp_path: Path, line: str) -> None:
    repo = project(tmp_path, {"a.py": f"M = {line}\n"})
    assert fix(repo, "--write").returncode == 0
    assert (repo / "a.py").read_text(encoding="utf-8") == f"M = {line}\n".replace(
        "gpt-4.5-preview", "gpt-4.1"
    )


TEST = "gpt-4-0314 -> gpt-4.1: a test of a name"
PATTERN = "gpt-4-0314 -> gpt-4.1: written as a regular expression"


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        # a string with a prefix
        ("a.py", 'b = re.match(r"gpt-4-0314", m)\n', f"{TEST} (match)"),
        ("b.py", "ok = m.startswith((u'o1', b'gpt-4-0314'))\n", f"{TEST} (startswith)"),
        ("c.py", 'ok = m.lower().endswith(rb"gpt-4-0314")\n', f"{TEST} (endswith)"),
        # a call that opens on a line before
        ("d.py", 'R = model_name.endswith(\n    "gpt-4-0314"\n)\n', f"{TEST} (endswith)"),
        (
            "e.py",
            "ok = name.endswith(\n    (\n        'o1',\n        'gpt-4-0314',\n    )\n)\n",
            f"{TEST} (endswith)",
        ),
        (
            "f.go",
            'ok := strings.HasPrefix(\n\tstrings.ToLower(m),\n\t"gpt-4-0314",\n)\n',
            f"{TEST} (HasPrefix)",
        ),
        # a first argument that is a call with arguments
        (
            "g.go",
            "func f(m string) bool {\n"
            '\treturn strings.HasPrefix(strings.ToLower(m), "gpt-4-0314")\n}\n',
            f"{TEST} (HasPrefix)",
        ),
        ("h.go", 'strings.HasSuffix(trim(lower(m), " "), "gpt-4-0314")\n', f"{TEST} (HasSuffix)"),
        ("i.py", 'str.startswith(names[0].lower(), "gpt-4-0314")\n', f"{TEST} (startswith)"),
        # a prefix before the id, in its quotes
        ("j.py", 'ok = m.startswith("openai/gpt-4-0314")\n', f"{TEST} (startswith)"),
        # syntax of patterns around the id in its string
        ("k.py", 'c = re.search("^gpt-4-0314", m)\n', f"{PATTERN} (^ or $ around it)"),
        ("l.py", 'R = "gpt-4-0314$"\n', f"{PATTERN} (^ or $ around it)"),
        ("m.yaml", "pattern: ^gpt-4-0314$\n", f"{PATTERN} (^ or $ around it)"),
        ("n.py", 'R = "(gpt-4-0314|gpt-4-0613)"\n', f"{PATTERN} (| or .* and the like"),
        ("o.py", "R = '(?:gpt-4-0314)'\n", f"{PATTERN} (| or .* and the like"),
        ("p.py", 'R = "gpt-4-0314.*"\n', f"{PATTERN} (| or .* and the like"),
        ("q.py", 'R = r"gpt-4-0314\\b"\n', f"{PATTERN} (| or .* and the like"),
        # JavaScript's literals
        ("a.js", "const a = /^gpt-4-0314/.test(m);\n", PATTERN),
        ("b.js", "const d = m.match(/gpt-4-0314/);\n", f"{PATTERN} (a /.../ literal)"),
        ("c.js", "if (/gpt-4-0314/i.test(m)) {}\n", f"{PATTERN} (a /.../ literal)"),
        ("d.js", "return /gpt-4-0314/.test(m)\n", f"{PATTERN} (a /.../ literal)"),
        # what makes a pattern of a string
        ("e.js", 'const r = new RegExp("gpt-4-0314", "i");\n', f"{PATTERN} (made one by RegExp)"),
        ("r.py", 'P = re.compile(r"gpt-4-0314")\n', f"{PATTERN} (made one by compile)"),
        ("s.py", 'P = re.compile(\n    "gpt-4-0314"\n)\n', f"{PATTERN} (made one by compile)"),
        ("t.py", 'x = re.sub("gpt-4-0314", "", s)\n', f"{PATTERN} (made one by re.sub)"),
        ("u.go", "r := regexp.MustCompile(`gpt-4-0314`)\n", f"{PATTERN} (made one by MustCompile)"),
    ],
)
def test_a_name_tested_or_written_as_a_pattern_goes_to_the_checklist(
    tmp_path: Path, name: str, text: str, reason: str
) -> None:
    repo = project(tmp_path, {name: text})
    result = fix(repo, "--write")
    assert result.returncode == 0
    assert (repo / name).read_bytes() == text.encode("utf-8")
    assert f"  {reason}" in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.py", 'print(f"Using {x} gpt-4-0314?")\n'),  # a question, not a pattern
        ("b.py", 'x = "Model (gpt-4-0314)"\n'),
        ("c.md", "|gpt-4-0314|2024-06-13|\n"),  # a table, unquoted
        ("d.py", 'x = "models/gpt-4-0314/"\n'),  # a path, not a literal
        ("e.yaml", "path: /models/gpt-4-0314\n"),
        ("f.js", "// see gpt-4-0314/gpt-4 for more\n"),
        ("g.js", "/* gpt-4-0314 */\n"),
        ("h.js", "const m = `${base}gpt-4-0314`;\n"),
        ("i.py", 'price = "$5 for gpt-4-0314"\n'),
        ("j.py", 'x = p.sub("gpt-4-0314", s)\n'),  # the replacement, not the pattern
        # a call before the line that the id is not in
        ("k.py", 'if x:\n    call(\n        "gpt-4-0314"\n    )\n'),
        ("l.py", 'ok = m.startswith("a")\ny = "gpt-4-0314"\n'),
        ("m.py", 'ok = m.startswith("a")\ny = pick(\n    "gpt-4-0314"\n)\n'),
    ],
)
def test_an_id_that_is_neither_tested_nor_a_pattern_is_rewritten(
    tmp_path: Path, name: str, text: str
) -> None:
    repo = project(tmp_path, {name: text})
    result = fix(repo, "--write")
    assert result.returncode == 0, result.stderr
    assert "To review by hand" not in result.stderr
    assert (repo / name).read_text(encoding="utf-8") == text.replace("gpt-4-0314", "gpt-4.1")


@pytest.mark.parametrize(
    ("earlier", "line", "test"),
    [
        (b"ok = m.startswith(\n", b'    "gpt-4"', True),
        (b"ok = m.startswith(\n" + b"\n" * (EARLIER - 20), b'    "gpt-4"', True),
        (b"ok = m.startswith(\n" + b"\n" * EARLIER, b'    "gpt-4"', False),  # too far back
        (b"x" * 10 * EARLIER + b"\n", b'"gpt-4"', False),
        (b"", b"ok = m.startswith(" + b" " * (EARLIER - 30) + b'"gpt-4")', True),
        (b"", b"ok = m.startswith(" + b" " * EARLIER + b'"gpt-4")', False),
    ],
)
def test_around_reads_a_bounded_number_of_bytes_back(
    earlier: bytes, line: bytes, test: bool
) -> None:
    start = line.index(b"gpt-4")
    reason = around(line, start, start + 5, earlier)
    assert (reason == "a test of a name (startswith), which another name would change") is test
