"""Suggestions ("did you mean") over a catalogue nobody checked: a word is compared with a
bounded number of names, whatever the catalogue's size or how many of its names share a
beginning, and catalogues of ordinary size get the answers they always got.

Speed itself is measured by ``benchmarks/suggest.py`` (a million aliases), not here: a
timed test fails on a slow machine."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from modelsunset import names
from modelsunset.names import COMPARED, SCANNED, Suggester, normalise


class Unbounded:
    """The suggester as it was: every name of a group compared, every name looked through."""

    def __init__(self, candidates: Iterable[str], limit: int = 3) -> None:
        self.limit = limit
        self.by_norm: dict[str, str] = {}
        for candidate in sorted(set(candidates)):
            self.by_norm.setdefault(normalise(candidate), candidate)
        self.buckets: dict[str, list[str]] = {}
        for key in self.by_norm:
            for prefix in dict.fromkeys(key[:size] for size in (5, 3, 0)):
                self.buckets.setdefault(prefix, []).append(key)

    def __call__(self, word: str) -> list[str]:
        needle = normalise(word)
        close: list[str] = []
        for size in (5, 3, 0):
            nearby = self.buckets.get(needle[:size])
            if nearby:
                close = difflib.get_close_matches(needle, nearby, n=self.limit, cutoff=0.6)
                if close:
                    break
        found = [self.by_norm[name] for name in close]
        if len(found) < self.limit and len(needle) >= 2:
            for name, original in self.by_norm.items():
                if needle in name and original not in found:
                    found.append(original)
                    if len(found) == self.limit:
                        break
        return found


WORDS = st.text(st.sampled_from("gpt-4o_ mini35Tclaude.v:/"), min_size=0, max_size=14)


@settings(max_examples=examples(400), deadline=None)
@given(candidates=st.lists(WORDS, max_size=60), word=WORDS)
def test_ordinary_catalogues_get_the_answers_they_got(candidates: list[str], word: str) -> None:
    assert Suggester(candidates)(word) == Unbounded(candidates)(word)


def test_the_bundled_catalogue_gets_the_answers_it_got() -> None:
    from modelsunset.loading import bundled_path, load

    catalogue = load([str(bundled_path())])
    every = [*catalogue.models, *(a for m in catalogue.models.values() for a in m.aliases)]
    assert len(every) < COMPARED  # so no group is ever cut
    for word in ("gpt-4p", "4o", "claude-sonet-4", "gemni", "o3", "zzz", "GPT 4O", "x"):
        assert Suggester(every)(word) == Unbounded(every)(word), word


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of names each difflib call is given."""
    sizes: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: object) -> list[str]:
        sizes.append(len(possibilities))
        return real(word, possibilities, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return sizes


def test_a_crowded_beginning_is_compared_in_part(compared: list[int]) -> None:
    # A hostile catalogue: 200,000 aliases of one model, all beginning "gpt-4o-".
    crowd = [f"gpt-4o-2025{n:06d}-{n % 97:02d}" for n in range(200_000)]
    suggest = Suggester(["gpt-4o", "gpt-4.1", "claude-sonnet-4-0", *crowd])
    assert suggest("gpt-4p") == ["gpt-4o", "gpt-4.1"]  # names of its length come first
    found = suggest("gpt-4o-2025000123-2")
    assert found[0] == "gpt-4o-2025000123-26" and len(found) == 3
    assert suggest("zzqx-nothing-like-it") == []
    assert compared and max(compared) <= COMPARED


def test_looking_for_a_name_that_holds_the_word_is_bounded() -> None:
    many = [f"x{n:07d}" for n in range(SCANNED + 50_000)]
    suggest = Suggester(["gpt-4o", *many, "zz-4o", "a-long-alias-of-gpt-4o"])
    assert len(suggest._scanned()) == SCANNED
    assert suggest("4o") == ["gpt-4o", "zz-4o"]  # the shortest names are looked through
    assert suggest("149999") == []  # only x0149999 holds it: not looked through


def test_a_word_of_nothing_is_compared_with_little(compared: list[int]) -> None:
    suggest = names.Suggester([f"name-{n}" for n in range(50_000)])
    assert suggest("") == []
    assert suggest("\x1b[2J") == []
    assert max(compared) <= COMPARED
