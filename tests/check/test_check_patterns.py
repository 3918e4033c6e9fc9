"""A quoted id that code tests a name against, as a prefix or a part (``check/patterns.py``),
is a pattern of a family of names and no finding; a test of whether a list holds the
model, or of equality, still is one."""

from __future__ import annotations

import pytest

from modelsunset.check.match import Matcher
from modelsunset.check.patterns import is_pattern

NAMES = {name: name for name in ("gpt-4", "gpt-4o", "o1", "gpt-3.5-turbo-16k")}


def found(text: str) -> list[str]:
    return [hit.name for hit in Matcher(NAMES).find(text.encode()) if hit.model is not None]


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
