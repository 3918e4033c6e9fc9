"""How code marks a model as running on one surface: a surface's prefix just before the
id (``azure/gpt-4o``, ``bedrock/anthropic.claude-v2``, ``us.anthropic.claude-...``),
read as the catalogue's ``prefixes`` write them, in any case (contract section 8).

A prefix counts only where it begins a token itself (``myazure/gpt-4o`` has none) or
follows another prefix of the same surface (``bedrock/us.anthropic...``), at most
``DEPTH`` in a row, as ``NameIndex.locate`` reads names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

DEPTH = 3
Edge = Callable[[bytes, int], bool]  # whether a token may begin at data[start]


class Prefixed(NamedTuple):
    """A prefix found before a name: the surface it marks, and where the first prefix of
    the run begins."""

    surface: str
    start: int


class Prefixes:
    """The prefixes of a catalogue's surfaces, filed by their last byte, longest first."""

    def __init__(self, prefixes: Iterable[tuple[str, str]]) -> None:
        self.pairs = sorted(
            {(prefix, surface) for prefix, surface in prefixes if prefix},
            key=lambda pair: (-len(pair[0]), pair),
        )
        self._by_last: dict[int, list[tuple[bytes, str]]] = {}
        for prefix, surface in self.pairs:
            raw = prefix.lower().encode("utf-8")
            self._by_last.setdefault(raw[-1], []).append((raw, surface))
        # The bytes a prefix may end with, either case: where none is, none need be sought.
        self.lasts = frozenset(self._by_last) | frozenset(
            byte - 32 for byte in self._by_last if 97 <= byte <= 122
        )

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def before(self, data: bytes, start: int, floor: int, edge: Edge) -> Prefixed | None:
        """The prefix that ends at ``data[start]``, beginning at ``floor`` or later, where
        ``edge`` says a token may begin."""
        return self._before(data, start, floor, edge, None, 0)

    def _before(
        self, data: bytes, start: int, floor: int, edge: Edge, surface: str | None, depth: int
    ) -> Prefixed | None:
        if start <= floor or depth >= DEPTH:
            return None
        last = data[start - 1]
        if 65 <= last <= 90:
            last += 32
        for raw, marks in self._by_last.get(last, ()):
            if surface is not None and marks != surface:
                continue
            begin = start - len(raw)
            if begin < floor or data[begin:start].lower() != raw:
                continue
            outer = self._before(data, begin, floor, edge, marks, depth + 1)
            if outer is not None:
                return outer
            if edge(data, begin):
                return Prefixed(marks, begin)
        return None
