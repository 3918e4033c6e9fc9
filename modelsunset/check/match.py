"""Model ids in bytes, as whole tokens.

A *token* is what a model id looks like in code: ASCII letters, digits and ``_``, joined
by ``-`` or ``.``. A name found in the text is a match only when it is a whole token:

* the byte before it is not a letter, digit or ``_``, and is not a ``-`` or ``.`` that
  follows one (``xgpt-4o`` and ``foo.gpt-4o`` are not ``gpt-4o``); but the letter of a
  ``\\n``, ``\\t`` or ``\\r`` escape is no part of a token (``"\\ngpt-4o"`` in JSON text
  holds ``gpt-4o``);
* the byte after it is not a letter, digit or ``_``, nor a ``-`` (``gpt-4o-mini`` is not
  ``gpt-4o``, and neither is the ``gpt-4-`` of ``"gpt-4-" in model``: an id followed by a
  hyphen is the start of longer ids), nor a ``.`` that a letter, digit or ``_`` follows
  (``gpt-4.1`` is not ``gpt-4``, but ``gpt-4o.`` at the end of a sentence is ``gpt-4o``).

Every other byte separates tokens: spaces, quotes, ``/`` (``openai/gpt-4o``), ``:``
(``model:gpt-4o``), ``@``, ``=``, brackets and every non-ASCII byte; except that ``+``
and ``/`` inside a run that looks like base64 (``...AAB3+o3/Qz9...``) separate nothing,
so no name of letters and digits alone (``o3``) is found in one. Names are matched
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
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

import ahocorasick_rs

from modelsunset.check.prefixes import Prefixes
from modelsunset.model import Catalogue

_WORD_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_WORD = bytes(1 if byte in _WORD_BYTES else 0 for byte in range(256))
_JOIN = bytes(1 if byte in b"-." else 0 for byte in range(256))
_QUOTES = frozenset(b"\"'`")
_ESCAPES = frozenset(b"ntr")
_BACKSLASH = ord("\\")
_HYPHEN = ord("-")
_BASE64 = bytes(1 if byte in _WORD_BYTES.replace(b"_", b"") + b"+/" else 0 for byte in range(256))
_SLASHES = frozenset(b"+/")
_BASE64_RUN = 16
_BASE64_LOOK = 64
_CAPITALS = re.compile(rb"[A-Z]")
_SMALL = re.compile(rb"[a-z]")
_DIGITS = re.compile(rb"[0-9]")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_TOKEN = re.compile(rb"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")
_PLAIN_WORD = re.compile(r"[a-z]+")
_WORD_PART = re.compile(r"[a-z][a-z0-9]*")
_DIGIT_TEXT = frozenset("0123456789")  # one character: "" is not in it
_O_SERIES = re.compile(r"o[0-9]")
_O_TOKEN = re.compile(rb"o[0-9]{1,2}(?:-[a-z0-9]+)*")
_FILE_NAME = re.compile(rb"\.[A-Za-z]+")
_MODEL_KEY = re.compile(rb"(?i)(?:model|engine|deployment)[A-Za-z0-9_-]*[\"']?\s*[:=]\s*[\"']?$")
_LONGEST_UNKNOWN = 80
CHUNK = 5000  # patterns in one automaton, at most
CHUNK_BYTES = 1 << 20  # bytes of patterns in one automaton, at most (but one pattern)
DFA_CHUNKS = 4  # automata that are built as DFAs, at most; more are NFAs


class Hit(NamedTuple):
    """A name found at ``data[start:end]``; ``model`` is None for an unknown id, ``surface``
    the one surface the name holds on (after a surface's prefix, or a surface alias)."""

    start: int
    end: int
    name: str
    model: str | None
    surface: str | None = None


def beginnings(names: Iterable[str]) -> list[str]:
    """How the catalogue's ids begin, for unknown ids: the words of each id before its
    first word that starts with a digit (``gpt`` of ``gpt-4o``, ``text-embedding`` of
    ``text-embedding-3-small``, ``mistral-large`` of ``mistral-large-2411``), of at least
    three characters, less those that a shorter one begins (``claude-opus`` is
    ``claude``'s)."""
    found: set[str] = set()
    for name in names:
        words: list[str] = []
        for part in name.split("-"):
            if part[:1] in _DIGIT_TEXT:
                if words:
                    found.add("-".join(words))
                break
            if not _WORD_PART.fullmatch(part):
                break
            words.append(part)
    found = {beginning for beginning in found if len(beginning) >= 3}
    return sorted(beginning for beginning in found if not _has_shorter(beginning, found))


def _has_shorter(beginning: str, found: set[str]) -> bool:
    """Whether ``beginning`` starts with another of ``found`` and a hyphen: one look-up
    per hyphen, not a comparison with every other beginning."""
    hyphen = beginning.find("-")
    while hyphen != -1:
        if beginning[:hyphen] in found:
            return True
        hyphen = beginning.find("-", hyphen + 1)
    return False


def starts_token(data: bytes, start: int) -> bool:
    if start == 0:
        return True
    before = data[start - 1]
    if _WORD[before]:
        # The letter of an escape (``\\n``, ``\\t``, ``\\r``) written in JSON or code text.
        return before in _ESCAPES and _escaped(data, start - 1)
    return not (_JOIN[before] and start >= 2 and _WORD[data[start - 2]])


def _escaped(data: bytes, at: int) -> bool:
    """Whether ``data[at]`` follows an odd number of backslashes (``\\n``, not ``\\\\n``)."""
    first = at
    while first > 0 and data[first - 1] == _BACKSLASH:
        first -= 1
    return (at - first) % 2 == 1


def ends_token(data: bytes, end: int) -> bool:
    if end >= len(data):
        return True
    after = data[end]
    if _WORD[after] or after == _HYPHEN:
        return False
    return not (_JOIN[after] and end + 1 < len(data) and _WORD[data[end + 1]])


def in_base64(data: bytes, start: int, end: int) -> bool:
    """Whether ``data[start:end]`` is next to a ``+`` or ``/`` and lies inside a run that looks
    like base64 rather than a path (``models/o3``) or a sum (``o3+o1``): at least
    ``_BASE64_RUN`` characters of the base64 alphabet around it, holding capitals, small
    letters and digits, with a ``+`` or long pieces between the ``/`` (paths have short
    words). Only ``_BASE64_LOOK`` bytes on either side are read."""
    if not (
        (start > 0 and data[start - 1] in _SLASHES) or (end < len(data) and data[end] in _SLASHES)
    ):
        return False
    low = start
    floor = max(0, start - _BASE64_LOOK)
    while low > floor and _BASE64[data[low - 1]]:
        low -= 1
    high = end
    ceiling = min(len(data), end + _BASE64_LOOK)
    while high < ceiling and _BASE64[data[high]]:
        high += 1
    around = data[low:start] + data[end:high]
    if len(around) < _BASE64_RUN:
        return False
    if not (_CAPITALS.search(around) and _SMALL.search(around) and _DIGITS.search(around)):
        return False
    if b"+" in around:
        return True
    pieces = [piece for piece in data[low:high].split(b"/") if piece]
    return sum(map(len, pieces)) >= 6 * len(pieces)


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
    # The 120 bytes before the hit at most: without a line break in them (minified text,
    # a transcript of one long line), rfind answers -1, and the search must still not run
    # from the start of the file, once per hit.
    window = max(0, start - 120)
    line_start = max(window, data.rfind(b"\n", window, start) + 1)
    return _MODEL_KEY.search(data, line_start, start) is not None


def _in_url(data: bytes, start: int) -> bool:
    """Whether the token is part of a URL (``https://example.com/gpt-5-1/``)."""
    begin = max(0, start - 300)
    if data.find(b"://", begin, start) == -1:
        return False  # the common case, in one pass over at most 300 bytes
    for stop in (b" ", b"\t", b"\n", b'"', b"'", b"`", b"(", b"<", b"["):
        found = data.rfind(stop, begin, start)
        if found + 1 > begin:
            begin = found + 1
    return data.find(b"://", begin, start) != -1


class Matcher:
    """Finds the catalogue's names (and unknown look-alikes) in bytes.

    ``names`` maps each id and alias to its model; ``on_surface`` each surface alias (a
    name that holds on one surface only) to its model and surface; ``prefixes`` pairs each
    surface's prefixes with it. A name after a prefix, and a surface alias, is a hit of
    that one surface (``Hit.surface``); a prefixed hit spans the prefix too."""

    def __init__(
        self,
        names: Mapping[str, str],
        families: Iterable[str] = (),
        o_series: bool = False,
        on_surface: Mapping[str, tuple[str, str]] | None = None,
        prefixes: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.names = dict(names)
        self.families = sorted(set(families))
        self.o_series = o_series
        self.on_surface = {
            name: (model, surface)
            for name, (model, surface) in (on_surface or {}).items()
            if name not in self.names
        }
        self._prefixes = Prefixes(prefixes)
        patterns: list[bytes] = []
        # What each pattern stands for: (name, model id, 0, surface) for names; (family,
        # None, 1, None) for the start of an unknown id; ("o", None, 2, None) for a quoted
        # o-series start.
        self._meaning: list[tuple[str, str | None, int, str | None]] = []
        every: dict[str, tuple[str, str | None]] = {
            name: (model, None) for name, model in self.names.items()
        }
        every.update(self.on_surface)
        for name in sorted(every):
            patterns.append(name.encode())
            self._meaning.append((name, every[name][0], 0, every[name][1]))
        for family in self.families:
            patterns.append(f"{family}-".encode())
            self._meaning.append((family, None, 1, None))
        if o_series:
            for quote in sorted(_QUOTES):
                for digit in b"0123456789":
                    patterns.append(bytes([quote, ord("o"), digit]))
                    self._meaning.append(("o", None, 2, None))
        self._generic = {name for name in every if _PLAIN_WORD.fullmatch(name)}
        # Names that base64 can hold (letters and digits only: ``o3``, ``gpt4o``).
        self._alnum = {name for name in every if _ALNUM.fullmatch(name)}
        self.longest = max((len(pattern) for pattern in patterns), default=0)
        self.longest += max((len(prefix) for prefix, _ in self._prefixes.pairs), default=0)
        self._automata = _automata(patterns)

    def _known(self, name: str) -> bool:
        return name in self.names or name in self.on_surface

    def __reduce__(self) -> tuple[type[Matcher], tuple[object, ...]]:
        # Rebuilt from its names in worker processes (automata do not pickle).
        arguments = (self.names, self.families, self.o_series, self.on_surface)
        return (Matcher, (*arguments, self._prefixes.pairs))

    @classmethod
    def for_names(
        cls,
        names: Mapping[str, str],
        on_surface: Mapping[str, tuple[str, str]] | None = None,
        prefixes: Iterable[tuple[str, str]] = (),
    ) -> Matcher:
        """A matcher for these names, with the unknown-id families they imply."""
        every = [*names, *(on_surface or {})]
        o_series = any(_O_SERIES.match(name) for name in every)
        return cls(names, beginnings(every), o_series, on_surface, prefixes)

    @classmethod
    def for_catalogue(cls, catalogue: Catalogue) -> Matcher:
        """A matcher for every id and alias of a catalogue (an id wins over another model's
        alias), its surface aliases and its surfaces' prefixes."""
        return cls.for_names(*catalogue_names(catalogue))

    def find(self, data: bytes) -> list[Hit]:
        """Known names and unknown ids in ``data``, in order, never overlapping."""
        # (pattern index, start, end) of every occurrence, overlaps included.
        raw: list[tuple[int, int, int]] = []
        for first, automaton in self._automata:
            found = automaton.find_matches_as_indexes(data, overlapping=True)
            if first:
                found = [(index + first, start, end) for index, start, end in found]
            raw += found
        if not raw:
            return []
        raw.sort(key=lambda item: (item[1], -item[2], item[0]))
        known: list[Hit] = []
        unknown: list[Hit] = []
        last_end = 0
        meaning = self._meaning
        prefixes = self._prefixes
        for index, start, end in raw:
            name, model, kind, surface = meaning[index]
            if kind == 0:
                if start < last_end or not ends_token(data, end):
                    continue
                prefixed = (
                    prefixes.before(data, start, last_end, starts_token) if prefixes else None
                )
                if prefixed is not None:
                    # ``azure/gpt-4o``: the prefix is part of what was found.
                    text = data[prefixed.start : end].decode("utf-8", errors="replace")
                    known.append(Hit(prefixed.start, end, text, model, surface or prefixed.surface))
                    last_end = end
                    continue
                if not starts_token(data, start):
                    continue
                if name in self._generic and not _in_model_context(data, start, end):
                    continue
                if name in self._alnum and in_base64(data, start, end):
                    continue
                known.append(Hit(start, end, name, model, surface))
                last_end = end
            elif start >= last_end:  # else inside a known name: never an unknown id
                hit = _unknown(data, start, kind, name, self._known)
                if hit is not None:
                    unknown.append(hit)
        if not unknown:
            return known
        spans = [(hit.start, hit.end) for hit in known]
        merged = known + [hit for hit in unknown if not _overlaps(hit, spans)]
        merged.sort(key=lambda hit: hit.start)
        return _distinct(merged)


def _automata(patterns: list[bytes]) -> list[tuple[int, ahocorasick_rs.BytesAhoCorasick]]:
    """Automata that find ``patterns`` between them, each with the index of its first.

    Building one automaton for overlapping matches costs more than linear time in the
    number of patterns (a catalogue of 100,000 aliases ``a1`` .. ``a100000`` took 17 s as
    one DFA, 39 s as one NFA), so a large set is cut into automata of at most ``CHUNK``
    patterns (and ``CHUNK_BYTES`` bytes): building stays linear in the catalogue, and each
    is searched in turn. One is a DFA (the fastest to search); many are NFAs, which are
    built faster and smaller."""
    chunks: list[tuple[int, list[bytes]]] = []
    size = 0
    for index, pattern in enumerate(patterns):
        if not chunks or len(chunks[-1][1]) >= CHUNK or size + len(pattern) > CHUNK_BYTES:
            chunks.append((index, []))
            size = 0
        chunks[-1][1].append(pattern)
        size += len(pattern)
    if len(chunks) <= DFA_CHUNKS:
        implementation = ahocorasick_rs.Implementation.DFA
    else:
        implementation = ahocorasick_rs.Implementation.NoncontiguousNFA
    return [
        (
            first,
            ahocorasick_rs.BytesAhoCorasick(
                part, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=implementation
            ),
        )
        for first, part in chunks
    ]


def _unknown(
    data: bytes, start: int, kind: int, family: str, known: Callable[[str], bool]
) -> Hit | None:
    """The unknown id that begins at ``start`` (after the quote of an o-series pattern),
    if the token there is one: not a known name (``known``), no file name, no URL."""
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
    if known(name) or _in_url(data, start):
        return None
    if kind == 2:
        if not (_O_TOKEN.fullmatch(text) and _quoted(data, start, end)):
            return None
    else:
        rest = text[len(family) + 1 :]
        if _DIGITS.search(rest) is None:
            return None
        last = text.rfind(b".")
        if last != -1 and _FILE_NAME.fullmatch(text, last):
            return None
    return Hit(start, end, name, None)


def catalogue_names(
    catalogue: Catalogue,
) -> tuple[dict[str, str], dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """Every id and alias of a catalogue with its model (an id wins over another model's
    alias), its surface aliases with their model and surface, and its surfaces' prefixes."""
    names: dict[str, str] = {}
    for model in catalogue.models.values():
        for alias in model.aliases:
            names.setdefault(alias, model.id)
    names.update({model_id: model_id for model_id in catalogue.models})
    on_surface: dict[str, tuple[str, str]] = {}
    for model in catalogue.models.values():
        for surface, entry in model.entries.items():
            for alias in entry.aliases:
                if alias not in names:
                    on_surface.setdefault(alias, (model.id, surface))
    prefixes = [
        (prefix, surface.id)
        for surface in catalogue.surfaces.values()
        for prefix in surface.prefixes
    ]
    return names, on_surface, prefixes


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
