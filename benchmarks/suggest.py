"""How long "did you mean" takes on a catalogue of a million aliases.

    python benchmarks/suggest.py                 # 1,000,000 aliases over 100,000 models
    python benchmarks/suggest.py --aliases 200000 --models 20000

Builds the catalogue in memory (as records: a YAML file of that size would take minutes
to load, which is not what is measured here), then times, each the median of ``--runs``:

* ``NameIndex``: the look-up tables every command builds from a catalogue;
* ``find``: one unknown name asked for, as ``resolve`` asks (the tables, the
  ``Suggester`` over every id and alias, and the suggestions);
* ``Suggester``: building it alone;
* each word of ``WORDS`` asked of a built ``Suggester`` (what ``check`` pays for each
  unknown id it meets, once per id): a typo, a part of an id, a word of nothing.

Prints seconds. Nothing here is a pass or a fail: a timed test would fail on a slow
machine; the figures are for people to compare between versions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time
from collections.abc import Callable

from modelsunset.errors import UnknownName
from modelsunset.model import Entry, Model
from modelsunset.names import NameIndex, Suggester

WORDS = ("gpt-4p", "4o", "gpt-4o-2024-typo", "claude-sonet-4", "zzqx-unknown-9", "model-12345-x")


def catalogue(models: int, aliases: int, crowd: float, seed: int = 7) -> dict[str, Model]:
    """``models`` models with ``aliases`` aliases between them, named as providers name
    models (a family, a version, a size, a date), with a few real ids among them; the
    share ``crowd`` of the aliases belongs to ``gpt-4o``, so that one beginning (``gpt-4``)
    is shared by that many names, as a hostile catalogue may have it."""
    rng = random.Random(seed)
    families = ["gpt", "claude", "gemini", "llama", "mistral", "command", "titan", "nova"]
    sizes = ["mini", "nano", "pro", "flash", "large", "small", "haiku", "sonnet", "opus"]
    found: dict[str, Model] = {}
    real = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4-0", "gemini-2.5-pro"]
    crowded = int(aliases * crowd)
    per_model = max(1, (aliases - crowded) // models)
    for number in range(models):
        if number < len(real):
            mid = real[number]
        else:
            mid = (
                f"{rng.choice(families)}-{rng.randint(1, 9)}.{rng.randint(0, 9)}-"
                f"{rng.choice(sizes)}-{number}"
            )
        names = tuple(
            f"{mid}-{rng.randint(2023, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            f"-{''.join(rng.choices(string.ascii_lowercase, k=3))}{alias}"
            for alias in range(crowded if number == 0 else per_model)
        )
        entry = Entry(model=mid, surface="api")
        found[mid] = Model(mid, mid, "provider", names, {"api": entry})
    return found


def timed(what: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        what()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aliases", type=int, default=1_000_000)
    parser.add_argument("--models", type=int, default=100_000)
    parser.add_argument("--crowd", type=float, default=0.3, help="share of gpt-4o's aliases")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    models = catalogue(args.models, args.aliases, args.crowd)
    count = sum(len(model.aliases) for model in models.values())
    print(f"{len(models):,} models, {count:,} aliases; median of {args.runs} runs, seconds")

    index_time = timed(lambda: NameIndex(models), args.runs)
    print(f"NameIndex            {index_time:8.3f}")
    index = NameIndex(models)

    def find() -> None:
        try:
            index.find("gpt-4p")
        except UnknownName as exc:
            assert exc.suggestions, "no suggestion for gpt-4p"

    print(f"find('gpt-4p')       {timed(find, args.runs):8.3f}")
    candidates = [*index.models, *index.by_alias]
    print(f"Suggester            {timed(lambda: Suggester(candidates), args.runs):8.3f}")
    suggester = Suggester(candidates)
    for word in WORDS:
        # A new Suggester each run would time its building again; its memo is cleared.
        def ask(word: str = word) -> list[str]:
            suggester.memo.clear()
            return suggester(word)

        took = timed(ask, args.runs)
        print(f"  {word:<18} {took:8.4f}  {', '.join(ask()) or '(none)'}")


if __name__ == "__main__":
    main()
