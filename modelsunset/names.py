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
    return _SEPARATORS.sub("-", name.strip()).lower()


_PREFIXES = (5, 3, 0)  # the shared beginnings a word is compared at, longest first


class Suggester:
    """The known names closest to a word (best first), for "did you mean" hints.

    Built once from the candidates, so that asking for many words (``check`` meets many
    unknown ids) does not normalise the candidates again each time. A word is compared
    with the names that share its first five letters, then its first three, then with all
    names, stopping at the first group with a close one: most typos keep the first
    letters, and a tree full of unknown ids stays fast.
    """

    def __init__(self, candidates: Iterable[str], limit: int = 3) -> None:
        self.limit = limit
        self.by_norm: dict[str, str] = {}
        for candidate in sorted(set(candidates)):
            self.by_norm.setdefault(normalise(candidate), candidate)
        self.buckets: dict[str, list[str]] = {}
        for key in self.by_norm:
            # A short name is its own five- and three-letter beginning: filed once.
            for prefix in dict.fromkeys(key[:size] for size in _PREFIXES):
                self.buckets.setdefault(prefix, []).append(key)
        self.memo: dict[str, list[str]] = {}

    def __call__(self, word: str) -> list[str]:
        needle = normalise(word)
        if needle not in self.memo:
            self.memo[needle] = self._suggest(needle)
        return list(self.memo[needle])

    def _suggest(self, needle: str) -> list[str]:
        import difflib

        close: list[str] = []
        for size in _PREFIXES:
            nearby = self.buckets.get(needle[:size])
            if nearby:
                close = difflib.get_close_matches(needle, nearby, n=self.limit, cutoff=0.6)
                if close:
                    break
        found = [self.by_norm[name] for name in close]
        if len(found) < self.limit and len(needle) >= 2:
            # Names that contain the word (``4o`` finds ``gpt-4o``) help where spelling
            # distance does not.
            for name, original in self.by_norm.items():
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


_PREFIX_DEPTH = 3  # prefixes read in a row (``bedrock/us.anthropic...``), at most


class NameIndex:
    """Look-up tables over a catalogue's models, built once (linear in its size)."""

    def __init__(
        self, models: Mapping[str, Model], surfaces: Mapping[str, Surface] | None = None
    ) -> None:
        self.models = models
        self.by_alias: dict[str, str] = {}
        self.by_norm: dict[str, str] = {}
        self.by_display: dict[str, list[str]] = {}
        # Surface aliases: name -> (model id, surface id), as written and normalised.
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
        # Longest first, so that ``bedrock/converse/`` wins over ``bedrock/``.
        self.prefixes = sorted(
            ((prefix, sid) for sid, found in (surfaces or {}).items() for prefix in found.prefixes),
            key=lambda pair: (-len(pair[0]), pair[0]),
        )

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
