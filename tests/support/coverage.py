"""How many real model ids the catalogue finds: the corpus of ``tests/data/real-ids.tsv``
looked up with ``NameIndex.locate``, as ``resolve`` and ``check`` look names up.

Shared by ``tests/data/test_corpus_coverage.py`` (which keeps the figure from falling) and
``scripts/coverage.py`` (which a maintainer runs to see the figure and the misses).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from modelsunset.errors import AmbiguousName
from modelsunset.model import Catalogue
from modelsunset.names import NameIndex

CORPUS = Path(__file__).resolve().parent.parent / "data" / "real-ids.tsv"
MISSES = CORPUS.with_name("real-ids-misses.tsv")

# Why an id of the corpus is not in the catalogue (the second column of MISSES):
WHYS = {
    # no page of the provider names a model so: a library's own spelling or a typo of one
    "spelling": "a library's own spelling, which no page of the provider uses",
    # the provider stopped serving it without a dated page: a date would be a guess, and
    # listing it as offered would be wrong
    "undated": "gone from the provider's pages with no date said for it",
    # the provider's pages that would say whether (or until when) it is offered were not read
    "unsourced": "its status on the surface named could not be read on the provider's pages",
}


class RealId(NamedTuple):
    id: str
    provider: str  # the model's maker, as the corpus names it
    source: str  # the repository the id was first found in


class Coverage(NamedTuple):
    total: int
    found: int
    per_provider: dict[str, tuple[int, int]]  # provider -> (found, total)
    misses: dict[str, list[str]]  # provider -> ids not found, in corpus order

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 0.0


def read_corpus(path: Path = CORPUS) -> list[RealId]:
    """The ids of the corpus file: tab-separated rows after the ``#`` comment block and
    the header row."""
    # columns: id, provider, source_repo, source_file, source_commit
    return [RealId(fields[0], fields[1], fields[2]) for fields in _rows(path)]


def _rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of ``path`` after its ``#`` comment block and header row."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line.split("\t") for line in lines if not line.startswith("#")][1:]


class Miss(NamedTuple):
    id: str
    why: str  # a key of WHYS
    note: str  # what was looked at, and what it said


def read_misses(path: Path = MISSES) -> dict[str, Miss]:
    """The ids the catalogue is known not to find, each with why (rows after the ``#``
    comment block and the header row; id, why, note)."""
    rows = ([*fields, "", ""][:3] for fields in _rows(path))
    return {name: Miss(name, why, note) for name, why, note in rows}


def measure(catalogue: Catalogue, ids: Iterable[RealId]) -> Coverage:
    """Which ids the catalogue's names find (an id that is the display name of several
    models counts as not found: ``resolve`` refuses it)."""
    index = NameIndex(catalogue.models, catalogue.surfaces)
    counts: dict[str, list[int]] = {}
    misses: dict[str, list[str]] = {}
    for real in ids:
        try:
            hit = index.locate(real.id) is not None
        except AmbiguousName:
            hit = False
        tally = counts.setdefault(real.provider, [0, 0])
        tally[1] += 1
        if hit:
            tally[0] += 1
        else:
            misses.setdefault(real.provider, []).append(real.id)
    per_provider = {name: (found, total) for name, (found, total) in sorted(counts.items())}
    return Coverage(
        total=sum(total for _, total in per_provider.values()),
        found=sum(found for found, _ in per_provider.values()),
        per_provider=per_provider,
        misses={name: misses[name] for name in sorted(misses)},
    )


def report(
    coverage: Coverage, show_misses: bool = True, explained: dict[str, Miss] | None = None
) -> str:
    """The figure, the figure per provider and (with ``show_misses``) the ids not found;
    with ``explained`` (``read_misses()``), also the figure without the ids no provider
    page spells so, and why each miss is one."""
    lines = [f"found {coverage.found}/{coverage.total} = {coverage.share:.1%} of the real ids"]
    if explained is not None:
        missed = {name for names in coverage.misses.values() for name in names}
        spelled = sum(
            1 for miss in explained.values() if miss.why == "spelling" and miss.id in missed
        )
        named = coverage.total - spelled
        lines.append(
            f"found {coverage.found}/{named} = {coverage.found / named:.1%} of those a provider"
            f" names so (leaving out {spelled} library spellings)"
        )
    for provider, (found, total) in coverage.per_provider.items():
        lines.append(f"  {provider:<10} {found:>4}/{total:<4} {found / total:6.1%}")
    if show_misses:
        for provider, missed in coverage.misses.items():
            lines.append(f"\nnot found, {provider} ({len(missed)}):")
            for name in missed:
                miss = (explained or {}).get(name)
                why = f"  [{miss.why}] {miss.note}" if miss else ""
                lines.append(f"  {name}{why}" if explained is None else f"  {name:<48}{why}")
    return "\n".join(lines)
