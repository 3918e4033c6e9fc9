"""Finding models by the names people use: id, alias, normalised name, display name.

Pure: builds an index from a catalogue and answers look-ups; a miss raises ``UnknownName``
with the closest known names, which the commands word for people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from modelsunset.errors import AmbiguousName, UnknownName
from modelsunset.model import Model, Surface
from modelsunset.wording import quoted

_SEPARATORS = re.compile(r"[\s_]+")


def normalise(name: str) -> str:
    """Lower case, with runs of spaces and underscores read as one hyphen."""
    if name.isascii() and name.isprintable() and " " not in name and "_" not in name:
        return name.lower()  # nothing to strip or join: most ids and aliases
    return _SEPARATORS.sub("-", name.strip()).lower()


_PREFIXES = (5, 3, 0)  # the shared beginnings a word is compared at, longest first
COMPARED = 1000  # names compared with a word for each beginning, at most
SCANNED = 100_000  # names looked through for one that contains the word, at most


def _may_be_close(size: int, other: int) -> bool:
    """Whether names of these lengths can be close, as ``difflib`` bounds its ratio."""
    total = size + other
    return 2.0 * min(size, other) / total >= _CUTOFF if total else True


_CUTOFF = 0.6  # how close a name must come to a word to be suggested (difflib's ratio)


class Suggester:
    """The known names closest to a word (best first), for "did you mean" hints.

    Built once from the candidates, so that asking for many words (``check`` meets many
    unknown ids) does not normalise the candidates again each time. A word is compared
    with the names that share its first five letters, then its first three, then with all
    names, stopping at the first group with a close one: most typos keep the first
    letters, and a tree full of unknown ids stays fast. Only names of a length that can
    come close are compared, at most ``COMPARED`` of a group (those of the nearest
    lengths, and the nearest in alphabetical order), and the names that contain the word
    are looked for among the ``SCANNED`` shortest: a word costs about the same in a
    catalogue of a million aliases as in one of a thousand, where the answers are those of
    comparing every name.
    """

    def __init__(self, candidates: Iterable[str], limit: int = 3) -> None:
        from collections import defaultdict

        self.limit = limit
        self.by_norm: dict[str, str] = {}
        for candidate in sorted(set(candidates)):
            self.by_norm.setdefault(normalise(candidate), candidate)
        # The names of each length, in alphabetical order.
        by_length: defaultdict[int, list[str]] = defaultdict(list)
        for key in sorted(self.by_norm):
            by_length[len(key)].append(key)
        self.by_length = dict(by_length)
        self.memo: dict[str, list[str]] = {}
        self._scan: list[tuple[str, str]] | None = None  # see ``_scanned``

    def __call__(self, word: str) -> list[str]:
        needle = normalise(word)
        if needle not in self.memo:
            self.memo[needle] = self._suggest(needle)
        return list(self.memo[needle])

    def _nearby(self, needle: str, size: int) -> list[str]:
        """The names that begin as ``needle`` does (its first ``size`` letters) and are of
        a length that can come close to it (``difflib``'s ratio cannot reach the cutoff
        otherwise); of more than ``COMPARED``, those of the nearest lengths, and of each
        length those nearest to it in alphabetical order."""
        from bisect import bisect_left, bisect_right

        def begin(name: str) -> str:
            return name[:size]

        prefix = needle[:size]
        wanted = len(needle)
        lengths = sorted(
            (length for length in self.by_length if _may_be_close(wanted, length)),
            key=lambda length: (abs(length - wanted), length),
        )
        nearby: list[str] = []
        for length in lengths:
            names = self.by_length[length]
            low = bisect_left(names, prefix, key=begin)
            high = bisect_right(names, prefix, low, key=begin)
            room = COMPARED - len(nearby)
            if high - low > room:
                middle = bisect_left(names, needle, low, high)
                low = max(low, min(middle - room // 2, high - room))
                high = low + room
            nearby += names[low:high]
            if len(nearby) == COMPARED:
                break
        return nearby

    def _scanned(self) -> list[tuple[str, str]]:
        """The names looked through for one that contains a word, with the candidates they
        stand for, in the order of ``by_norm``: all of them, or the ``SCANNED`` shortest
        (ids are shorter than the dated aliases of them)."""
        if self._scan is None:
            if len(self.by_norm) <= SCANNED:
                self._scan = list(self.by_norm.items())
                return self._scan
            room, cut = SCANNED, 0
            for cut in sorted(self.by_length):
                if len(self.by_length[cut]) >= room:
                    break
                room -= len(self.by_length[cut])
            self._scan = []
            for name, original in self.by_norm.items():
                if len(name) < cut or (len(name) == cut and room > 0):
                    room -= len(name) == cut
                    self._scan.append((name, original))
        return self._scan

    def _suggest(self, needle: str) -> list[str]:
        import difflib

        close: list[str] = []
        for size in _PREFIXES:
            nearby = self._nearby(needle, size)
            if nearby:
                close = difflib.get_close_matches(needle, nearby, self.limit, _CUTOFF)
                if close:
                    break
        found = [self.by_norm[name] for name in close]
        if len(found) < self.limit and len(needle) >= 2:
            # Names that contain the word (``4o`` finds ``gpt-4o``) help where spelling
            # distance does not.
            for name, original in self._scanned():
                if needle in name and original not in found:
                    found.append(original)
                    if len(found) == self.limit:
                        break
        return found


def suggest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The known names closest to ``word`` (best first), for "did you mean" hints."""
    return Suggester(candidates, limit)(word)


def did_you_mean(names: list[str]) -> str | None:
    if not names:
        return None
    return "did you mean " + " or ".join(quoted(name) for name in names) + "?"


class Found(NamedTuple):
    """What a name finds: a model and, when the name holds on one surface only (a surface
    alias such as Bedrock's ``anthropic.claude-3-sonnet-20240229-v1:0``, or a name after a
    surface's prefix such as ``azure/gpt-4o``), that surface."""

    model: Model
    surface: str | None = None


class _Tables:
    """The look-up tables of a NameIndex (linear in the catalogue's size)."""

    def __init__(self, models: Mapping[str, Model]) -> None:
        self.by_alias: dict[str, str] = {}
        self.by_norm: dict[str, str] = {}
        self.by_display: dict[str, list[str]] = {}
        self.on_surface: dict[str, tuple[str, str]] = {}
        self.on_surface_norm: dict[str, tuple[str, str]] = {}
        for model in models.values():
            for alias in model.aliases:
                self.by_alias.setdefault(alias, model.id)
            for name in (model.id, *model.aliases):
                self.by_norm.setdefault(normalise(name), model.id)
            ids = self.by_display.setdefault(normalise(model.name), [])
            if model.id not in ids:
                ids.append(model.id)
            for surface, entry in model.entries.items():
                for alias in entry.aliases:
                    self.on_surface.setdefault(alias, (model.id, surface))
                    self.on_surface_norm.setdefault(normalise(alias), (model.id, surface))


_PREFIX_DEPTH = 3  # prefixes read in a row (``bedrock/us.anthropic...``), at most


class NameIndex:
    """Look-up tables over a catalogue's models, built once (linear in its size)."""

    def __init__(
        self, models: Mapping[str, Model], surfaces: Mapping[str, Surface] | None = None
    ) -> None:
        self.models = models
        # Longest first, so that ``bedrock/converse/`` wins over ``bedrock/``.
        self.prefixes = sorted(
            ((prefix, sid) for sid, found in (surfaces or {}).items() for prefix in found.prefixes),
            key=lambda pair: (-len(pair[0]), pair[0]),
        )
        self._tables: _Tables | None = None

    def _built(self) -> _Tables:
        # Built on the first look-up that needs more than a model id: a run that names
        # models by their ids (most of them) never pays for it.
        if self._tables is None:
            self._tables = _Tables(self.models)
        return self._tables

    @property
    def by_alias(self) -> dict[str, str]:
        return self._built().by_alias

    @property
    def by_norm(self) -> dict[str, str]:
        return self._built().by_norm

    @property
    def by_display(self) -> dict[str, list[str]]:
        return self._built().by_display

    @property
    def on_surface(self) -> dict[str, tuple[str, str]]:
        """Surface aliases: name -> (model id, surface id), as written."""
        return self._built().on_surface

    @property
    def on_surface_norm(self) -> dict[str, tuple[str, str]]:
        """Surface aliases, normalised."""
        return self._built().on_surface_norm

    def model_of_normalised(self, key: str) -> str | None:
        """The model id that a normalised id or alias (of any surface) stands for, or None."""
        found = self.by_norm.get(key)
        if found is None:
            on_surface = self.on_surface_norm.get(key)
            found = None if on_surface is None else on_surface[0]
        return found

    def lookup(self, name: str) -> str | None:
        """The model id a name finds, or None. Ambiguous display names raise."""
        if name in self.models:
            return name
        if name in self.by_alias:
            return self.by_alias[name]
        key = normalise(name)
        if key in self.by_norm:
            return self.by_norm[key]
        ids = self.by_display.get(key)
        if not ids:
            return None
        if len(ids) > 1:
            raise AmbiguousName(name, sorted(ids))
        return ids[0]

    def locate(self, name: str, depth: int = 0) -> Found | None:
        """What a name finds, with the one surface it holds on, if any; None for none.

        Order: the model look-up of ``lookup`` (contract section 3), then surface aliases
        (exact, then normalised), then a surface's prefix followed by a name that finds a
        model offered there (``azure/gpt-4o``)."""
        model_id = self.lookup(name)
        if model_id is not None:
            return Found(self.models[model_id])
        held = self.on_surface.get(name) or self.on_surface_norm.get(normalise(name))
        if held is not None:
            return Found(self.models[held[0]], held[1])
        if depth >= _PREFIX_DEPTH:
            return None
        for prefix, surface in self.prefixes:
            if len(name) > len(prefix) and name[: len(prefix)].lower() == prefix.lower():
                inner = self.locate(name[len(prefix) :], depth + 1)
                if inner is not None and inner.surface in (None, surface):
                    return Found(inner.model, surface)
        return None

    def find_found(self, name: str) -> Found:
        """What a name finds, or ``UnknownName`` with the closest known names."""
        found = self.locate(name)
        if found is None:
            raise UnknownName("model", name, suggest(name, [*self.models, *self.by_alias]))
        return found

    def find(self, name: str) -> Model:
        """The model a name finds, or ``UnknownName`` with the closest known names."""
        return self.find_found(name).model


def find_key(kind: str, name: str, known: Mapping[str, object]) -> str:
    """A surface or provider id, matched exactly or case-insensitively."""
    if name in known:
        return name
    key = normalise(name)
    for known_id in known:
        if normalise(known_id) == key:
            return known_id
    raise UnknownName(kind, name, suggest(name, known), sorted(known))
