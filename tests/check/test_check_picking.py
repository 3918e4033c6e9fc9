"""How the picker finds names: text dense with names is walked leftmost-longest first
(``_walk``) with the same answers as the search of every overlapping name, names written
with an escape (``gpt-4\\.1``, ``gpt\\-4o``) included."""

from __future__ import annotations

import random

import pytest

from modelsunset.check import picking
from modelsunset.check.match import Hit, Matcher

NAMES = {
    name: name
    for name in (
        "gpt-4",
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "gpt-4.1-mini",
        "claude-3.5-sonnet",
        "o3",
        "davinci",
    )
}

WORDS = [
    *NAMES,
    "gpt-4\\.1",
    "gpt-4\\\\.1",
    "gpt\\-4o",
    "gpt\\-4o\\-mini",
    "claude\\-3\\.5\\-sonnet",
    "gpt-4\\.9",
    "gpt\\-9",
    "gpt-4o\\-mini",
    "gpt-5",
    "'o9'",
    "gpt-4o-x",
]
GLUE = [" ", "\n", '"', "'", "/", "(", ")", ",", "=", "x", "-", "."]


def spans(hits: list[Hit]) -> list[tuple[int, int, str, str | None]]:
    return [(hit.start, hit.end, hit.name, hit.model) for hit in hits]


def text_of(seed: int, count: int, words: list[str] = WORDS) -> bytes:
    rng = random.Random(seed)
    return "".join(rng.choice(words) + rng.choice(GLUE) for _ in range(count)).encode()


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("escapes", [True, False])
def test_dense_text_is_walked_with_the_answers_of_the_full_search(
    seed: int, escapes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = WORDS if escapes else [word for word in WORDS if "\\" not in word]
    text = text_of(seed, 4000, words)
    expected = spans(Matcher.for_names(NAMES).find(text))
    written = [name for _, _, name, model in expected if model is not None and "\\" in name]
    assert bool(written) is escapes
    # Walked as dense: from a few bytes on, whatever the names in them promise.
    monkeypatch.setattr(picking, "LEFTMOST_FROM", 16)
    monkeypatch.setattr(picking, "LEFTMOST_AFTER", 1)
    walking = Matcher.for_names(NAMES)
    assert spans(walking.find(text)) == expected
    assert walking._picker._leftmost is not None
