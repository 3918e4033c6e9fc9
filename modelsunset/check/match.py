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
  (``gpt-4.1`` is not ``gpt-4``, but ``gpt-4o.`` at the end of a sentence is ``gpt-4o``),
  nor such a join escaped (``/gpt-4\\.1/``, a regular expression, or ``"gpt-4\\\\.1"``, one in
  a string: a name with a ``.`` is found so escaped too, and judged as itself), nor a
  ``*`` in a
  quoted pattern (``'gpt-4*' models``, ``fnmatch(m, "gpt-4*")``, ``"gpt-5*codex*"``, or
  between escaped quotes, ``\\"o1*\\"``, name a family; ``**gpt-4**``, a footnote's
  ``gpt-4o*`` and ``| gpt-4-0613* |`` are ids).

Every other byte separates tokens: spaces, quotes, ``/`` (``openai/gpt-4o``), ``:``
(``model:gpt-4o``), ``@``, ``=``, brackets and every non-ASCII byte; except that ``+``
and ``/`` inside a run that looks like base64 (``...AAB3+o3/Qz9...``) separate nothing,
so no name of letters and digits alone (``o3``) is found in one. Names are matched
byte for byte, so case-sensitively, exactly as the catalogue writes them (ids and aliases
alike). Where two names match at the same place the longer one wins.

A surface alias that is the name part of a Hugging Face repository's ``owner/name``
(``meta-llama/Meta-Llama-3.1-8B-Instruct``, as vLLM and inference hosts name models; also
after ``huggingface.co/``), whose owner is no surface's prefix, is not that surface's
name (Azure's catalogue names the model so too): its hit holds on no surface, and the
report judges it only where its name holds, if that is checked (``tokens.after_owner``).
A name no repository can have (a Bedrock id's ``:``, a Vertex id's ``@``), and any name
further down other paths (``/model/...`` of a Bedrock URL, an ARN's
``:foundation-model/``), keeps its surface.

Names that are one plain word (``ada``, ``davinci``: lower-case letters only) are also
everyday words, so they count only in a model-like context: between a pair of the same
quotes (``"ada"``), or after a key that names a model (``model: ada``, ``engine="ada"``).

*Unknown* ids are tokens that look like ids of a family the catalogue knows but are not
in it (``gpt-9``). A family is the first part of a catalogue id whose next part starts
with a digit (``gpt`` from ``gpt-4o``, ``claude`` from ``claude-3-opus``); an unknown
token is that part, a ``-`` and at least one digit further on. Ids of OpenAI's
``o``-series (``o1``, ``o3-mini``) count only between quotes. Tokens that end in a file
extension (``gpt-5.json``) are names of files, tokens right after ``./`` are parts of
relative paths (``'./embedding-model-v2'``), and tokens inside URLs are parts of
addresses: none is reported as unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from operator import itemgetter

import ahocorasick_rs

from modelsunset.check.picking import Picker
from modelsunset.check.prefixes import Prefixes
from modelsunset.check.tokens import (
    QUOTES,
    Hit,
    ends_token,
    starts_token,
)
from modelsunset.model import Catalogue

__all__ = ["Hit", "Matcher", "beginnings", "catalogue_names", "ends_token", "starts_token"]

_ALNUM = re.compile(r"[A-Za-z0-9]+")
_PLAIN_WORD = re.compile(r"[a-z]+")
_WORD_PART = re.compile(r"[a-z][a-z0-9]*")
_DIGIT_TEXT = frozenset("0123456789")  # one character: "" is not in it
_O_SERIES = re.compile(r"o[0-9]")
_START = itemgetter(0)  # of a hit
CHUNK = 5000  # patterns in one automaton, at most
CHUNK_BYTES = 1 << 20  # bytes of patterns in one automaton, at most (but one pattern)
DFA_CHUNKS = 4  # automata that are built as DFAs, at most; more are NFAs


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
        for name in sorted(name for name in every if "." in name):
            # The name as a regular expression writes it (``gpt-4\.1``), or a string
            # holding one (``"^gpt-4\\.1$"``): the same model, never passed in silence.
            for escape in ("\\", "\\\\"):
                written = name.replace(".", escape + ".")
                if written not in every:
                    patterns.append(written.encode())
                    self._meaning.append((written, every[name][0], 0, every[name][1]))
        for family in self.families:
            patterns.append(f"{family}-".encode())
            self._meaning.append((family, None, 1, None))
            # Its start as ``re.escape`` writes it (``gpt\-``, ``text\-embedding\-``), or a
            # string holding that: the id it begins is read, and judged, unescaped.
            for escape in ("\\", "\\\\"):
                written = "".join(escape + char if char in "-." else char for char in family)
                patterns.append(f"{written}{escape}-".encode())
                self._meaning.append((family, None, 1, None))
        if o_series:
            for quote in sorted(QUOTES):
                for digit in b"0123456789":
                    patterns.append(bytes([quote, ord("o"), digit]))
                    self._meaning.append(("o", None, 2, None))
        self._generic = {name for name in every if _PLAIN_WORD.fullmatch(name)}
        # Names that base64 can hold (letters and digits only: ``o3``, ``gpt4o``).
        self._alnum = {name for name in every if _ALNUM.fullmatch(name)}
        self.longest = max((len(pattern) for pattern in patterns), default=0)
        self.longest += max((len(prefix) for prefix, _ in self._prefixes.pairs), default=0)
        self._automata = _automata(_chunks(patterns))
        self._picker = Picker(
            patterns,
            self._automata,
            self._meaning,
            (self._generic, self._alnum),
            self._prefixes,
            self._lookup,
        )

    def _lookup(self, name: str) -> tuple[str, str | None] | None:
        """The model and the one surface (or None) that ``name`` stands for, if it is a name."""
        model = self.names.get(name)
        if model is not None:
            return model, None
        return self.on_surface.get(name)

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

    def find(self, data: bytes, patterns: list[Hit] | None = None) -> list[Hit]:
        """Known names and unknown ids in ``data``, in order, never overlapping; the known
        names that code tests as patterns (``patterns``: no hits) added to ``patterns``,
        in order, if given."""
        known, unknown = self._picker.pick(data, patterns)
        if not unknown:
            return known
        spans = [(hit.start, hit.end) for hit in known]
        merged = known + _distinct(unknown, spans)
        merged.sort(key=_START)
        return merged


def _automata(
    chunks: list[tuple[int, list[bytes]]],
) -> list[tuple[int, ahocorasick_rs.BytesAhoCorasick]]:
    """Automata that find the patterns of ``chunks`` (see ``_chunks``) between them, each
    with the index of its first pattern.

    Building one automaton for overlapping matches costs more than linear time in the
    number of patterns (a catalogue of 100,000 aliases ``a1`` .. ``a100000`` took 17 s as
    one DFA, 39 s as one NFA), so a large set is cut into automata of at most ``CHUNK``
    patterns (and ``CHUNK_BYTES`` bytes): building stays linear in the catalogue, and each
    is searched in turn. One is a DFA (the fastest to search); many are NFAs, which are
    built faster and smaller."""
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


def _chunks(patterns: list[bytes]) -> list[tuple[int, list[bytes]]]:
    """``patterns`` cut into runs of at most ``CHUNK`` patterns and ``CHUNK_BYTES`` bytes
    (but one pattern), each with the index of its first."""
    chunks: list[tuple[int, list[bytes]]] = []
    size = 0
    for index, pattern in enumerate(patterns):
        if not chunks or len(chunks[-1][1]) >= CHUNK or size + len(pattern) > CHUNK_BYTES:
            chunks.append((index, []))
            size = 0
        chunks[-1][1].append(pattern)
        size += len(pattern)
    return chunks


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


def _distinct(unknown: list[Hit], spans: list[tuple[int, int]]) -> list[Hit]:
    """The unknown ids that overlap no known name's span, each place once (an id found
    twice at one place, by a family and an o-series pattern, is the same hit twice)."""
    seen: set[int] = set()
    result: list[Hit] = []
    for hit in unknown:
        if hit.start in seen:
            continue
        seen.add(hit.start)
        if not _overlaps(hit, spans):
            result.append(hit)
    return result
