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
    ids: list[RealId] = []
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True  # id, provider, source_repo, source_file, source_commit
            continue
        fields = line.split("\t")
        ids.append(RealId(fields[0], fields[1], fields[2]))
    return ids


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


def report(coverage: Coverage, show_misses: bool = True) -> str:
    """The figure, the figure per provider and (with ``show_misses``) the ids not found."""
    lines = [f"found {coverage.found}/{coverage.total} = {coverage.share:.1%} of the real ids"]
    for provider, (found, total) in coverage.per_provider.items():
        lines.append(f"  {provider:<10} {found:>4}/{total:<4} {found / total:6.1%}")
    if show_misses:
        for provider, missed in coverage.misses.items():
            lines.append(f"\nnot found, {provider} ({len(missed)}):")
            lines.extend(f"  {name}" for name in missed)
    return "\n".join(lines)
