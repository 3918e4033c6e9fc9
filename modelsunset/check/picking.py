"""Which of the names the automata of a ``Matcher`` find are hits, by the rules ``match``
describes: every occurrence, overlaps included, taken by where it starts, the longest
first (``_pick``); or, in text dense with names, the leftmost-longest names first and the
overlapping ones only where those are not hits (``_walk``)."""

from __future__ import annotations

from collections.abc import Callable

import ahocorasick_rs

from modelsunset.check.patterns import is_pattern
from modelsunset.check.prefixes import Prefixes
from modelsunset.check.tokens import (
    QUOTES,
    Hit,
    after_owner,
    ends_token,
    escaped_name,
    in_model_context,
    not_an_id,
    starts_token,
    unknown_at,
)

# Bytes searched at once from which the leftmost-longest names are sought first (``_walk``),
# once the names found in their first ``PROBE`` bytes promise ``LEFTMOST_AFTER`` in all: an
# automaton more to build (15 ms), for about 1 us less work on each name found.
LEFTMOST_FROM = 1 << 20
PROBE = 1 << 18
LEFTMOST_AFTER = 50_000

_new = tuple.__new__  # a NamedTuple made from all its fields in C, for each hit
_BACKSLASH = ord("\\")
_SPAN = 1 << 48  # more than any offset in the bytes searched at once

# What a pattern stands for: (name, model id, 0, surface) for names; (family, None, 1,
# None) for the start of an unknown id; ("o", None, 2, None) for a quoted o-series start.
Meaning = tuple[str, str | None, int, str | None]


class _Overlapping:
    """The hits of a ``Matcher``'s ``patterns`` (each standing for its ``meaning``) in
    bytes. ``automata`` find them all between them, overlaps included, each with the
    index of its first pattern; ``words``: the names that are plain words (found only in a
    model-like context) and those base64 can hold; ``lookup``: the model and surface a
    name stands for, if it is one.

    Here every occurrence, overlaps included, is taken by where it starts, the longest
    first (``_pick``)."""

    def __init__(
        self,
        patterns: list[bytes],
        automata: list[tuple[int, ahocorasick_rs.BytesAhoCorasick]],
        meaning: list[Meaning],
        words: tuple[set[str], set[str]],
        prefixes: Prefixes,
        lookup: Callable[[str], tuple[str, str | None] | None],
    ) -> None:
        # ``_walk`` needs one automaton of them all, and no two patterns alike.
        self._unique = len(set(patterns)) == len(patterns)
        self.patterns = patterns if len(automata) == 1 and self._unique else []
        self.automata = automata
        self._meaning = meaning
        self._generic, self._alnum = words
        self._prefixes = prefixes
        self._lookup = lookup
        self._reach = max((len(pattern) for pattern in patterns), default=1)

    def _overlapping(self, data: bytes, low: int, high: int) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every name that starts in ``data[low:high]``,
        overlaps included, in the order ``_pick`` takes them: by start, the longest first."""
        raw: list[tuple[int, int, int]] = []
        whole = low == 0 and high == len(data)
        view = data if whole else data[low : high - 1 + self._reach]
        for first, automaton in self.automata:
            found = automaton.find_matches_as_indexes(view, overlapping=True)
            if first or low:
                found = [(index + first, start + low, end + low) for index, start, end in found]
            raw += found
        if not whole:
            raw = [item for item in raw if item[1] < high]
        if self._unique:
            # No two names at one place are the same pattern: start and end decide, as
            # one number (quicker to make and compare than a tuple).
            raw.sort(key=lambda item: item[1] * _SPAN - item[2])
        else:
            raw.sort(key=lambda item: (item[1], -item[2], item[0]))
        return raw

    def _pick(
        self,
        data: bytes,
        raw: list[tuple[int, int, int]],
        known: list[Hit],
        unknown: list[Hit],
        last_end: int,
        patterns: list[Hit] | None = None,
    ) -> int:
        """The hits of ``raw`` (see ``_overlapping``), added to ``known`` and ``unknown``
        (and the names tested as patterns, which are no hits, to ``patterns``, if given);
        ``last_end``: where the last known hit before them ends. Answers where the last
        known one ends now."""
        meaning = self._meaning
        prefixes = self._prefixes
        lasts = prefixes.lasts
        for index, start, end in raw:
            name, model, kind, surface = meaning[index]
            if kind == 0:
                if start < last_end:
                    continue
                if not ends_token(data, end):
                    if end >= len(data) or data[end] != _BACKSLASH:
                        continue
                    # A join written escaped after the name: the longer name it writes.
                    escaped = escaped_name(data, start)
                    found = None if escaped is None else self._lookup(escaped[2])
                    if escaped is None or found is None:
                        continue  # an unknown id, if it is one: its family's start finds it
                    end, name = escaped[0], escaped[1]
                    model, surface = found
                # No prefix can end where the byte before the name ends none.
                prefixed = None
                if start > last_end and data[start - 1] in lasts:
                    prefixed = prefixes.before(data, start, last_end, starts_token)
                if prefixed is not None:
                    # ``azure/gpt-4o``: the prefix is part of what was found.
                    text = data[prefixed.start : end].decode("utf-8", errors="replace")
                    known.append(Hit(prefixed.start, end, text, model, prefixed.surface))
                    last_end = end
                    continue
                if not starts_token(data, start):
                    continue
                if name in self._generic and not in_model_context(data, start, end):
                    continue
                if name in self._alnum and not_an_id(data, start, end):
                    continue
                if data[start - 1] in QUOTES and is_pattern(data, start, end):
                    # No hit; nor is a shorter name at its start (``claude-3-5-sonnet`` of
                    # ``"claude-3-5-sonnet@20240620" in model``), or one inside it.
                    if patterns is not None:
                        patterns.append(_new(Hit, (start, end, name, model, surface)))
                    last_end = end
                    continue
                if surface is not None and after_owner(data, start, end):
                    surface = None  # a repository's name, not the surface's (see ``match``)
                known.append(_new(Hit, (start, end, name, model, surface)))
                last_end = end
            elif start >= last_end:  # else inside a known name: never an unknown id
                hit = unknown_at(data, start, kind, name, self._lookup)
                if hit is None:
                    continue
                if hit.model is None:
                    unknown.append(hit)
                else:  # a known name with its joins escaped (``gpt\-4o``)
                    known.append(hit)
                    last_end = hit.end
        return last_end


class Picker(_Overlapping):
    """``_Overlapping``'s hits, found with fewer of the overlapping names in text dense
    with names (``_walk``)."""

    # Built, with what goes with it, when first needed (``_leftmost_built``, for ``_walk``).
    _leftmost: ahocorasick_rs.BytesAhoCorasick | None = None
    _leftmost_meaning: list[Meaning]
    _alone: list[int | None]

    def pick(self, data: bytes, patterns: list[Hit] | None = None) -> tuple[list[Hit], list[Hit]]:
        """The known names and the unknown ids in ``data``, each list in order; the names
        tested as patterns (see ``patterns``) added to ``patterns``, if given."""
        known: list[Hit] = []
        unknown: list[Hit] = []
        if len(data) >= LEFTMOST_FROM and self.patterns and self._dense(data):
            leftmost = self._leftmost or self._leftmost_built()
            self._walk(data, leftmost, known, unknown, patterns)
        else:
            raw = self._overlapping(data, 0, len(data))
            self._pick(data, raw, known, unknown, 0, patterns)
        return known, unknown

    def _dense(self, data: bytes) -> bool:
        """Whether ``_walk`` is worth its automaton for ``data``: built, or to be built as
        the names in the first ``PROBE`` bytes promise enough."""
        if self._leftmost is not None:
            return True
        found = self.automata[0][1].find_matches_as_indexes(data[:PROBE], overlapping=True)
        return len(found) * len(data) >= LEFTMOST_AFTER * PROBE

    def _leftmost_built(self) -> ahocorasick_rs.BytesAhoCorasick:
        """The automaton of ``_walk``. Leftmost-first over the patterns longest first is
        leftmost-longest (of two names at one place the longer is listed first), and is
        built sooner."""
        patterns = self.patterns
        longest_first = sorted(range(len(patterns)), key=lambda index: -len(patterns[index]))
        self._leftmost = ahocorasick_rs.BytesAhoCorasick(
            [patterns[index] for index in longest_first],
            matchkind=ahocorasick_rs.MatchKind.LeftmostFirst,
            implementation=ahocorasick_rs.Implementation.DFA,
        )
        self._leftmost_meaning = [self._meaning[index] for index in longest_first]
        self._alone = _alone(patterns, longest_first, self.automata[0][1])
        return self._leftmost

    def _walk(
        self,
        data: bytes,
        leftmost: ahocorasick_rs.BytesAhoCorasick,
        known: list[Hit],
        unknown: list[Hit],
        patterns: list[Hit] | None = None,
    ) -> None:
        """``_pick`` over every occurrence, overlaps included, done with fewer of them.

        The leftmost-longest names, one after the other, begin every stretch where names
        start (a name that starts before the end of one is in its stretch): such a name
        that is whole and known (as ``_pick`` would take it first) is the stretch's one
        hit, its other names inside it and never taken. Any other stretch (an unknown id's
        start, a name that is not a token) is given to ``_pick``, all of its names."""
        last_end = 0
        meaning = self._leftmost_meaning
        prefixes = self._prefixes
        lasts = prefixes.lasts
        generic, alnum = self._generic, self._alnum
        for index, start, end in leftmost.find_matches_as_indexes(data):
            name, model, kind, surface = meaning[index]
            if kind == 0 and start >= last_end and ends_token(data, end):
                if start > last_end and data[start - 1] in lasts:
                    prefixed = prefixes.before(data, start, last_end, starts_token)
                    if prefixed is not None:
                        text = data[prefixed.start : end].decode("utf-8", errors="replace")
                        known.append(Hit(prefixed.start, end, text, model, prefixed.surface))
                        last_end = end
                        continue
                if (
                    starts_token(data, start)
                    and (name not in generic or in_model_context(data, start, end))
                    and (name not in alnum or not not_an_id(data, start, end))
                    and not (data[start - 1] in QUOTES and is_pattern(data, start, end))
                ):
                    if surface is not None and after_owner(data, start, end):
                        surface = None
                    known.append(_new(Hit, (start, end, name, model, surface)))
                    last_end = end
                    continue
            # The stretch of a pattern that holds no other, and begins none (``gpt-``): its
            # one name. Else all of the stretch's.
            alone = self._alone[index]
            if alone is not None:
                raw = [(alone, start, end)]
            else:
                raw = self._overlapping(data, start, end)
            last_end = self._pick(data, raw, known, unknown, last_end, patterns)


def _alone(
    patterns: list[bytes], order: list[int], automaton: ahocorasick_rs.BytesAhoCorasick
) -> list[int | None]:
    """For each pattern of ``order`` (indexes of ``patterns``), its index when no other
    pattern can start inside an occurrence of it: none within it (a shorter one at its
    start, or one further on), and none that an end of it begins (``-4o`` of ``gpt-4o``
    would begin ``-4o-x``); else None."""
    starts: set[bytes] = set()
    for pattern in patterns:
        starts.update(pattern[:size] for size in range(1, len(pattern)))
    alone: list[int | None] = []
    for index in order:
        pattern = patterns[index]
        inside = automaton.find_matches_as_indexes(pattern, overlapping=True)
        if len(inside) > 1 or any(pattern[at:] in starts for at in range(1, len(pattern))):
            alone.append(None)
        else:
            alone.append(index)
    return alone
