"""Catalogue files -> one checked ``Catalogue``: read each, layer them, apply the rules,
and build the records of ``model.py``; or raise ``CatalogueError`` with every problem.

The rules run in a fixed order (providers, surfaces, names, then model by model and entry
by entry, then successors and cycles), and problems are sorted by file and line at the
end, a stable sort: so problems on one line keep the order the rules found them in.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelsunset.catalogue import rules
from modelsunset.catalogue.layers import merge
from modelsunset.catalogue.located import Layer, Obj
from modelsunset.catalogue.places import Report
from modelsunset.catalogue.reader import read
from modelsunset.catalogue.schema import (
    ALIASES,
    ANNOUNCED,
    CHECKED,
    DESCRIPTION,
    ENTRY_ALIASES,
    FALLBACK,
    FORMAT_VERSION,
    MODELS,
    NAME,
    NOT_BEFORE,
    NOTE,
    PREFIXES,
    PROVIDER,
    PROVIDERS,
    REPLACEMENT,
    RETIRES,
    SINCE,
    SOURCE,
    SURFACES,
    UPDATED,
    URL,
    VERIFIED,
    VERSION,
    VERSIONS,
)
from modelsunset.catalogue.successors import Entries, check_successors
from modelsunset.catalogue.versions import check_and_derive
from modelsunset.errors import CatalogueError, Problem
from modelsunset.model import Catalogue, Entry, Model, Provider, Surface


def parse(sources: Sequence[tuple[str, bytes]]) -> Catalogue:
    """Layer the given files (name, bytes), in order, into one checked catalogue."""
    if not sources:
        raise CatalogueError([Problem("(none)", None, "no catalogue file given")])
    order = {file: index for index, (file, _) in enumerate(sources)}
    problems: list[Problem] = []
    layers = [read(file, data, problems) for file, data in sources]
    read_well = [layer for layer in layers if layer is not None]
    if len(read_well) < len(layers):
        # A file that is not YAML at all: checking the rest would only add noise.
        raise CatalogueError(_ordered(problems, order))
    # The version of the whole: the newest of its files' (they may mix 1 and 2).
    version = max((VERSION.good(layer) or FORMAT_VERSION for layer in read_well), default=1)
    catalogue = Builder(merge(read_well), Report(problems, order), version).build()
    if problems:
        raise CatalogueError(_ordered(problems, order))
    return catalogue


def _ordered(problems: list[Problem], order: dict[str, int]) -> list[Problem]:
    """Problems by file, in layering order, then by line."""
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line or 0))


class Builder:
    """The layered files -> ``Catalogue`` records, applying ``rules`` on the way."""

    def __init__(self, merged: Layer, report: Report, version: int = FORMAT_VERSION) -> None:
        self.version = version
        self.merged = merged
        self.report = report
        self.providers = merged.tables[PROVIDERS.key]
        self.surfaces = merged.tables[SURFACES.key]
        self.models = merged.tables[MODELS.key]

    def build(self) -> Catalogue:
        report = self.report
        providers = {
            pid: Provider(pid, rules.required_name(report, obj, f"provider {pid}"), URL.good(obj))
            for pid, obj in self.providers.items()
        }
        surfaces = {sid: self.surface(sid, obj) for sid, obj in self.surfaces.items()}
        rules.unique_prefixes(report, self.surfaces)
        names = rules.unique_names(report, self.models)
        entries: Entries = {}
        models: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        for mid, obj in self.models.items():
            provider = rules.model_provider(report, mid, obj, self.providers)
            rules.offered_somewhere(report, mid, obj)
            entries[mid] = {
                sid: self.entry(mid, obj, provider, sid, entry, surfaces)
                for sid, entry in obj.entries.items()
            }
            aliases = ALIASES.good(obj)
            models[mid] = (
                NAME.good(obj) or mid,
                provider,
                tuple(alias for alias, _ in aliases) if aliases is not None else (),
            )
        check_successors(report, self.models, entries, names)
        check_and_derive(report, self.models, entries, names)
        return Catalogue(
            version=self.version,
            updated=UPDATED.good(self.merged),
            verified=VERIFIED.good(self.merged),
            providers=providers,
            surfaces=surfaces,
            models={
                mid: Model(mid, name, provider, aliases, entries[mid])
                for mid, (name, provider, aliases) in models.items()
            },
        )

    def surface(self, sid: str, obj: Obj) -> Surface:
        bound = PROVIDER.of(obj)
        provider = None
        if (
            bound is not None
            and isinstance(bound.value, str)
            and rules.provider_declared(
                self.report, bound.value, bound, self.providers, f"surface {sid}"
            )
        ):
            provider = bound.value
        name = rules.required_name(self.report, obj, f"surface {sid}")
        prefixes = PREFIXES.good(obj) or ()
        return Surface(
            sid, name, provider, DESCRIPTION.good(obj), tuple(prefix for prefix, _ in prefixes)
        )

    def entry(
        self,
        mid: str,
        model: Obj,
        provider: str,
        sid: str,
        entry: Obj,
        surfaces: dict[str, Surface],
    ) -> Entry:
        """The entry of a model on a surface, its successors as written (``successors.py``
        turns them into model ids)."""
        report = self.report
        if rules.surface_declared(report, mid, sid, entry, self.surfaces):
            bound_to = surfaces[sid].provider
            if bound_to is not None:
                surface = self.surfaces[sid]
                rules.surface_of_provider(
                    report, mid, model, provider, sid, entry, surface, bound_to
                )
        retires = RETIRES.good(entry)
        where = f"{mid} on {sid}"
        rules.dates_in_order(report, where, entry, retires)
        rules.one_successor(report, where, entry)
        rules.successor_retires(report, where, entry)
        rules.floor_or_date(report, where, entry)
        versions = VERSIONS.good(entry) or ()
        aliases = ENTRY_ALIASES.good(entry) or ()
        return Entry(
            mid,
            sid,
            SINCE.good(entry),
            ANNOUNCED.good(entry),
            retires,
            FALLBACK.good(entry),
            REPLACEMENT.good(entry),
            SOURCE.good(entry),
            CHECKED.good(entry),
            NOTE.good(entry),
            # As written until versions.py points them at model ids.
            tuple(version for version, _ in versions),
            NOT_BEFORE.good(entry),
            tuple(alias for alias, _ in aliases),
        )
