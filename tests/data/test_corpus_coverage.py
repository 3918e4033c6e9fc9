"""How many real model ids the bundled catalogue finds (tests/data/real-ids.tsv).

The corpus is the ids code really sends (LiteLLM, Aider, LangChain, llm, the OpenAI and
Anthropic SDKs; its header says which rule chose them). Each is looked up as ``resolve``
and ``check`` look names up. The figure must not fall: a catalogue change that loses ids
code uses fails here. ``pytest -s`` prints the figure and the misses per provider;
``python scripts/coverage.py`` prints the same.
"""

from __future__ import annotations

import pytest
from support.coverage import (
    CORPUS,
    MISSES,
    WHYS,
    Coverage,
    measure,
    read_corpus,
    read_misses,
    report,
)

from modelsunset import api

# Measured on the bundled catalogue of 2026-12-02: 1116 of 1288 ids (86.6%; 87.9% of the
# 1270 that are not a library's own spelling). Raise it when the catalogue finds more. The
# target is 95% (at most 64 misses) and is not met: real-ids-misses.tsv says why for each.
FLOOR = 1116
TARGET = 0.95


@pytest.fixture(scope="module")
def coverage() -> Coverage:
    return measure(api.load(cache=False), read_corpus())


def test_corpus_is_the_documented_one() -> None:
    ids = read_corpus()
    assert len(ids) == 1288
    assert len({real.id for real in ids}) == len(ids)
    header = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line[:1] == "#"]
    assert any("Rule." in line for line in header)
    assert any("Sources" in line for line in header)


def test_coverage_does_not_fall(coverage: Coverage) -> None:
    text = report(coverage)
    print(f"\n{text}\n(floor {FLOOR}, target {TARGET:.0%})")
    assert coverage.found >= FLOOR, (
        f"the catalogue finds fewer real ids than before ({coverage.found} < {FLOOR}):\n{text}"
    )


def test_every_provider_of_the_corpus_is_in_the_catalogue(coverage: Coverage) -> None:
    catalogue = api.load()
    assert set(coverage.per_provider) <= set(catalogue.providers)


def test_every_miss_is_explained(coverage: Coverage) -> None:
    """Each id the catalogue does not find has a row in real-ids-misses.tsv saying why, and
    no row stays there once the id is found: the list of what is not known stays true."""
    explained = read_misses()
    missed = [name for names in coverage.misses.values() for name in names]
    unexplained = [name for name in missed if name not in explained]
    assert not unexplained, (
        f"ids of the corpus the catalogue does not find, with no row in {MISSES.name}: add"
        f" them to the catalogue, or a row saying why they are not ({', '.join(WHYS)}): "
        + ", ".join(unexplained)
    )
    found_now = sorted(set(explained) - set(missed))
    assert not found_now, f"rows of {MISSES.name} for ids found now: remove " + ", ".join(found_now)
    for miss in explained.values():
        assert miss.why in WHYS, f"{miss.id}: why {miss.why!r} is not one of {', '.join(WHYS)}"
        assert miss.note.strip(), f"{miss.id}: say what was looked at, and what it said"
