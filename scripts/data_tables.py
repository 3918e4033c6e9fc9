"""The counts that docs/data.md gives for the bundled catalogue, as Markdown tables.

Run from a checkout with the package installed: ``python scripts/data_tables.py``. Paste
its output into the "What is covered" section of docs/data.md whenever the catalogue
changes (the surface descriptions there are written by hand; only the figures come
from here).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from modelsunset import api
from modelsunset.model import Entry

KINDS = ("retires", "versions", "not_before", "floor_versions", "nothing")


def kind(entry: Entry) -> str:
    if entry.retires is not None:
        return "retires" if entry.derived_from is None else "versions"
    if entry.not_before is not None:
        return "not_before" if entry.derived_from is None else "floor_versions"
    return "nothing"


def main() -> None:
    catalogue = api.load(cache=False)
    per_surface: dict[str, Counter[str]] = defaultdict(Counter)
    per_pair: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    models: Counter[str] = Counter()
    for model in catalogue.models.values():
        models[model.provider] += 1
        for surface, entry in model.entries.items():
            per_surface[surface][kind(entry)] += 1
            per_pair[(model.provider, surface)][kind(entry)] += 1
    total: Counter[str] = Counter()
    for counts in per_surface.values():
        total.update(counts)
    entries = sum(total.values())
    print(
        f"{len(catalogue.providers)} providers, {len(catalogue.surfaces)} surfaces, "
        f"{len(catalogue.models)} models and {entries:,} (model, surface) entries. "
        f"{total['retires']} entries carry a retirement date of their own (`retires`) and "
        f"{total['versions']} more take one from the versions they are served by "
        f"(`versions`); {total['not_before']} carry a floor (`not_before`) and "
        f"{total['floor_versions']} take one from their versions; the remaining "
        f"{total['nothing']} are offered with nothing scheduled.\n"
    )
    print(
        "| surface | entries | `retires` | dated by `versions` | `not_before` "
        "| floor by `versions` |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for surface in catalogue.surfaces:
        c = per_surface[surface]
        print(
            f"| `{surface}` | {sum(c.values())} | {c['retires']} | {c['versions']} "
            f"| {c['not_before']} | {c['floor_versions']} |"
        )
    print()
    print(
        "| provider | surface | entries | `retires` | dated by `versions` | `not_before` "
        "| floor by `versions` | nothing scheduled |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for provider_id, provider in catalogue.providers.items():
        for surface in catalogue.surfaces:
            c = per_pair.get((provider_id, surface))
            if not c:
                continue
            print(
                f"| {provider.name} | `{surface}` | {sum(c.values())} | "
                + " | ".join(str(c[k]) for k in KINDS)
                + " |"
            )
    print(f"| **all** | | **{entries}** | " + " | ".join(f"**{total[k]}**" for k in KINDS) + " |\n")
    print(
        "Models per provider: "
        + ", ".join(
            f"{catalogue.providers[p].name} {n}"
            for p, n in sorted(models.items(), key=lambda pn: (-pn[1], pn[0]))
        )
        + "."
    )


if __name__ == "__main__":
    main()
