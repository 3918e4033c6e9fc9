"""Building catalogues in tests: from short specs straight to model objects, or to YAML
text for the loader."""

from __future__ import annotations

from datetime import date
from typing import Any

from modelsunset.model import Catalogue, Entry, Model, Provider, Surface


def D(text: str) -> date:
    return date.fromisoformat(text)


DATE_KEYS = ("since", "announced", "retires", "checked")


def catalogue(
    models: dict[str, dict[str, dict[str, Any]]], names: dict[str, str] | None = None
) -> Catalogue:
    """``{"a": {"api": {"retires": "2026-03-01", "replacement": "b"}}, ...}`` -> Catalogue.

    Dates may be given as text. No checks: the resolver must cope with anything.
    """
    names = names or {}
    built: dict[str, Model] = {}
    surfaces: set[str] = set()
    for model_id, entries in models.items():
        made: dict[str, Entry] = {}
        for surface, fields in entries.items():
            surfaces.add(surface)
            values = {
                key: D(value) if key in DATE_KEYS and isinstance(value, str) else value
                for key, value in fields.items()
            }
            made[surface] = Entry(model=model_id, surface=surface, **values)
        built[model_id] = Model(model_id, names.get(model_id, model_id), "acme", (), made)
    return Catalogue(
        version=1,
        updated=D("2026-01-01"),
        providers={"acme": Provider("acme", "Acme")},
        surfaces={s: Surface(s, s.title()) for s in sorted(surfaces)},
        models=built,
    )


def to_yaml(models: dict[str, dict[str, dict[str, Any]]]) -> str:
    """The YAML text of a catalogue spec, for feeding the loader."""
    surfaces = sorted({s for entries in models.values() for s in entries})
    lines = ["version: 1", "providers:", "  acme: {name: Acme}", "surfaces:"]
    lines += [f"  {s}: {{name: {s.title()}}}" for s in surfaces]
    lines.append("models:")
    for model_id, entries in models.items():
        lines += [f"  {model_id}:", "    provider: acme", "    surfaces:"]
        for surface, fields in entries.items():
            if not fields:
                lines.append(f"      {surface}:")
                continue
            lines.append(f"      {surface}:")
            for key, value in fields.items():
                text = value.isoformat() if isinstance(value, date) else str(value)
                lines.append(f"        {key}: {text}")
    return "\n".join(lines) + "\n"
