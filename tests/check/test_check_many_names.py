"""A catalogue of very many names (a hostile one: 100,000 aliases ``a1`` .. ``a100000``,
each a prefix of others) is searched by several automata between them: the answers are
those of one automaton, whatever the cut."""

from __future__ import annotations

import random

import pytest

from modelsunset.check import match as match_module
from modelsunset.check.match import Hit, Matcher


def many_names(count: int) -> dict[str, str]:
    names = {f"a{number}": f"m{number % 3}" for number in range(1, count + 1)}
    names.update({"gpt-4o": "gpt-4o", "gpt-4o-mini": "gpt-4o-mini", "o3": "o3"})
    names.update({"anthropic.claude-v1": "claude", "anthropic.claude-v1:0": "claude"})
    return names


def spans(hits: list[Hit]) -> list[tuple[int, int, str, str | None]]:
    return [(hit.start, hit.end, hit.name, hit.model) for hit in hits]


def text_of(names: list[str], seed: int) -> bytes:
    rng = random.Random(seed)
    words = [*names, "gpt-5", "gpt-4o-x", "a0", "xa1", "a1-b", "a1.5", "'o9'", "\\na7", "é"]
    glue = [" ", "\n", '"', "'", "/", ".", "-", ":", "=", "(", ")", "x", "1"]
    return "".join(rng.choice(words) + rng.choice(glue) for _ in range(3000)).encode()


def test_many_short_nested_names_are_found_as_by_one_automaton(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = many_names(3000)
    text = text_of(sorted(names), 7)
    monkeypatch.setattr(match_module, "CHUNK", 10**9)
    whole = Matcher.for_names(names)
    assert len(whole._automata) == 1
    expected = spans(whole.find(text))
    assert len(expected) > 500
    for chunk, size in ((1000, 1 << 20), (7, 1 << 20), (1, 1 << 20), (1000, 50)):
        monkeypatch.setattr(match_module, "CHUNK", chunk)
        monkeypatch.setattr(match_module, "CHUNK_BYTES", size)
        cut = Matcher.for_names(names)
        assert len(cut._automata) > 1
        assert spans(cut.find(text)) == expected


def test_a_hundred_thousand_aliases_find_the_right_names() -> None:
    matcher = Matcher.for_names(many_names(100_000))
    assert len(matcher._automata) > 1
    text = b'use a1 and "a100000", not a100001 or a12-x; a99999.\nmodel="gpt-4o-mini" a7'
    assert [(hit.name, hit.model) for hit in matcher.find(text)] == [
        ("a1", "m1"),
        ("a100000", "m1"),
        ("a99999", "m0"),
        ("gpt-4o-mini", "gpt-4o-mini"),
        ("a7", "m1"),
    ]
    # The longest name that ends a token wins, whichever automaton holds it.
    found = matcher.find(b"anthropic.claude-v1:0 anthropic.claude-v1:x")
    assert [hit.name for hit in found] == ["anthropic.claude-v1:0", "anthropic.claude-v1"]
