""" "Did you mean" for the unknown ids of a scan: worked out once per distinct id, with
work that is bounded however large the catalogue and however many unknown ids a tree
holds.

An id is compared with at most ``POOL`` catalogue ids at a time: those that share its
first five characters, else its first three, else any (as ``names.Suggester`` does),
each group narrowed to a longer shared beginning, or to the ids nearest in sorted order,
when it is larger than ``POOL``. The
first ``AT_MOST`` distinct ids of a run get suggestions; later ones get none, so a tree
with tens of thousands of distinct unknown ids costs no more than one with ``AT_MOST``.

An unknown id that is a catalogue name written with its joins between digits the other
way (``claude-sonnet-4.5`` for ``claude-sonnet-4-5``, as gateways and OpenRouter write it;
``gemini-1-5-pro`` for ``gemini-1.5-pro``) gets that name's model first: spelling
distance alone would rank a neighbour (``claude-sonnet-5-5``) above it. And one that
begins ids of the catalogue (``claude-3``: ``claude-3-opus-20240229`` ...) gets those
first, before ids merely spelled alike (``claude-1.3``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from modelsunset.names import normalise

POOL = 200  # catalogue ids compared with one unknown id, at most
AT_MOST = 1000  # distinct unknown ids given suggestions in one run
LIMIT = 3  # suggestions per id
CUTOFF = 0.6  # the least similarity of a suggestion (difflib's ratio)
_LAST = "\U0010ffff"
_SIZES = (5, 3, 0)  # the shared beginnings compared at, longest first
# A join between digits, ``4.5`` and ``4-5``, and what it becomes written the other way.
_RESPELLINGS = (
    (re.compile(r"(?<=[0-9])\.(?=[0-9])"), "-"),
    (re.compile(r"(?<=[0-9])-(?=[0-9])"), "."),
)


class Suggestions:
    """The closest catalogue ids to an unknown id, best first (at most ``LIMIT``)."""

    def __init__(
        self, candidates: Iterable[str], model_of: Callable[[str], str | None] | None = None
    ) -> None:
        # ``model_of``: the model id that a normalised name (an id or an alias, of any
        # surface) stands for, or None.
        self.model_of = model_of
        self.by_norm: dict[str, str] = {}
        for candidate in sorted(set(candidates)):
            self.by_norm.setdefault(normalise(candidate), candidate)
        self.keys = sorted(self.by_norm)
        self.memo: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        needle = normalise(word)
        found = self.memo.get(needle)
        if found is None:
            if len(self.memo) >= AT_MOST:
                return ()
            found = self.memo[needle] = self._suggest(needle)
        return found

    def _pool(self, needle: str, size: int) -> list[str]:
        """The keys that share the first ``size`` characters of ``needle`` (all keys for
        0), narrowed to a longer shared beginning, or to the nearest keys in sorted order,
        where they are more than ``POOL``."""
        low, high = self._sharing(needle[:size]) if size else (0, len(self.keys))
        if high - low <= POOL:
            return self.keys[low:high]
        for longer in range(size + 1, len(needle) + 1):
            narrow_low, narrow_high = self._sharing(needle[:longer])
            if narrow_high - narrow_low <= POOL:
                if narrow_high > narrow_low:
                    return self.keys[narrow_low:narrow_high]
                break
        at = bisect.bisect_left(self.keys, needle, low, high)
        first = max(low, min(at - POOL // 2, high - POOL))
        return self.keys[first : first + POOL]

    def _sharing(self, beginning: str) -> tuple[int, int]:
        low = bisect.bisect_left(self.keys, beginning)
        return low, bisect.bisect_left(self.keys, beginning + _LAST, low)

    def _suggest(self, needle: str) -> tuple[str, ...]:
        """As ``names.Suggester``: the ids that share the first five characters, else the
        first three, else any, stopping at the first group with a close one; each group
        bounded by ``POOL``."""
        close: list[str] = []
        pool: list[str] = []
        for size in _SIZES:
            pool = self._pool(needle, size)
            if pool:
                close = _close_matches(needle, pool)
                if close:
                    break
        if len(close) < LIMIT and len(needle) >= 2:
            # Ids that contain the word help where spelling distance does not.
            for key in pool:
                if needle in key and key not in close:
                    close.append(key)
                    if len(close) == LIMIT:
                        break
        first = self._longer(needle)
        respelled = self._respelled(needle)
        if respelled is not None:
            first.insert(0, respelled)
        found = [*first, *(self.by_norm[key] for key in close)]
        return tuple(dict.fromkeys(found))[:LIMIT]

    def _longer(self, needle: str) -> list[str]:
        """The ids that begin with ``needle`` and a hyphen (``claude-3-opus-20240229`` for
        ``claude-3``: the models of the family it names), the closest first, else the
        shortest; at most ``LIMIT``."""
        low, high = self._sharing(needle + "-")
        if high == low:
            return []
        group = self.keys[low : min(high, low + POOL)]
        close = _close_matches(needle, group)
        rest = sorted((key for key in group if key not in close), key=lambda key: (len(key), key))
        return [self.by_norm[key] for key in [*close, *rest][:LIMIT]]

    def _respelled(self, needle: str) -> str | None:
        """The model of the name that ``needle`` is with its joins between digits written
        the other way (every ``.`` such a ``-``, or every ``-`` such a ``.``), if one is."""
        if self.model_of is None:
            return None
        for join, other in _RESPELLINGS:
            respelled = join.sub(other, needle)
            if respelled != needle:
                model = self.model_of(respelled)
                if model is not None:
                    return model
        return None


def _close_matches(word: str, pool: list[str]) -> list[str]:
    """``difflib.get_close_matches(word, pool, n=LIMIT, cutoff=CUTOFF)``, with fewer of its
    costly ratios. Each is bounded from above, cheaply: by the lengths, then by the longest
    common subsequence of the two (the matching blocks of ``ratio`` are one, so it never
    counts more; a closer bound than difflib's ``quick_ratio``, and quicker). Ratios are
    worked out in the order of that bound, best first, until it is below the ``LIMIT``-th
    best ratio found, as no id further on could be among the closest."""
    import heapq
    from difflib import SequenceMatcher

    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    size = len(word)
    common = _Subsequence(word)
    bounds: list[tuple[float, str]] = []
    for key in pool:
        # ``real_quick_ratio`` first, as difflib works it out from the lengths alone.
        total = len(key) + size
        if _ratio(min(len(key), size), total) >= CUTOFF:
            bound = _ratio(common.length(key), total)
            if bound >= CUTOFF:
                bounds.append((bound, key))
    bounds.sort(key=lambda pair: -pair[0])
    scored: list[tuple[float, str]] = []
    floor = CUTOFF
    for bound, key in bounds:
        if bound < floor:
            break
        matcher.set_seq1(key)
        score = matcher.ratio()
        if score >= CUTOFF:
            scored.append((score, key))
            if len(scored) >= LIMIT:
                floor = max(CUTOFF, heapq.nlargest(LIMIT, scored)[-1][0])
    return [key for _, key in heapq.nlargest(LIMIT, scored)]


class _Subsequence:
    """The length of the longest common subsequence of ``word`` and any other text, by the
    bit-parallel method (Allison and Dix; Hyyrö): one pass over the other text, a few
    operations on integers of ``len(word)`` bits per character."""

    def __init__(self, word: str) -> None:
        self.size = len(word)
        self.full = (1 << self.size) - 1
        self.masks: dict[str, int] = {}
        for place, char in enumerate(word):
            self.masks[char] = self.masks.get(char, 0) | 1 << place

    def length(self, text: str) -> int:
        masks, full = self.masks, self.full
        row = full
        for char in text:
            mask = masks.get(char)
            if mask is not None:
                matched = row & mask
                row = ((row + matched) | (row - matched)) & full
        return self.size - row.bit_count()


def _ratio(matches: int, length: int) -> float:
    return 2.0 * matches / length if length else 1.0
