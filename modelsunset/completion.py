"""Shell completion: the model ids and aliases, surfaces and providers of the catalogue in
use (with ``--catalogue`` and ``--overlay`` when they come earlier on the line).

A shell asks at every press of Tab, so this reads the catalogue cache (``loading.load``)
and, once it is warm, never parses YAML. Whatever goes wrong (a broken catalogue, a
folder that cannot be read) offers nothing rather than printing into the shell.
Candidates come with a short help (a display name), which zsh and fish show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from modelsunset.model import Catalogue

Candidates = list[tuple[str, str]]


def _catalogue(params: Mapping[str, Any]) -> Catalogue | None:
    from modelsunset.commands import Sources
    from modelsunset.errors import ModelsunsetError

    catalogue = params.get("catalogue")
    overlays = params.get("overlay") or ()
    try:
        return Sources(catalogue if isinstance(catalogue, str) else None, overlays).load()
    except (ModelsunsetError, OSError, ValueError):
        return None


def _matching(pairs: Iterable[tuple[str, str]], incomplete: str) -> Candidates:
    """The pairs whose value starts with what was typed, each value once, sorted."""
    seen: set[str] = set()
    found: Candidates = []
    for value, help_text in pairs:
        if value not in seen and value.startswith(incomplete):
            seen.add(value)
            found.append((value, help_text))
    return sorted(found)


def models(params: Mapping[str, Any], incomplete: str) -> Candidates:
    """Model ids (help: the display name) and aliases (help: whose alias it is)."""
    catalogue = _catalogue(params)
    if catalogue is None:
        return []

    def pairs() -> Iterable[tuple[str, str]]:
        for model in catalogue.models.values():
            yield model.id, model.name
            for alias in model.aliases:
                yield alias, f"{model.name} ({model.id})"
            for entry in model.entries.values():
                for alias in entry.aliases:
                    yield alias, f"{model.name} ({model.id}) on {entry.surface}"

    return _matching(pairs(), incomplete)


def surfaces(params: Mapping[str, Any], incomplete: str) -> Candidates:
    catalogue = _catalogue(params)
    if catalogue is None:
        return []
    return _matching(((s.id, s.name) for s in catalogue.surfaces.values()), incomplete)


def providers(params: Mapping[str, Any], incomplete: str) -> Candidates:
    catalogue = _catalogue(params)
    if catalogue is None:
        return []
    return _matching(((p.id, p.name) for p in catalogue.providers.values()), incomplete)
