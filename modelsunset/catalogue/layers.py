"""Layering: later files add providers, surfaces and models, add surfaces to a model, and
override fields one by one (contract section 2).

Every top-level table of ``schema.py`` is merged the same way. The first layer becomes the
whole: later ones are merged into it (the layers are read for this alone, so nothing else
sees them change), and a single file is used as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelsunset.catalogue.located import Layer, Obj


def merge(layers: Sequence[Layer]) -> Layer:
    """The layers, in order, as one: the first, with each later one merged into it."""
    merged = layers[0]
    for layer in layers[1:]:
        merged.fields.update(layer.fields)
        for key, objs in layer.tables.items():
            target = merged.tables[key]
            for id_, obj in objs.items():
                if id_ in target:
                    _merge_obj(target[id_], obj)
                else:
                    target[id_] = obj
    return merged


def _merge_obj(target: Obj, extra: Obj) -> None:
    """Later fields win, one by one; an entry written as null changes nothing."""
    target.broken = target.broken or extra.broken
    target.fields.update(extra.fields)
    for surface, entry in extra.entries.items():
        if surface in target.entries:
            target.entries[surface].fields.update(entry.fields)
        else:
            target.entries[surface] = entry
