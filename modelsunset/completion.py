"""Shell completion: the model ids and aliases, surfaces and providers of the catalogue in
use (with ``--catalogue`` and ``--overlay`` when they come earlier on the line).

A shell asks at every press of Tab, so this reads the catalogue cache (``loading.load``)
and, once it is warm, never parses YAML. Whatever goes wrong (a broken catalogue, a
folder that cannot be read) offers nothing rather than printing into the shell.
Candidates come without help texts: Typer draws those for zsh and fish with rich, whose
import would double the time a press of Tab takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from modelsunset.model import Catalogue

Candidates = list[str]


def _catalogue(params: Mapping[str, Any]) -> Catalogue | None:
    from modelsunset.commands import Sources
    from modelsunset.errors import ModelsunsetError

    catalogue = params.get("catalogue")
    overlays = params.get("overlay") or ()
    try:
        return Sources(catalogue if isinstance(catalogue, str) else None, overlays).load()
    except (ModelsunsetError, OSError, ValueError):
        return None


def _matching(values: Iterable[str], incomplete: str) -> Candidates:
    """The values that start with what was typed, each once, sorted."""
    return sorted({value for value in values if value.startswith(incomplete)})


def models(params: Mapping[str, Any], incomplete: str) -> Candidates:
    """Model ids and aliases, those of one surface among them."""
    catalogue = _catalogue(params)
    if catalogue is None:
        return []

    def names() -> Iterable[str]:
        for model in catalogue.models.values():
            yield model.id
            yield from model.aliases
            for entry in model.entries.values():
                yield from entry.aliases

    return _matching(names(), incomplete)


def surfaces(params: Mapping[str, Any], incomplete: str) -> Candidates:
    catalogue = _catalogue(params)
    if catalogue is None:
        return []
    return _matching(catalogue.surfaces, incomplete)


def providers(params: Mapping[str, Any], incomplete: str) -> Candidates:
    catalogue = _catalogue(params)
    if catalogue is None:
        return []
    return _matching(catalogue.providers, incomplete)
