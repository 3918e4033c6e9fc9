"""Model ids in bytes, as whole tokens.

A *token* is what a model id looks like in code: ASCII letters, digits and ``_``, joined
by ``-`` or ``.``. A name found in the text is a match only when it is a whole token:

* the byte before it is not a letter, digit or ``_``, and is not a ``-`` or ``.`` that
  follows one (``xgpt-4o`` and ``foo.gpt-4o`` are not ``gpt-4o``);
* the byte after it is not a letter, digit or ``_``, and is not a ``-`` or ``.`` that a
  letter, digit or ``_`` follows (``gpt-4o-mini`` and ``gpt-4.1`` are not ``gpt-4o`` or
  ``gpt-4``, but ``gpt-4o.`` at the end of a sentence and ``gpt-4o-`` are).

Every other byte separates tokens: spaces, quotes, ``/`` (``openai/gpt-4o``), ``:``
(``model:gpt-4o``), ``@``, ``=``, brackets and every non-ASCII byte. Names are matched
byte for byte, so case-sensitively, exactly as the catalogue writes them (ids and aliases
alike). Where two names match at the same place the longer one wins.

Names that are one plain word (``ada``, ``davinci``: lower-case letters only) are also
everyday words, so they count only in a model-like context: between a pair of the same
quotes (``"ada"``), or after a key that names a model (``model: ada``, ``engine="ada"``).

*Unknown* ids are tokens that look like ids of a family the catalogue knows but are not
in it (``gpt-9``). A family is the first part of a catalogue id whose next part starts
with a digit (``gpt`` from ``gpt-4o``, ``claude`` from ``claude-3-opus``); an unknown
token is that part, a ``-`` and at least one digit further on. Ids of OpenAI's
``o``-series (``o1``, ``o3-mini``) count only between quotes. Tokens that end in a file
extension (``gpt-5.json``) are names of files, and tokens inside URLs are parts of
addresses: neither is reported as unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick_rs

_WORD_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_WORD = bytes(1 if byte in _WORD_BYTES else 0 for byte in range(256))
_JOIN = bytes(1 if byte in b"-." else 0 for byte in range(256))
_QUOTES = frozenset(b"\"'`")
_TOKEN = re.compile(rb"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")
_PLAIN_WORD = re.compile(r"[a-z]+")
_FAMILY = re.compile(r"([a-z][a-z0-9]*)-[0-9]")
_O_SERIES = re.compile(r"o[0-9]")
_O_TOKEN = re.compile(rb"o[0-9]{1,2}(?:-[a-z0-9]+)*")
_FILE_NAME = re.compile(rb"\.[A-Za-z]+")
_MODEL_KEY = re.compile(rb"(?i)(?:model|engine|deployment)[A-Za-z0-9_-]*[\"']?\s*[:=]\s*[\"']?$")
_LONGEST_UNKNOWN = 80


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found at ``data[start:end]``; ``model`` is None for an unknown id."""

    start: int
    end: int
    name: str
    model: str | None


def starts_token(data: bytes, start: int) -> bool:
    if start == 0:
        return True
    before = data[start - 1]
    if _WORD[before]:
        return False
    return not (_JOIN[before] and start >= 2 and _WORD[data[start - 2]])


def ends_token(data: bytes, end: int) -> bool:
    if end >= len(data):
        return True
    after = data[end]
    if _WORD[after]:
        return False
    return not (_JOIN[after] and end + 1 < len(data) and _WORD[data[end + 1]])


def _quoted(data: bytes, start: int, end: int) -> bool:
    return (
        start > 0
        and end < len(data)
        and data[start - 1] in _QUOTES
        and data[end] == data[start - 1]
    )


def _in_model_context(data: bytes, start: int, end: int) -> bool:
    if _quoted(data, start, end):
        return True
    line_start = data.rfind(b"\n", max(0, start - 120), start) + 1
    return _MODEL_KEY.search(data, line_start, start) is not None


def _in_url(data: bytes, start: int) -> bool:
    """Whether the token is part of a URL (``https://example.com/gpt-5-1/``)."""
    begin = max(0, start - 300)
    for stop in (b" ", b"\t", b"\n", b'"', b"'", b"`", b"(", b"<", b"["):
        found = data.rfind(stop, begin, start)
        if found + 1 > begin:
            begin = found + 1
    return data.find(b"://", begin, start) != -1


class Matcher:
    """Finds the catalogue's names (and unknown look-alikes) in bytes."""

    def __init__(
        self,
        names: Mapping[str, str],
        families: Iterable[str] = (),
        o_series: bool = False,
    ) -> None:
        self.names = dict(names)
        self.families = sorted(set(families))
        self.o_series = o_series
        patterns: list[bytes] = []
        # What each pattern stands for: (name, model id) for names; (family, None) for
        # the start of an unknown id; ("", None) for a quoted o-series start.
        self._meaning: list[tuple[str, str | None, int]] = []
        for name in sorted(self.names):
            patterns.append(name.encode())
            self._meaning.append((name, self.names[name], 0))
        for family in self.families:
            patterns.append(f"{family}-".encode())
            self._meaning.append((family, None, 1))
        if o_series:
            for quote in sorted(_QUOTES):
                for digit in b"0123456789":
                    patterns.append(bytes([quote, ord("o"), digit]))
                    self._meaning.append(("o", None, 2))
        self._generic = {name for name in self.names if _PLAIN_WORD.fullmatch(name)}
        self.longest = max((len(pattern) for pattern in patterns), default=0)
        self._automaton: ahocorasick_rs.BytesAhoCorasick | None = None
        if patterns:
            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                patterns,
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.DFA,
            )

    def __reduce__(self) -> tuple[type[Matcher], tuple[object, ...]]:
        # Rebuilt from its names in worker processes (automata do not pickle).
        return (Matcher, (self.names, self.families, self.o_series))

    @classmethod
    def for_names(cls, names: Mapping[str, str]) -> Matcher:
        """A matcher for these names, with the unknown-id families they imply."""
        families = {
            found.group(1)
            for name in names
            if (found := _FAMILY.match(name)) is not None and len(found.group(1)) >= 3
        }
        o_series = any(_O_SERIES.match(name) for name in names)
        return cls(names, families, o_series)

    def find(self, data: bytes) -> list[Hit]:
        """Known names and unknown ids in ``data``, in order, never overlapping."""
        if self._automaton is None:
            return []
        # (pattern index, start, end) of every occurrence, overlaps included.
        raw = self._automaton.find_matches_as_indexes(data, overlapping=True)
        if not raw:
            return []
        raw.sort(key=lambda item: (item[1], -item[2]))
        known: list[Hit] = []
        unknown: list[Hit] = []
        last_end = -1
        meaning = self._meaning
        for index, start, end in raw:
            name, model, kind = meaning[index]
            if kind == 0:
                if start < last_end:
                    continue
                if not (starts_token(data, start) and ends_token(data, end)):
                    continue
                if name in self._generic and not _in_model_context(data, start, end):
                    continue
                known.append(Hit(start, end, name, model))
                last_end = end
            else:
                hit = self._unknown(data, start, kind)
                if hit is not None:
                    unknown.append(hit)
        if not unknown:
            return known
        spans = [(hit.start, hit.end) for hit in known]
        merged = known + [hit for hit in unknown if not _overlaps(hit, spans)]
        merged.sort(key=lambda hit: hit.start)
        return _distinct(merged)

    def _unknown(self, data: bytes, start: int, kind: int) -> Hit | None:
        if kind == 2:
            start += 1  # the pattern began with the opening quote
        if not starts_token(data, start):
            return None
        # Never read further than the longest unknown id could reach: a long run of
        # family starts (``gpt-1-gpt-1-...``) would otherwise be read once per start.
        token = _TOKEN.match(data, start, start + _LONGEST_UNKNOWN + 1)
        if token is None:
            return None
        end = token.end()
        text = token.group()
        if end - start > _LONGEST_UNKNOWN or not ends_token(data, end):
            return None
        name = text.decode("ascii")
        if name in self.names or _in_url(data, start):
            return None
        if kind == 2:
            if not (_O_TOKEN.fullmatch(text) and _quoted(data, start, end)):
                return None
        else:
            dash = text.find(b"-")
            rest = text[dash + 1 :] if dash != -1 else b""
            if not any(48 <= byte <= 57 for byte in rest):
                return None
            last = text.rfind(b".")
            if last != -1 and _FILE_NAME.fullmatch(text, last):
                return None
        return Hit(start, end, name, None)


def _overlaps(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    import bisect

    index = bisect.bisect_right(spans, (hit.start, 1 << 62))
    if index > 0 and spans[index - 1][1] > hit.start:
        return True
    return index < len(spans) and spans[index][0] < hit.end


def _distinct(hits: list[Hit]) -> list[Hit]:
    """Drops unknown hits found twice at one place (family and o-series patterns)."""
    result: list[Hit] = []
    for hit in hits:
        if result and result[-1].start == hit.start:
            continue
        result.append(hit)
    return result
