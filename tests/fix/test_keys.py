"""``modelsunset fix`` and keys of tables (``fix.keys``): a rewrite that would give a
table one key twice goes to the checklist; a key with no twin, or what only looks like a
key, is rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.check import project
from support.fix import fix

from modelsunset.fix.keys import is_key, keys_of, prefix_of


@pytest.mark.parametrize(
    ("name", "text", "why"),
    [
        # the table has the new id already
        ("a.py", 'LIMITS = {"gpt-4.5-preview": 8192, "gpt-4.1": 400000}\n', "gpt-4.1 is a key"),
        ("a.yaml", "limits:\n  gpt-4.1: 400000\n  gpt-4.5-preview: 8192\n", "gpt-4.1 is a key"),
        (
            "a.js",
            'switch (m) {\n  case "gpt-4.1": return 1;\n  case "gpt-4.5-preview": return 2;\n}\n',
            "gpt-4.1 is a key",
        ),
        ("a.go", 'switch m {\ncase "o1", "gpt-4.5-preview":\ncase "gpt-4.1":\n}\n', "gpt-4.1 is"),
        ("a.php", '$limits = ["gpt-4.5-preview" => 8192, "gpt-4.1" => 1];\n', "gpt-4.1 is a key"),
        # a prefix inside the key, as in LiteLLM's price map
        (
            "p.json",
            '{\n  "openai/gpt-4.5-preview": {"input": 30},\n  "openai/gpt-4.1": {"input": 5}\n}\n',
            "openai/gpt-4.1 is a key",
        ),
        (
            "p.yaml",
            "prices:\n  openai/gpt-4.5-preview: 30\n  openai/gpt-4.1: 5\n",
            "openai/gpt-4.1 is a key",
        ),
        ("p.py", "{'azure/gpt-4.1': 1, 'azure/gpt-4.5-preview': 2}\n", "azure/gpt-4.1 is a key"),
        # TOML: keys, dotted keys, inline tables, headers of tables
        ("a.toml", '[prices]\n"gpt-4.5-preview" = 30\n"gpt-4.1" = 5\n', "gpt-4.1 is a key"),
        ("b.toml", "[prices]\ngpt-4.5-preview = 30\ngpt-4.1 = 5\n", "gpt-4.1 is a key"),
        ("c.toml", 'm = { "gpt-4.1" = 1, "gpt-4.5-preview" = 2 }\n', "gpt-4.1 is a key"),
        (
            "d.toml",
            'models."gpt-4.5-preview".p = 1\nmodels."gpt-4.1".p = 2\n',
            "gpt-4.1 is a key",
        ),
        (
            "e.toml",
            '[models."gpt-4.5-preview"]\np = 1\n[models."gpt-4.1"]\np = 2\n',
            "gpt-4.1 is a key",
        ),
        (
            "f.toml",
            "[[models.'gpt-4.5-preview'.x]]  # a comment\n[models . 'gpt-4.1' . y]\r\n",
            "gpt-4.1 is a key",
        ),
        ("g.toml", '["gpt-4.1"]\n["gpt-4.5-preview"]\n', "gpt-4.1 is a key"),
        # a key in brackets, given a value: Lua's tables, Python's and JavaScript's
        ("a.lua", 'local t = {\n  ["gpt-4.5-preview"] = 1,\n  ["gpt-4.1"] = 2,\n}\n', "gpt-4.1"),
        ("s.py", 'limits["gpt-4.5-preview"] = 1\nlimits["gpt-4.1"] = 2\n', "gpt-4.1 is a key"),
        # two keys of the table would both become it
        ("t.py", 'LIMITS = {\n  "gpt-4.5-preview": 1,\n  "gpt-4-0314": 2,\n}\n', "2 keys of"),
        (
            "t.toml",
            '[models."openai/gpt-4.5-preview"]\n[models."openai/gpt-4-0314"]\n',
            "2 keys of this file would all become openai/gpt-4.1",
        ),
    ],
)
def test_a_key_a_table_would_hold_twice_goes_to_the_checklist(
    tmp_path: Path, name: str, text: str, why: str
) -> None:
    repo = project(tmp_path, {name: text})
    result = fix(repo, "--write")
    assert result.returncode == 0
    assert (repo / name).read_bytes() == text.encode("utf-8")
    assert f"-> gpt-4.1: {why}" in result.stderr
    assert "which a table would hold twice, review" in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.py", 'LIMITS = {"gpt-4.5-preview": 8192}\nDEFAULT = "gpt-4.1"\n'),  # a value
        ("b.py", 'A = "gpt-4.5-preview"\nB = {"gpt-4.1": 1}\n'),  # not a key itself
        ("c.js", 'x = cond ? "gpt-4.5-preview" : "o1"\n'),  # looks like one; nothing to clash
        # a comparison, not a key: on either side
        ("d.py", 'if model == "gpt-4.5-preview":\n    x = {"gpt-4.1": 1}\n'),
        ("e.py", 'LIMITS = {"gpt-4.5-preview": 1}\nif m == "gpt-4.1":\n    pass\n'),
        ("f.py", 'LIMITS = {"gpt-4.5-preview": 1}\nwhile m != "gpt-4.1":\n    pass\n'),
        ("g.py", 'LIMITS = {"gpt-4.5-preview": 1}\nif m is "gpt-4.1": pass\n'),
        ("h.js", 'const L = {"gpt-4.5-preview": 1};\nif (m === "gpt-4.1") {}\n'),
        # another prefix, another key
        ("p.json", '{"openai/gpt-4.5-preview": 1, "gpt-4.1": 2, "azure/gpt-4.1": 3}\n'),
        # a value after = and a list, not keys
        ("a.toml", '[m]\n"gpt-4.5-preview" = 1\n[n]\nx = "gpt-4.1"\ny = ["gpt-4.1"]\n'),
        ("b.sh", 'L = {"gpt-4.5-preview": 1}\n[ "gpt-4.1" = "$m" ] && echo\n'),
        ("c.py", 'L = {"gpt-4.5-preview": 1}\nif d["gpt-4.1"] == 1: pass\n'),
        ("d.txt", 'L = {"gpt-4.5-preview": 1}\nmodels = ["gpt-4.1"]\n'),
    ],
)
def test_a_key_with_no_twin_is_rewritten(tmp_path: Path, name: str, text: str) -> None:
    repo = project(tmp_path, {name: text})
    result = fix(repo, "--write")
    assert result.returncode == 0
    assert "which a table would hold twice" not in result.stderr
    assert (repo / name).read_text(encoding="utf-8") == text.replace(
        "gpt-4.5-preview", "gpt-4.1", 1
    )


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (b'"gpt-4": 1', True),
        (b'  "openrouter/openai/gpt-4": 1', True),
        (b"[a.b.'gpt-4']", True),
        (b"x = 1; " * 40 + b'[a."gpt-4"]', False),  # not the start of a line
        (b'[a."gpt-4"]' + b" x" * 150, False),  # not the end of one
        (b'if m == "gpt-4": pass', False),
        (b'elif m is not "gpt-4": pass', False),
        (b"x = 1; " * 100 + b'"gpt-4": 1', True),  # a long line is read near the id
    ],
)
def test_is_key(line: bytes, key: bool) -> None:
    start = line.index(b"gpt-4")
    assert is_key(line, start, start + 5) is key


def test_keys_of_reads_a_whole_file_and_long_lines_near_the_key() -> None:
    data = b"x = 1; " * 1000 + b'"openai/gpt-4.1": 1\n' + b"y" * 1000 + b"\n"
    assert keys_of(data, "openai/gpt-4.1")
    assert not keys_of(data, "gpt-4.1")  # that key has a prefix
    assert not keys_of(b'"openai/gpt-4.1-mini": 1\n', "openai/gpt-4.1")
    assert not keys_of(b'[a."gpt-4.1"]' + b" x" * 1000, "gpt-4.1")  # no header
    assert keys_of(b"x = 1; " * 1000 + b'\n[a."gpt-4.1"]\n', "gpt-4.1")
    assert prefix_of(b'"openrouter/openai/gpt-4"', 19) == b"openrouter/openai/"
    assert prefix_of(b'"gpt-4"', 1) == b""
